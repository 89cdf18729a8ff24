import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  renderSlackApology,
  renderSlackReply,
  type SlackMessage,
} from '../../../src/adapters/slack/render-message.ts';
import {
  decodeButtonValue,
  encodeButtonValue,
  SLACK_ACTION_IDS,
} from '../../../src/adapters/slack/slack-buttons.ts';
import { escapeMrkdwn, linkOrText, segmentsToMrkdwn } from '../../../src/adapters/slack/slack-mrkdwn.ts';
import type { AnswerReply, CitedPassage, CorpusStats, Reply } from '../../../src/core/types.ts';

const stats: CorpusStats = { articles: 2, paragraphs: 31, builtAt: new Date(0) };

function passage(n: number, overrides: Partial<CitedPassage> = {}): CitedPassage {
  return {
    n,
    articleId: '000_putin_kim',
    title: 'Putin and Kim meet in Beijing',
    url: 'https://example.com/news/putin-kim?a=1&b=2',
    source: 'Example News',
    paragraph: 4 + n,
    text: [
      { text: 'North Korea has sent about ' },
      { text: '15,000', mark: true },
      { text: ' troops to Russia.' },
    ],
    score: 10 - n,
    ...overrides,
  };
}

function answer(overrides: Partial<AnswerReply> = {}): AnswerReply {
  return {
    kind: 'answer',
    question: 'How many troops has North Korea sent?',
    answer: [
      { text: 'North Korea has sent about ' },
      { text: '15,000 troops', mark: true },
      { text: ' to Russia.' },
    ],
    answerFrom: { articleId: '000_putin_kim', paragraph: 5 },
    passages: [passage(1), passage(2, { url: undefined, source: undefined })],
    offset: 0,
    total: 5,
    nextOffset: 2,
    stats,
    ...overrides,
  };
}

/** Every mrkdwn/plain text in a message, with the fallback text. */
function allTexts(message: SlackMessage): string[] {
  const texts = [message.text];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.text === 'string') texts.push(record.text);
      Object.values(record).forEach(visit);
    }
  };
  visit(message.blocks);
  return texts;
}

function sectionTexts(message: SlackMessage): string[] {
  return message.blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));
}

function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  for (const text of sectionTexts(message)) {
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(3000);
  }
  expect(message.text.length).toBeLessThanOrEqual(3000);
}

