import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandHandler } from '../../core/commands/command-handler.ts';
import { COMMANDS } from '../../core/commands/commands.ts';
import { type CommandInput, parseCommandText, runCommand } from '../../core/commands/run-command.ts';
import type { Desk } from '../../core/desk.ts';
import type { Logger, Reply } from '../../core/types.ts';
import { renderPlainText } from '../../render/plain-text.ts';
import { statsLine } from '../../render/reply-text.ts';
import { PLATFORMS } from '../platforms.ts';
import type { ConsoleLogSink } from './log-sink.ts';

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
  /** Where the logger writes: log lines are then printed above the prompt, which is drawn again below. */
  logSink?: ConsoleLogSink;
  /** Ends the console as if the input had ended (e.g. on SIGINT when the input is not a terminal). */
  signal?: AbortSignal;
}

const PROMPT = 'newsdesk> ';

/** The console's own commands, besides the commands every platform has (`help` lists both). */
const CONSOLE_COMMANDS = [
  { usage: '/more', description: 'Show the next results for the last question.' },
  { usage: '/quit', description: 'Leave (Ctrl+D, or Ctrl+C twice, also quits).' },
];
const COMMAND_NAMES = new Set([...COMMANDS.map((c) => c.name), 'more', 'quit', 'exit']);

/** "tell me more", "more please", "show more results": asking for the next results in words. */
const MORE_IN_WORDS =
  /^(?:(?:please\s+)?(?:tell|show|give)(?:\s+me)?\s+|any\s+|some\s+)?more\b[\s\w]*[.!?]*$/i;

/**
 * The local console: a banner, then a prompt where plain text asks a question and `/sources`,
 * `/article <id> [¶]`, `/help`, `/more` and `/quit` work. Resolves when the user quits or input ends
 * (Ctrl+D). At a terminal, Ctrl+C clears a half-typed line, and on an empty line asks for a second Ctrl+C
 * to quit, as shells and the Node REPL do.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { desk, output, logger } = options;
  const handle = options.handle ?? ((input: CommandInput) => runCommand(desk, input));
  const interactive = options.interactive !== false;
  const terminal = interactive && Boolean((options.input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({
    input: options.input,
    output,
    terminal,
    prompt: PROMPT,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const write = (text: string) => output.write(`${text}\n`);
  let waiting = false;
  const prompt = () => {
    if (!interactive) return;
    waiting = true;
    if (terminal) rl.prompt(true);
    else output.write(PROMPT);
  };
  if (options.logSink && interactive && (output as { isTTY?: boolean }).isTTY) {
    options.logSink.around = (writeLog) => {
      if (!waiting) return writeLog();
      clearLine(output, 0);
      cursorTo(output, 0);
      writeLog();
      prompt();
    };
  }
  let quitArmed = false;
  rl.on('SIGINT', () => {
    if (rl.line) {
      // Like a shell (and the Node REPL): leave the half-typed line on screen marked ^C, and start a fresh one.
      rl.write(null, { ctrl: true, name: 'e' });
      output.write('^C\n');
      Object.assign(rl, { line: '', cursor: 0 });
      quitArmed = false;
    } else if (quitArmed) {
      output.write('\n');
      rl.close();
      return;
    } else {
      output.write('\n(To quit, press Ctrl+C again, press Ctrl+D, or type /quit.)\n');
      quitArmed = true;
    }
    prompt();
  });
  options.signal?.addEventListener('abort', () => rl.close(), { once: true });
  write(banner(desk));
  prompt();
  let lastAsk: { question: string; nextOffset?: number } | undefined;
  for await (const line of rl) {
    waiting = false;
    quitArmed = false;
    const text = line.trim();
    if (/^\/?(quit|exit)$/i.test(text)) break;
    if (!text) {
      prompt();
      continue;
    }
    try {
      const unknown = /^\/(\S+)/.exec(text)?.[1];
      if (unknown && !COMMAND_NAMES.has(unknown.toLowerCase())) {
        write(
          `\nUnknown command /${unknown}. The commands are:\n${commandList()}\nOr just type a question.\n`,
        );
        prompt();
        continue;
      }
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
      const reply: Reply = await handle(input, { platform: 'console', userId: 'local' });
      if (input.name === 'ask' && reply.kind === 'answer')
        lastAsk = { question: input.question, nextOffset: reply.nextOffset };
      write(`\n${render(reply, text)}\n`);
    } catch (error) {
      logger.error('Console command failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      write('Sorry, something went wrong answering that. Please try again.');
    }
    prompt();
  }
  waiting = false;
  if (options.logSink) options.logSink.around = undefined;
  rl.close();
  write('Bye.');
}

/** A reply as the console shows it: `help` lists the console's own commands too; "tell me more" is hinted. */
function render(reply: Reply, typed: string): string {
  if (reply.kind === 'help') {
    const lines = CONSOLE_COMMANDS.map((c) => `  ${c.usage.slice(1).padEnd(26)} ${c.description}`);
    return renderPlainText(reply).replace(/\n\nOr just type a question\.$/, `\n${lines.join('\n')}$&`);
  }
  if (reply.kind === 'problem' && reply.code === 'no-words' && MORE_IN_WORDS.test(typed))
    return 'For the next results of your last question, type /more.';
  return renderPlainText(reply);
}

function commandList(): string {
  const shared = COMMANDS.map((c) => ({ usage: `/${c.usage}`, description: c.description }));
  return [...shared, ...CONSOLE_COMMANDS].map((c) => `  ${c.usage.padEnd(26)} ${c.description}`).join('\n');
}

/** The greeting: what is indexed and how to connect the chat platforms. */
export function banner(desk: Desk): string {
  return [
    `Newsdesk — ${statsLine(desk.stats)} indexed.`,
    'Type a question, or /sources, /article <id> [¶], /help, /more, /quit (Ctrl+D also quits).',
    `To answer ${PLATFORMS.map((platform) => platform.turnOn).join('; ')} in .env.`,
  ].join('\n');
}
