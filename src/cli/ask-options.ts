/**
 * The flags of `npm run ask`: one list, from which both the parser (node:util `parseArgs`) and the usage text
 * are made, so a new flag is one entry here and shows up in `--help` by itself.
 */
import { parseArgs } from 'node:util';
import { editDistance } from '../core/search/edit-distance.ts';

/** One flag of `npm run ask`. */
export interface AskOption {
  /** Long name, without the dashes. */
  name: string;
  /** One-letter alias, without the dash. */
  short?: string;
  /** `boolean` for a switch, `string` for a flag that takes a value. */
  type: 'boolean' | 'string';
  /** For a `string` flag: what its value is, as shown in the usage (`<date>`). */
  value?: string;
  /** One line for the usage. */
  description: string;
}

/** Every flag `npm run ask` accepts. */
export const ASK_OPTIONS = [
  {
    name: 'json',
    type: 'boolean',
    description: 'print one JSON object per question, and nothing else on stdout',
  },
  {
    name: 'batch',
    type: 'boolean',
    description:
      'read one question per line from stdin; a line may be {"question": "…", "as_of": "YYYY-MM-DD"}',
  },
  {
    name: 'as-of',
    type: 'string',
    value: '<YYYY-MM-DD>',
    description: 'answer as of that day: articles published after it are not cited (default: now)',
  },
  {
    name: 'explain',
    type: 'boolean',
    description:
      'also show, per cited passage, every ranking feature with its weight and contribution, and the confidence',
  },
  { name: 'help', short: 'h', type: 'boolean', description: 'show this help' },
] as const satisfies readonly AskOption[];

/** The parsed flags: a boolean per switch, a string (or undefined) per flag with a value. */
export type AskFlags = {
  [O in (typeof ASK_OPTIONS)[number] as O['name']]: O['type'] extends 'boolean'
    ? boolean
    : string | undefined;
};

/** What the command line asks for, or the problem with it (to print with the usage, exit status 2). */
export type AskArgs = { ok: true; flags: AskFlags; question: string } | { ok: false; error: string };

/** The usage text, flags from `ASK_OPTIONS`. */
export function askUsage(): string {
  const left = (o: AskOption) =>
    `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`;
  const width = Math.max(...ASK_OPTIONS.map((o: AskOption) => left(o).length));
  return [
    'Usage: npm run ask -- [options] "your question"',
    '       npm run --silent ask -- --json --batch < questions.txt',
    '       npm run ask -- --as-of 2022-06-17 "your question"',
    '',
    'Options:',
    ...ASK_OPTIONS.map((o: AskOption) => `  ${left(o).padEnd(width)}  ${o.description}`),
    '',
    'A question starting with "-" goes after "--": npm run ask -- -- "-5 degrees?"',
    '',
  ].join('\n');
}

/**
 * Reads `npm run ask`'s arguments. An unknown flag is an error naming it (never searched as a word); a question
 * is the positional arguments joined by spaces.
 */
export function parseAskArgs(argv: readonly string[]): AskArgs {
  const config = Object.fromEntries(
    ASK_OPTIONS.map((o: AskOption) => [
      o.name,
      o.short ? { type: o.type, short: o.short } : { type: o.type },
    ]),
  );
  // Not strict: the tokens are checked here, so the message names the flag in the user's words.
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = ASK_OPTIONS.find((o: AskOption) => o.name === token.name) as AskOption | undefined;
    if (!option) return { ok: false, error: unknownOption(token.rawName) };
    if (option.type === 'boolean' && token.value !== undefined) {
      return { ok: false, error: `${token.rawName} takes no value (got "${token.value}")` };
    }
    if (option.type === 'string' && token.value === undefined) {
      return {
        ok: false,
        error: `${token.rawName} needs a value: ${token.rawName} ${option.value ?? '<value>'}`,
      };
    }
  }
  const flags = Object.fromEntries(
    ASK_OPTIONS.map((o: AskOption) => [
      o.name,
      o.type === 'boolean' ? values[o.name] === true : (values[o.name] as string | undefined),
    ]),
  ) as AskFlags;
  return { ok: true, flags, question: positionals.join(' ') };
}

/** "unknown option --jsn (did you mean --json?)": the nearest flag when it is one or two slips away. */
function unknownOption(raw: string): string {
  const typed = raw.replace(/^-+/, '');
  let best: { name: string; distance: number } | undefined;
  for (const o of ASK_OPTIONS) {
    const distance = editDistance(typed, o.name);
    if (distance <= Math.min(2, Math.floor(o.name.length / 2)) && (!best || distance < best.distance)) {
      best = { name: o.name, distance };
    }
  }
  return `unknown option ${raw}${best ? ` (did you mean --${best.name}?)` : ''}`;
}
