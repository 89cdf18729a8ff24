/**
 * Splits an article body into paragraphs the way a reader counts them.
 *
 * Rule: in a file without blank lines, every non-empty line is a paragraph. In a file with blank lines, a
 * blank line ends a paragraph, and so does a line break after a line that ends a sentence (`.`, `!`, `?`,
 * `…`, a closing quote) or that is short (a heading or a list item); a longer line that stops mid-sentence
 * is hard-wrapped and continues on the next line. So files written one paragraph per line and files of
 * hard-wrapped, blank-line separated paragraphs are both numbered as a reader counts them.
 */
export function splitParagraphs(body: string): string[] {
  const lines = body.split(/\r\n|\r|\n/);
  const hasBlankLines = /\S[ \t]*(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)\s*\S/.test(body);
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) paragraphs.push(current.join(' '));
    current = [];
  };
  for (const rawLine of lines) {
    const line = rawLine.replace(/\s+/g, ' ').trim();
    if (!line) {
      flush();
      continue;
    }
    if (startsBlock(line)) flush();
    current.push(line);
    if (!hasBlankLines || endsParagraph(line)) flush();
  }
  flush();
  return paragraphs;
}

/** Markdown headings, list items and quotes start a paragraph of their own. */
function startsBlock(line: string): boolean {
  return /^(#{1,6}\s|[-*+]\s|\d+[.)]\s|>\s)/.test(line);
}

const SENTENCE_END = /[.!?…:;"”’')\]]$/u;
/** Lines this short that stop without punctuation are headings or labels, not wrapped text. */
const SHORT_LINE_WORDS = 8;

function endsParagraph(line: string): boolean {
  if (SENTENCE_END.test(line)) return true;
  if (/^#{1,6}\s/.test(line)) return true;
  return line.split(' ').length <= SHORT_LINE_WORDS;
}
