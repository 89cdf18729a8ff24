/**
 * The four ways of answering that the benchmark compares, each judged against the paragraph a question
 * was drawn from: (a)–(c) raw MiniSearch queried three ways, (d) Newsdesk's full `ask` rendered as text.
 */
import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import type { Desk } from '../src/core/desk.ts';
import type { Reply } from '../src/core/types.ts';
import { renderPlainText } from '../src/render/plain-text.ts';
import type { BenchQuestion } from './generate-questions.ts';
import type { Approach, Outcome } from './measure-questions.ts';
import { type RawPassage, searchDefault, searchFuzzy, searchWithoutStopWords } from './raw-minisearch.ts';

/** (a), (b) and (c): raw MiniSearch on the passages, with default options for indexing. */
export function rawApproaches(index: MiniSearch<RawPassage>, passages: readonly RawPassage[]): Approach[] {
  const judge = (results: SearchResult[], q: BenchQuestion): Outcome => ({
    top3: results.slice(0, 3).some((r) => isSource(passages[r.id as number], q)),
    declined: results.length === 0,
  });
  return [
    { key: 'a', label: '(a) MiniSearch, default', run: (q) => judge(searchDefault(index, q.text), q) },
    {
      key: 'b',
      label: '(b) MiniSearch, stop words dropped',
      run: (q) => judge(searchWithoutStopWords(index, q.text), q),
    },
    {
      key: 'c',
      label: '(c) MiniSearch, fuzzy 0.2 + prefix',
      run: (q) => judge(searchFuzzy(index, q.text), q),
    },
  ];
}

const D = { key: 'd', label: '(d) Newsdesk ask + render' };

/** (d): `Desk.ask` and `renderPlainText`, as `npm run ask` answers; the top 3 are the passages cited. */
export function newsdeskApproach(desk: Desk, variant: { key: string; label: string } = D): Approach {
  return {
    ...variant,
    everyQuestion: true,
    async run(q) {
      const reply = await answerAsText(desk, q.text);
      return {
        top3:
          reply.kind === 'answer' &&
          reply.passages
            .slice(0, 3)
            .some((p) => isSource({ articleId: p.articleId, paragraph: p.paragraph }, q)),
        declined: reply.kind !== 'answer',
      };
    },
  };
}

/** What (d) times for one question: `Desk.ask` and rendering the reply as plain text. */
export async function answerAsText(desk: Desk, question: string): Promise<Reply> {
  const reply = await desk.ask(question);
  // Rendering is part of answering; its length keeps the call from being optimised away.
  if (renderPlainText(reply).length === 0) throw new Error('bench: empty rendering');
  return reply;
}

function isSource(p: { articleId: string; paragraph: number } | undefined, q: BenchQuestion): boolean {
  return (
    p !== undefined &&
    q.source !== undefined &&
    p.articleId === q.source.articleId &&
    p.paragraph === q.source.paragraph
  );
}
