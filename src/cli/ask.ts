/**
 * `npm run ask -- "question"`: answers once, in plain text.
 * `npm run --silent ask -- --json "question"`: one JSON object (see `render/json.ts`) and nothing else on stdout.
 * `npm run --silent ask -- --json --batch`: one question per stdin line, one JSON object per line, in order.
 */
import { createInterface } from 'node:readline';
import { runCommand } from '../core/commands/run-command.ts';
import type { Desk } from '../core/desk.ts';
import { loadDesk } from '../load-desk.ts';
import { createStderrLogger } from '../logger.ts';
import { renderJson } from '../render/json.ts';
import { renderPlainText } from '../render/plain-text.ts';
import { exitWithError, readEnvConfig } from './read-env-config.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const batch = args.includes('--batch');
const question = args.filter((a) => a !== '--json' && a !== '--batch').join(' ');

function answer(desk: Desk, q: string): string {
  const reply = runCommand(desk, { name: 'ask', question: q });
  return json ? JSON.stringify(renderJson(q, reply)) : renderPlainText(reply);
}

try {
  const config = readEnvConfig();
  const { desk, saveSnapshot } = await loadDesk(config, createStderrLogger({ level: 'warn' }));
  if (batch) {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      process.stdout.write(`${answer(desk, line)}\n`);
    }
  } else if (!question.trim() && !json) {
    process.stdout.write(
      'Usage: npm run ask -- "your question"   (add --json for JSON, --batch to read stdin)\n',
    );
    process.exitCode = 2;
  } else {
    process.stdout.write(`${answer(desk, question)}\n`);
  }
  // After answering: a snapshot saves the next run from indexing the articles again.
  if (process.exitCode === undefined) await saveSnapshot();
} catch (error) {
  exitWithError(error);
}
