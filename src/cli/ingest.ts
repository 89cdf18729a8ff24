/**
 * `npm run ingest -- <url>…`: reads each URL — an RSS 2.0 or Atom feed, or a single article page — into
 * `SEEDS_DIR` as Markdown files with front matter, one per article URL (running it again adds nothing it
 * already has). Prints a one-line summary on stdout; each URL or feed item that fails is named on stderr with
 * its reason (no stack trace) and the others are still ingested. Exit 0 when every URL was read, 1 when any
 * failed, 2 for a usage mistake.
 */
import { Ingester, summarize } from '../ingest/ingest.ts';
import { exitWithError, readEnvConfig } from './read-env-config.ts';

const USAGE = `Usage: npm run ingest -- <url> [<url>…]
  Each URL is an RSS 2.0 or Atom feed (every article it lists is read) or a single news page.
  Articles are saved into SEEDS_DIR as Markdown files with front matter; a running Newsdesk picks them up.
`;

const urls = process.argv.slice(2).filter((arg) => arg !== '--');
if (urls.includes('--help') || urls.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const flag = urls.find((arg) => arg.startsWith('-'));
if (!urls.length || flag) {
  process.stderr.write(`npm run ingest: ${flag ? `unknown option ${flag}` : 'no URL given'}\n\n${USAGE}`);
  process.exit(2);
}

try {
  const config = readEnvConfig();
  const reports = await new Ingester({ seedsDir: config.seedsDir }).ingest(urls);
  for (const report of reports) {
    if (report.error) process.stderr.write(`Could not ingest ${report.url}: ${report.error}\n`);
    for (const problem of report.problems) process.stderr.write(`In feed ${report.url}: ${problem}\n`);
  }
  process.stdout.write(`Ingested ${summarize(reports)} into ${config.seedsDir}\n`);
  if (reports.some((r) => r.error || r.problems.length)) process.exitCode = 1;
} catch (error) {
  exitWithError(error);
}
