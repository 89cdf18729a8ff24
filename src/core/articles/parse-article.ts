import type { Article, Paragraph } from '../types.ts';
import { classifyParagraphs } from './classify-paragraph.ts';
import { deriveTitle } from './derive-title.ts';
import { splitFrontMatter } from './front-matter.ts';
import { splitParagraphs } from './split-paragraphs.ts';

/**
 * Parses one article file's text. Paragraphs are numbered 1.. among the non-empty paragraphs of the body;
 * furniture and headings are kept (for `article` and the outline) but marked so they are never cited.
 * Returns `undefined` when the file has no paragraphs at all.
 */
export function parseArticle(id: string, text: string): Article | undefined {
  const { meta, body } = splitFrontMatter(text.replace(/^\uFEFF/, ''));
  const paragraphs: Paragraph[] = [];
  let heading: string | undefined;
  const raws = splitParagraphs(body);
  const kinds = classifyParagraphs(raws);
  for (const [i, raw] of raws.entries()) {
    const kind = kinds[i] ?? 'body';
    const text = kind === 'heading' ? raw.replace(/^#{1,6}\s+/, '') : raw;
    const paragraph: Paragraph = { n: paragraphs.length + 1, text, kind };
    if (kind === 'heading') heading = text;
    else if (kind === 'body' && heading) paragraph.heading = heading;
    paragraphs.push(paragraph);
  }
  if (!paragraphs.length) return undefined;
  const opening = paragraphs.find((p) => p.kind === 'body') ?? paragraphs[0];
  return {
    id,
    title: meta.title ?? deriveTitle(opening?.text ?? '', id),
    source: meta.source ?? sourceFromFurniture(paragraphs),
    url: meta.url,
    published: meta.published,
    paragraphs,
  };
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
