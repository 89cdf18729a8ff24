import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

describe('the ask pipeline on any input', () => {
  it('never throws and always returns a reply every renderer can render', () => {
    fc.assert(
      fc.property(question, (text) => {
        const input = parseCommandText(text);
        const reply = runCommand(desk, input);
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

  it('keeps a 10,000-character question to its first 500 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 600, maxLength: 10_000 }), (text) => {
        const reply = runCommand(desk, { name: 'ask', question: `Lavrov ${text}` });
        if (reply.kind === 'answer' || reply.kind === 'not-covered') {
          expect(reply.question.length).toBeLessThanOrEqual(501);
        }
      }),
      { numRuns: 30 },
    );
  });
});
