import { STOP_WORDS } from '../search/stop-words.ts';

/**
 * The words that give a question its form rather than its subject: the stop words, and the words the
 * answer types are read from ("what did X *say*", "how *long*", "how *many*").
 */
const FORM_WORDS: ReadonlySet<string> = new Set(['say', 'says', 'said', 'long', 'many', 'much', 'how']);
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  [...STOP_WORDS, ...FORM_WORDS].filter((w) => /^[a-z]+$/.test(w)),
);
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The function word a typed word most likely slipped from ("waht" → what, "sya" → say, "wich" → which),
 * or undefined. Two slips count: two neighbouring letters swapped (words of three letters or more), and
 * one letter left out (four or more, so the word typed keeps three). A word that could be more than one
 * function word is left as it is, unless they are all stop words with no say in the question's form. The caller must first make sure the word is not one the articles use:
 * "form" may be "from", or a form.
 *
 * Without this, a slip in "what" or "say" made an unknown word that the question seemed to ask about
 * (lowering how much of the question any passage covered), and hid the question's form ("what did trump
 * sya" was not read as asking what Trump said).
 */
export function functionWordSlip(word: string): string | undefined {
  if (!/^[a-z]{3,}$/.test(word) || FUNCTION_WORDS.has(word)) return undefined;
  const found = new Set<string>();
  for (let i = 0; i + 1 < word.length; i++) {
    const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (FUNCTION_WORDS.has(swapped)) found.add(swapped);
  }
  if (word.length >= 4) {
    for (let i = 0; i <= word.length; i++)
      for (const letter of LETTERS) {
        const longer = word.slice(0, i) + letter + word.slice(i);
        if (FUNCTION_WORDS.has(longer)) found.add(longer);
      }
  }
  const [first] = found;
  // Several stop words ("hwo": who, how) are all dropped alike; several words of form are a guess.
  if (found.size === 1 || [...found].every((w) => STOP_WORDS.has(w) && !FORM_WORDS.has(w))) return first;
  return undefined;
}
