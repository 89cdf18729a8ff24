/**
 * Issue 15 part 6: a URL or domain a user typed is never shown back as a live link, on Slack or Discord,
 * in answers, "not covered" replies, problems and shared replies; the article links Newsdesk makes stay.
 */
import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../src/adapters/discord/render-message.ts';
import { renderSlackReply } from '../../src/adapters/slack/render-message.ts';
import type { AnswerReply, CorpusStats, NotCoveredReply, ProblemReply } from '../../src/core/types.ts';
import { inertLinks } from '../../src/render/inert-links.ts';

const stats: CorpusStats = { articles: 1, paragraphs: 3, builtAt: new Date(0) };
const ARTICLE_URL = 'https://news.example.org/a';

/** What users typed in the report of issue 15. */
const TYPED = [
  'is https://evil.example/x true?',
  'see [click](https://evil.example/y) please',
  'join discord.gg/abcdef now',
  'what about www.evil.example or evil.example/path?',
  'mail me at someone@evil.example',
  '<https://evil.example/z>',
];

/** A user's link in a form a client would make live: a scheme URL, or one of the typed domains. */
const LIVE = /:\/\/evil|evil\.example|discord\.gg/i;

function answer(question: string): AnswerReply {
  return {
    kind: 'answer',
    question,
    answer: [{ text: 'Kim met Putin.' }],
    answerFrom: { articleId: 'a', paragraph: 1 },
    passages: [
      {
        n: 1,
        articleId: 'a',
        title: 'Summit',
        paragraph: 1,
        text: [{ text: 'Kim met Putin.' }],
        score: 1,
        url: ARTICLE_URL,
      },
    ],
    offset: 0,
    total: 1,
    stats,
  };
}

function notCovered(question: string): NotCoveredReply {
  return { kind: 'not-covered', question, suggestions: [], articles: [], stats };
}

function problem(typed: string): ProblemReply {
  return { kind: 'problem', code: 'unknown-article', message: `I have no article "${typed}".` };
}

describe('links a user typed', () => {
  it.each(TYPED)('are inert on Slack in every reply, shared or not: %s', (typed) => {
    for (const reply of [answer(typed), notCovered(typed), problem(typed)]) {
      for (const options of [{}, { shareable: true }, { sharedBy: 'U0SHARER' }]) {
        const message = renderSlackReply(reply, options);
        // Button values carry the question back to Newsdesk; Slack never shows them.
        const shown = JSON.stringify([message.text, message.blocks], (key, value) =>
          key === 'value' ? undefined : value,
        );
        expect(shown).not.toMatch(LIVE);
        // Slack would link bare URLs and domains in mrkdwn unless told not to.
        for (const block of message.blocks as { text?: { type: string; verbatim?: boolean } }[])
          if (block.text?.type === 'mrkdwn') expect(block.text.verbatim).toBe(true);
      }
    }
  });

  it.each(TYPED)('are inert on Discord in every reply: %s', (typed) => {
    for (const reply of [answer(typed), notCovered(typed), problem(typed)]) {
      const message = renderDiscord(reply);
      expect(JSON.stringify(message)).not.toMatch(LIVE);
    }
  });

  it('read the same, with invisible breaks only', () => {
    for (const typed of TYPED) expect(inertLinks(typed).replaceAll('\u200b', '')).toBe(typed);
  });

  it("leave the bot's own article links live", () => {
    const slack = renderSlackReply(answer('is https://evil.example/x true?'));
    expect(JSON.stringify(slack.blocks)).toContain(`<${ARTICLE_URL}|Summit>`);
    const discord = renderDiscord(answer('is https://evil.example/x true?'));
    expect(discord.embeds[0]?.description).toContain(`[Summit](${ARTICLE_URL})`);
  });
});
