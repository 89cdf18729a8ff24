import { tokenizeWords, WORD } from '../../core/search/analyze.ts';
import { TermCounter, type TermStats } from '../../core/search/minisearch/term-counts.ts';
import type { Article } from '../../core/types.ts';
import { analyze } from './word-analyses.ts';

/**
 * One citable paragraph as the database holds it: its text, and its analysed terms as `tsvector` literals
 * (the terms Newsdesk's own analysis gives, so the database and the memory engine search the same terms;
 * PostgreSQL's stemmer is not used). Field lengths are MiniSearch's: distinct words of the field.
 */
export interface PassageRow {
  paragraph: number;
  text: string;
  heading: string | null;
  /** The text's terms at the position (1-based, in words, stop words counted) of each word that gives them. */
  terms: string;
  /** The heading's terms (weight B) and the article title's (weight C), for the context fields. */
  context: string;
  textLength: number;
  headingLength: number;
  titleLength: number;
}

/** What one article adds to the database: its passages and its share of the vocabulary. */
export interface ArticleRows {
  passages: PassageRow[];
  /** Its body paragraphs' term statistics (document frequencies are counts of its own passages). */
  terms: Map<string, TermStats>;
  /** Per term, how many of its passages have it in their heading, and in the title. */
  contextDf: Map<string, { heading: number; title: number }>;
}

/** The largest position a `tsvector` holds (PostgreSQL clamps larger ones to it). */
const MAX_POSITION = 16_383;

/** A lexeme quoted for a `tsvector` literal. */
function lexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A `tsvector` literal of terms at positions, with a weight letter (A is PostgreSQL's default and is not written). */
function tsvector(positions: Map<string, number[]>, weight = ''): string {
  const parts: string[] = [];
  for (const [term, at] of positions)
    parts.push(`${lexeme(term)}:${at.map((p) => `${Math.min(p, MAX_POSITION)}${weight}`).join(',')}`);
  return parts.join(' ');
}

/** Each term of a text at the positions of the words that give it (after `offset` positions). */
function termPositions(text: string, offset = 0): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  let position = offset;
  for (const m of text.matchAll(WORD)) {
    position++;
    for (const term of analyze(m[0])) {
      const at = positions.get(term);
      if (!at) positions.set(term, [position]);
      else if (at[at.length - 1] !== position) at.push(position);
    }
  }
  return positions;
}

const distinctWords = (text: string | undefined) => (text ? new Set(tokenizeWords(text)).size : 0);

/** The rows and vocabulary share of one article: its `body` paragraphs only (nothing else is cited). */
export function articleRows(article: Article): ArticleRows {
  const counter = new TermCounter(undefined, analyze);
  const passages: PassageRow[] = [];
  const contextDf = new Map<string, { heading: number; title: number }>();
  const titleLength = distinctWords(article.title);
  const titlePositions = termPositions(article.title);
  for (const p of article.paragraphs) {
    if (p.kind !== 'body') continue;
    counter.count(p.text);
    const headingTerms = p.heading ? termPositions(p.heading) : new Map<string, number[]>();
    // After the heading's words: a lexeme in both keeps a position for each (equal positions merge).
    const offset = p.heading ? tokenizeWords(p.heading).length : 0;
    const titleTerms = offset
      ? new Map([...titlePositions].map(([term, at]) => [term, at.map((n) => n + offset)]))
      : titlePositions;
    for (const term of headingTerms.keys()) bump(contextDf, term, 'heading');
    for (const term of titleTerms.keys()) bump(contextDf, term, 'title');
    const context = [tsvector(headingTerms, 'B'), tsvector(titleTerms, 'C')].filter(Boolean).join(' ');
    passages.push({
      paragraph: p.n,
      text: p.text,
      heading: p.heading ?? null,
      terms: tsvector(termPositions(p.text)),
      context,
      textLength: distinctWords(p.text),
      headingLength: distinctWords(p.heading),
      titleLength,
    });
  }
  return { passages, terms: counter.finish(), contextDf };
}

function bump(
  map: Map<string, { heading: number; title: number }>,
  term: string,
  field: 'heading' | 'title',
) {
  let counts = map.get(term);
  if (!counts) {
    counts = { heading: 0, title: 0 };
    map.set(term, counts);
  }
  counts[field]++;
}
