import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISCORD_LIMITS,
  type DiscordMessage,
  escapeDiscord,
  renderDiscord,
  renderNotice,
} from '../../../src/adapters/discord/render-message.ts';
import type {
  AnswerReply,
  ArticleSummary,
  CitedPassage,
  CorpusStats,
  NotCoveredReply,
  Reply,
  Segment,
} from '../../../src/core/types.ts';

const stats: CorpusStats = { articles: 2, paragraphs: 31, builtAt: new Date(0) };

function passage(n: number, overrides: Partial<CitedPassage> = {}): CitedPassage {
  return {
    n,
    articleId: `00${n}_article`,
    title: `Article ${n}`,
    paragraph: n + 4,
    text: [{ text: 'Kim met ' }, { text: 'Putin', mark: true }, { text: ' in Beijing.' }],
    score: 10 - n,
    ...overrides,
  };
}

function answer(overrides: Partial<AnswerReply> = {}): AnswerReply {
  return {
    kind: 'answer',
    question: 'Where did Kim meet Putin?',
    answer: [{ text: 'Kim met ' }, { text: 'Putin', mark: true }, { text: ' in Beijing.' }],
    answerFrom: { articleId: '001_article', paragraph: 5 },
    passages: [passage(1, { url: 'https://example.com/news/a_(b)' }), passage(2)],
    offset: 0,
    total: 2,
    stats,
    ...overrides,
  };
}

function description(message: DiscordMessage): string {
  return message.embeds[0]?.description ?? '';
}

/** Everything a user could see, as Discord counts it towards the 6,000-character embed total. */
function embedTotal(message: DiscordMessage): number {
  return message.embeds.reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0),
    0,
  );
}

function expectWithinLimits(message: DiscordMessage): void {
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  expect(message.embeds.length).toBeLessThanOrEqual(10);
  for (const embed of message.embeds) {
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFooter);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
  }
  expect(embedTotal(message)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  expect(message.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.actionRows);
  for (const row of message.components) {
    for (const button of row.components) {
      expect(button.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
      expect(button.label?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
    }
  }
  expect(message.allowedMentions).toEqual({ parse: [], repliedUser: false });
}

/**
 * No mention can fire or render: `@everyone`/`@here` are broken everywhere and every `<` is escaped, except
 * in link targets and code spans, where Discord shows them literally.
 */
function expectNoLiveMentions(markdown: string): void {
  const text = markdown.replace(/\]\([^)\s]*\)/g, '](…)');
  expect(text).not.toMatch(/@(everyone|here)/i);
  const outsideCode = text.replace(/(?<!\\)`[^`\n]*`/g, '`…`');
  for (let i = outsideCode.indexOf('<'); i >= 0; i = outsideCode.indexOf('<', i + 1)) {
    let slashes = 0;
    while (outsideCode[i - 1 - slashes] === '\\') slashes += 1;
    const around = JSON.stringify(outsideCode.slice(Math.max(0, i - 20), i + 20));
    expect(slashes % 2, `unescaped "<" at ${i} in ${around}`).toBe(1);
  }
}

/** Undoes {@link escapeDiscord} the way Discord's markdown does. */
function unescapeDiscord(text: string): string {
  return text.replace(/\\([^A-Za-z0-9\s])/g, '$1').replace(/@\u200b/g, '@');
}

const nasty = fc.constantFrom(
  '@everyone',
  '@here',
  '<@&123456789012345678>',
  '<@987654321098765432>',
  '<#123>',
  '**',
  '__',
  '~~',
  '||',
  '`',
  '```',
  '\\',
  '\n',
  '# ',
  '> ',
  '- ',
  '1. ',
  '[x](https://evil.example)',
  'https://example.com',
  '😀',
);
const text = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), nasty), { maxLength: 40 })
  .map((parts) => parts.join('').replaceAll('\u200b', ''));
