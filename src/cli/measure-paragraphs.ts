/**
 * `npm run measure:paragraphs [-- --misses]`: scores the furniture and heading rules against the hand labels
 * in `eval/realnews-paragraph-labels.jsonl` (article id + paragraph number + label, no text) on the real
 * scraped articles in `../shared/realnews/articles` (or `REALNEWS_DIR`): precision and recall per stratum
 * (`uniform` estimates the corpus; `short` adds short paragraphs for recall) and overall. `--misses` lists
 * each disagreement by id and paragraph number.
 */
import { existsSync } from 'node:fs';
import { describeScore, measureParagraphs, readParagraphLabels } from '../eval/measure-paragraphs.ts';

const dir = process.env.REALNEWS_DIR ?? '../shared/realnews/articles';
if (!existsSync(dir)) {
  process.stderr.write(`npm run measure:paragraphs: no articles at ${dir} (set REALNEWS_DIR)\n`);
  process.exit(1);
}
const labels = await readParagraphLabels('eval/realnews-paragraph-labels.jsonl');
for (const stratum of ['uniform', 'short', 'all']) {
  const subset = stratum === 'all' ? labels : labels.filter((l) => l.stratum === stratum);
  const scores = await measureParagraphs(dir, subset);
  process.stdout.write(
    `${stratum} (${scores.labels} labels): ${describeScore('furniture', scores.furniture)}; ${describeScore('headings', scores.heading)}\n`,
  );
  if (stratum === 'all' && process.argv.includes('--misses')) {
    for (const miss of scores.misses) process.stdout.write(`  ${miss}\n`);
  }
}
