import type { CitedPassage, Paragraph, Reply, Segment } from '../core/types.ts';
import { builtLine, citationLabel, moreArticles, statsLine } from './reply-text.ts';

/** Options for {@link renderPlainText}. */
export interface PlainTextOptions {
  /** Wrap marked words in `*…*` (default true). Off for output that is parsed. */
  marks?: boolean;
}

/** Renders a reply as plain text for the console and `npm run ask`. */
export function renderPlainText(reply: Reply, options: PlainTextOptions = {}): string {
  const mark = options.marks ?? true;
  const text = (segments: Segment[]) =>
    segments.map((s) => (s.mark && mark ? `*${s.text}*` : s.text)).join('');
  switch (reply.kind) {
    case 'answer': {
      const lines = [`Q: ${reply.question}`];
      if (reply.note) lines.push(`(${reply.note})`);
      lines.push('', `A: ${text(reply.answer)}`, '');
      for (const p of reply.passages) lines.push(...passage(p, text));
      lines.push(
        reply.nextOffset === undefined
          ? `${statsLine(reply.stats)}`
          : `${statsLine(reply.stats)} · ${reply.total - reply.nextOffset} more result(s): type "more"`,
      );
      return lines.join('\n');
    }
    case 'not-covered': {
      const lines = [`Q: ${reply.question}`, '', "The articles don't cover that, so I won't guess."];
      if (reply.suggestions.length) lines.push(`Did you mean: ${reply.suggestions.join(', ')}?`);
      lines.push('', 'You can ask about:');
      for (const a of reply.articles) lines.push(`  • ${a.title} (${a.id})`);
      const more = moreArticles(reply);
      if (more) lines.push(`  …and ${more.toLocaleString('en-US')} more: type "sources" to see them all.`);
      return lines.join('\n');
    }
    case 'sources': {
      const lines = [`${statsLine(reply.stats)} (${builtLine(reply.stats)}):`];
      for (const a of reply.articles) {
        const extra = [a.source, a.published].filter(Boolean).join(', ');
        lines.push(`  • ${a.id} — ${a.title} (${a.paragraphs} ¶${extra ? `; ${extra}` : ''})`);
        if (a.url) lines.push(`    ${a.url}`);
      }
      return lines.join('\n');
    }
    case 'article': {
      const a = reply.article;
      const head = [`${a.title}${a.source ? ` — ${a.source}` : ''} (${a.id})`];
      if (a.url) head.push(a.url);
      if (reply.paragraph) return [...head, '', paragraphLine(reply.paragraph, false)].join('\n');
      return [...head, '', ...(reply.outline ?? []).map((p) => paragraphLine(p, true))].join('\n');
    }
    case 'help':
      return [
        `I answer questions about ${statsLine(reply.stats)}, citing the passages I use.`,
        '',
        ...reply.commands.map((c) => `  ${c.usage.padEnd(26)} ${c.description}`),
        '',
        'Or just type a question.',
      ].join('\n');
    case 'problem':
      return reply.usage ? `${reply.message}\nUsage: ${reply.usage}` : reply.message;
  }
}

function passage(p: CitedPassage, text: (s: Segment[]) => string): string[] {
  const lines = [`[${p.n}] ${citationLabel(p)}`, `    ${text(p.text)}`];
  if (p.link ?? p.url) lines.push(`    ${p.link ?? p.url}`);
  lines.push('');
  return lines;
}

const OUTLINE_WIDTH = 90;

function paragraphLine(p: Paragraph, short: boolean): string {
  const label = p.kind === 'body' ? '' : ` (${p.kind})`;
  const text =
    short && p.text.length > OUTLINE_WIDTH ? `${p.text.slice(0, OUTLINE_WIDTH - 1).trimEnd()}…` : p.text;
  return `¶${p.n}${label} ${text}`;
}
