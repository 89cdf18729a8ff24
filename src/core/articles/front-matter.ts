/** Optional `---` … `---` front matter at the top of an article file. */

/** The metadata keys front matter may set. */
export interface FrontMatter {
  title?: string;
  url?: string;
  source?: string;
  published?: string;
}

/** Front matter (if any) and the body that follows it. */
export interface SplitFrontMatter {
  meta: FrontMatter;
  body: string;
}

const KEYS = new Set(['title', 'url', 'source', 'published']);

/**
 * Splits `key: value` front matter from the top of a file. Unknown keys are ignored; a file that does not
 * start with `---` (or never closes it) has no front matter and is all body.
 */
export function splitFrontMatter(text: string): SplitFrontMatter {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { meta: {}, body: text };
  const meta: FrontMatter = {};
  for (const line of (match[1] ?? '').split(/\r?\n/)) {
    const pair = /^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (!pair) continue;
    const key = (pair[1] ?? '').toLowerCase();
    const value = unquote(pair[2] ?? '');
    if (KEYS.has(key) && value) meta[key as keyof FrontMatter] = value;
  }
  return { meta, body: text.slice(match[0].length) };
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? '') : value;
}
