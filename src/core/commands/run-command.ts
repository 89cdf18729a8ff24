import type { Desk } from '../desk.ts';
import type { ArticleReply, Reply } from '../types.ts';
import { COMMANDS } from './command-list.ts';
import type { CommandInput } from './parse-command-text.ts';

export type { CommandInput } from './parse-command-text.ts';
export { parseCommandText } from './parse-command-text.ts';

/**
 * Runs a command against the desk and returns the platform-neutral reply. Pure; asynchronous because
 * asking the desk is (see {@link Desk.ask}).
 */
export async function runCommand(desk: Desk, input: CommandInput): Promise<Reply> {
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
  const matches = id && !desk.getArticle(id) ? desk.matchArticles(id, AMBIGUOUS_SHOWN + 1) : [];
  const article =
    desk.getArticle(id) ?? (matches.length === 1 ? desk.getArticle(matches[0]?.id ?? '') : undefined);
  if (!article && matches.length > 1) {
    const shown = matches.slice(0, AMBIGUOUS_SHOWN).map((m) => `${m.id} (${m.title})`);
    const more = matches.length > AMBIGUOUS_SHOWN ? ', and more' : '';
    return {
      kind: 'problem',
      code: 'unknown-article',
      message: `"${id}" could be any of these articles: ${shown.join('; ')}${more}. Give more of the id.`,
      usage: 'article <id> [paragraph]',
    };
  }
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

/** How many articles an ambiguous id lists. */
const AMBIGUOUS_SHOWN = 5;