const segments = fc.array(fc.record({ text, mark: fc.boolean() }, { requiredKeys: ['text'] }), {
  maxLength: 12,
}) as fc.Arbitrary<Segment[]>;
const passages = fc.array(
  fc.record({
    n: fc.nat(20),
    articleId: text,
    title: text,
    paragraph: fc.nat(500),
    text: segments,
    score: fc.double({ noNaN: true }),
    url: fc.option(fc.oneof(fc.webUrl(), text), { nil: undefined }),
    source: fc.option(text, { nil: undefined }),
    heading: fc.option(text, { nil: undefined }),
  }),
  { maxLength: 10 },
) as fc.Arbitrary<CitedPassage[]>;
const summaries = fc.array(
  fc.record({
    id: text,
    title: text,
    paragraphs: fc.nat(1000),
    url: fc.option(fc.webUrl(), { nil: undefined }),
  }),
  { maxLength: 60 },
) as fc.Arbitrary<ArticleSummary[]>;

describe('renderDiscord', () => {
  it('restates the question, bolds matched terms and cites numbered passages with masked links', () => {
    const text = description(renderDiscord(answer()));
    expect(text).toContain('**Q:** Where did Kim meet Putin?');
    expect(text).toContain('Kim met **Putin** in Beijing. [1]');
    expect(text).toContain('**[1]** [Article 1](https://example.com/news/a_%28b%29) — ¶5');
    expect(text).toContain('**[2]** Article 2 — ¶6');
  });

  it('keeps URLs inside masked links intact except for characters that would end the link', () => {
    const text = description(
      renderDiscord(answer({ passages: [passage(1, { url: 'https://example.com/a_(b)' })] })),
    );
    expect(text).toMatch(/\]\(https:\/\/example\.com\/a.*%28b%29\)/);
  });

  it('says what was searched in the footer', () => {
    expect(renderDiscord(answer()).embeds[0]?.footer?.text).toBe(
      'Passages 1–2 of 2 · searched 2 articles · 31 paragraphs',
    );
  });

  it('adds a "More results" button only when there is a next page and an id for it', () => {
    expect(renderDiscord(answer()).components).toEqual([]);
    const paged = renderDiscord(answer({ total: 5, nextOffset: 2 }), { moreButtonId: 'nd:more:2:q:x' });
    expect(paged.components).toEqual([
      {
        type: 1,
        components: [{ type: 2, style: 2, custom_id: 'nd:more:2:q:x', label: 'More results (3–4 of 5)' }],
      },
    ]);
    expect(renderDiscord(answer({ total: 5, nextOffset: 2 })).components).toEqual([]);
  });

  it('escapes the question so mentions and markdown show as typed', () => {
    const text = description(
      renderDiscord(answer({ question: '@everyone <@&42> **bold** [x](https://e.com)' })),
    );
    expect(text).toContain(
      '**Q:** @\u200beveryone \\<@&42> \\*\\*bold\\*\\* \\[x\\](https:\u200b//e.\u200bcom)',
    );
    expectNoLiveMentions(text);
  });

  it('renders "not covered" without citations, with suggestions and the articles to ask about', () => {
    const reply: NotCoveredReply = {
      kind: 'not-covered',
      question: 'What is the capital of France?',
      suggestions: ['france'],
      articles: [{ id: '000_a', title: 'Putin meets Kim', paragraphs: 17, source: 'BBC' }],
      stats,
    };
    const text = description(renderDiscord(reply));
    expect(text).toContain("I couldn't find that in the articles I have");
    expect(text).toContain('Did you mean: **france**?');
    expect(text).toContain('• Putin meets Kim — *BBC* · `000_a` · 17 paragraphs');
    expect(text).not.toContain('[1]');
  });

  it('says how many more articles a "not covered" reply left out of its list', () => {
    const reply: NotCoveredReply = {
      kind: 'not-covered',
      question: 'What is the capital of France?',
      suggestions: [],
      articles: [{ id: '000_a', title: 'Putin meets Kim', paragraphs: 17 }],
      stats: { ...stats, articles: 8318 },
    };
    expect(description(renderDiscord(reply))).toContain(
      '*…and 8317 more articles: `/sources` lists them all.*',
    );
  });

  it('lists sources, shows an article paragraph, help and problems', () => {
    const article = { id: '000_a', title: 'Putin meets Kim', paragraphs: 2, url: 'https://example.com/a' };
    expect(description(renderDiscord({ kind: 'sources', articles: [article], stats }))).toContain(
      '• [Putin meets Kim](https://example.com/a) — `000_a` · 2 paragraphs',
    );
    expect(renderDiscord({ kind: 'sources', articles: [article], stats }).embeds?.[0]?.timestamp).toBe(
      '1970-01-01T00:00:00.000Z',
    );
    const paragraph = { n: 2, text: 'Kim said *hello*.', kind: 'body' as const };
    expect(description(renderDiscord({ kind: 'article', article, paragraph }))).toContain(
      '¶2\n> Kim said \\*hello\\*.',
    );
    const help = description(
      renderDiscord({
        kind: 'help',
        commands: [{ name: 'ask', usage: 'ask <question>', description: 'Ask.' }],
        stats,
      }),
    );
    expect(help).toContain('`/ask <question>` — Ask.');
    const problem = renderDiscord({
      kind: 'problem',
      code: 'unknown-article',
      message: 'No "x".',
      usage: 'article <id>',
    });
    expect(description(problem)).toBe('No "x".\nUsage: `article <id>`');
  });

  it('shortens an outline that would not fit and says how much was left out', () => {
    const outline = Array.from({ length: 200 }, (_, i) => ({
      n: i + 1,
      text: 'word '.repeat(60),
      kind: 'body' as const,
    }));
    const message = renderDiscord({
      kind: 'article',
      article: { id: 'a', title: 'T', paragraphs: 200 },
      outline,
    });
    expectWithinLimits(message);
    expect(description(message)).toMatch(/\*…and \d+ more paragraphs not shown\.\*$/);
  });

  it('fits any answer within Discord limits without a live mention (property)', () => {
    fc.assert(
      fc.property(
        text,
        fc.option(text, { nil: undefined }),
        segments,
        passages,
        fc.nat(1000),
        (question, note, answerText, cited, total) => {
          const message = renderDiscord(
            answer({
              question,
              note,
              answer: answerText,
              passages: cited,
              total,
              nextOffset: total > 3 ? 3 : undefined,
            }),
            { moreButtonId: 'nd:more:3:q:question' },
          );
          expectWithinLimits(message);
          expectNoLiveMentions(description(message));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fits any not-covered, sources and notice reply within Discord limits (property)', () => {
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 30 }), summaries, (question, suggestions, articles) => {
        const replies: Reply[] = [
          { kind: 'not-covered', question, suggestions, articles, stats },
          { kind: 'sources', articles, stats },
          { kind: 'problem', code: 'unknown-article', message: question, usage: question },
        ];
        for (const reply of replies) {
          const message = renderDiscord(reply);
          expectWithinLimits(message);
          expectNoLiveMentions(description(message));
        }
        const notice = renderNotice(question);
        expectWithinLimits(notice);
        expectNoLiveMentions(notice.content ?? '');
      }),
      { numRuns: 100 },
    );
  });
});

describe('escapeDiscord', () => {
  it('shows exactly the original text once Discord removes the escapes (property)', () => {
    fc.assert(fc.property(text, (original) => unescapeDiscord(escapeDiscord(original)) === original));
  });

  it('escapes line-start markers for headings, lists and quotes', () => {
    expect(escapeDiscord('# Title\n- item\n> quote\n12. point')).toBe(
      '\\# Title\n\\- item\n\\> quote\n12\\. point',
    );
  });
});

describe('renderNotice', () => {
  it('suppresses link previews only when the notice contains a link', () => {
    expect(renderNotice('Try again.').flags).toBeUndefined();
    expect(renderNotice('See https://example.com').flags).toBe(4);
  });
});
