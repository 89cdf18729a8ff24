/** `help`: every command, and what the desk holds. */
import type { Command } from './command.ts';

export interface HelpInput {
  name: 'help';
}

export const help: Command<HelpInput> = {
  name: 'help',
  usage: 'help',
  description: 'Show this help.',
  summary: 'How to ask me questions.',
  options: [],
  fromText: (rest, slash) => (rest && !slash ? undefined : { name: 'help' }),
  fromOptions: () => ({ name: 'help' }),
  run: (desk, _input, { commands }) => ({
    kind: 'help',
    commands: commands.map(({ name, usage, description }) => ({ name, usage, description })),
    stats: desk.stats,
  }),
};
