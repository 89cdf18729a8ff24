import { analyzeWord, tokenize } from '../search/analyze.ts';
import type { QuestionTerm } from '../search/passage-index.ts';
import type { ProblemReply } from '../types.ts';
import { type AnswerType, answerTypeOf } from './answer-type.ts';

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
 * Mention and broadcast syntax of Discord (`<@123>`, `<@&123>`, `<#123>`, `@everyone`, `@here`) and Slack
 * (`<!channel>`, `<@U123|name>`): it addresses people, it is not part of what is asked.
 */
const MENTIONS = /<(?:@[!&]?|#|!)[^<>\s]*>|@(?:everyone|here|channel)\b/giu;

/** Reads a user's question: trims it, shortens a very long one, and extracts its search terms. */
export function readQuestion(raw: string): ReadQuestionResult {
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
    // Cut on a word boundary and never inside a surrogate pair.
    const cut = Array.from(text).slice(0, MAX_QUESTION_CHARS).join('');
    const space = cut.lastIndexOf(' ');
    text = `${space > MAX_QUESTION_CHARS * 0.8 ? cut.slice(0, space) : cut}…`;
    note = `Your question was long, so I used only its first ${MAX_QUESTION_CHARS} characters.`;
  }
  const searchable = text.replace(MENTIONS, ' ');
  const answerType = answerTypeOf(searchable);
  const terms = questionTerms(searchable, answerType);
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
 * Words that only give the question its form ("what did X *say*?", "how *long* …?"): the answer type
 * carries them, and searching for them would favour passages that merely use the same verb.
 */
const FORM_WORDS: Partial<Record<AnswerType, ReadonlySet<string>>> = {
  speech: new Set(['say', 'says', 'said', 'saying'].flatMap(analyzeWord)),
  duration: new Set(['long'].flatMap(analyzeWord)),
  quantity: new Set(['many', 'much', 'number', 'amount'].flatMap(analyzeWord)),
};

/**
 * The distinct search terms of a question. A capitalised word other than the first, in a question that is
 * not all lower or upper case, names something (a person, place, work): if the articles never mention it,
 * they are not about it, which confidence takes into account.
 */
function questionTerms(text: string, answerType: AnswerType): QuestionTerm[] {
  const mixedCase = /\p{Ll}/u.test(text) && /\p{Lu}/u.test(text);
  const terms = new Map<string, QuestionTerm>();
  tokenize(text).forEach((token, i) => {
    const entity = mixedCase && i > 0 && /^\p{Lu}/u.test(token.text);
    for (const term of analyzeWord(token.text)) {
      if (FORM_WORDS[answerType]?.has(term)) continue;
      const seen = terms.get(term);
      if (seen) seen.entity ||= entity;
      else terms.set(term, { term, entity });
    }
  });
  return [...terms.values()];
}
