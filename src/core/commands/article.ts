/** `article <id> [paragraph]`: an article's outline, or one of its paragraphs. */
import type { Desk } from '../desk.ts';
import type { ArticleReply, Reply } from '../types.ts';
import { type Command, optionalWhole } from './command.ts';

export interface ArticleInput {
  name: 'article';
  id: string;
  paragraph?: number;
}

export const article: Command<ArticleInput> = {
  name: 'article',
  usage: 'article <id> [paragraph]',
  description: 'Show one paragraph of an article (¶ number), or its outline.',
  summary: 'Show an article outline, or one of its paragraphs.',
  options: [
    {
      name: 'id',
      type: 'string',
      description: 'The article (start typing its title)',
      required: true,
      suggest: 'articles',
    },
    { name: 'paragraph', type: 'integer', description: 'Paragraph number (¶) to show', min: 1 },
  ],
  fromText(rest, slash) {
    const args = /^(\S+)(?:\s+¶?\s*(\d+))?$/u.exec(rest);
    // "article about the war?" is a question; "/article" always means the command.
    if (!args) return slash || !rest ? { name: 'article', id: rest } : undefined;
    const paragraph = args[2] === undefined ? undefined : Number(args[2]);
    return { name: 'article', id: args[1] ?? '', paragraph };
  },
  fromOptions({ id, paragraph }) {
    const n = optionalWhole(paragraph, 1);
    if (typeof id !== 'string' || !n.ok) return undefined;
    return n.value === undefined ? { name: 'article', id } : { name: 'article', id, paragraph: n.value };
  },
  run: (desk, input) => showArticle(desk, input.id, input.paragraph),
};

async function showArticle(desk: Desk, rawId: string, paragraph?: number): Promise<Reply> {
  const id = rawId.trim();
  const exact = id ? await desk.getArticle(id) : undefined;
  const matches = id && !exact ? desk.matchArticles(id, AMBIGUOUS_SHOWN + 1) : [];
  const article = exact ?? (matches.length === 1 ? await desk.getArticle(matches[0]?.id ?? '') : undefined);
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
