/**
 * Every command, in the order `help` and Discord list them. Adding a command is a module beside this one
 * exporting a {@link Command}, and its line here.
 */
import { article } from './article.ts';
import { ask } from './ask.ts';
import type { Command } from './command.ts';
import { help } from './help.ts';
import { sources } from './sources.ts';

export const COMMANDS = [ask, sources, article, help] as const;

/** The input a command reads. */
type InputOf<C> = C extends Command<infer Input> ? Input : never;

/** A command and its arguments, as every platform passes it to `runCommand`: one per listed command. */
export type CommandInput = InputOf<(typeof COMMANDS)[number]>;

/** What any command's input may hold, for code that reads every command alike. */
type AnyCommand = Command<CommandInput>;

/** The command of this name (case as listed), or undefined. */
export function commandNamed(name: string): AnyCommand | undefined {
  return (COMMANDS as readonly unknown[]).find((c) => (c as AnyCommand).name === name) as
    | AnyCommand
    | undefined;
}

/** The command a question is: what plain text is read as when it names no other. */
export const QUESTION_COMMAND: AnyCommand = ask as AnyCommand;
