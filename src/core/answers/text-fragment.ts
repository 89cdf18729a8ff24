/**
 * Citation links that land on the cited sentence: the article's URL with a URL text fragment
 * (`#:~:text=<start>,<end>`, https://wicg.github.io/scroll-to-text-fragment/), which browsers that support it
 * scroll to and highlight.
 */

/** Words taken from each end of a paragraph for `textStart` and `textEnd`. */
const EDGE_WORDS = 4;
/** A paragraph this short is matched whole, as `textStart` alone. */
const WHOLE_WORDS = 8;
/** The longest link given: chat platforms drop longer ones (Discord's masked links, Slack's), so the plain URL. */
export const MAX_LINK_LENGTH = 500;

/**
 * Signs that a paragraph's text is not as the page shows it, so a fragment would not match: pieces of
 * several page blocks glued into one line by a scraper (a live-blog time stamp and share button, a label
 * glued to its headline with no space), or no words at all.
 */
const REASSEMBLED =
  /\bShare this (?:update|post|entry)\b|[\p{Ll}\d][:;][\p{Lu}'‘"“]|\p{Ll}[.!?]\p{Lu}\p{Ll}/u;

/**
 * The link for a cited paragraph: `url#:~:text=<start>,<end>` built from the paragraph's first and last
 * words, or the plain `url` when a fragment would not find the paragraph on the page — its text shows signs
 * of being reassembled by extraction, or its start words also open an earlier paragraph (a browser highlights
 * the first match, which would be the wrong one), or the link would be too long for chat platforms.
 * Undefined without a URL.
 */
export function citationLink(
  url: string | undefined,
  text: string,
  earlierParagraphs: readonly string[] = [],
): string | undefined {
  if (!url) return undefined;
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length < 2 || REASSEMBLED.test(text)) return url;
  const whole = words.length <= WHOLE_WORDS;
  const start = (whole ? words : words.slice(0, EDGE_WORDS)).join(' ');
  const end = whole ? undefined : words.slice(-EDGE_WORDS).join(' ');
  if (earlierParagraphs.some((p) => p.replace(/\s+/g, ' ').includes(start))) return url;
  const directive = `text=${encodeTextDirective(start)}${end ? `,${encodeTextDirective(end)}` : ''}`;
  // A URL that already has a fragment keeps it: the directive follows it after ":~:".
  const link = `${url}${url.includes('#') ? '' : '#'}:~:${directive}`;
  return link.length <= MAX_LINK_LENGTH ? link : url;
}

/**
 * Percent-encodes a text directive's term as the spec requires: everything `encodeURIComponent` encodes
 * (`&` and `,` among them), and also `-` (it marks a prefix or suffix). `(`, `)`, `'`, `!` and `*` are
 * encoded too, so the link survives Markdown (`[title](url)`) and chat formatting.
 */
export function encodeTextDirective(term: string): string {
  return encodeURIComponent(term).replace(
    /[-()'!*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
