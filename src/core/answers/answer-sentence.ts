/**
 * The answer sentence: of the passages an answer cites first, the sentence that carries what was asked for
 * — the number for "how many", the date for "when", the name for "who" or "which company" — and the
 * question's words, rather than the sentence that merely repeats the question ("How much forgiveness will
 * borrowers get?" is answered by the sentence with "$20,000", not by the one announcing the relief).
 */
import { type Analyze, analyzeWord, tokenize } from '../search/analyze.ts';
import { type AnswerType, hasAnswerEvidence, questionClause } from './answer-type.ts';
import type { RankedHit } from './rank-passages.ts';
import { splitSentences } from './split-sentences.ts';

/** What an answer sentence should carry: an answer type, or a name (who, which company, what is it called). */
export type Wanted = AnswerType | 'name';

/** How the sentence is chosen; see {@link chooseAnswerSentence}. */
export const SENTENCE_PARAMS = {
  /**
   * A sentence without the kind of thing asked for counts this share of one with it: the question's words
   * around no answer are not an answer.
   */
  missingAnswer: 0.2,
  /**
   * How strongly the passages' ranking weighs: a sentence of a passage ranked at share r of the best counts
   * r^rankWeight, so another cited passage's sentence wins only when the first passage has no sentence with
   * the answer in it and the other covers the question about as well.
   */
  rankWeight: 1.5,
  /** A sentence matching none of the question's words still counts this much (so the answer alone can win). */
  floor: 0.05,
  /**
   * For a name asked for, a sentence whose new names are not the article's subject (none is in its title)
   * counts this share: a quiz asks about whom or what a story is about.
   */
  nameNotInTitle: 0.35,
  /**
   * For a count asked for ("how many days"), a sentence whose numbers count something else (a date, another
   * unit) counts this share of one giving a number of what was asked ("30 days").
   */
  otherCount: 0.4,
};

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
  /^\W*(?:who|whom|whose)\b|(?<!,\s*)\bwhich (?!(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|of)\b)[\p{L}-]|^\W*what (?!(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|of|if|about|kind|sort|type|happen|make|made|cause|lead|led)\b)(?![\p{L}-]+(?:ed|es) )[\p{L}-]+ (?!(?:is|are|was|were)\b)|\bwhat (?:is|was|are|were) (?:it|they|this|that|the \w+(?: \w+)?) (?:called|named|titled)\b|\bwhat (?:is|was|are|were) the (?:name|title)s?\b|\bwhat (?:\w+ )?(?:called|named|titled)\b/iu;

/** What the answer sentence should carry for a question of this answer type. */
export function wantedOf(question: string, type: AnswerType): Wanted {
  if (type !== 'any' && type !== 'reason' && type !== 'speech') return type;
  return NAME_QUESTION.test(questionClause(question)) ? 'name' : type;
}

/** Capitalised words that are no names: months and days are times; titles lead a name but are none. */
const NOT_NAMES =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mr|Mrs|Ms|Dr|I)\.?$/;

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

/** The chosen sentence and the passage it is from. */
export interface AnswerSentence {
  hit: RankedHit;
  text: string;
}

/**
 * Chooses the answer sentence among the sentences of `hits` (the passages cited first, best first). Each
 * sentence scores the share of the question it covers (`idf`-weighted over the passage's matched terms,
 * which include words of like meaning) — less when it lacks what is wanted (`SENTENCE_PARAMS.missingAnswer`),
 * and less the lower its passage ranks (`rankWeight`). With no kind wanted, that is the sentence carrying
 * most of the question, in the best passage.
 */
export function chooseAnswerSentence(
  hits: readonly RankedHit[],
  question: { text: string; answerType: AnswerType },
  asked: ReadonlySet<string>,
  index: { idf(term: string): number; isName(term: string): boolean },
  params = SENTENCE_PARAMS,
  analyze: Analyze = analyzeWord,
): AnswerSentence | undefined {
  const [best] = hits;
  if (!best) return undefined;
  const wanted = wantedOf(question.text, question.answerType);
  const counted = wanted === 'quantity' ? countedOf(question.text, analyze) : undefined;
  // Without a kind of answer to look for, other passages cannot offer more than the best: stay in it.
  const candidates = wanted === 'any' || wanted === 'reason' ? [best] : hits;
  const sentences = candidates.flatMap((hit) => {
    const matched = new Set(hit.matchedTerms);
    const prior = best.rank > 0 ? Math.min(1, hit.rank / best.rank) ** params.rankWeight : 1;
    return splitSentences(hit.passage.text).map((sentence) => {
      let covered = 0;
      for (const term of new Set(tokenize(sentence.text).flatMap((t) => analyze(t.text)))) {
        if (matched.has(term)) covered += index.idf(term);
      }
      return { hit, text: sentence.text, prior, covered };
    });
  });
  // Coverage relative to the sentence covering most of the question.
  const most = Math.max(...sentences.map((s) => s.covered)) || 1;
  let chosen: AnswerSentence | undefined;
  let chosenScore = -1;
  for (const s of sentences) {
    let score = s.prior * (params.floor + s.covered / most);
    if (!carriesWanted(wanted, s.text, asked, (term) => index.isName(term), analyze))
      score *= params.missingAnswer;
    else if (wanted === 'name' && !namesTitleSubject(s.text, s.hit.passage.title, asked, index, analyze)) {
      score *= params.nameNotInTitle;
    } else if (counted && !countsWhatIsAsked(s.text, counted, analyze)) score *= params.otherCount;
    if (score > chosenScore) [chosen, chosenScore] = [{ hit: s.hit, text: s.text }, score];
  }
  return chosen ?? { hit: best, text: best.passage.text };
}
