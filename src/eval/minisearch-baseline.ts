/**
 * The baseline `npm run eval` prints beside Newsdesk: plain MiniSearch on the same passages, the question
 * without its stop words — the benchmark's baseline (b) (`bench/raw-minisearch.ts`), so both measure
 * against the same floor — with the same date filter: passages of articles published after the question's
 * as-of moment are not returned.
 */
import {
  buildIndex,
  DEFAULT_OPTIONS,
  passagesOf,
  type RawPassage,
  withoutStopWords,
} from '../../bench/raw-minisearch.ts';
import { publishedAfter } from '../core/time/as-of.ts';
import type { Article } from '../core/types.ts';
import type { JsonAnswer } from '../render/json.ts';

/** How many passages the baseline "cites": as many as Newsdesk's first page at most. */
const CITED = 3;

/**
 * A function answering a question as plain MiniSearch would, in the JSON contract: the best passages,
 * no answer sentence, "declined" only when nothing matches.
 */
export function minisearchBaseline(
  articles: readonly Article[],
): (question: string, asOf: Date | undefined) => JsonAnswer {
  const passages = passagesOf(articles);
  const index = buildIndex(passages, DEFAULT_OPTIONS);
  const published = new Map(articles.map((a) => [a.id, a.published]));
  return (question, asOf) => {
    const query = withoutStopWords(question);
    const found = query
      ? index.search(query, {
          filter: (r) => !asOf || !publishedAfter(published.get(passageOf(r.id).articleId), asOf),
        })
      : [];
    const results = found.slice(0, CITED).map((r) => {
      const p = passageOf(r.id);
      return { article: p.articleId, paragraph: p.paragraph, title: p.title, text: p.text, score: r.score };
    });
    return { question, answered: results.length > 0, answer: null, results };
  };

  function passageOf(id: unknown): RawPassage {
    return passages[id as number] as RawPassage;
  }
}
