/**
 * What a command is: one module each (`ask.ts`, `sources.ts` …), listed in `commands.ts`. Everything that
 * offers commands is derived from them: the text parser of the console, DMs, mentions and Slack's `/ask`
 * (`parse-command-text.ts`), `help`, Discord's slash-command definitions and Slack's button values.
 */
import type { Desk } from '../desk.ts';
import type { Reply } from '../types.ts';

/** A named argument, as a platform with typed options (Discord's slash commands) offers it. */
export interface CommandOption {
  name: string;
  type: 'string' | 'integer' | 'boolean';
  /** One line, shown where the option is typed. */
  description: string;
  required?: boolean;
  /** Smallest value (`integer`). */
  min?: number;
  /** Longest value a platform should let a user type (`string`); the command itself may shorten further. */
  maxLength?: number;
  /** Values are suggested as the user types: `articles` suggests article ids by title. */
  suggest?: 'articles';
}

/** What {@link Command.run} is given besides the desk. */
export interface RunContext {
  /** Every command, for `help`. */
  commands: readonly CommandInfo[];
}

/** A command as `help` lists it. */
export interface CommandInfo {
  name: string;
  /** How to type it, e.g. `article <id> [paragraph]`. */
  usage: string;
  /** One line for `help`. */
  description: string;
}

/** One command: its name, usage, how its arguments are read, and what it does. */
export interface Command<Input extends { name: string }> extends CommandInfo {
  name: Input['name'];
  /** One line for command pickers (Discord's slash-command list), up to 100 characters. */
  summary: string;
  /** Its named arguments, in order (required ones first). */
  options: readonly CommandOption[];
  /** The reply may be shown only to the asker when they ask (Discord's `private:` option). */
  privateReply?: boolean;
  /**
   * Reads the text after the command's name (`article 3 ¶2` → `3 ¶2`). `slash` says it was typed with a
   * leading `/`, so it surely means the command. Undefined when the text does not have the command's shape:
   * it is then read as a question ("sources of funding?").
   */
  fromText(rest: string, slash: boolean): Input | undefined;
  /**
   * Reads named values (a Discord slash command's options, a Slack button's value): undefined when they do
   * not make this command (a missing or malformed value).
   */
  fromOptions(values: Readonly<Record<string, unknown>>): Input | undefined;
  /** Runs it against the desk: the platform-neutral reply. */
  run(desk: Desk, input: Input, context: RunContext): Reply | Promise<Reply>;
}

/**
 * An optional whole-number value of a command (`fromOptions`): `{ ok: true, value }` (undefined when
 * absent), or not ok when it is there but not a whole number from `min` on.
 */
export function optionalWhole(value: unknown, min: number): { ok: true; value?: number } | { ok: false } {
  if (value === undefined) return { ok: true };
  return Number.isInteger(value) && (value as number) >= min
    ? { ok: true, value: value as number }
    : { ok: false };
}
