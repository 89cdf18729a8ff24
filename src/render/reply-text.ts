import type { CitedPassage, CorpusStats, NotCoveredReply } from '../core/types.ts';

/** Words every renderer shares, so the platforms say the same thing. */

/** "2 articles · 30 paragraphs". */
export function statsLine(stats: CorpusStats): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(stats.articles, 'article')} · ${plural(stats.paragraphs, 'paragraph')}`;
}

/** "<title> (<source>) — ¶5": how a passage is cited, without its number. */
export function citationLabel(p: CitedPassage): string {
  return `${p.title}${p.source ? ` (${p.source})` : ''} — ¶${p.paragraph}`;
}

/** The answer's segments as one plain string. */
export function plain(segments: readonly { text: string }[]): string {
  return segments.map((s) => s.text).join('');
}

/** "Index built 2026-11-22 13:06 UTC": when the articles were last (re)loaded. */
export function builtLine(stats: CorpusStats): string {
  return `Index built ${stats.builtAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * How many articles a "not covered" reply leaves out of its list (0 when it lists them all). The core
 * lists only a few (`NOT_COVERED_ARTICLES`); every renderer says "and N more" from the corpus count.
 */
export function moreArticles(reply: Pick<NotCoveredReply, 'articles' | 'stats'>): number {
  return Math.max(0, reply.stats.articles - reply.articles.length);
}
