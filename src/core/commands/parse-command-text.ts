/** A command and its arguments, as every platform passes it to `runCommand`. */
export type CommandInput =
  | {
      name: 'ask';
      question: string;
      offset?: number;
      /** When the question was asked (a chat message's own time); now when absent. */
      asOf?: Date;
    }
  | { name: 'sources' }
  | { name: 'article'; id: string; paragraph?: number }
  | { name: 'help' };

/**
 * Reads a command from free text, as typed in the console, a DM, a mention or `/ask <text>`: `help`,
 * `sources`, `article <id> [¶]` and `ask <question>` (each with an optional leading `/`); anything else is a
 * question. A one-word message that is a command name is that command; longer text is a command only
 * when it starts with the name and has the command's shape, so "sources of funding?" is still a question.
 */
export function parseCommandText(text: string): CommandInput {
  const trimmed = text.trim();
  const match = /^\/?(help|sources|article|ask)\b[ \t]*([\s\S]*)$/i.exec(trimmed);
  if (!match) return { name: 'ask', question: trimmed };
  const name = (match[1] ?? '').toLowerCase();
  const rest = (match[2] ?? '').trim();
  const slash = trimmed.startsWith('/');
  switch (name) {
    case 'help':
    case 'sources':
      return rest && !slash ? { name: 'ask', question: trimmed } : { name };
    case 'article': {
      const args = /^(\S+)(?:\s+¶?\s*(\d+))?$/u.exec(rest);
      if (!args) return slash || !rest ? { name: 'article', id: rest } : { name: 'ask', question: trimmed };
      const paragraph = args[2] === undefined ? undefined : Number(args[2]);
      return { name: 'article', id: args[1] ?? '', paragraph };
    }
    default:
      return { name: 'ask', question: rest };
  }
}
