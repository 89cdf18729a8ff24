import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, renderDiscord } from '../../src/adapters/discord/render-message.ts';
import { renderSlackReply } from '../../src/adapters/slack/render-message.ts';
import { parseCommandText, runCommand } from '../../src/core/commands/run-command.ts';
import { renderJson } from '../../src/render/json.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { seedDesk } from '../support/seed-desk.ts';

const desk = await seedDesk();

/** Text people (and attackers) send: markup, mentions, control and invisible characters, emoji, RTL. */
const nasty = fc.constantFrom(
  '@everyone',
  '@here',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U012AB3CD>',
  '<@&123456789012345678>',
  '<@!123456789012345678>',
  '<#123456789012345678>',
  '```js\nalert(1)\n```',
  '**bold** __u__ ~~s~~ ||spoiler|| `code`',
  '<script>alert(1)</script>',
  '&amp; &lt; &gt;',
  '\u202E\u200F\u200D\u200B',
  '\u0000\u0007\u001B[31m',
  '👩‍👩‍👧‍👦🇺🇦🙂',
  'North Korea troops 15,000',
  'Lavrov',
  '\n\n\t',
);
const question = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 50 }),
      nasty,
    ),
    {
      maxLength: 60,
    },
  )
  .map((parts) => parts.join(' ').slice(0, 10_000));

/** Discord would notify someone if any of these reached it unescaped (a backslash shows a mention as text). */
const DISCORD_LIVE = /@(everyone|here)\b|(?<!\\)<@[!&]?\d+>/;
/** Slack would notify someone if any of these reached it unescaped. */
const SLACK_LIVE = /<!(channel|here|everyone)\b|<@[UW][A-Z0-9]+/;

/** What the platform shows: every field but button payloads (`value`, `custom_id`), which are never displayed. */
const shown = (message: unknown) =>
  JSON.stringify(message, (key, value) => (key === 'value' || key === 'custom_id' ? undefined : value));

async function checkDiscord(text: string) {
  const reply = await runCommand(desk, parseCommandText(text));
  const message = renderDiscord(reply);
  expect(message.allowedMentions?.parse).toEqual([]);
  expect(shown(message)).not.toMatch(DISCORD_LIVE);
  expect((message.content ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  let total = 0;
  for (const embed of message.embeds ?? []) {
    expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(25);
    total +=
      (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length;
    for (const f of embed.fields ?? []) total += f.name.length + f.value.length;
  }
  expect(total).toBeLessThanOrEqual(6000);
  expect(message.components?.length ?? 0).toBeLessThanOrEqual(5);
}

async function checkSlack(text: string) {
  const reply = await runCommand(desk, parseCommandText(text));
  const message = renderSlackReply(reply, { shareable: true });
  expect(shown(message)).not.toMatch(SLACK_LIVE);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  for (const block of message.blocks as { type: string; text?: { text: string } }[]) {
    if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
  }
}

describe('the ask pipeline on any input', () => {
  it('renders for Discord and Slack within their limits and never with a live mention or broadcast', async () => {
    await fc.assert(
      fc.asyncProperty(question, async (text) => {
        await checkDiscord(text);
        await checkSlack(text);
      }),
      { numRuns: 200 },
    );
    // The worst case, explicitly: a question that is nothing but pings, and one that also matches.
    for (const text of [
      '@everyone @here <@&123456789012345678> <!channel> <!here> <@U0ABC>',
      '@everyone who is Sergey Lavrov? <!channel>',
    ]) {
      await checkDiscord(text);
      await checkSlack(text);
    }
  });

  it('never throws and always returns a reply every renderer can render', async () => {
    await fc.assert(
      fc.asyncProperty(question, async (text) => {
        const input = parseCommandText(text);
        const reply = await runCommand(desk, input);
        expect(typeof renderPlainText(reply)).toBe('string');
        const json = renderJson(text, reply);
        expect(json.answered).toBe(reply.kind === 'answer');
        if (reply.kind === 'answer') {
          expect(reply.question.length).toBeLessThanOrEqual(501);
          expect(reply.passages.length).toBeGreaterThan(0);
          expect(reply.passages.length).toBeLessThanOrEqual(3);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a 10,000-character question to its first 500 characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 600, maxLength: 10_000 }), async (text) => {
        const reply = await runCommand(desk, { name: 'ask', question: `Lavrov ${text}` });
        if (reply.kind === 'answer' || reply.kind === 'not-covered') {
          expect(reply.question.length).toBeLessThanOrEqual(501);
        }
      }),
      { numRuns: 30 },
    );
  });
});
