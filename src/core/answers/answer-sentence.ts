/**
 * The answer sentence: of the passages an answer cites first, the sentence that carries what was asked for
 * — the number for "how many", the date for "when", the name for "who" or "which company" — and the
 * question's words, rather than the sentence that merely repeats the question ("How much forgiveness will
 * borrowers get?" is answered by the sentence with "$20,000", not by the one announcing the relief).
 */
import { PARAMS } from '../ranking/model.ts';
import { type Analyze, analyzeWord, tokenize } from '../search/analyze.ts';
import { type AnswerType, hasAnswerEvidence, questionClause } from './answer-type.ts';
import type { RankedHit } from './rank-passages.ts';
import { SENTENCE_PARAMS } from './sentence-params.ts';
import { splitSentences } from './split-sentences.ts';

/** What an answer sentence should carry: an answer type, or a name (who, which company, what is it called). */
export type Wanted = AnswerType | 'name';

/**
 * What is measured of each candidate sentence (see {@link sentenceFeatures}); its score is the sum of
 * these times the fitted weights (`sentence-params.ts`, `npm run tune:sentence`):
 * - `coverage`: log(0.05 + the share of the question's information it covers, relative to the sentence
 *   covering most): the question's words around the answer;
 * - `passage`: log of its passage's share of the best passage's BM25-like score (0 for the best);
 * - `missing`: 1 when it lacks the kind of thing asked for (a number, a time, a place, a name);
 * - `notSubject`: 1 when a name is asked for and the names it gives are none the article's title names;
 * - `otherCount`: 1 when a count is asked for ("how many days") and its numbers count something else;
 * - `salience`: for a name or place asked for, log(1 + how often its article writes the most written of the
 *   new names it gives): a quiz asks about whom or what a story is about, and a story names it often.
 *
 * Tried and left out, as they carried nothing held out on the dev sets: the position of the sentence in its
 * paragraph, the coverage of the sentence before it, the distance from the candidate answer to the
 * question's words, the answer as the sentence's subject, "the app" for "which app", a short form of a name
 * another sentence gives in full.
 */
export const SENTENCE_FEATURES = [
  'coverage',
  'passage',
  'missing',
  'notSubject',
  'otherCount',
  'salience',
] as const;

/** One of {@link SENTENCE_FEATURES}. */
export type SentenceFeature = (typeof SENTENCE_FEATURES)[number];

/** The sentence weights and what they were fitted on (`sentence-params.ts`, written by `npm run tune:sentence`). */
export interface SentenceParams {
  weights: Record<SentenceFeature, number>;
  fitted: {
    at: string;
    on: { set: string; questions: number }[];
    note?: string;
    crossValidated?: Record<string, number | string>;
  };
}

/**
 * The weights set by hand before they were fitted: the sentence covering most of the question, ×0.2
 * without the kind of thing asked for, ×0.35 for a name the title does not give, ×0.4 for a count of
 * something else, its passage's share of the best to the power 1.5 (in BM25 units); salience 0.
 * `npm run tune:sentence` starts from them and its regularisation pulls towards them.
 */
export const HAND_SET_SENTENCE: Record<SentenceFeature, number> = {
  coverage: 1,
  passage: 1.5,
  missing: Math.log(0.2),
  notSubject: Math.log(0.35),
  otherCount: Math.log(0.4),
  salience: 0,
};

/** A share of the question's information a sentence covering none of it still counts (so the answer alone can win). */
const COVERAGE_FLOOR = 0.05;

/** What a "how many <noun>" or "what percentage" question counts: the noun's terms, or `%`. */
function countedOf(question: string, analyze: Analyze): { terms: Set<string>; percent: boolean } | undefined {
  const clause = questionClause(question);
  const percent = /\bwhat (?:percentage|share)\b|\bpercent/i.test(clause);
  const noun = /\bhow many ((?:[\p{L}-]+ ){0,1}[\p{L}-]+)/iu.exec(clause)?.[1];
  const terms = new Set(noun ? tokenize(noun).flatMap((t) => analyze(t.text)) : []);
  return percent || terms.size ? { terms, percent } : undefined;
}

