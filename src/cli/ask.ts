/**
 * `npm run ask -- "question"`: answers once, in plain text.
 * `npm run --silent ask -- --json "question"`: one JSON object (see `render/json.ts`) and nothing else on stdout.
 * `npm run --silent ask -- --json --batch`: one question per stdin line, one JSON object per line, in order.
 * `--help`/`-h` prints the usage (exit 0); an unknown flag or a missing question is an error on stderr with the
 * usage, exit 2, in plain and JSON mode alike. The flags are listed once, in `ask-options.ts`.
 */
import { createInterface } from 'node:readline';
import { runCommand } from '../core/commands/run-command.ts';
import type { Desk } from '../core/desk.ts';
import { loadDesk } from '../load-desk.ts';
import { createStderrLogger } from '../logger.ts';
import { renderJson } from '../render/json.ts';
import { renderPlainText } from '../render/plain-text.ts';
import { askUsage, parseAskArgs } from './ask-options.ts';
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

/** A command-line mistake: the problem and the usage on stderr (stdout stays clean for --json), exit 2. */
function usageError(problem: string): never {
  process.stderr.write(`npm run ask: ${problem}\n\n${askUsage()}`);
  process.exit(2);
}

function answer(desk: Desk, q: string): string {
  const reply = runCommand(desk, { name: 'ask', question: q });
  return json ? JSON.stringify(renderJson(q, reply)) : renderPlainText(reply);
}

try {
  const config = readEnvConfig();
  const { desk, saveSnapshot } = await loadDesk(config, createStderrLogger({ level: 'warn' }));
  if (flags.batch) {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      process.stdout.write(`${answer(desk, line)}\n`);
    }
  } else {
    process.stdout.write(`${answer(desk, question)}\n`);
  }
  // After answering: a snapshot saves the next run from indexing the articles again.
  if (process.exitCode === undefined) await saveSnapshot();
} catch (error) {
  exitWithError(error);
}
