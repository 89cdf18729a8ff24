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
  /** What was wrong with the front matter, for the operator (e.g. a `---` never closed). */
  warning?: string;
}

/**
 * Each key, and the names other tools give it (Hugo, Jekyll, scrapers, schema.org), folded to lower case with
 * `-` as `_`. When a file sets several, the one listed first here wins (`title` over `headline`).
 */
const ALIASES: Record<keyof FrontMatter, readonly string[]> = {
  title: ['title', 'headline'],
  url: [
    'url',
    'canonical_url',
    'canonicalurl',
    'canonical',
    'permalink',
    'link',
    'source_url',
    'original_url',
  ],
  source: ['source', 'publisher', 'site_name', 'sitename', 'outlet', 'publication', 'source_name'],
  published: [
    'published',
    'date',
    'published_at',
    'publish_date',
    'published_date',
    'date_published',
    'datepublished',
    'pubdate',
  ],
};
const FIELD_OF = new Map<string, { field: keyof FrontMatter; rank: number }>(
  Object.entries(ALIASES).flatMap(([field, names]) =>
    names.map((name, rank) => [name, { field: field as keyof FrontMatter, rank }]),
  ),
);

const KEY_VALUE = /^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$/;
const OPENING = /^---[ \t]*\r?\n/;

/**
 * Splits `key: value` front matter from the top of a file. Common aliases are read (`date` → published,
 * `canonical_url` → url, `publisher` → source); other keys are ignored. A `---` that is never closed is
 * front matter up to the first blank line when those lines are all `key: value`, and otherwise the `---` is
 * dropped and the rest is body; either way `warning` says so.
 */
export function splitFrontMatter(text: string): SplitFrontMatter {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (match) return { meta: readPairs(match[1] ?? ''), body: text.slice(match[0].length) };
  const opening = OPENING.exec(text);
  if (!opening) return { meta: {}, body: text };
  const rest = text.slice(opening[0].length);
  const block = /^([\s\S]*?)(?:\r?\n[ \t]*\r?\n|$)/.exec(rest)?.[0] ?? '';
  const lines = block.split(/\r?\n/).filter((line) => line.trim());
  if (lines.length && lines.every((line) => KEY_VALUE.test(line))) {
    return {
      meta: readPairs(block),
      body: rest.slice(block.length),
      warning:
        'its front matter (opened by "---" on line 1) is never closed; read up to the first blank line',
    };
  }
  return {
    meta: {},
    body: rest,
    warning: 'it starts with "---" but no front matter follows (or it is never closed); read as text',
  };
}

function readPairs(block: string): FrontMatter {
  const meta: FrontMatter = {};
  const ranks: Partial<Record<keyof FrontMatter, number>> = {};
  for (const line of block.split(/\r?\n/)) {
    const pair = KEY_VALUE.exec(line);
    if (!pair) continue;
    const key = FIELD_OF.get((pair[1] ?? '').toLowerCase().replaceAll('-', '_'));
    const value = unquote(pair[2] ?? '');
    // Jekyll's `published: false` marks a draft; it is not a date.
    if (!key || !value || /^(true|false)$/i.test(value)) continue;
    if ((ranks[key.field] ?? Number.POSITIVE_INFINITY) <= key.rank) continue;
    meta[key.field] = value;
    ranks[key.field] = key.rank;
  }
  return meta;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? (quoted[2] ?? '') : value;
}
