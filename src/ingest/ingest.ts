import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFeed } from 'feedsmith';
import { splitFrontMatter } from '../core/articles/front-matter.ts';
import { extractHtmlArticle, htmlArticleToMarkdown } from '../core/articles/html-article.ts';
import { NewsdeskError } from '../core/errors.ts';
import { FetchError, type FetchLimits, fetchUrl, type Validators } from './fetch-url.ts';

/** What ingesting one URL (a feed or a page) did. */
export interface UrlReport {
  url: string;
  /** Whether it was a feed (else a single page). */
  kind?: 'feed' | 'page';
  /** Files written into the articles folder. */
  added: string[];
  /** Articles it lists that the folder already has. */
  known: number;
  /** Whether a feed answered 304 Not Modified. */
  notModified?: boolean;
  /** Why the URL itself failed (it added nothing). */
  error?: string;
  /** Feed items skipped or failed, each naming the item. */
  problems: string[];
}

/** Options for {@link Ingester}. */
export interface IngesterOptions {
  /** The articles folder (`SEEDS_DIR`). */
  seedsDir: string;
  limits?: FetchLimits;
  /** Requests in flight at once, across all URLs (default 3). */
  concurrency?: number;
}

/**
 * Reads feeds and pages into the articles folder as Markdown files with front matter (title, url, source,
 * published) that the loader reads and a person can open, edit or delete. One file per article URL: a URL
 * the folder already has (by its front matter `url`, tracking parameters and `#…` ignored) is not fetched
 * again, and a page whose canonical URL the folder has — the same story under a second URL — is not saved
 * twice. Remembers feed validators (ETag, Last-Modified) for conditional GETs on the next round.
 */
export class Ingester {
  private readonly validators = new Map<string, Validators>();
  /** Feed item links already dealt with by this process (saved, known, or found to be a duplicate). */
  private readonly seenLinks = new Set<string>();
  private readonly limit: <T>(task: () => Promise<T>) => Promise<T>;

  constructor(private readonly options: IngesterOptions) {
    this.limit = limiter(options.concurrency ?? 3);
  }

  /** Ingests each URL (a few requests at a time); never throws for a URL's failure, which its report names. */
  async ingest(urls: readonly string[]): Promise<UrlReport[]> {
    const known = await this.knownUrls();
    return Promise.all(urls.map((url) => this.ingestOne(url, known)));
  }

  private async ingestOne(url: string, known: Set<string>): Promise<UrlReport> {
    const report: UrlReport = { url, added: [], known: 0, problems: [] };
    try {
      const fetched = await this.limit(() => fetchUrl(url, this.validators.get(url), this.options.limits));
      if (fetched.notModified) {
        report.kind = 'feed';
        report.notModified = true;
        return report;
      }
      if (looksLikeFeed(fetched.body)) {
        report.kind = 'feed';
        const items = readFeedItems(fetched.body, fetched.url);
        await Promise.all(
          items.map(async (item) => {
            if (!item.link) {
              report.problems.push(`item "${shorten(item.title ?? 'untitled')}" has no link: skipped`);
              return;
            }
            const key = normalizeUrl(item.link);
            if (known.has(key) || this.seenLinks.has(key)) {
              report.known++;
              return;
            }
            try {
              const saved = await this.savePage(item.link, known, item.published);
              this.seenLinks.add(key);
              if (saved) report.added.push(saved);
              else report.known++;
            } catch (error) {
              report.problems.push(`${item.link}: ${reason(error)}`);
            }
          }),
        );
        this.validators.set(url, fetched.validators);
        return report;
      }
      report.kind = 'page';
      if (known.has(normalizeUrl(url))) {
        report.known++;
        return report;
      }
      const saved = await this.savePage(url, known, undefined, fetched);
      if (saved) report.added.push(saved);
      else report.known++;
    } catch (error) {
      report.error = reason(error);
    }
    return report;
  }

  /**
   * Fetches (unless given) and saves one article page; returns the file name, or undefined when the folder
   * already has the story under its canonical URL. Throws with a reason when the page cannot be read.
   */
  private async savePage(
    url: string,
    known: Set<string>,
    published?: string,
    given?: Awaited<ReturnType<typeof fetchUrl>>,
  ): Promise<string | undefined> {
    const fetched = given ?? (await this.limit(() => fetchUrl(url, {}, this.options.limits)));
    if (fetched.notModified) return undefined;
    if (!isHtml(fetched.contentType, fetched.body)) {
      throw new FetchError(`not an HTML page or a feed (content type ${fetched.contentType || 'unknown'})`);
    }
    const page = extractHtmlArticle(fetched.body);
    if (!page.blocks.length) throw new FetchError('no article text found on the page');
    page.meta.url ??= fetched.url;
    if (!page.meta.published && published) page.meta.published = published;
    const keys = [normalizeUrl(page.meta.url), normalizeUrl(url), normalizeUrl(fetched.url)];
    if (keys.some((key) => known.has(key))) return undefined;
    for (const key of keys) known.add(key);
    const name = fileNameFor(page.meta.title, page.meta.url);
    const file = path.join(this.options.seedsDir, name);
    // Written under a name the loader ignores, then renamed: the live reload never reads half a file.
    const partial = path.join(this.options.seedsDir, `.${name}.partial`);
    await writeFile(partial, htmlArticleToMarkdown(page), { flag: 'w' });
    await rename(partial, file);
    return name;
  }

