import { type Analyze, analyzeWord, fold, tokenize } from '../search/analyze.ts';
import type { QuestionTerm } from '../search/search-engine.ts';
import type { ProblemReply } from '../types.ts';
import { type AnswerType, answerNounEnd, answerTypeOf, questionClauseSpan } from './answer-type.ts';
import { functionWordSlip } from './function-word-slips.ts';

/** Questions longer than this are answered from their first this-many characters (and the reply says so). */
export const MAX_QUESTION_CHARS = 500;

/** A question ready to search: its display text, its search terms, and the kind of answer it wants. */
export interface Question {
  /** The question as it will be shown back (trimmed, shortened if needed); untrusted text. */
  text: string;
  /** Set when the question was shortened. */
  note?: string;
  /** Distinct analysed search terms, in question order. */
  terms: QuestionTerm[];
  answerType: AnswerType;
}

/** A question, or the problem that stops it being searched. */
export type ReadQuestionResult = { ok: true; question: Question } | { ok: false; problem: ProblemReply };

/**
 * HTML or XML markup pasted into a question (`<script>alert(1)</script>`, `<b>`): not words anyone asked.
 * A script's or style's content goes with its tags; other tags are dropped and the text between them kept.
 */
const MARKUP = /<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<\/?[a-z][\w-]*(?:\s[^<>]*)?\/?>/giu;

/**
 * Reads a user's question: trims it, shortens a very long one, and extracts its search terms. `isKnown`
 * tells whether the articles use a word: a word they don't use that is a slip of a function word ("waht",
 * "sya") is read as that word (see `function-word-slips.ts`). What `mentions` match (the platforms' mention
 * and broadcast syntax, global patterns) addresses people: it is not part of what is asked.
 */
export function readQuestion(
  raw: string,
  isKnown: (word: string) => boolean = () => false,
  mentions: readonly RegExp[] = [],
  analyze: Analyze = analyzeWord,
): ReadQuestionResult {
  let text = raw.replace(/\s+/g, ' ').trim();
  if (!text) {
    return {
      ok: false,
      problem: {
        kind: 'problem',
        code: 'empty-question',
        message: 'Ask me a question about the articles, for example: "How many troops did North Korea send?"',
        usage: 'ask <question>',
      },
    };
  }
  let note: string | undefined;
  if (text.length > MAX_QUESTION_CHARS) {
    text = shortened(text);
    note = `Your question was long, so I used only its first ${MAX_QUESTION_CHARS} characters.`;
  }
  const searchable = withoutSlips(searchableText(text, mentions), isKnown);
  const answerType = answerTypeOf(searchable);
  const terms = questionTerms(searchable, answerType, analyze);
  if (!terms.length) {
    return {
      ok: false,
      problem: {
        kind: 'problem',
        code: 'no-words',
        message:
          'I could not find any words to look up in that. Ask a question in words, for example: "Who is Sergey Lavrov?"',
        usage: 'ask <question>',
      },
    };
  }
  return { ok: true, question: { text, note, terms, answerType } };
}

/**
 * The words {@link readQuestion} would ask its `isKnown` about, folded, in order: so that a caller whose
 * vocabulary is asynchronous (a search engine behind the port) can look them all up at once first.
 */
export function wordsToCheck(raw: string, mentions: readonly RegExp[] = []): string[] {
  let text = raw.replace(/\s+/g, ' ').trim();
  if (text.length > MAX_QUESTION_CHARS) text = shortened(text);
  const words: string[] = [];
  withoutSlips(searchableText(text, mentions), (word) => {
    words.push(word);
    return true;
  });
  return words;
}

/** The question without what addresses people (`mentions`) and without pasted markup. */
function searchableText(text: string, mentions: readonly RegExp[]): string {
  return mentions.reduce((rest, pattern) => rest.replace(pattern, ' '), text).replace(MARKUP, ' ');
}

