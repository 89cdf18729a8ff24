import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../src/adapters/discord/render-message.ts';
import { renderSlackReply } from '../../src/adapters/slack/render-message.ts';
import type { AnswerReply } from '../../src/core/types.ts';
import { renderJson } from '../../src/render/json.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { oneArticleDesk } from '../support/one-article-desk.ts';

// An answer of two sentences: the best one refers back ("He …") to the one before it.
const first = `The senator from Ohio spoke for 25 hours and 5 minutes on Tuesday, his office said, ${'as colleagues came and went through the night, '.repeat(7)}until dawn.`;
const second = 'He broke the chamber’s record for the longest speech, set at 24 hours by a senator in 1957.';
const question = 'How many hours did the senator speak in the chamber’s longest speech?';
const desk = oneArticleDesk('speech', `${first} ${second}`);
const reply = (await desk.ask(question)) as AnswerReply;
/** The text a reader sees, bold markers removed. */
const unmarked = (text: string) => text.replace(/\*/g, '');

describe('a two-sentence answer on every platform', () => {
  it('is the two sentences, near the longest an answer may be', () => {
    expect(reply.kind).toBe('answer');
    expect(reply.answer.map((s) => s.text).join('')).toBe(`${first} ${second}`);
    expect(`${first} ${second}`.length).toBeGreaterThan(500);
  });

  it('is shown whole, with no "…", by Discord, Slack, the console and the JSON CLI', () => {
    const discord = unmarked(renderDiscord(reply).embeds[0]?.description ?? '');
    const slack = renderSlackReply(reply);
    const slackAnswer = slack.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []))[1];
    for (const shown of [discord, unmarked(slackAnswer ?? ''), unmarked(renderPlainText(reply))]) {
      expect(shown).toContain(`${first} ${second}`);
    }
    expect(slack.text).toContain(`${first} ${second}`);
    expect(renderJson(question, reply).answer).toBe(`${first} ${second}`);
  });
});
