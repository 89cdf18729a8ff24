/** Letters tried when replacing or inserting one in a misspelling. */
const EDIT_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Every spelling one slip away from `word` (a letter dropped, doubled or added, replaced, or two
 * neighbours swapped), keeping its first letter, for words of 4 to 15 letters: shorter ones have too
 * many neighbours, longer ones too many candidates.
 */
export function* singleEdits(word: string): Generator<string> {
  if (word.length < 4 || word.length > 15) return;
  for (let i = 1; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) yield head + tail.slice(1);
    if (tail.length > 1) yield head + (tail[1] as string) + (tail[0] as string) + tail.slice(2);
    for (const c of EDIT_LETTERS) {
      if (tail && c !== tail[0]) yield head + c + tail.slice(1);
      yield head + c + tail;
    }
  }
}
