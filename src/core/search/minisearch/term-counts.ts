import { type Analyze, analyzeWord, fold, WORD } from '../analyze.ts';
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
  terms: LiveTermStats[];
  /** How {@link PassageTerms} records the word (see `passage-terms.ts`). */
  codes: number[];
  /** Its form for {@link TermStats.forms}. */
  form: string;
  /** Its case tells nothing about names (a hyphenated word: "Russia-Ukraine", "Anti-war"). */
  caseless: boolean;
  capital: boolean;
  /** Uses in the batch, and uses inside a sentence (negative when counted off): added to its terms' by {@link TermCounter.flush}. */
  uses: number;
  midSentence: number;
}

/**
 * A term's statistics as the index keeps them: also the term, its id in {@link PassageTerms}, and the
 * passage it was last counted in (to count each passage once).
 */
export interface LiveTermStats extends TermStats {
  term: string;
  /** Its id in {@link PassageTerms.terms}: how `PassageTerms` names the term. */
  id: number;
  lastPassage: number;
}

/** What {@link TermCounter.flush} changed in the terms' statistics. */
export interface TermChanges {
  /** Terms the index did not use before. */
  added: string[];
  /** Terms no passage uses any more (removed from the statistics). */
  removed: string[];
  /** Every term whose statistics changed, added ones included, removed ones not. */
  changed: string[];
  /** Written forms a term gained, and lost (`TermStats.forms`), as [form, term]. */
  formsAdded: [string, string][];
  formsRemoved: [string, string][];
}

/** Characters after which a capital says nothing about names: a sentence or quotation may start there. */
const SENTENCE_OPENERS = new Set(['.', '!', '?', ':', ';', '"', '“', '”', '‘', '’', "'", '(', '…']);
/** How far back (in characters) {@link startsSentence} looks for an opener. */
const OPENER_REACH = 3;
const SPACE = /\s/u;
const CAPITAL = /^\p{Lu}/u;

/**
 * Counts the index's term statistics, one passage at a time: each passage is read once (its words are
 * handed back for MiniSearch), each distinct word is analysed and folded once per batch, and a use of a
 * word only bumps that word's counts, added to its terms' at the end of the batch ({@link flush}).
 * Counting used to re-read every word and update several maps and a radix tree per use: two thirds of the
 * build's CPU at 100k passages. A passage taken out of the index is counted off the same way
 * ({@link uncount}), so adding, changing or removing an article updates the statistics in place, as a
 * full rebuild would make them.
 */
export class TermCounter {
  /** The statistics of every term some passage uses, in the order the terms were first used. */
  readonly terms: Map<string, LiveTermStats>;
  /** The words of the batch being counted (cleared by {@link flush}). */
  private readonly words = new Map<string, WordInfo>();
  /** Terms first used in the batch being counted (they join {@link terms} when flushed). */
  private readonly pending = new Map<string, LiveTermStats>();
  /** Stamps each counted passage, for {@link LiveTermStats.lastPassage}. */
  private stamp = 0;
  /** The index terms of every counted passage's words, in order (see `passage-terms.ts`). */
  readonly passageTerms: PassageTerms;

  /**
   * A counter of no passages, or one that goes on from an index's statistics and passage terms (a built
   * or restored index: every statistic must then be a {@link LiveTermStats}, as this counter and the
   * snapshot make them).
   */
  constructor(
    from?: { terms: Map<string, LiveTermStats>; passageTerms: PassageTerms },
    /** How a word is analysed: `analyzeWord`, or a remembering `WordAnalyzer` shared by many counters. */
    private readonly analyze: Analyze = analyzeWord,
  ) {
    this.terms = from?.terms ?? new Map();
    this.passageTerms = from?.passageTerms ?? new PassageTerms(new Int32Array(0), Uint32Array.of(0), []);
  }

