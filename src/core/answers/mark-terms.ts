import { type Analyze, analyzeWord, tokenize } from '../search/analyze.ts';
import type { Segment } from '../types.ts';

/**
 * Splits text into runs, marking the words whose index terms are in `terms`. Neighbouring marked words
 * separated only by spaces form one run, so "**Security Council sanctions**" is bolded as one phrase.
 */
export function markTerms(
  text: string,
  terms: ReadonlySet<string>,
  analyze: Analyze = analyzeWord,
): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  let markStart = -1;
  let markEnd = -1;
  const closeMark = () => {
    if (markStart < 0) return;
    if (markStart > cursor) segments.push({ text: text.slice(cursor, markStart) });
    segments.push({ text: text.slice(markStart, markEnd), mark: true });
    cursor = markEnd;
    markStart = -1;
  };
  for (const token of tokenize(text)) {
    if (!analyze(token.text).some((t) => terms.has(t))) continue;
    if (markStart >= 0 && /^ +$/.test(text.slice(markEnd, token.start))) {
      markEnd = token.end;
      continue;
    }
    closeMark();
    markStart = token.start;
    markEnd = token.end;
  }
  closeMark();
  if (cursor < text.length) segments.push({ text: text.slice(cursor) });
  return segments;
}