  /** The article URLs the folder already has, from the front matter of its text files. */
  private async knownUrls(): Promise<Set<string>> {
    const { seedsDir } = this.options;
    const entries = await readdir(seedsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      throw new NewsdeskError(
        'seeds-missing',
        `the articles folder "${seedsDir}" ${error.code === 'ENOTDIR' ? 'is not a folder' : 'does not exist'}. Set SEEDS_DIR to an existing folder.`,
      );
    });
    const known = new Set<string>();
    await Promise.all(
      entries
        .filter((e) => e.isFile() && /\.(?:md|txt)$/i.test(e.name))
        .map(async (e) => {
          const head = await readFile(path.join(seedsDir, e.name), 'utf8').catch(() => '');
          const url = splitFrontMatter(head.slice(0, 4096)).meta.url;
          if (url) known.add(normalizeUrl(url));
        }),
    );
    return known;
  }
}

/** A feed's items as links to fetch. */
interface FeedItem {
  link?: string;
  title?: string;
  published?: string;
}

function looksLikeFeed(body: string): boolean {
  const start = body
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 2048);
  return /^<\?xml\b/i.test(start) ? !/<html[\s>]/i.test(start) : /^<(?:rss|feed|rdf:RDF)[\s>]/i.test(start);
}

function isHtml(contentType: string, body: string): boolean {
  if (/\bx?html\b/.test(contentType)) return true;
  if (contentType && !/^text\/plain|octet-stream/.test(contentType)) return false;
  return /^\s*(?:<!doctype html|<html[\s>])/i.test(body.slice(0, 1024));
}

/** Reads an RSS 2.0, RSS 1.0 or Atom feed with feedsmith. Throws a readable reason for anything else. */
function readFeedItems(body: string, feedUrl: string): FeedItem[] {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(body);
  } catch (error) {
    throw new FetchError(
      `not a valid RSS or Atom feed (${error instanceof Error ? error.message : 'unreadable XML'})`,
    );
  }
  const absolute = (link: string | undefined) => {
    if (!link?.trim()) return undefined;
    try {
      return new URL(link.trim(), feedUrl).href;
    } catch {
      return undefined;
    }
  };
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' ? value : (value as { value?: string } | undefined)?.value;
  if (parsed.format === 'atom') {
    return (parsed.feed.entries ?? []).map((entry) => {
      const links = entry.links ?? [];
      const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
      return {
        link: absolute(link?.href),
        title: text(entry.title),
        published: isoDate(text(entry.published ?? entry.updated)),
      };
    });
  }
  if (parsed.format === 'rss' || parsed.format === 'rdf') {
    return (parsed.feed.items ?? []).map((item) => {
      const record = item as { link?: string; title?: string; pubDate?: string; guid?: unknown };
      const guid = record.guid as { value?: string; isPermaLink?: boolean } | string | undefined;
      const permalink =
        typeof guid === 'string' ? guid : guid?.isPermaLink !== false ? guid?.value : undefined;
      const link = record.link ?? (permalink && /^https?:/i.test(permalink) ? permalink : undefined);
      return { link: absolute(link), title: record.title, published: isoDate(record.pubDate) };
    });
  }
  throw new FetchError(`a ${parsed.format} feed, not RSS or Atom`);
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/**
 * The form an article URL is compared in: no `#fragment`, no tracking parameters (`utm_*`, `fbclid`…),
 * lower-case host, no trailing slash.
 */
export function normalizeUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.hash = '';
    for (const key of [...url.searchParams.keys()]) {
      if (/^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|cmpid|ocid|ref|src)$/i.test(key))
        url.searchParams.delete(key);
    }
    url.hostname = url.hostname.toLowerCase();
    return url.href.replace(/\/+$/, '');
  } catch {
    return raw.trim();
  }
}

/** "council-backs-harbour-bridge-3f9a1c2e.md": a readable slug and a hash of the URL, unique per article URL. */
export function fileNameFor(title: string | undefined, url: string): string {
  const base = title ?? new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? 'article';
  const slug =
    base
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'article';
  const hash = createHash('sha256').update(normalizeUrl(url)).digest('hex').slice(0, 8);
  return `${slug}-${hash}.md`;
}

function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

function reason(error: unknown): string {
  if (error instanceof FetchError || error instanceof NewsdeskError) return error.message;
  return `failed (${error instanceof Error ? error.message : String(error)})`;
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/** "2 new articles from 3 URLs (4 already had, 1 failed)". */
export function summarize(reports: readonly UrlReport[]): string {
  const added = reports.reduce((n, r) => n + r.added.length, 0);
  const known = reports.reduce((n, r) => n + r.known, 0);
  const failed = reports.filter((r) => r.error).length;
  const problems = reports.reduce((n, r) => n + r.problems.length, 0);
  const parts = [`${known} already had`];
  if (failed) parts.push(`${failed} URL${failed === 1 ? '' : 's'} failed`);
  if (problems) parts.push(`${problems} feed item${problems === 1 ? '' : 's'} skipped`);
  return `${added} new article${added === 1 ? '' : 's'} from ${reports.length} URL${reports.length === 1 ? '' : 's'} (${parts.join(', ')})`;
}
