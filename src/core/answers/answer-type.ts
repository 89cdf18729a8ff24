import { analyzeWord, tokenizeWords } from '../search/analyze.ts';
import { splitSentences } from './split-sentences.ts';

/**
 * The kind of answer a question asks for, read from its form ("when …" wants a time, "how many …" a
 * number). Ranking gives a small preference to sentences that contain that kind of thing. For a time, a
 * quantity or a duration it also decides what may be cited: a passage with no time in it does not say
 * when (see {@link needsEvidence}).
 */
export type AnswerType = 'time' | 'quantity' | 'duration' | 'place' | 'speech' | 'reason' | 'any';

/**
 * Nouns that, after "which"/"what" (and maybe one word: "which other country"), name the kind of answer
 * asked for. The passage that answers names the country; it need not say "country".
 */
const ANSWER_NOUNS = {
  place: 'city|cities|country|countries|nation|place|town',
  time: 'time|day|date|year|month',
};
const answerNoun = (nouns: string) =>
  `\\b(?:what|which)(?: (?!(?:is|are|was|were|do|does|did|has|have|had|can|will|would)\\b)\\w+)? (?:${nouns})\\b`;
const ANSWER_NOUN = new RegExp(answerNoun(`${ANSWER_NOUNS.place}|${ANSWER_NOUNS.time}`), 'iu');

/**
 * Where the noun naming the kind of answer ends in a question ("Which *country* supplies drones?"), or
 * -1: a word the answer type carries, not one to search for.
 */
export function answerNounEnd(question: string): number {
  const match = ANSWER_NOUN.exec(question);
  return match ? match.index + match[0].length : -1;
}

/** "What is the deadline", "what was the date": the thing asked is a time, though no time noun follows "what". */
const ASKED_DEADLINE = '\\bwhat (?:is|was|are|were) the (?:\\w+ )?(?:deadline|date)s?\\b';

const QUESTION_FORMS: [AnswerType, RegExp][] = [
  ['quantity', /\bhow (?:many|much)\b|\bwhat (?:number|amount|percentage|share|magnitude)\b/i],
  ['duration', /\bhow long\b|\bsince when\b/i],
  ['time', new RegExp(`\\bwhen\\b|${answerNoun(ANSWER_NOUNS.time)}|${ASKED_DEADLINE}`, 'i')],
  ['place', new RegExp(`\\bwhere\\b|${answerNoun(ANSWER_NOUNS.place)}`, 'i')],
  ['place', /\b(?:from|to|in|at|near) where\b/i],
  ['reason', /\bwhy\b|\bfor what reason\b/i],
  [
    'speech',
    /\bwhat (?:did|does|do|has|have)\b.*\b(?:say|says|said|tell|told|write|wrote|think|claim|call)\b/i,
  ],
];

/** "Launched from where", "moved to where": a preposition before "where" asks for a place wherever it stands. */
const ANYWHERE = /^(?:from|to|in|at|near) where$/i;

/**
 * A question word asks its question only near the start ("So when did …", "In which city …"); further in
 * it joins clauses ("Did Kim mention the war when he met Putin?" asks yes or no, not for a time).
 */
const LEADING_WORDS = 4;

/**
 * Words that ask: a sentence of a question without one sets the scene. After a comma a "which" or "who"
 * opens a relative clause (“… Bros. Movie,” which was released this week?), and asks nothing.
 */
