/** The longest title we derive from an article's opening sentence, in characters. */
export const MAX_DERIVED_TITLE = 80;

/**
 * A title for an article without front matter: its opening sentence, shortened at a clause or word boundary
 * to at most {@link MAX_DERIVED_TITLE} characters (with an ellipsis when cut).
 */
export function deriveTitle(openingParagraph: string, fallback: string): string {
  const sentence = openingSentence(openingParagraph);
  if (!sentence) return fallback;
  if (sentence.length <= MAX_DERIVED_TITLE) return sentence;
  // Prefer ending at a clause ("…, according to AP News" reads better cut at the comma).
  const clause = sentence.slice(0, MAX_DERIVED_TITLE).lastIndexOf(', ');
  if (clause >= MAX_DERIVED_TITLE / 2) return `${sentence.slice(0, clause)}…`;
  const cut = sentence.slice(0, MAX_DERIVED_TITLE - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/u, '')}…`;
}

/** The opening sentence of a paragraph without its full stop: the whole of a title derived from the text. */
export function openingSentence(openingParagraph: string): string {
  const text = openingParagraph.replace(/^#{1,6}\s+/, '').trim();
  return (/^.+?[.!?](?=\s|$)/u.exec(text)?.[0] ?? text).replace(/[.!?]$/u, '');
}
