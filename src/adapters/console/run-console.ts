import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandHandler } from '../../core/commands/command-handler.ts';
import { type CommandInput, parseCommandText, runCommand } from '../../core/commands/run-command.ts';
import type { Desk } from '../../core/desk.ts';
import type { Logger, Reply } from '../../core/types.ts';
import { renderPlainText } from '../../render/plain-text.ts';
import { statsLine } from '../../render/reply-text.ts';

/** Options for {@link runConsole}. */
export interface ConsoleOptions {
  desk: Desk;
  input: Readable;
  output: Writable;
  logger: Logger;
  /** The command handler to run commands through (default: straight on the desk). */
  handle?: CommandHandler;
  /** Show the prompt and banner as for a person at a terminal (default true). */
  interactive?: boolean;
}

const PROMPT = 'newsdesk> ';

/**
 * The local console: a banner, then a prompt where plain text asks a question and `/sources`,
 * `/article <id> [¶]`, `/help`, `/more` and `/quit` work. Resolves when the user quits or input ends
 * (Ctrl+D).
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { desk, output, logger } = options;
  const handle = options.handle ?? ((input: CommandInput) => runCommand(desk, input));
  const rl = createInterface({
    input: options.input,
    output,
    terminal: false,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const write = (text: string) => output.write(`${text}\n`);
  const prompt = () => {
    if (options.interactive !== false) output.write(PROMPT);
  };
  write(banner(desk));
  prompt();
  let lastAsk: { question: string; nextOffset?: number } | undefined;
  for await (const line of rl) {
    const text = line.trim();
    if (/^\/?(quit|exit)$/i.test(text)) break;
    if (!text) {
      prompt();
      continue;
    }
    try {
      let input: CommandInput;
      if (/^\/?more$/i.test(text)) {
        if (lastAsk?.nextOffset === undefined) {
          write('There are no more results. Ask another question.');
          prompt();
          continue;
        }
        input = { name: 'ask', question: lastAsk.question, offset: lastAsk.nextOffset };
      } else {
        input = parseCommandText(text);
      }
      const reply: Reply = handle(input, { platform: 'console', userId: 'local' });
      if (input.name === 'ask' && reply.kind === 'answer')
        lastAsk = { question: input.question, nextOffset: reply.nextOffset };
      write(`\n${renderPlainText(reply)}\n`);
    } catch (error) {
      logger.error('Console command failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      write('Sorry, something went wrong answering that. Please try again.');
    }
    prompt();
  }
  rl.close();
  write('Bye.');
}

/** The greeting: what is indexed and how to connect the chat platforms. */
export function banner(desk: Desk): string {
  return [
    `Newsdesk — ${statsLine(desk.stats)} indexed.`,
    'Type a question, or /sources, /article <id> [¶], /help, /more, /quit (Ctrl+D also quits).',
    'To answer on Discord set DISCORD_TOKEN; on Slack set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (or SLACK_SIGNING_SECRET) in .env.',
  ].join('\n');
}
