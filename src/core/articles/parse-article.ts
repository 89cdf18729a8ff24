import type { Article, Paragraph } from '../types.ts';
import { classifyParagraphs } from './classify-paragraph.ts';
import { deriveTitle, openingSentence } from './derive-title.ts';
import { splitFrontMatter } from './front-matter.ts';
import { ownText } from './own-text.ts';
import { splitParagraphs } from './split-paragraphs.ts';

/**
 * Parses one article file's text. Paragraphs are numbered 1.. among the non-empty paragraphs of the body;
 * furniture and headings are kept (for `article` and the outline) but marked so they are never cited.
 * The title is the front matter's, else the headline (see {@link isHeadline}), else the opening sentence.
 * Returns `undefined` when the file has no paragraphs at all. Problems worth telling the operator (front
 * matter never closed) are pushed onto `warnings`.
 */
export function parseArticle(id: string, text: string, warnings?: string[]): Article | undefined {
  const { meta, body, warning } = splitFrontMatter(text.replace(/^\uFEFF/, ''));
  if (warning) warnings?.push(warning);
  const paragraphs: Paragraph[] = [];
  let heading: string | undefined;
  let headline: string | undefined;
  const raws = splitParagraphs(body);
  const kinds = classifyParagraphs(raws);
  for (const [i, raw] of raws.entries()) {
    const kind = kinds[i] ?? 'body';
    const text = kind === 'heading' ? raw.replace(/^#{1,6}\s+/, '') : raw;
    const first = paragraphs.length === 0;
    if (first && raws.length > 1 && kind !== 'furniture' && isHeadline(raw, meta.title)) {
      // The headline names the whole article: it is the title, not a passage to cite, and not the
      // subheading of the paragraphs below it.
      headline = text;
      paragraphs.push({ n: 1, text, kind: 'heading' });
      continue;
    }
    const paragraph: Paragraph = { n: paragraphs.length + 1, text, kind };
    if (kind === 'heading') heading = text;
    else if (kind === 'body' && heading) paragraph.heading = heading;
    paragraphs.push(paragraph);
  }
  if (!paragraphs.length) return undefined;
  const opening = paragraphs.find((p) => p.kind === 'body') ?? paragraphs[0];
  const derived = (meta.title ?? headline) ? undefined : openingSentence(opening?.text ?? '');
  const title = meta.title ?? headline ?? deriveTitle(opening?.text ?? '', id);
  // Kept for as long as the article is served: copies that hold nothing of the file's text (see `ownText`),
  // each heading copied once for the paragraphs under it.
  const headings = new Map<string, string>();
  const own = (heading: string) =>
    headings.get(heading) ?? headings.set(heading, ownText(heading)).get(heading);
  for (const p of paragraphs) {
    p.text = ownText(p.text);
    if (p.heading !== undefined) p.heading = own(p.heading);
  }
  const source = meta.source ?? sourceFromFurniture(paragraphs);
  return {
    id: ownText(id),
    title: ownText(title),
    ...(derived && derived !== title ? { fullTitle: ownText(derived) } : {}),
    source: source === undefined ? undefined : ownText(source),
    url: meta.url === undefined ? undefined : ownText(meta.url),
    published: meta.published === undefined ? undefined : ownText(meta.published),
    ...(opening?.kind === 'body' ? { opening: opening.n } : {}),
    paragraphs,
  };
}

/** The most words a headline has; a longer first line is the opening paragraph. */
const HEADLINE_WORDS = 25;

/**
 * Whether the file's first paragraph is its headline: a Markdown `#` heading, or a line of at most
 * {@link HEADLINE_WORDS} words that does not end like a sentence (headlines carry no full stop). With a title
 * in the front matter, only a first line repeating that title is a headline (a dateline or a standfirst is not).
 */
function isHeadline(raw: string, title: string | undefined): boolean {
  const text = raw.replace(/^#{1,6}\s+/, '').trim();
  if (title !== undefined) return fold(text) === fold(title);
  if (/^#{1,6}\s/.test(raw)) return true;
  return text.split(/\s+/).length <= HEADLINE_WORDS && !/[.!?…:;,"”’')\]]$/u.test(text);
}

function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Site furniture usually names the publisher ("… more from DonegalLive.ie"): use it when nothing else does. */
function sourceFromFurniture(paragraphs: Paragraph[]): string | undefined {
  for (const p of paragraphs) {
    if (p.kind !== 'furniture') continue;
    const domain = /\b([\p{L}\d-]+\.(?:com|org|net|ie|co\.uk|news|info|tv|eu))\b/iu.exec(p.text);
    if (domain) return domain[1];
  }
  return undefined;
}
