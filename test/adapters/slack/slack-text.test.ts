import { describe, expect, it } from 'vitest';
import { commandFromSlackText } from '../../../src/adapters/slack/answer-command.ts';
import { plainTextFromSlack } from '../../../src/adapters/slack/slack-text.ts';

describe('plainTextFromSlack', () => {
  it("drops the bot's own mention and keeps the question", () => {
    expect(plainTextFromSlack('<@UBOT> How many troops?', 'UBOT')).toBe('How many troops?');
    expect(plainTextFromSlack('hey <@UBOT|newsdesk>, who met?', 'UBOT')).toBe('hey , who met?');
  });

  it('turns mentions, channels and links into readable words', () => {
    expect(plainTextFromSlack('<!channel> <!here> <!everyone> <@U1> <@U2|ann> <#C1|general>', 'UBOT')).toBe(
      '@channel @here @everyone @U1 @ann #general',
    );
    expect(plainTextFromSlack('see <https://a.example/x|the story> and <https://b.example>')).toBe(
      'see the story and https://b.example',
    );
    expect(plainTextFromSlack('<!subteam^S1|@editors> <!date^1392734382^{date}|Feb 18>')).toBe(
      '@editors Feb 18',
    );
  });

  it("decodes Slack's entities once", () => {
    expect(plainTextFromSlack('AT&amp;T &lt;b&gt; &amp;lt;')).toBe('AT&T <b> &lt;');
  });
});

describe('commandFromSlackText', () => {
  it('reads commands and questions, and takes an empty message as help', () => {
    expect(commandFromSlackText('<@UBOT>', 'UBOT')).toEqual({ name: 'help' });
    expect(commandFromSlackText('  ')).toEqual({ name: 'help' });
    expect(commandFromSlackText('<@UBOT> sources', 'UBOT')).toEqual({ name: 'sources' });
    expect(commandFromSlackText('<@UBOT> Who met in Beijing?', 'UBOT')).toEqual({
      name: 'ask',
      question: 'Who met in Beijing?',
    });
  });
});
