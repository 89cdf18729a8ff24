/**
 * Safe Slack mrkdwn from untrusted text: escaping, bold runs, links and length limits.
 * Everything a user or an article wrote goes through {@link escapeMrkdwn} before it reaches Slack.
 */

import type { Segment } from '../../core/types.ts';

const ELLIPSIS = '…';
/** Longer URLs are left unlinked so a link can never crowd a section past Slack's limit. */
const MAX_URL = 1000;

/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` become entities, so `<!channel>`, `<!here>`,
 * `<!everyone>`, `<@U…>` and `<url|label>` are shown as text and never act; a zero-width space after `@`
 * keeps `@channel`, `@here` and `@everyone` from being linked by clients that link bare words.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u200B$1');
}

/** Shortens plain text to at most `max` characters, ending with `…` when cut (never splits a surrogate pair). */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - ELLIPSIS.length);
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/**
 * Renders marked/unmarked runs as mrkdwn with marked words in bold, in at most `max` characters.
 * Escaping happens per run, so a cut never leaves half an entity or an unclosed `*`.
 */
export function segmentsToMrkdwn(segments: readonly Segment[], max: number): string {
  const runs = mergeRuns(segments);
  const pieces = runs.map(renderRun);
  if (pieces.reduce((total, piece) => total + piece.length, 0) <= max) return pieces.join('');
  const budget = max - ELLIPSIS.length;
  let out = '';
  for (const [i, piece] of pieces.entries()) {
    if (out.length + piece.length > budget) {
      const run = runs[i];
      if (run) out += fitRun(run, budget - out.length);
      break;
    }
    out += piece;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/** Plain text of runs (marks dropped). */
export function segmentsToText(segments: readonly Segment[]): string {
  return segments.map((segment) => segment.text).join('');
}

/**
 * A mrkdwn link to `url` labelled with escaped `label`, or just the escaped label when the URL is not
 * a plain http(s) URL (so no `javascript:` or `slack://` links are ever produced from article metadata).
 */
export function linkOrText(url: string | undefined, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, '¦');
  const safeUrl = url ? safeHttpUrl(url) : undefined;
  return safeUrl ? `<${safeUrl}|${safeLabel}>` : safeLabel;
}

/** The URL normalised for a mrkdwn link, or undefined when it is not http(s). */
export function safeHttpUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.href.length > MAX_URL) return undefined;
  // `|` ends the URL part of a link and `<`/`>` its markup; URL() already percent-encodes spaces and quotes.
  return url.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
}

/** `1 article`, `2 articles`. */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

function mergeRuns(segments: readonly Segment[]): Segment[] {
  const runs: Segment[] = [];
  for (const segment of segments) {
    if (!segment.text) continue;
    const mark = Boolean(segment.mark) && !segment.text.includes('*');
    const last = runs.at(-1);
    if (last && Boolean(last.mark) === mark) last.text += segment.text;
    else runs.push({ text: segment.text, mark });
  }
  return runs;
}

function renderRun(run: Segment): string {
  if (!run.mark) return escapeMrkdwn(run.text);
  // Slack only bolds `*x*` when the asterisks touch the words, so whitespace goes outside them.
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text);
  const [, lead = '', core = '', trail = ''] = match ?? [];
  return core ? `${lead}*${escapeMrkdwn(core)}*${trail}` : run.text;
}

function fitRun(run: Segment, budget: number): string {
  if (budget <= 2) return '';
  const chars = Array.from(run.text);
  let low = 0;
  let high = chars.length;
  // The longest prefix whose rendering fits: rendering grows with the prefix, so bisect.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (renderRun({ text: chars.slice(0, mid).join('').trimEnd(), mark: run.mark }).length <= budget)
      low = mid;
    else high = mid - 1;
  }
  return renderRun({ text: chars.slice(0, low).join('').trimEnd(), mark: run.mark });
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