const ASKING = /(?<![,;]["”’)]?\s*)\b(?:who|whom|whose|what|which|when|where|why|how)\b/i;

/**
 * The sentence of a question that asks it. People often set the scene first ("Meta announced layoffs this
 * week. Approximately how many employees were affected?"): the asking sentence is the last one with a
 * question mark (else the last), taken back to the sentence with the question word in it, so a full stop
 * inside a name ("Super Mario Bros. Movie") does not cut it; a one-sentence question is all of it.
 */
export function questionClause(question: string): string {
  const [start, end] = questionClauseSpan(question);
  return question.slice(start, end);
}

/**
 * Where the asking sentence ({@link questionClause}) lies in the question, as [start, end) offsets: a
 * start above 0 means the question sets the scene before it asks.
 */
export function questionClauseSpan(question: string): readonly [number, number] {
  const sentences = splitSentences(question);
  if (sentences.length < 2) return [0, question.length];
  let last = sentences.length - 1;
  while (last > 0 && !sentences[last]?.text.includes('?')) last--;
  if (!sentences[last]?.text.includes('?')) last = sentences.length - 1;
  let first = last;
  while (first > 0 && !ASKING.test(sentences[first]?.text ?? '')) first--;
  return [sentences[first]?.start ?? 0, sentences[last]?.end ?? question.length];
}

/** Reads the answer type from a question's wording (its asking sentence: {@link questionClause}). */
export function answerTypeOf(text: string): AnswerType {
  const question = questionClause(text);
  for (const [type, form] of QUESTION_FORMS) {
    const match = form.exec(question);
    if (!match) continue;
    const wordsBefore = question.slice(0, match.index).match(/\S+/g)?.length ?? 0;
    // "How many", "what percentage" ask for a number wherever they stand ("According to the study, what
    // percentage …"); they join no clauses.
    if (type === 'speech' || type === 'quantity' || ANYWHERE.test(match[0]) || wordsBefore < LEADING_WORDS)
      return type;
  }
  return 'any';
}

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|several|tonnes';
/** Words news uses for an amount it does not count ("large quantities of equipment"). */
const AMOUNT_WORDS = 'numerous|quantit(?:y|ies)|amounts?';
/** Times given relative to another event ("ahead of the summit", "as the meeting began"). */
const RELATIVE_TIMES =
  'before|after|ahead of|prior to|during|later|earlier|ago|since|until|recent(?:ly)?|as \\w+ (?:\\w+ )?began';
/** Each pattern is global, to find every candidate answer in turn (see `hasAnswerEvidence`). */
const EVIDENCE: Record<Exclude<AnswerType, 'any'>, RegExp> = {
  quantity: new RegExp(`[\\d,.]*\\d|\\b(?:${NUMBER_WORDS}|${AMOUNT_WORDS})\\b`, 'gi'),
  duration: new RegExp(
    `\\b(?:\\d+|${NUMBER_WORDS}|a|an)[- ](?:years?|months?|weeks?|days?|hours?|decades?)\\b|\\bsince\\b`,
    'gi',
  ),
  time: new RegExp(
    `\\b(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|january|february|march|april|may|june|july|august|september|october|november|december|yesterday|today|tomorrow|tonight|morning|afternoon|evening|night|weekend|(?:last|next|this) (?:week|month|year)|\\d{4}|\\d{1,2}(?:am|pm)|${RELATIVE_TIMES})\\b`,
    'gi',
  ),
  place: /\b(?:in|at|to|from|near|across)\s+(?:the\s+)?\p{Lu}\p{Ll}+/gu,
  // What someone said is best answered by their words: a direct quotation.
  speech: /["“”]/gu,
  reason: /\b(?:because|due to|after|amid|over|in order to|so that|prompted|led to)\b/gi,
};

/**
 * Whether a sentence contains the kind of thing the answer type asks for. What the question itself names
 * is not an answer to it: "Where in Beijing did they meet?" is not answered by "in Beijing", so a
 * candidate whose words are all among `asked` (the question's analysed terms) does not count.
 */
export function hasAnswerEvidence(
  type: AnswerType,
  sentence: string,
  asked: ReadonlySet<string> = new Set(),
): boolean {
  if (type === 'any') return false;
  // The patterns are shared and global: `exec` from the start, rather than `matchAll`, which copies the
  // pattern on every call (ranking asks this of every passage found).
  const pattern = EVIDENCE[type];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(sentence); match; match = pattern.exec(sentence)) {
    const words = asked.size ? tokenizeWords(match[0]).flatMap(analyzeWord) : [];
    if (!words.length || words.some((w) => !asked.has(w))) return true;
  }
  return false;
}

/** Answer types whose answer is a thing of that kind: a passage without one cannot answer. */
const EVIDENCE_REQUIRED: ReadonlySet<AnswerType> = new Set(['time', 'quantity', 'duration']);

/**
 * Whether only a passage with evidence of the answer type ({@link hasAnswerEvidence}) can answer: for a
 * time, a quantity or a duration ("How many soldiers have been killed?" is not answered by a passage about
 * the soldiers that gives no number).
 */
export function needsEvidence(type: AnswerType): boolean {
  return EVIDENCE_REQUIRED.has(type);
}