const NUMBER_TOKEN =
  /^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?)$/i;

/** Whether a sentence gives a number of what is counted: a number followed within two words by the noun, or a percentage. */
function countsWhatIsAsked(
  sentence: string,
  counted: { terms: Set<string>; percent: boolean },
  analyze: Analyze,
): boolean {
  if (counted.percent && /\d\s*(?:%|percent\b)/i.test(sentence)) return true;
  const tokens = tokenize(sentence);
  return tokens.some(
    (token, i) =>
      NUMBER_TOKEN.test(token.text) &&
      tokens.slice(i + 1, i + 3).some((next) => analyze(next.text).some((t) => counted.terms.has(t))),
  );
}

/** Whether a sentence gives a name the question does not that the article's title names too. */
function namesTitleSubject(
  sentence: string,
  title: string,
  asked: ReadonlySet<string>,
  index: { isName(term: string): boolean },
  analyze: Analyze,
): boolean {
  const names = newNames(sentence, asked, (term) => index.isName(term), analyze);
  if (!names.length) return false;
  const titleTerms = new Set(tokenize(title).flatMap((t) => analyze(t.text)));
  return names.some((t) => titleTerms.has(t));
}

/**
 * Questions asking for a name: "who …", "whose …", "which <noun> …" (which company, which two schools),
 * "what is it called", "what is the name of …", "what is it titled".
 */
const NAME_QUESTION =
  /^\W*(?:who|whom|whose)\b|(?<!,\s*)\bwhich (?!(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|of)\b)[\p{L}-]|^\W*what (?!(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|of|if|about|kind|sort|type|happen|make|made|cause|lead|led)\b)(?![\p{L}-]+(?:ed|es) )[\p{L}-]+ (?!(?:is|are|was|were)\b)|\bwhat (?:is|was|are|were) (?:it|they|this|that|the \w+(?: \w+)?) (?:called|named|titled)\b|\bwhat (?:is|was|are|were) the (?:name|title)s?\b|\bwhat (?:\w+ )?(?:called|named|titled)\b|\bwhat (?:nick)?names?\b/iu;

/** What the answer sentence should carry for a question of this answer type. */
export function wantedOf(question: string, type: AnswerType): Wanted {
  if (type !== 'any' && type !== 'reason' && type !== 'speech') return type;
  return NAME_QUESTION.test(questionClause(question)) ? 'name' : type;
}

/**
 * Capitalised words that are no names: months, days and time zones ("7 p.m. ET") are times; titles lead a
 * name but are none.
 */
const NOT_NAMES =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[ECMP][SD]?T|GMT|UTC|Mr|Mrs|Ms|Dr|I)\.?$/;

/**
 * Whether a sentence names someone or something the question does not: a capitalised word whose terms are
 * not all among `asked`. The first word is capitalised anyway: it counts when the articles write it as a
 * name (`isName`: "Rihanna welcomed …"), or when the sentence opens on a quotation ("“Renaissance” is …").
 */
export function namesSomethingNew(
  sentence: string,
  asked: ReadonlySet<string>,
  isName: (term: string) => boolean = () => false,
  analyze: Analyze = analyzeWord,
): boolean {
  return newNames(sentence, asked, isName, analyze).length > 0;
}

