import type { Reply } from '../core/types.ts';
import { plain } from './reply-text.ts';

/** The JSON answer contract of `npm run ask -- --json` (how answers are measured: keep it exactly). */
export interface JsonAnswer {
  question: string;
  answered: boolean;
  answer: string | null;
  results: {
    article: string;
    paragraph: number;
    title: string;
    text: string;
    score: number;
    /** The cited paragraph on the publisher's page (with a text fragment when it would match); when the article has a URL. */
    link?: string;
  }[];
}

/**
 * Renders a reply to the JSON contract. `question` is the question as asked; `results` are the passages the
 * reply cites, best first, empty when the question was not answered.
 */
export function renderJson(question: string, reply: Reply): JsonAnswer {
  if (reply.kind !== 'answer') return { question, answered: false, answer: null, results: [] };
  return {
    question,
    answered: true,
    answer: plain(reply.answer),
    results: reply.passages.map((p) => ({
      article: p.articleId,
      paragraph: p.paragraph,
      // The whole title, never the shortened one shown in chat (a consumer can shorten it itself).
      title: p.fullTitle ?? p.title,
      text: plain(p.text),
      score: p.score,
      ...(p.link ? { link: p.link } : {}),
    })),
  };
}
