import { BoundedMap } from '../bounded-map.ts';
import type { MatchCredits } from '../ranking/credits.ts';
import { PARAMS } from '../ranking/model.ts';
import { irregularForms } from './irregular-verbs.ts';
import { singleEdits } from './single-edits.ts';
import { type Neighbour, type VocabularySource, VocabularyVectors } from './vocabulary-vectors.ts';
import { dot, type WordVectors } from './word-vectors.ts';

/** What {@link RelatedTerms} needs to know about an index's vocabulary. */
export interface VocabularyView {
  /** Whether the articles use the term. */
  has(term: string): boolean;
  /** The term's inverse document frequency. */
  idf(term: string): number;
  /** Whether the articles write the term as a name. */
  isName(term: string): boolean;
  /** Index terms that begin with `prefix` (itself included). */
  startingWith(prefix: string): Iterable<string>;
  /** How the articles write a term, and every term with its forms: for the term vectors. */
  forms: VocabularySource;
}

/** A question term as {@link RelatedTerms} sees it (a subset of `ResolvedTerm`). */
export interface AskedTerm {
  term: string;
  searchAs: string;
  status: 'known' | 'corrected' | 'unknown';
  entity: boolean;
  word?: string;
  weight: number;
}

/** An index term that stands for a question term, with how fully (0–1) and why. */
export interface Related {
  term: string;
  credit: number;
  kind: 'morphological' | 'semantic';
}

/**
 * Two terms are forms of one word when the shorter has at least this many letters and the longer adds at
 * most {@link MORPHOLOGICAL_MAX_SUFFIX} more ("korea" + "n"). Shorter stems collide too often ("art"/"artist").
 *
 * Not a ranking weight (nor the next two): what counts as another form of a word; its credit is `MatchCredits.forms`.
 */
const MORPHOLOGICAL_MIN_STEM = 5;
/** See {@link MORPHOLOGICAL_MIN_STEM}: derivational endings (-n, -al, -ian, -ise) are short. */
const MORPHOLOGICAL_MAX_SUFFIX = 3;
/**
 * A shared beginning is not enough when the word vectors say the forms mean different things: below this
 * cosine they are not taken as one word. With the committed vectors russian~russia is 0.74, korean~korea
 * 0.76, president~presidential 0.58, but police~policy 0.04, secret~secretary 0.28, worker~work 0.38.
 */
const MORPHOLOGICAL_MIN_SIMILARITY = 0.45;
/**
 * Least cosine for a word of like meaning to stand for a question word. With the committed vectors,
 * paraphrases sit above it (army~military 0.82, ties~relations 0.80, purchase~buy 0.78) and most
 * look-alikes of common words below it (tomorrow~ahead 0.48, tall~large 0.44, london~moscow 0.46).
 * Antonyms and siblings (next~last, monday~wednesday) cannot be told apart by vectors: the credit
 * a related word earns is partial, so the word itself always counts more.
 *
 * Not a ranking weight (nor the next four): what counts as related; a related word earns its similarity, weighed by the fitted `meaning` feature.
 */
const SEMANTIC_MIN_SIMILARITY = 0.55;
/**
 * Least cosine for a passage's own word to earn credit for a question word it is loosely related to
 * (blasting~loudspeakers 0.45, penalties~sanctions 0.43, heading~travel 0.41). Looser than
 * {@link SEMANTIC_MIN_SIMILARITY} because it is only weighed in passages already among the best for the
 * question's other words, and earns its similarity as credit, so it mostly reorders those passages and
 * lifts one that also matches the rest of the question over the confidence line. Measured on held-out
 * questions (not the dev set): from 0.55 down to 0.35 answerable questions wrongly declined fell by about
 * half (27 → 15 of 225; misspelled ones 42 → 20 of 414), hit@3 rose 3–9 points, and near-topic
 * out-of-scope questions answered rose 23 → 30 of 95 (population~region 0.44 lets "what is the
 * population of moscow?" cite a paragraph on a Moscow region). Such a word is not marked: it is evidence,
 * not the word asked about.
 */