/** True when text has Slack markup that would act: a mention, special mention or channel link. */
function hasLiveMention(text: string): boolean {
  return /<[!@#]/.test(text);
}

describe('renderSlackReply: answers', () => {
  it('restates the question, bolds matched words and cites numbered passages with links', () => {
    const message = renderSlackReply(answer());
    const sections = sectionTexts(message);
    expect(sections[0]).toBe('*You asked:* How many troops has North Korea sent?');
    expect(sections[1]).toBe('North Korea has sent about *15,000 troops* to Russia. [1]');
    expect(sections[2]).toContain(
      '*[1]* <https://example.com/news/putin-kim?a=1&amp;b=2|Putin and Kim meet in Beijing> — ¶5 · Example News',
    );
    expect(sections[2]).toContain('>North Korea has sent about *15,000* troops to Russia.');
    expect(sections[3]).toContain('*[2]* Putin and Kim meet in Beijing — ¶6');
    expect(message.text).toContain('North Korea has sent about 15,000 troops to Russia. [1]');
  });

  it('says what was searched and offers "More results" for the next page', () => {
    const message = renderSlackReply(answer());
    const contextBlock = message.blocks.find((b) => b.type === 'context');
    expect(JSON.stringify(contextBlock)).toContain('Searched 2 articles · 31 paragraphs · passages 1–2 of 5');
    const actions = message.blocks.find((b) => b.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements[0]).toMatchObject({
      type: 'button',
      action_id: SLACK_ACTION_IDS.more,
      text: { type: 'plain_text', text: 'More results' },
    });
    const value = actions?.type === 'actions' ? (actions.elements[0] as { value: string }).value : '';
    expect(decodeButtonValue(value)).toEqual({
      name: 'ask',
      question: 'How many troops has North Korea sent?',
      offset: 2,
    });
  });

  it('has no "More results" on the last page', () => {
    const message = renderSlackReply(answer({ nextOffset: undefined }));
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('adds "Share in channel" only when asked, and "Shared by" for a shared reply', () => {
    const shareable = renderSlackReply(answer({ offset: 2, nextOffset: undefined }), { shareable: true });
    const actions = shareable.blocks.find((b) => b.type === 'actions');
    const share =
      actions?.type === 'actions' ? (actions.elements[0] as { action_id: string; value: string }) : undefined;
    expect(share?.action_id).toBe(SLACK_ACTION_IDS.share);
    expect(decodeButtonValue(share?.value)).toEqual({
      name: 'ask',
      question: 'How many troops has North Korea sent?',
      offset: 2,
    });

    const shared = renderSlackReply(answer(), { sharedBy: 'UASKER' });
    expect(JSON.stringify(shared.blocks[0])).toContain('Shared by <@UASKER>');
    expect(shared.text.startsWith('<@UASKER> shared:')).toBe(true);
    expect(JSON.stringify(renderSlackReply(answer(), { sharedBy: '<!channel>' }))).not.toContain(
      '<!channel>',
    );
  });
});

describe('renderSlackReply: other replies', () => {
  it('renders "not covered" with suggestions and the articles to ask about', () => {
    const message = renderSlackReply({
      kind: 'not-covered',
      question: 'What is the capital of France?',
      suggestions: ['capital'],
      articles: [{ id: 'a', title: 'Putin and Kim', paragraphs: 12, url: 'https://example.com/a' }],
      stats,
    });
    const text = sectionTexts(message).join('\n');
    expect(text).toContain("I couldn't find an answer");
    expect(text).toContain('What is the capital of France?');
    expect(text).toContain('*Did you mean:* capital');
    expect(text).toContain('• <https://example.com/a|Putin and Kim>');
  });

  it('says how many more articles a "not covered" reply left out of its list', () => {
    const message = renderSlackReply({
      kind: 'not-covered',
      question: 'What is the capital of France?',
      suggestions: [],
      articles: [{ id: 'a', title: 'Putin and Kim', paragraphs: 12 }],
      stats: { ...stats, articles: 8318 },
    });
    expect(sectionTexts(message).join('\n')).toContain('…and 8,317 more articles: ask for `sources`');
  });

  it('renders sources, an article paragraph, an outline, help and problems', () => {
    const summary = { id: '004_x', title: 'Kim pledges support', paragraphs: 9, source: 'AP' };
    const sources = renderSlackReply({ kind: 'sources', articles: [summary], stats });
    expect(sectionTexts(sources).join('\n')).toContain('• Kim pledges support — `004_x` · 9 paragraphs · AP');
    // When the index was built, in each reader's time zone (with a plain fallback).
    expect(JSON.stringify(sources.blocks)).toContain(
      '<!date^0^index built {date_short_pretty} at {time}|index built 1970-01-01 00:00 utc>',
    );

    const paragraph = renderSlackReply({
      kind: 'article',
      article: summary,
      paragraph: { n: 3, text: 'Putin thanked Kim.', kind: 'body' },
    });
    expect(sectionTexts(paragraph)[0]).toBe('*Kim pledges support* — ¶3\n>Putin thanked Kim.');

    const outline = renderSlackReply({
      kind: 'article',
      article: summary,
      outline: [
        { n: 1, text: 'Summit', kind: 'heading' },
        { n: 2, text: 'Putin thanked Kim.', kind: 'body' },
      ],
    });
    expect(sectionTexts(outline)[0]).toBe(
      '*Kim pledges support* — 9 paragraphs\n*¶1* *Summit*\n*¶2* Putin thanked Kim.',
    );

    const help = renderSlackReply({
      kind: 'help',
      commands: [{ name: 'ask', usage: 'ask <question>', description: 'Answer a question.' }],
      stats,
    });
    expect(sectionTexts(help).join('\n')).toContain('• `ask &lt;question&gt;` — Answer a question.');

    const problem = renderSlackReply({
      kind: 'problem',
      code: 'empty-question',
      message: 'What would you like to know?',
      usage: 'ask <question>',
    });
    expect(sectionTexts(problem)[0]).toContain('What would you like to know?\nUsage: `ask &lt;question&gt;`');
  });

  it('keeps a long list within 50 blocks and 3,000 characters a section', () => {
    const articles = Array.from({ length: 5000 }, (_, i) => ({
      id: `article_${i}`,
      title: `A rather long headline about the news of the day, number ${i} & more`,
      paragraphs: i,
    }));
    const message = renderSlackReply({ kind: 'sources', articles, stats: { ...stats, articles: 5000 } });
    expectWithinLimits(message);
    expect(JSON.stringify(message.blocks)).toContain('more not shown here');
  });

  it('apologises in plain words', () => {
    expect(renderSlackApology().text).toMatch(/^Sorry, something went wrong/);
  });
});

describe('renderSlackReply: safety', () => {
  it('never echoes special mentions, user mentions or links from a question live', () => {
    const question = '<!channel> <!here> <!everyone> <@U123> <#C1> <https://evil.example|click> & @here';
    const message = renderSlackReply(answer({ question }), { shareable: true });
    for (const text of allTexts(message)) expect(hasLiveMention(text)).toBe(false);
    expect(sectionTexts(message)[0]).toContain('&lt;!channel&gt;');
    expect(sectionTexts(message)[0]).toContain('@\u200Bhere');
    expect(allTexts(message).join('\n')).not.toContain('<https://evil');
  });

  it('links only http(s) article URLs', () => {
    expect(linkOrText('javascript:alert(1)', 'x')).toBe('x');
    expect(linkOrText('https://a.example/x|y>z', 'T|t')).toBe('<https://a.example/x%7Cy%3Ez|T¦t>');
  });

  it('escapes any question and any article text, and stays within limits (property)', () => {
    const segment = fc.record({ text: fc.string({ maxLength: 400 }), mark: fc.boolean() });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 2000 }),
        fc.array(fc.array(segment, { maxLength: 20 }), { minLength: 1, maxLength: 10 }),
        fc.string({ maxLength: 300 }),
        (question, texts, title) => {
          const passages = texts.map((text, i) => passage(i + 1, { text, title, source: title }));
          const reply: Reply = answer({ question, passages, answer: texts[0] ?? [] });
          const message = renderSlackReply(reply, { shareable: true });
          expectWithinLimits(message);
          for (const text of allTexts(message)) {
            expect(hasLiveMention(text)).toBe(false);
            // Every `<` or `>` left is one of our own http(s) links or a quote marker at a line start.
            const ours = text.replace(/<https?:\/\/[^<>|\s]+\|[^<>]*>/g, '').replace(/(^|\n)>/g, '$1');
            expect(ours).not.toMatch(/[<>]/);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('slack mrkdwn helpers', () => {
  it('escapes &, < and >', () => {
    expect(escapeMrkdwn('a & b <c> d')).toBe('a &amp; b &lt;c&gt; d');
  });

  it('cuts long runs without breaking entities or bold pairs', () => {
    const segments = [{ text: '&'.repeat(100) }, { text: 'bold words here', mark: true }];
    const text = segmentsToMrkdwn(segments, 60);
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text.endsWith('…')).toBe(true);
    expect(text.replace(/&amp;/g, '')).toBe('…');
    const withBold = segmentsToMrkdwn([{ text: 'x ' }, { text: 'abcdefghij', mark: true }], 9);
    expect(withBold.length).toBeLessThanOrEqual(9);
    expect((withBold.match(/\*/g) ?? []).length % 2).toBe(0);
  });
});

describe('slack button values', () => {
  it('round-trip commands and reject anything else', () => {
    for (const input of [
      { name: 'ask', question: 'Who?', offset: 3 },
      { name: 'ask', question: 'Who?' },
      { name: 'sources' },
      { name: 'help' },
      { name: 'article', id: '004_x', paragraph: 2 },
    ] as const) {
      expect(decodeButtonValue(encodeButtonValue(input))).toEqual(input);
    }
    for (const bad of [
      '',
      'nope',
      '{"name":"rm"}',
      '{"name":"ask","question":1}',
      '{"name":"ask","question":"q","offset":-1}',
    ]) {
      expect(decodeButtonValue(bad)).toBeUndefined();
    }
  });

  it('fit in 2,000 characters even for a long question', () => {
    const value = encodeButtonValue({ name: 'ask', question: '"'.repeat(3000) });
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(decodeButtonValue(value)?.name).toBe('ask');
  });
});
