import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { FrontMatter } from './front-matter.ts';

/** An article read from an HTML page: its metadata and its main text, one Markdown block per paragraph. */
export interface HtmlArticle {
  meta: FrontMatter;
  /** Paragraphs of the main text in order; subheadings as `## …`. */
  blocks: string[];
}

/** Elements that are never article text, whatever the page calls them. */
const NEVER_TEXT = [
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'iframe',
  'svg',
  'button',
  'figure',
  'figcaption',
  'picture',
  'video',
  'audio',
  'dialog',
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[role="dialog"]',
  '[role="alertdialog"]',
].join(',');

/**
 * Class or id words of site furniture: cookie banners, newsletter boxes, related and "read more" lists,
 * adverts, share bars, captions and credits. Matched against the words of a class or id
 * (`newsletter-signup` → newsletter, signup), so "shared" or "address" never match.
 */
const FURNITURE_WORDS = new Set([
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'newsletter',
  'newsletters',
  'subscribe',
  'subscription',
  'signup',
  'related',
  'recommended',
  'recommendations',
  'readmore',
  'more',
  'promo',
  'ad',
  'ads',
  'advert',
  'advertisement',
  'sponsored',
  'share',
  'sharing',
  'social',
  'outbrain',
  'taboola',
  'paywall',
  'modal',
  'popup',
  'breadcrumb',
  'breadcrumbs',
  'caption',
  'credit',
  'byline',
  'comments',
  'sidebar',
  'banner',
]);

/**
 * Reads an HTML page as an article with Mozilla's Readability (the Firefox Reader View extractor) over
 * linkedom's DOM — no regular expressions over HTML. Metadata comes from the page's head: title from
 * `og:title`, `<title>` or `<h1>` (a " - Site" / " | Site" suffix dropped); url from `<link rel=canonical>`
 * or `og:url`; source from `og:site_name`; published from `article:published_time`, JSON-LD
 * `datePublished` or `<time datetime>`. Navigation, cookie banners, figures and their captions, adverts,
 * related lists, newsletter boxes, scripts and styles are removed before the main text is found.
 * Never throws: a page with no text gives no blocks.
 */
export function extractHtmlArticle(html: string): HtmlArticle {
  const { document } = parseHTML(html);
  const meta = readMeta(document);
  for (const element of [...document.querySelectorAll(NEVER_TEXT)]) element.remove();
  const pageText = document.body?.textContent?.length ?? 0;
  for (const element of [...document.querySelectorAll('[class],[id]')]) {
    // A wrapper holding most of the page is the page, whatever its class says ("ad-free-article").
    if (isFurnitureElement(element) && (element.textContent?.length ?? 0) < pageText / 2) element.remove();
  }
  let root: BlockRoot = document.body ?? document;
  try {
    const main = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      keepClasses: false,
    }).parse();
    if (main?.content)
      root = parseHTML(`<!doctype html><html><body>${main.content}</body></html>`).document.body;
  } catch {
    // Readability gives up on some odd pages: the cleaned page's own paragraphs are read instead.
  }
  const blocks = readBlocks(root).filter((block, i) => !(i === 0 && isTitle(block, meta.title)));
  return { meta, blocks };
}

/** The Markdown file for an article read from HTML: front matter, then one block per paragraph. */
export function htmlArticleToMarkdown(article: HtmlArticle): string {
  const lines = Object.entries(article.meta)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}: ${frontMatterValue(String(value))}`);
  const head = lines.length ? `---\n${lines.join('\n')}\n---\n` : '';
  return `${head}${article.blocks.join('\n\n')}\n`;
}

/** A value as front matter keeps it: one line, quoted when quotes at both ends would otherwise be lost. */
function frontMatterValue(value: string): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return /^(["']).*\1$/.test(line)
    ? `${line.startsWith('"') ? "'" : '"'}${line}${line[0] === '"' ? "'" : '"'}`
    : line;
}

interface ElementLike {
  tagName: string;
  getAttribute(name: string): string | null;
  textContent: string | null;
  closest(selector: string): unknown;
  querySelector(selector: string): unknown;
}

function isFurnitureElement(element: ElementLike): boolean {
  if (/^(?:HTML|BODY|ARTICLE|MAIN)$/i.test(element.tagName)) return false;
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return names
    .toLowerCase()
    .split(/[^a-z]+/)
    .some((word) => FURNITURE_WORDS.has(word));
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, dd, dt';

/** Where paragraphs are looked for: a page's body, or the main text Readability found. */
interface BlockRoot {
  querySelectorAll(selector: string): Iterable<unknown>;
}

function readBlocks(root: BlockRoot): string[] {
  const blocks: string[] = [];
  // A line break is a space between words, not nothing ("one<br>two" reads "one two").
  for (const br of [...root.querySelectorAll('br')] as { replaceWith(text: string): void }[])
    br.replaceWith(' ');
  for (const element of [...root.querySelectorAll(BLOCKS)] as unknown as ElementLike[]) {
    // The innermost block holds the text: an <li> or <blockquote> of <p>s is read as those <p>s.
    if (element.querySelector(BLOCKS)) continue;
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    blocks.push(/^H[1-6]$/i.test(element.tagName) ? `## ${text}` : text);
  }
  return blocks;
}

function isTitle(block: string, title: string | undefined): boolean {
  return title !== undefined && block.replace(/^## /, '').toLowerCase() === title.toLowerCase();
}

type DocumentLike = ReturnType<typeof parseHTML>['document'];

function readMeta(document: DocumentLike): FrontMatter {
  const metaContent = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const element = document.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
      const value = element?.getAttribute('content')?.trim();
      if (value) return value;
    }
    return undefined;
  };
  const text = (selector: string) =>
    document.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  const source = metaContent('og:site_name', 'application-name');
  const rawTitle = metaContent('og:title', 'twitter:title') ?? text('title') ?? text('h1');
  const meta: FrontMatter = {};
  const title = rawTitle && dropSiteSuffix(rawTitle, source);
  if (title) meta.title = title;
  const url =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ?? metaContent('og:url');
  if (url && /^https?:\/\//i.test(url)) meta.url = url;
  if (source) meta.source = source;
  const published =
    metaContent('article:published_time', 'datePublished', 'date', 'pubdate') ??
    jsonLdDate(document) ??
    document.querySelector('time[datetime]')?.getAttribute('datetime')?.trim();
  if (published) meta.published = published;
  return meta;
}

/** "Council backs bridge - Example Gazette" → "Council backs bridge" (a short last part after " - " or " | "). */
function dropSiteSuffix(title: string, source: string | undefined): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  const parts = clean.split(/\s+[|–—-]\s+/);
  if (parts.length < 2) return clean;
  const last = parts.at(-1) ?? '';
  const isSite =
    (source !== undefined && last.toLowerCase() === source.toLowerCase()) || last.split(' ').length <= 4;
  return isSite ? clean.slice(0, clean.length - last.length).replace(/\s+[|–—-]\s*$/, '') : clean;
}

/** `datePublished` from the page's JSON-LD (an object, a list, or an `@graph`). */
function jsonLdDate(document: DocumentLike): string | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const found = findDatePublished(data, 0);
    if (found) return found;
  }
  return undefined;
}

function findDatePublished(data: unknown, depth: number): string | undefined {
  if (depth > 4 || data === null || typeof data !== 'object') return undefined;
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findDatePublished(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const record = data as Record<string, unknown>;
  if (typeof record.datePublished === 'string' && record.datePublished.trim())
    return record.datePublished.trim();
  return findDatePublished(record['@graph'], depth + 1);
}
