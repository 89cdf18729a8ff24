import { parseArticle } from '../../src/core/articles/parse-article.ts';
import { Desk } from '../../src/core/desk.ts';
import type { Article } from '../../src/core/types.ts';
import { deskData } from './desk-data.ts';

/** A desk over one article whose paragraphs (or front matter first) are given one by one. */
export function oneArticleDesk(id: string, ...paragraphs: string[]): Desk {
  return Desk.build([parseArticle(id, paragraphs.join('\n\n')) as Article], deskData);
}