const LOOSE_MIN_SIMILARITY = 0.35;
/** At most this many words of like meaning are searched for one question word. */
const SEMANTIC_LIMIT = 3;
/** How many nearest index terms are kept for a word: enough to find its few non-name neighbours among names. */
const NEAREST_LIMIT = 10;
/** Least cosine for an index term to count among a word's nearest at all. */
const NEAREST_MIN = 0.3;
/** A word is taken for a name when all of its this-many nearest index terms are names. */
const NAME_NEIGHBOURS = 3;
/**
 * Least length of a misspelling read as an English word (`RelatedTerms.englishSpelling`): a shorter word
 * is a slip away from too many words to guess among ("rubis" is nearest to "rubin", not "rubbish").
 *
 * Not a ranking choice: which misspellings are read as English words.
 */
const ENGLISH_SPELLING_MIN_LENGTH = 6;
/** Nearest-term and English-spelling look-ups remembered, per index (a question word is looked up once). */
const NEIGHBOUR_CACHE_SIZE = 1000;

/**
 * Finds the index terms that may stand for a question term: other forms of the same word, and words of
 * like meaning by their word vectors. The vectors are loaded, and the index terms' vectors built, on the
 * first question that needs them, so start-up does not pay for them.
 *
 * Names are never related by meaning, in either direction: vectors put France near Russia and Russian
 * near Ukrainian because they are used alike, not because one can stand for the other.
 */
export class RelatedTerms {
  private loaded: { words: WordVectors; vocabulary: VocabularyVectors } | null | undefined;
  private readonly neighbourCache = new BoundedMap<string, Neighbour[]>(NEIGHBOUR_CACHE_SIZE);
  /** English spellings found (`englishSpelling`; null: none), remembered like the neighbours. */
  private readonly spellingCache = new BoundedMap<string, string | null>(NEIGHBOUR_CACHE_SIZE);

  constructor(
    private readonly vocabulary: VocabularyView,
    private readonly source: () => WordVectors | undefined,
    /** What another form of a word counts for (`MatchCredits.forms`, `.irregular`). */
    private readonly credits: Pick<MatchCredits, 'forms' | 'irregular'> = PARAMS.credits,
  ) {}

  /**
   * Index terms searched for a question term: its other forms (of an irregular verb too), and for a word the articles never use
   * (not a name), up to {@link SEMANTIC_LIMIT} words of like meaning. A related word that is more
   * common than the question term it stands for earns proportionally less: it says less.
   */
  expand(t: AskedTerm): Related[] {
    const found = new Map<string, Related>();
    for (const term of irregularForms(t.searchAs))
      if (this.vocabulary.has(term) && !this.vocabulary.isName(term))
        found.set(term, { term, credit: this.credits.irregular, kind: 'morphological' });
    for (const term of this.forms(t))
      if (!found.has(term)) found.set(term, { term, credit: this.credits.forms, kind: 'morphological' });
    if (t.status === 'unknown' && !t.entity) {
      for (const n of this.neighbours(t.word)) {
        if (!found.has(n.term))
          found.set(n.term, { term: n.term, credit: this.credit(t, n), kind: 'semantic' });
      }
    }
    return [...found.values()];
  }

