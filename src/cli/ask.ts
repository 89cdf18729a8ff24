/**
 * `npm run ask -- "question"`: answers once, in plain text.
 * `npm run --silent ask -- --json "question"`: one JSON object (see `render/json.ts`) and nothing else on stdout.
 * `npm run --silent ask -- --json --batch`: one question per stdin line, one JSON object per line, in order; a
 * line may be `{"question": "…", "as_of": "YYYY-MM-DD"}` (see `batch-line.ts`).
 * `--as-of YYYY-MM-DD`: answered as of that day (articles published later are not cited); else as of now.
 * `--explain`: also prints, for each cited passage, every ranking feature's value, weight and contribution, and
 * the confidence with its threshold (`render/explain.ts`); with `--json`, as an `explain` field.
 * `--help`/`-h` prints the usage (exit 0); an unknown flag or a missing question is an error on stderr with the
 * usage, exit 2, in plain and JSON mode alike. The flags are listed once, in `ask-options.ts`.
 */
import { createInterface } from 'node:readline';
import { secretsOf } from '../config.ts';
import { runCommand } from '../core/commands/run-command.ts';
import type { Desk } from '../core/desk.ts';
import { parseAsOf } from '../core/time/as-of.ts';
import { loadDesk } from '../load-desk.ts';
import { createLogger } from '../logging/create-logger.ts';
import { explainRanking, formatExplanation } from '../render/explain.ts';
import { renderJson } from '../render/json.ts';
import { renderPlainText } from '../render/plain-text.ts';
import { askUsage, parseAskArgs } from './ask-options.ts';
import { readBatchLine } from './batch-line.ts';
import { exitWithError, readEnvConfig } from './read-env-config.ts';

const args = parseAskArgs(process.argv.slice(2));
if (!args.ok) usageError(args.error);
const { flags, question } = args;
if (flags.help) {
  process.stdout.write(askUsage());
  process.exit(0);
}
if (flags.batch && question.trim()) usageError('give a question or --batch (questions on stdin), not both');
if (!flags.batch && !question.trim()) usageError('no question given');
const json = flags.json;
const asOf = flags['as-of'] === undefined ? undefined : parseAsOf(flags['as-of']);
if (flags['as-of'] !== undefined && !asOf) {
  usageError(`--as-of needs a day, YYYY-MM-DD (got "${flags['as-of']}")`);
}

/** A command-line mistake: the problem and the usage on stderr (stdout stays clean for --json), exit 2. */
function usageError(problem: string): never {
  process.stderr.write(`npm run ask: ${problem}\n\n${askUsage()}`);
  process.exit(2);
}

async function answer(desk: Desk, q: string, when: Date | undefined = asOf): Promise<string> {
  const reply = await runCommand(desk, { name: 'ask', question: q, asOf: when });
  if (!flags.explain) return json ? JSON.stringify(renderJson(q, reply)) : renderPlainText(reply);
  // --explain: the same ranking again, with its features (ranking is deterministic).
  const ranked = await desk.rank(q, { asOf: when });
  const cited = reply.kind === 'answer' ? reply.passages : [];
  const explanation = ranked && explainRanking(ranked, cited);
  if (json) return JSON.stringify({ ...renderJson(q, reply), explain: explanation ?? null });
  const why = explanation
    ? formatExplanation(explanation)
    : 'Nothing to rank: the question has no words to search.';
  return `${renderPlainText(reply)}\n\nWhy (--explain):\n${why}`;
}

/**
 * A batch line that could not be read: said on stderr with its line number, and answered as not answered
 * (so stdout keeps one answer per line, in order); the run then ends with status 2.
 */
function badLine(n: number, line: { question: string; error: string }): string {
  process.stderr.write(`npm run ask: stdin line ${n} ${line.error}\n`);
  process.exitCode = 2;
  if (json) return JSON.stringify({ question: line.question, answered: false, answer: null, results: [] });
  return `Line ${n} ${line.error}: not answered.`;
}

try {
  const config = readEnvConfig();
  const { desk, saveSnapshot } = await loadDesk(
    config,
    createLogger({ level: 'warn', secrets: secretsOf(config) }),
  );
  if (flags.batch) {
    let n = 0;
    for await (const text of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      const line = readBatchLine(text);
      n++;
      process.stdout.write(
        `${line.ok ? await answer(desk, line.question, line.asOf ?? asOf) : badLine(n, line)}\n`,
      );
    }
  } else {
    process.stdout.write(`${await answer(desk, question)}\n`);
  }
  // After answering: a snapshot saves the next run from indexing the articles again.
  if (process.exitCode === undefined) await saveSnapshot();
} catch (error) {
  exitWithError(error);
}
