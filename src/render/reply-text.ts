import type { CitedPassage, CorpusStats } from '../core/types.ts';

/** Words every renderer shares, so the platforms say the same thing. */

/** "2 articles · 31 paragraphs". */
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