  /**
   * For each of `passages` and each question term (not a name) it matches less than fully, the credit
   * of the passage's own word closest in meaning, when that is more: "soldiers" counts for a passage
   * saying "troops". Words the question asks for itself and names stand for nothing else. Only the
   * given passages are compared, so the cost does not grow with the index, and a passage's terms are
   * asked for (`terms()`) only when some question term has a vector to compare. A word only loosely
   * related ({@link LOOSE_MIN_SIMILARITY}) earns credit but is not marked. Returns, per passage, the
   * terms to mark: for each question term, the word that earned its credit, if close in meaning.
   */
  creditInPassages(
    terms: readonly AskedTerm[],
    passages: readonly { terms: () => readonly string[]; credit: Record<string, number> }[],
  ): string[][] {
    const vectors = this.vectors();
    if (!vectors) return passages.map(() => []);
    const asked = terms.flatMap((t) => {
      const vector = t.entity ? undefined : this.vectorOfAsked(t);
      return vector ? [{ t, vector }] : [];
    });
    if (!asked.length) return passages.map(() => []);
    const own = new Set(terms.map((t) => t.searchAs));
    return passages.map((passage) => {
      if (asked.every(({ t }) => (passage.credit[t.term] ?? 0) >= 1)) return [];
      const marked = new Map<string, string>();
      for (const term of passage.terms()) {
        const v =
          this.vocabulary.isName(term) || own.has(term) ? undefined : vectors.vocabulary.vectorOf(term);
        if (!v) continue;
        for (const { t, vector } of asked) {
          const similarity = dot(vector, v);
          if (similarity < LOOSE_MIN_SIMILARITY) continue;
          const credit = this.credit(t, { term, similarity });
          if (credit <= (passage.credit[t.term] ?? 0)) continue;
          passage.credit[t.term] = credit;
          if (similarity >= SEMANTIC_MIN_SIMILARITY) marked.set(t.term, term);
          else marked.delete(t.term);
        }
      }
      return [...marked.values()];
    });
  }

  private credit(t: AskedTerm, n: Neighbour): number {
    return n.similarity * Math.min(1, this.vocabulary.idf(n.term) / (t.weight || 1));
  }

  /**
   * The index's terms changed (`PassageIndex.update`): these were added, removed or are written otherwise
   * now. Their vectors follow, and what was looked up against the old terms is forgotten.
   */
  update(terms: readonly string[]): void {
    this.neighbourCache.clear();
    this.spellingCache.clear();
    if (this.loaded) this.loaded.vocabulary.update(terms);
  }

  /** Loads the word vectors and makes the index terms' vectors now (see `PassageIndex.warmUp`). */
  warmUp(): void {
    for (const _ of this.warmingUp());
  }

  /** {@link warmUp} in steps (see `PassageIndex.warmingUp`). */
  *warmingUp(): Generator<void> {
    const vectors = this.vectors();
    yield;
    if (vectors) yield* vectors.vocabulary.gathering();
  }

  /**
   * Other forms of the same word among the index terms (`russian` ↔ `russia`): see
   * {@link MORPHOLOGICAL_MIN_STEM}. When word vectors are at hand, forms whose meanings differ are left out.
   */
  private forms(t: AskedTerm): string[] {
    const term = t.searchAs;
    if (term.length < MORPHOLOGICAL_MIN_STEM || /\d/.test(term)) return [];
    const forms: string[] = [];
    const shortest = Math.max(MORPHOLOGICAL_MIN_STEM, term.length - MORPHOLOGICAL_MAX_SUFFIX);
    for (let cut = shortest; cut < term.length; cut++) {
      if (this.vocabulary.has(term.slice(0, cut))) forms.push(term.slice(0, cut));
    }
    for (const longer of this.vocabulary.startingWith(term)) {
      if (longer !== term && longer.length - term.length <= MORPHOLOGICAL_MAX_SUFFIX) forms.push(longer);
    }
    if (!forms.length) return forms;
    const own = this.vectorOfAsked(t);
    const vocabulary = this.vectors()?.vocabulary;
    return forms.filter((form) => {
      const other = own && vocabulary?.vectorOf(form);
      return !other || dot(own, other) >= MORPHOLOGICAL_MIN_SIMILARITY;
    });
  }

  /** Index terms close in meaning to a question word, names left out: see {@link SEMANTIC_MIN_SIMILARITY}. */
  private neighbours(word: string | undefined): Neighbour[] {
    return this.nearest(word)
      .filter((n) => n.similarity >= SEMANTIC_MIN_SIMILARITY && !this.vocabulary.isName(n.term))
      .slice(0, SEMANTIC_LIMIT);
  }

