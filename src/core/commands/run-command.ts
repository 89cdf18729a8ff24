import type { Desk } from '../desk.ts';
import type { ArticleReply, Reply } from '../types.ts';
import { COMMANDS } from './command-list.ts';
import type { CommandInput } from './parse-command-text.ts';

export type { CommandInput } from './parse-command-text.ts';
export { parseCommandText } from './parse-command-text.ts';

/** Runs a command against the desk and returns the platform-neutral reply. Pure and synchronous. */
export function runCommand(desk: Desk, input: CommandInput): Reply {
  switch (input.name) {
    case 'ask':
      return desk.ask(input.question, { offset: input.offset, asOf: input.asOf });
    case 'sources':
      return { kind: 'sources', articles: desk.summaries(), stats: desk.stats };
    case 'article':
      return showArticle(desk, input.id, input.paragraph);
    case 'help':
      return { kind: 'help', commands: COMMANDS.map((c) => ({ ...c })), stats: desk.stats };
  }
}

function showArticle(desk: Desk, rawId: string, paragraph?: number): Reply {
  const id = rawId.trim();
  const article = desk.getArticle(id) ?? uniqueMatch(desk, id);
  if (!article) {
    return {
      kind: 'problem',
      code: 'unknown-article',
      message: id
        ? `I have no article "${id}". Use sources to list the articles.`
        : 'Which article? Give its id (see sources).',
      usage: 'article <id> [paragraph]',
    };
  }
  const { paragraphs, ...meta } = article;
  const summary = { ...meta, paragraphs: paragraphs.length };
  if (paragraph === undefined) {
    const reply: ArticleReply = { kind: 'article', article: summary, outline: paragraphs };
    return reply;
  }
  const found = paragraphs.find((p) => p.n === paragraph);
  if (!found) {
    return {
      kind: 'problem',
      code: 'unknown-paragraph',
      message: `"${article.title}" has paragraphs 1 to ${paragraphs.length}; there is no ¶${paragraph}.`,
      usage: 'article <id> [paragraph]',
    };
  }
  return { kind: 'article', article: summary, paragraph: found };
}

/** An article that is the only one whose id or title contains the text (so a prefix of an id works). */
function uniqueMatch(desk: Desk, text: string) {
  if (!text) return undefined;
  const matches = desk.matchArticles(text, 2);
  return matches.length === 1 ? desk.getArticle(matches[0]?.id ?? '') : undefined;
}
