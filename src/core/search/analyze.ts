import { stemmer } from 'stemmer';
import { BoundedMap } from '../bounded-map.ts';
import { STOP_WORDS } from './stop-words.ts';

/**
 * Text analysis shared by the index and the questions, so both sides agree on what a term is:
 * case and accent folding, curly quotes, possessives, thousands separators, hyphenated words, stop words
 * and Porter stemming.
 */

/** A word as written, with its position in the source text. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * Words, numbers with separators (`15,000`, `3.5`), hyphenated words (`co-operation`) and words with
 * apostrophes (`Russia’s`), with their offsets. Global: use it only with `matchAll` and `match`, which
 * do not depend on its `lastIndex`.
 */
export const WORD = /[\p{L}\p{N}]+(?:[’'.,\-‑–][\p{L}\p{N}]+)*/gu;

/** Splits text into word tokens, keeping offsets so matched words can be marked in the original text. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** MiniSearch's tokenizer: the words of a text. */
export function tokenizeWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Lower-cases, strips accents and straightens curly apostrophes and dashes. */
export function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/gu, "'")
    .replace(/[‑–]/gu, '-');
}

/** The index terms of a word, as {@link analyzeWord} gives them: what the answer pipeline is given. */
export type Analyze = (word: string) => readonly string[];

/**
 * Word analyses remembered, by whoever analyses many words again and again: a desk (its questions and the
 * passages it cites), an index build (every title and heading). News repeats its words, and stemming them
 * again was most of the cost of indexing, and a tenth of answering. At most `max` words are held (see
 * `BoundedMap`: emptying the whole cache when it was full made a 100k-paragraph build, with ~217k distinct
 * words, stem most words again). The arrays given are shared: do not change them.
 */
export class WordAnalyzer {
  private readonly known: BoundedMap<string, readonly string[]>;

  constructor(max = 100_000) {
    this.known = new BoundedMap(max);
  }

  /** {@link analyzeWord}, remembered. */
  readonly analyze: Analyze = (word) => this.known.getOrSet(word, analyzeWord);
}

/**
 * The index terms of one word (none for a stop word), analysed afresh (see {@link WordAnalyzer} to remember
 * them). A hyphenated word yields its joined form and its parts (`co-operation` → `cooper`, `oper`, …) so
 * either spelling finds it.
 */
export function analyzeWord(word: string): readonly string[] {
  // "US", "U.S.", "WHO": in capitals, a stop word's letters are an acronym, kept as its letters with full
  // stops between ("u.s"), a term no stemmed word can be ("used" stems to "us").
  if (ACRONYM.test(word)) {
    const letters = fold(word).replace(/\./g, '');
    if (STOP_WORDS.has(letters)) return [[...letters].join('.')];
  }
  let w = fold(word);
  w = w.replace(/'s$|'$/u, ''); // possessives: Russia's → russia
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(w)) w = w.replace(/,/g, ''); // 15,000 → 15000
  if (/^(?:\p{L}\.){2,}\p{L}?$/u.test(w)) w = w.replace(/\./g, ''); // U.N. → un
  if (w.includes('-')) {
    const parts = w.split('-').filter(Boolean);
    const joined = normalizeTerm(parts.join(''));
    const terms = parts.map(normalizeTerm).filter((t): t is string => t !== undefined);
    if (joined && !terms.includes(joined)) terms.unshift(joined);
    return terms;
  }
  const term = normalizeTerm(w.replace(/[,.]/g, ''));
  return term ? [term] : [];
}

/** Two or more capital letters, each maybe followed by a full stop, and nothing else. */
const ACRONYM = /^(?:\p{Lu}\.?){2,}$/u;

/**
 * Drops stop words and single letters, then stems. For a plain lower-case word (already folded) this is
 * what {@link analyzeWord} gives, without remembering it (for the many candidate spellings of a misspelling).
 */
export function normalizeTerm(word: string): string | undefined {
  const w = word.replace(/'/g, '');
  if (!w || STOP_WORDS.has(word) || STOP_WORDS.has(w)) return undefined;
  if (w.length === 1 && !/\d/.test(w)) return undefined;
  return /^\d/.test(w) ? w : stemmer(w);
}

/** MiniSearch's `processTerm`: the index terms of a word, or null for a stop word. */
export function processTerm(word: string): string | string[] | null {
  return asProcessed(analyzeWord(word));
}

/** Index terms as MiniSearch's `processTerm` returns them: one term, several, or null for none. */
export function asProcessed(terms: readonly string[]): string | string[] | null {
  if (!terms.length) return null;
  return terms.length === 1 ? (terms[0] as string) : [...terms];
}

/** Every index term of a text, in order (duplicates kept). */
export function analyzeText(text: string, analyze: Analyze = analyzeWord): string[] {
  return tokenizeWords(text).flatMap(analyze);
}
