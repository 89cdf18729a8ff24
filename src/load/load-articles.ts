import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArticle } from '../core/articles/parse-article.ts';
import { NewsdeskError } from '../core/errors.ts';
import type { Article, Logger } from '../core/types.ts';

/** File endings that are articles. */
export const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.html', '.htm']);
const HTML_EXTENSIONS = new Set(['.html', '.htm']);
/** The largest HTML page read, in bytes: a news page is well under 2 MB; beyond this it is not one. */
export const MAX_HTML_BYTES = 10 * 1024 * 1024;

/**
 * Reads every `.txt`, `.md`, `.html` and `.htm` file in `dir` (not recursive) as an article, sorted by id.
 * A file that cannot be read, is empty or is not text is skipped with a warning naming it.
 * Throws a {@link NewsdeskError} when the folder is missing or yields no article at all.
 */
export async function loadArticles(dir: string, logger: Logger): Promise<Article[]> {
  const files = await listArticleFiles(dir);
  const articles: Article[] = [];
  for (const name of files) {
    const result = await readArticleFile(path.join(dir, name));
    if (result.ok) {
      articles.push(result.article);
      for (const warning of result.warnings) logger.warn(`Article file ${name}: ${warning}`, { file: name });
    } else logger.warn(`Skipped article file ${name}: ${result.reason}`, { file: name });
  }
  if (!articles.length) throw noArticles(dir, files.length);
  return articles;
}

/** The names of the article files in `dir`, sorted. Throws a {@link NewsdeskError} when `dir` is missing. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new NewsdeskError(
      'seeds-missing',
      `the articles folder "${dir}" ${error.code === 'ENOTDIR' ? 'is not a folder' : 'does not exist'}. Set SEEDS_DIR to a folder of .txt, .md or .html files.`,
    );
  });
  return entries
    .filter((e) => ARTICLE_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort();
}

/** The error for a folder that yields no article. */
export function noArticles(dir: string, skipped: number): NewsdeskError {
  return new NewsdeskError(
    'seeds-empty',
    `no articles found in "${dir}" (${skipped ? `${skipped} file(s) skipped` : 'no .txt, .md or .html files'}). Add article files and start again.`,
  );
}

/** The outcome of reading one file: an article (and what was odd about the file), or why it was skipped. */
export type ReadArticleResult =
  | { ok: true; article: Article; warnings: string[] }
  | { ok: false; reason: string };

/** Reads and parses one article file; never throws. */
export async function readArticleFile(file: string): Promise<ReadArticleResult> {
  const id = path.basename(file, path.extname(file));
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    if (HTML_EXTENSIONS.has(path.extname(file).toLowerCase()) && info.size > MAX_HTML_BYTES) {
      const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
      return {
        ok: false,
        reason: `is too large for an HTML page (${mb(info.size)} MB; the limit is ${mb(MAX_HTML_BYTES)} MB)`,
      };
    }
    bytes = await readFile(file);
  } catch (error) {
    return { ok: false, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const text = decodeText(bytes);
  if (text === undefined) return { ok: false, reason: 'is not text (binary content)' };
  if (!text.trim()) return { ok: false, reason: 'is empty' };
  const warnings: string[] = [];
  if (HTML_EXTENSIONS.has(path.extname(file).toLowerCase())) {
    // An HTML page is read for its main text: its tags, scripts and furniture never become paragraphs.
    // Imported on first use: a folder of text files never loads the HTML parser (start-up time).
    const { extractHtmlArticle, htmlArticleToMarkdown } = await import('../core/articles/html-article.ts');
    const page = extractHtmlArticle(text);
    if (!page.blocks.length)
      return { ok: false, reason: 'has no article text (no paragraphs found in the HTML)' };
    const article = parseArticle(id, htmlArticleToMarkdown(page), warnings);
    return article ? { ok: true, article, warnings } : { ok: false, reason: 'has no paragraphs' };
  }
  const article = parseArticle(id, text, warnings);
  return article ? { ok: true, article, warnings } : { ok: false, reason: 'has no paragraphs' };
}

/**
 * Decodes UTF-8 (with or without BOM); bytes that are not valid UTF-8 are read as Latin-1, which older
 * newsroom exports use. NUL bytes or many control characters mean the file is not text.
 */
export function decodeText(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = bytes.toString('latin1');
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: counting control characters is the point
  const controls = text.match(/[\u0000-\u0008\u000E-\u001F]/g)?.length ?? 0;
  if (controls > Math.max(8, text.length / 100)) return undefined;
  return text.replace(/^\uFEFF/, '');
}