  /**
   * Whether a word the articles never use is, by its meaning, most likely a name: the index terms nearest
   * to it are all names ("japan" → korea, russia, vietnam). Lets an all-lower-case question be read like
   * one that capitalises its names. All, not most: "agency" is near "Tass" and "AP News", but also near
   * "according", and taking it for a name the articles never mention declined questions they answer.
   */
  seemsName(word: string | undefined): boolean {
    const nearest = this.nearest(word).slice(0, NAME_NEIGHBOURS);
    return nearest.length === NAME_NEIGHBOURS && nearest.every((n) => this.vocabulary.isName(n.term));
  }

  /**
   * Whether a word is a common English word (one of the word vectors' vocabulary) that does not seem to
   * be a name: such a word is meant as written, not a slip of another ("promised" is not "praised").
   */
  isCommonWord(word: string | undefined): boolean {
    return !!word && !!this.vectors()?.words.has(word) && !this.seemsName(word);
  }

  /**
   * The English word a misspelling most likely is, for its meaning: of the words one slip away
   * (`singleEdits`) in the word vectors' vocabulary, the most frequent ("dispatcched" → dispatched,
   * "foeces" → forces, and a British spelling the vocabulary lacks: "penalising" → penalizing), unless it
   * seems a name. Undefined when the word is in the vocabulary, shorter than
   * {@link ENGLISH_SPELLING_MIN_LENGTH}, or has no such neighbour.
   */
  englishSpelling(word: string | undefined): string | undefined {
    const words = word && word.length >= ENGLISH_SPELLING_MIN_LENGTH ? this.vectors()?.words : undefined;
    if (!word || !words || words.has(word)) return undefined;
    return this.spellingCache.getOrSet(word, () => this.mostFrequentSlip(word, words) ?? null) ?? undefined;
  }

  /** See {@link englishSpelling}: some 50 look-ups per letter of the word, ~0.4 ms for ten letters. */
  private mostFrequentSlip(word: string, words: WordVectors): string | undefined {
    let best: string | undefined;
    let bestRank = Number.POSITIVE_INFINITY;
    for (const candidate of singleEdits(word)) {
      const rank = words.rank(candidate);
      if (rank !== undefined && rank < bestRank) [best, bestRank] = [candidate, rank];
    }
    return best && !this.seemsName(best) ? best : undefined;
  }

  /** How common a word is in English: its frequency rank in the word vectors' source (1 = most common). */
  rankOf(word: string | undefined): number | undefined {
    return word ? this.vectors()?.words.rank(word) : undefined;
  }

  /** The index terms nearest in meaning to a word as written, names included (remembered per word). */
  private nearest(word: string | undefined): Neighbour[] {
    // Only the word as written has a meaning to look up: a stem is often another word ("no-one" → noon).
    if (!word) return [];
    return this.neighbourCache.getOrSet(word, () => {
      const vectors = this.vectors();
      const vector = vectors?.words.vector(word);
      return vectors && vector
        ? vectors.vocabulary.nearest(vector, NEAREST_MIN, NEAREST_LIMIT, () => true)
        : [];
    });
  }

  /** The vector of what a question term means: as the articles use it, else the word as asked. */
  private vectorOfAsked(t: AskedTerm): Float32Array | undefined {
    const vectors = this.vectors();
    if (!vectors) return undefined;
    const asUsed = t.status === 'unknown' ? undefined : vectors.vocabulary.vectorOf(t.searchAs);
    return asUsed ?? (t.word ? vectors.words.vector(t.word) : undefined);
  }

  private vectors(): { words: WordVectors; vocabulary: VocabularyVectors } | undefined {
    if (this.loaded === undefined) {
      const words = this.source();
      this.loaded = words ? { words, vocabulary: new VocabularyVectors(this.vocabulary.forms, words) } : null;
    }
    return this.loaded ?? undefined;
  }
}
