/**
 * Splits an article body into paragraphs the way a reader counts them.
 *
 * Rule: in a file without blank lines, every non-empty line is a paragraph. In a file with blank lines, a
 * blank line ends a paragraph, and so does a line break after a line that ends a sentence (`.`, `!`, `?`,
 * `…`, a closing quote) or that is short (a heading or a list item); a longer line that stops mid-sentence
 * is hard-wrapped and continues on the next line. A file without blank lines that is clearly hard-wrapped
 * (see {@link looksHardWrapped}) is joined the same way, so no sentence is split across paragraphs. So files
 * written one paragraph per line and hard-wrapped files are all numbered as a reader counts them.
 */
export function splitParagraphs(body: string): string[] {
  const lines = body.split(/\r\n|\r|\n/);
  const hasBlankLines = /\S[ \t]*(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)\s*\S/.test(body);
  const hardWrapped = !hasBlankLines && looksHardWrapped(lines);
  const joinWrapped = hasBlankLines || hardWrapped;
  // In a hard-wrapped file a wrapped line nearly fills the width; a much shorter one ends its paragraph
  // (a headline, a last line ending without a full stop).
  const wrapped = hardWrapped ? 0.6 * Math.max(...lines.map((l) => l.trim().length)) : 0;
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
    if (!joinWrapped || endsParagraph(line) || line.length < wrapped) flush();
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

/** A line longer than this is not hard-wrapped text (editors wrap at 72–100 columns). */
const WRAP_WIDTH = 120;

/**
 * Whether a file without blank lines is hard-wrapped rather than written one paragraph per line: nearly every
 * line fits in {@link WRAP_WIDTH} characters, and at least two lines — a quarter of them — are long lines that
 * stop mid-sentence. A paragraph-per-line file has long lines that end with a full stop.
 */
function looksHardWrapped(rawLines: string[]): boolean {
  const lines = rawLines.map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
  if (lines.length < 3) return false;
  const wide = lines.filter((l) => l.length > WRAP_WIDTH).length;
  if (wide > lines.length / 10) return false;
  const broken = lines.filter((l) => !endsParagraph(l) && !startsBlock(l)).length;
  return broken >= 2 && broken >= lines.length / 4;
}