/** The terms of the names a sentence gives that the question does not (see {@link namesSomethingNew}). */
export function newNames(
  sentence: string,
  asked: ReadonlySet<string>,
  isName: (term: string) => boolean = () => false,
  analyze: Analyze = analyzeWord,
): string[] {
  return tokenize(sentence).flatMap((token, i) => {
    if (!/^\p{Lu}/u.test(token.text) || NOT_NAMES.test(token.text)) return [];
    const terms = analyze(token.text);
    if (!terms.length || terms.every((t) => asked.has(t))) return [];
    const name = i > 0 || /["“‘]\s*$/u.test(sentence.slice(0, token.start)) || terms.some(isName);
    return name ? terms.filter((t) => !asked.has(t)) : [];
  });
}

/** Whether a sentence carries the kind of thing wanted, besides the question's own words (`asked`). */
export function carriesWanted(
  wanted: Wanted,
  sentence: string,
  asked: ReadonlySet<string>,
  isName?: (term: string) => boolean,
  analyze: Analyze = analyzeWord,
): boolean {
  if (wanted === 'name') return namesSomethingNew(sentence, asked, isName, analyze);
  if (wanted === 'place') {
    return hasAnswerEvidence('place', sentence, asked) || namesSomethingNew(sentence, asked, isName, analyze);
  }
  return hasAnswerEvidence(wanted, sentence, asked);
}

/** The chosen answer — one sentence, or two neighbouring ones (see {@link answerSpan}) — and its passage. */
export interface AnswerSentence {
  hit: RankedHit;
  text: string;
}

/**
 * What choosing the answer sentence asks of the corpus: the IDF of a term, whether a term is a name, and
 * (optionally) an article's title and paragraphs, to count how often it writes a name (`salience`).
 */
export interface SentenceVocabulary {
  idf(term: string): number;
  isName(term: string): boolean;
  article?(articleId: string): { title: string; paragraphs: readonly { text: string }[] } | undefined;
  /**
   * Where each article's counts of names are kept from question to question, by the article object
   * `article` gives (a changed article is a new object, so is counted afresh): counting reads the whole
   * article, which cost more than the rest of choosing the sentence. Absent: counted for each question.
   */
  nameCounts?: NameCountCache;
}

/** Each article's counts of the names it writes (see {@link SentenceVocabulary.nameCounts}): e.g. a `BoundedMap`. */
export interface NameCountCache {
  get(article: object): ReadonlyMap<string, number> | undefined;
  set(article: object, counts: ReadonlyMap<string, number>): unknown;
}

/** How often each article asked about writes each term with a capital (as a name), counted once per article. */
function nameCounts(
  index: SentenceVocabulary,
  analyze: Analyze,
): (articleId: string) => ReadonlyMap<string, number> {
  const read = new Map<string, ReadonlyMap<string, number>>();
  return (articleId) => {
    let counts = read.get(articleId);
    if (!counts) {
      const article = index.article?.(articleId);
      counts = (article && index.nameCounts?.get(article)) ?? countNames(article, analyze);
      if (article) index.nameCounts?.set(article, counts);
      read.set(articleId, counts);
    }
    return counts;
  };
}

/** How often an article (title and paragraphs) writes each term with a capital. */
function countNames(
  article: { title: string; paragraphs: readonly { text: string }[] } | undefined,
  analyze: Analyze,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of article ? [article.title, ...article.paragraphs.map((p) => p.text)] : [])
    for (const token of tokenize(text))
      if (/^\p{Lu}/u.test(token.text))
        for (const t of analyze(token.text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** log(1 + how often the article writes the most written of `names`): the `salience` feature. */
function salienceOf(names: readonly string[], inArticle: ReadonlyMap<string, number>): number {
  return Math.log1p(Math.max(0, ...names.map((t) => inArticle.get(t) ?? 0)));
}

/** A candidate answer sentence, its passage and its features (see {@link SENTENCE_FEATURES}). */
export interface SentenceCandidate {
  hit: RankedHit;
  text: string;
  /** Where the sentence sits in its passage's text (`splitSentences`). */
  start: number;
  end: number;
  features: Record<SentenceFeature, number>;
}

/**
 * The candidate sentences of `hits` (the passages cited first, best first) with their features. With no
 * kind of answer wanted, other passages cannot offer more than the best: only its sentences are candidates.
 */
export function sentenceFeatures(
  hits: readonly RankedHit[],
  question: { text: string; answerType: AnswerType },
  asked: ReadonlySet<string>,
  index: SentenceVocabulary,
  analyze: Analyze = analyzeWord,
): SentenceCandidate[] {
  const [best] = hits;
  if (!best) return [];
  const wanted = wantedOf(question.text, question.answerType);
  const counted = wanted === 'quantity' ? countedOf(question.text, analyze) : undefined;
  const isName = (term: string) => index.isName(term);
  const counts = nameCounts(index, analyze);
  // The model's scores are logs scaled by its weight of BM25's log: divided by it, a share of BM25's.
  const bm25 = Math.max(PARAMS.rank.bm25, 0.1);
  const candidates = wanted === 'any' || wanted === 'reason' ? [best] : hits;
  const sentences = candidates.flatMap((hit) => {
    const matched = new Set(hit.matchedTerms);
    const passage = Math.min(0, (hit.modelScore - best.modelScore) / bm25);
    return splitSentences(hit.passage.text).map((sentence) => {
      let covered = 0;
      for (const term of new Set(tokenize(sentence.text).flatMap((t) => analyze(t.text)))) {
        if (matched.has(term)) covered += index.idf(term);
      }
      return { hit, text: sentence.text, start: sentence.start, end: sentence.end, passage, covered };
    });
  });
  // Coverage relative to the sentence covering most of the question.
  const most = Math.max(...sentences.map((s) => s.covered)) || 1;
  return sentences.map((s) => {
    const carries =
      wanted === 'any' || wanted === 'reason' || carriesWanted(wanted, s.text, asked, isName, analyze);
    const names = wanted === 'name' || wanted === 'place' ? newNames(s.text, asked, isName, analyze) : [];
    return {
      hit: s.hit,
      text: s.text,
      start: s.start,
      end: s.end,
      features: {
        coverage: Math.log(COVERAGE_FLOOR + s.covered / most),
        passage: s.passage,
        missing: carries ? 0 : 1,
        notSubject:
          wanted === 'name' &&
          carries &&
          !namesTitleSubject(s.text, s.hit.passage.title, asked, index, analyze)
            ? 1
            : 0,
        otherCount: counted && carries && !countsWhatIsAsked(s.text, counted, analyze) ? 1 : 0,
        // The article's names are counted (its whole text read) only for a sentence giving new names: for
        // every sentence, whatever was asked, that was a fifth of answering a question.
        salience: names.length ? salienceOf(names, counts(s.hit.passage.articleId)) : 0,
      },
    };
  });
}

/** The score of a candidate sentence: its features times the weights, summed. */
export function scoreSentence(
  features: Record<SentenceFeature, number>,
  weights: Record<SentenceFeature, number> = SENTENCE_PARAMS.weights,
): number {
  let score = 0;
  for (const f of SENTENCE_FEATURES) score += weights[f] * features[f];
  return score;
}

/** Options for {@link chooseAnswerSentence}. */
export interface ChooseOptions {
  /** The weight of each feature (default: the fitted `SENTENCE_PARAMS.weights`). */
  weights?: Record<SentenceFeature, number>;
  /** How words are analysed (default `analyzeWord`). */
  analyze?: Analyze;
  /** Told every candidate and its features (`npm run tune:sentence` fits the weights on them). */
  observe?: (candidates: readonly SentenceCandidate[]) => void;
}

/**
 * How far (in score: a log-odds under the fitted softmax) a neighbour may fall below the best sentence and
 * still be shown beside it: ln 2, at least half as likely to be the answer (see {@link answerSpan}). Not
 * fitted: a wider gap only adds answers holding the phrase on the dev sets, as it shows more sentences.
 */
export const NEIGHBOUR_GAP = Math.LN2;
/** The longest two-sentence answer: Discord shows an answer of up to 600 characters whole. */
export const MAX_TWO_SENTENCES = 600;
/**
 * A sentence opening with a word that refers back ("He broke the record …", "That figure …", "It was …")
 * names what it is about in the sentence before: an answer opening so shows that one too.
 */
const REFERS_BACK = /^["“‘(]?(?:He|She|It|They|His|Her|Its|Their|Them|This|That|These|Those)\b/u;

/**
 * The answer among the candidates: the best-scoring sentence ({@link scoreSentence}), shown with a
 * neighbour in its paragraph when the two fit in {@link MAX_TWO_SENTENCES} characters and
 * - the best opens by referring back ({@link REFERS_BACK}): the sentence before it; or
 * - the best leads the neighbour by at most {@link NEIGHBOUR_GAP}, and either it lacks the kind of thing
 *   asked for (no number for "how many", no name for "which …") or it leads only by covering more of the
 *   question's words: the neighbour scores better on all else (it carries the kind of thing asked for, a
 *   name the story is about, a count of what is asked). The question's point is then in one sentence and
 *   what was asked in the other ("Mario (voiced by …)" after the sentence naming the film; "Several items
 *   got dearer. But nothing comes close to eggs."), and a reader would rather read both than a guess. A
 *   best sentence that carries what was asked as well as its neighbour ("… will get up to $20,000" beside
 *   "… announced loan forgiveness for millions") is shown alone.
 * Shared by {@link chooseAnswerSentence} and `npm run tune:sentence`, which reports it held out.
 */
export function answerSpan(
  candidates: readonly SentenceCandidate[],
  weights: Record<SentenceFeature, number> = SENTENCE_PARAMS.weights,
): AnswerSentence | undefined {
  const scores = candidates.map((c) => scoreSentence(c.features, weights));
  // What a candidate scores besides its coverage of the question's words (its passage is the best's).
  const rest = (i: number) =>
    (scores[i] as number) - weights.coverage * (candidates[i] as SentenceCandidate).features.coverage;
  let b = -1;
  scores.forEach((score, i) => {
    if (b < 0 || score > (scores[b] as number)) b = i;
  });
  const best = candidates[b];
  if (!best) return undefined;
  const beside = (i: number) => (candidates[i]?.hit === best.hit ? i : -1);
  const [before, after] = [beside(b - 1), beside(b + 1)];
  const close = [before, after]
    .filter(
      (i) =>
        i >= 0 &&
        (scores[b] as number) - (scores[i] as number) <= NEIGHBOUR_GAP &&
        (rest(i) > rest(b) || best.features.missing === 1),
    )
    .sort((i, j) => (scores[j] as number) - (scores[i] as number));
  const other = before >= 0 && REFERS_BACK.test(best.text) ? before : close[0];
  const neighbour = other === undefined || other < 0 ? undefined : candidates[other];
  if (neighbour) {
    const text = best.hit.passage.text.slice(
      Math.min(best.start, neighbour.start),
      Math.max(best.end, neighbour.end),
    );
    if (text.length <= MAX_TWO_SENTENCES) return { hit: best.hit, text };
  }
  return { hit: best.hit, text: best.text };
}

/**
 * Chooses the answer among the sentences of `hits` (the passages cited first, best first): the candidate
 * ({@link sentenceFeatures}) scoring highest ({@link scoreSentence}), with a neighbour when
 * {@link answerSpan} shows one.
 */
export function chooseAnswerSentence(
  hits: readonly RankedHit[],
  question: { text: string; answerType: AnswerType },
  asked: ReadonlySet<string>,
  index: SentenceVocabulary,
  options: ChooseOptions = {},
): AnswerSentence | undefined {
  const candidates = sentenceFeatures(hits, question, asked, index, options.analyze);
  options.observe?.(candidates);
  return answerSpan(candidates, options.weights);
}
