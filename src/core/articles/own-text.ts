const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 keeps a substring as a view of
 * its parent: a title or a date cut from a file's text kept the whole file's text alive beside its
 * paragraphs (~115 MB at 100k paragraphs). The copy is also stored at one byte a character when all its
 * characters allow, where a piece of a file with one curly quote anywhere took two.
 */
export function ownText(text: string): string {
  return decoder.decode(encoder.encode(text));
}