  /**
   * Counts one passage's text, recording its words' terms as the next passage of {@link passageTerms};
   * returns its words, as MiniSearch's tokenizer would.
   */
  count(text: string): string[] {
    const passage = this.stamp++;
    const words: string[] = [];
    const codes: number[] = [];
    for (const m of text.matchAll(WORD)) {
      const word = m[0];
      words.push(word);
      const info = this.info(word);
      for (const code of info.codes) codes.push(code);
      if (!info.terms.length) continue;
      info.uses++;
      if (!info.caseless && !startsSentence(text, m.index)) info.midSentence++;
      for (const stats of info.terms) {
        if (stats.lastPassage === passage) continue;
        stats.lastPassage = passage;
        stats.df++;
      }
    }
    this.passageTerms.append(codes);
    return words;
  }

  /** Counts off a passage counted before (it leaves the index); its recorded terms stay, unread. */
  uncount(text: string): void {
    const passage = this.stamp++;
    for (const m of text.matchAll(WORD)) {
      const info = this.info(m[0]);
      if (!info.terms.length) continue;
      info.uses--;
      if (!info.caseless && !startsSentence(text, m.index)) info.midSentence--;
      for (const stats of info.terms) {
        if (stats.lastPassage === passage) continue;
        stats.lastPassage = passage;
        stats.df--;
      }
    }
  }

  /**
   * Adds the batch's word counts to their terms' statistics, drops the terms no passage uses any more,
   * and says what changed. Words are added in the order they were first used, so each term's spellings
   * keep the order in which they first appear (ties in `PassageIndex.spelling` go to the first).
   */
  flush(): TermChanges {
    const changes: TermChanges = { added: [], removed: [], changed: [], formsAdded: [], formsRemoved: [] };
    const touched = new Set<LiveTermStats>();
    for (const info of this.words.values()) {
      for (const stats of info.terms) {
        touched.add(stats);
        if (info.uses) {
          const before = stats.forms.get(info.form) ?? 0;
          const after = before + info.uses;
          if (after > 0) stats.forms.set(info.form, after);
          else stats.forms.delete(info.form);
          if (!before && after > 0) changes.formsAdded.push([info.form, stats.term]);
          else if (before > 0 && after <= 0) changes.formsRemoved.push([info.form, stats.term]);
        }
        if (info.capital) stats.capital += info.midSentence;
        else stats.lower += info.midSentence;
      }
    }
    this.words.clear();
    this.pending.clear();
    for (const stats of touched) {
      const known = this.terms.get(stats.term) === stats;
      if (stats.df > 0) {
        if (!known) {
          this.terms.set(stats.term, stats);
          changes.added.push(stats.term);
        }
        changes.changed.push(stats.term);
      } else if (known) {
        this.terms.delete(stats.term);
        changes.removed.push(stats.term);
      }
    }
    return changes;
  }

  /** The statistics of every term, after a {@link flush}: for counting a set of passages once. */
  finish(): Map<string, TermStats> {
    this.flush();
    return this.terms;
  }

  /** The index terms of a word of a passage counted so far (until {@link finish}), as `analyzeWord` gives them. */
  termsOf(word: string): readonly string[] | undefined {
    return this.words.get(word)?.analysed;
  }

  private info(word: string): WordInfo {
    let info = this.words.get(word);
    if (!info) {
      const analysed = this.analyze(word);
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

  /**
   * A term's statistics: the index's, or new ones (joining {@link terms} when flushed with a passage
   * using it), with a new id in {@link passageTerms}.
   */
  private stats(term: string): LiveTermStats {
    let stats = this.terms.get(term);
    if (!stats) {
      stats = this.pending.get(term);
      if (stats) return stats;
      const id = this.passageTerms.terms.length;
      this.passageTerms.terms.push(term);
      stats = { term, id, df: 0, forms: new Map(), capital: 0, lower: 0, lastPassage: -1 };
      this.pending.set(term, stats);
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