/** A question cut to {@link MAX_QUESTION_CHARS}: on a word boundary when one is near, never inside a surrogate pair. */
function shortened(text: string): string {
  let cut = text.slice(0, MAX_QUESTION_CHARS);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_QUESTION_CHARS * 0.8 ? cut.slice(0, space) : cut}…`;
}

/** The text with each slip of a function word replaced by the word (same length or one letter more). */
function withoutSlips(text: string, isKnown: (word: string) => boolean): string {
  let out = '';
  let last = 0;
  tokenize(text).forEach((token, i) => {
    // A capitalised word inside the question is a name, whatever it looks like.
    if (i > 0 && /^\p{Lu}/u.test(token.text)) return;
    const word = fold(token.text);
    if (isKnown(word)) return;
    const meant = functionWordSlip(word);
    if (!meant) return;
    out += text.slice(last, token.start) + meant;
    last = token.end;
  });
  return out + text.slice(last);
}

/**
 * Words that only give the question its form ("what did X *say*?", "how *long* …?"): the answer type
 * carries them, and searching for them would favour passages that merely use the same verb.
 */
const FORM_WORDS: Partial<Record<AnswerType, ReadonlySet<string>>> = {
  // The verbs a speech question is read from, but "think": what someone thought is often written so.
  speech: new Set(
    ['say', 'says', 'said', 'saying', 'call', 'calls', 'called', 'write', 'wrote', 'claim', 'claims'].flatMap(
      (word) => analyzeWord(word),
    ),
  ),
  duration: new Set(['long'].flatMap(analyzeWord)),
  quantity: new Set(['many', 'much', 'number', 'amount'].flatMap(analyzeWord)),
};

/**
 * "What did <speaker> say …": the words naming who spoke. Articles name a speaker in full once (often in
 * the title) and then say "he" or "Mr Putin", so search lets the title vouch for them (see `speaker`).
 */
const SPEAKER =
  /\bwhat (?:did|does|do|has|have) (.+?) (?:say|says|said|tell|told|write|wrote|think|claim|call)\b/diu;

/** Where the speaker of a speech question is named, as [start, end) offsets. */
function speakerSpan(text: string, answerType: AnswerType): readonly [number, number] {
  return (answerType === 'speech' && SPEAKER.exec(text)?.indices?.[1]) || [-1, -1];
}

/**
 * The distinct search terms of a question. A capitalised word other than the first, in a question that is
 * not all lower or upper case, names something (a person, place, work): if the articles never mention it,
 * they are not about it, which confidence takes into account. Each term keeps the word as written (for its
 * meaning), its position (for words asked about together) and whether it names the speaker.
 */
function questionTerms(text: string, answerType: AnswerType, analyze: Analyze): QuestionTerm[] {
  const terms = searchTerms(text, answerType, true, analyze);
  // "Which country?" alone: the noun is all there is to search.
  return terms.length ? terms : searchTerms(text, answerType, false, analyze);
}

/**
 * A noun that only gives the question its form: "In what *ways* has…" asks how, "What *kind* of…" asks
 * what. The articles' "ways" or "kinds" say nothing about the answer, so it is not searched.
 */
const FORM_NOUN = /\b(?:what|which) (?:ways?|kinds?|sorts?|types?|manner)\b/i;

/** The question's terms, but the words that give it its form (and, if `withoutNoun`, the noun naming the answer). */
function searchTerms(
  text: string,
  answerType: AnswerType,
  withoutNoun: boolean,
  analyze: Analyze,
): QuestionTerm[] {
  const mixedCase = /\p{Ll}/u.test(text) && /\p{Lu}/u.test(text);
  // A question of several words in capitals throughout is shouted: its "WHAT" and "THE" are not acronyms
  // (`analyzeWord`). One word alone ("WHO", "US") is asked about as written.
  const tokens = tokenize(text);
  const shouted = !/\p{Ll}/u.test(text) && tokens.length > 1;
  const terms = new Map<string, QuestionTerm>();
  const [speakerStart, speakerEnd] = speakerSpan(text, answerType);
  const nounEnd = answerType === 'place' || answerType === 'time' ? answerNounEnd(text) : -1;
  const formNoun = FORM_NOUN.exec(text);
  const formNounEnd = formNoun ? formNoun.index + formNoun[0].length : -1;
  // A question that sets the scene before it asks: its asking sentence's words are marked (`asking`).
  const [askingStart] = questionClauseSpan(text);
  tokens.forEach((token, i) => {
    const entity = mixedCase && i > 0 && /^\p{Lu}/u.test(token.text);
    const analysed = analyze(shouted ? token.text.toLowerCase() : token.text);
    // The written word, for its word vector, when it is one plain word (not a hyphenated compound).
    const word = analysed.length === 1 ? fold(token.text).replace(/'s$|'$/u, '') : undefined;
    for (const term of analysed) {
      if (FORM_WORDS[answerType]?.has(term) || (withoutNoun && token.end === nounEnd)) continue;
      if (withoutNoun && token.end === formNounEnd) continue;
      const asking = askingStart > 0 && token.start >= askingStart;
      const seen = terms.get(term);
      if (seen) {
        seen.entity ||= entity;
        if (asking) seen.asking = true;
      } else {
        const t: QuestionTerm = { term, entity, position: i };
        if (word) t.word = word;
        if (token.start >= speakerStart && token.end <= speakerEnd) t.speaker = true;
        if (asking) t.asking = true;
        terms.set(term, t);
      }
    }
  });
  return [...terms.values()];
}
