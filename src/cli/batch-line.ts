/**
 * One line of `npm run ask -- --batch`: a plain question, or a JSON object naming the question and the day it is
 * asked as of, `{"question": "…", "as_of": "YYYY-MM-DD"}` (`q` is read as `question` too, so an eval set's lines
 * can be fed as they are).
 */
import { parseAsOf } from '../core/time/as-of.ts';

/** A batch line read: the question and, when the line gives one, the moment it is asked as of. */
export type BatchLine =
  | { ok: true; question: string; asOf?: Date }
  | { ok: false; question: string; error: string };

/**
 * Reads a batch line. A line starting with `{` is a JSON object; one that is not valid, has no question, or
 * whose `as_of` is not a day is an error (its text kept as the question, so output stays one line per line).
 */
export function readBatchLine(line: string): BatchLine {
  if (!line.trimStart().startsWith('{')) return { ok: true, question: line };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, question: line, error: 'is not valid JSON' };
  }
  const fields = value as { question?: unknown; q?: unknown; as_of?: unknown };
  const question = fields.question ?? fields.q;
  if (typeof question !== 'string') {
    return { ok: false, question: line, error: 'has no "question" string' };
  }
  if (fields.as_of === undefined || fields.as_of === null) return { ok: true, question };
  const asOf = typeof fields.as_of === 'string' ? parseAsOf(fields.as_of) : undefined;
  if (!asOf) {
    return {
      ok: false,
      question,
      error: `has "as_of": ${JSON.stringify(fields.as_of)}, not a day YYYY-MM-DD`,
    };
  }
  return { ok: true, question, asOf };
}
