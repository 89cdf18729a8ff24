import { analyzeWord, fold, WORD } from '../analyze.ts';
import { encodeWord, PassageTerms } from './passage-terms.ts';

/** What the index knows of one of its terms, from the passage texts. */
export interface TermStats {
  /** Number of passages the term occurs in (document frequency). */
  df: number;
  /** Each way the articles write the term (folded, possessive dropped), and how often. */
  forms: Map<string, number>;
  /** Uses inside a sentence written with a capital (names are; see `PassageIndex.isName`). */
  capital: number;
  /** Uses inside a sentence written in lower case. */
  lower: number;
}

/** What is remembered of a distinct word while counting: the same for each of its (many) uses. */
interface WordInfo {
  /** Its index terms (`analyzeWord`). */
  analysed: readonly string[];
  /** The statistics of its index terms (none for a stop word). */
  terms: TermStats[];
  /** How {@link PassageTerms} records the word (see `passage-terms.ts`). */
  codes: number[];
  /** Its form for {@link TermStats.forms}. */
  form: string;
  /** Its case tells nothing about names (a hyphenated word: "Russia-Ukraine", "Anti-war"). */
  caseless: boolean;
  capital: boolean;
  /** Uses so far, and uses inside a sentence: added to its terms' counts by {@link TermCounter.finish}. */
  uses: number;
  midSentence: number;
}

/** A term's statistics while counting: also the passage it was last counted in, to count each passage once. */
interface Counting extends TermStats {
  lastPassage: number;
  /** Position in {@link TermCounter.finish}'s map: how `PassageTerms` names the term. */
  id: number;
}

/** Characters after which a capital says nothing about names: a sentence or quotation may start there. */
const SENTENCE_OPENERS = new Set(['.', '!', '?', ':', ';', '"', '“', '”', '‘', '’', "'", '(', '…']);
/** How far back (in characters) {@link startsSentence} looks for an opener. */
const OPENER_REACH = 3;
const SPACE = /\s/u;
const CAPITAL = /^\p{Lu}/u;

/**
 * Counts the index's term statistics while the index is built, one passage at a time: each passage is
 * read once (its words are handed back for MiniSearch), each distinct word is analysed and folded once
 * per build, and a use of a word only bumps that word's counts, added to its terms' at the end. Counting
 * used to re-read every word and update several maps and a radix tree per use: two thirds of the
 * build's CPU at 100k passages.
 */
export class TermCounter {
  private readonly terms = new Map<string, Counting>();
  private readonly words = new Map<string, WordInfo>();
  private passages = 0;
  /** The index terms of every counted passage's words, in order (see `passage-terms.ts`). */
  private readonly codes: number[] = [];
  private readonly starts: number[] = [0];

  /** Counts one passage's text; returns its words, as MiniSearch's tokenizer would. */
  count(text: string): string[] {
    const passage = this.passages++;
    const words: string[] = [];
    for (const m of text.matchAll(WORD)) {
      const word = m[0];
      words.push(word);
      const info = this.info(word);
      for (const code of info.codes) this.codes.push(code);
      if (!info.terms.length) continue;
      info.uses++;
      if (!info.caseless && !startsSentence(text, m.index)) info.midSentence++;
      for (const stats of info.terms as Counting[]) {
        if (stats.lastPassage === passage) continue;
        stats.lastPassage = passage;
        stats.df++;
      }
    }
    this.starts.push(this.codes.length);
    return words;
  }

  /** The terms of every counted passage's words, by term id (see {@link finish}); call after the last {@link count}. */
  passageTerms(): PassageTerms {
    return new PassageTerms(Int32Array.from(this.codes), Uint32Array.from(this.starts), [
      ...this.terms.keys(),
    ]);
  }

  /**
   * The statistics of every term, in the order the articles first use them; call once, after the last
   * {@link count}. Words are added in the order they were first used, so each term's spellings keep the
   * order in which they first appear (ties in `PassageIndex.spelling` go to the first).
   */
  finish(): Map<string, TermStats> {
    for (const info of this.words.values()) {
      for (const stats of info.terms) {
        if (!info.uses) continue;
        stats.forms.set(info.form, (stats.forms.get(info.form) ?? 0) + info.uses);
        if (info.capital) stats.capital += info.midSentence;
        else stats.lower += info.midSentence;
      }
    }
    this.words.clear();
    const finished = new Map<string, TermStats>();
    for (const [term, { df, forms, capital, lower }] of this.terms)
      finished.set(term, { df, forms, capital, lower });
    return finished;
  }

  /** The index terms of a word of a passage counted so far (until {@link finish}), as `analyzeWord` gives them. */
  termsOf(word: string): readonly string[] | undefined {
    return this.words.get(word)?.analysed;
  }

  private info(word: string): WordInfo {
    let info = this.words.get(word);
    if (!info) {
      const analysed = analyzeWord(word);
      const terms = analysed.map((term) => this.stats(term));
      info = {
        analysed,
        terms,
        codes: encodeWord(terms.map((t) => t.id)),
        form: fold(word).replace(/'s$|'$/u, ''),
        caseless: word.includes('-'),
        capital: CAPITAL.test(word),
        uses: 0,
        midSentence: 0,
      };
      this.words.set(word, info);
    }
    return info;
  }

  private stats(term: string): Counting {
    let stats = this.terms.get(term);
    if (!stats) {
      stats = { df: 0, forms: new Map(), capital: 0, lower: 0, lastPassage: -1, id: this.terms.size };
      this.terms.set(term, stats);
    }
    return stats;
  }
}

/**
 * Whether the word at `start` may begin a sentence: nothing but white space within {@link OPENER_REACH}
 * characters before it, or a sentence opener (full stop, colon, opening quote …) there after white space.
 */
function startsSentence(text: string, start: number): boolean {
  const from = Math.max(0, start - OPENER_REACH);
  let i = start - 1;
  while (i >= from && SPACE.test(text[i] as string)) i--;
  return i < from || SENTENCE_OPENERS.has(text[i] as string);
}
