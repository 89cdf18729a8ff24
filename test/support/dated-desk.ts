import { parseArticle } from '../../src/core/articles/parse-article.ts';
import { Desk } from '../../src/core/desk.ts';
import type { Article } from '../../src/core/types.ts';
import { deskData } from './desk-data.ts';

/** An article with front matter: its id as title, and its publication date when given. */
export function datedArticle(id: string, published: string | undefined, text: string): Article {
  const front = ['---', `title: ${id}`, ...(published ? [`published: ${published}`] : []), '---'];
  return parseArticle(id, [...front, text].join('\n')) as Article;
}

/** The question both reports of {@link datedDesk} answer, with different amounts. */
export const BRIDGE_QUESTION = 'How much did the harbour bridge repairs cost?';

/**
 * Two reports of one story a month apart — `june-report` (2022-06-10, $4 million) and `july-report`
 * (2022-07-02, $9 million) — and an undated one: for answers as of a moment.
 */
export function datedDesk(): Desk {
  return Desk.build(
    [
      datedArticle(
        'june-report',
        '2022-06-10',
        'The harbour bridge reopened to traffic after repairs costing $4 million.',
      ),
      datedArticle(
        'july-report',
        '2022-07-02',
        'The harbour bridge closed again; repairs will now cost $9 million.',
      ),
      datedArticle('undated', undefined, 'Ferries ran every hour while the harbour bridge was shut.'),
    ],
    deskData,
  );
}
