import { Desk } from '../../src/core/desk.ts';
import { silentLogger } from '../../src/core/types.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { deskData } from './desk-data.ts';

let cached: Promise<Desk> | undefined;

/** A desk over the real seed articles, built once per test file. */
export function seedDesk(): Promise<Desk> {
  cached ??= loadArticles('seeds', silentLogger).then((articles) => Desk.build(articles, deskData));
  return cached;
}
