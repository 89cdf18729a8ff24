import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../src/core/commands/parse-command-text.ts';

describe('parseCommandText', () => {
  it('reads the commands, with or without a slash', () => {
    expect(parseCommandText('help')).toEqual({ name: 'help' });
    expect(parseCommandText('/sources')).toEqual({ name: 'sources' });
    expect(parseCommandText('/article 004_x 3')).toEqual({ name: 'article', id: '004_x', paragraph: 3 });
    expect(parseCommandText('article 004_x ¶3')).toEqual({ name: 'article', id: '004_x', paragraph: 3 });
    expect(parseCommandText('/article 004_x')).toEqual({
      name: 'article',
      id: '004_x',
      paragraph: undefined,
    });
    expect(parseCommandText('ask who is Kim?')).toEqual({ name: 'ask', question: 'who is Kim?' });
  });

  it('treats anything else as a question, even when it starts with a command word', () => {
    expect(parseCommandText('How many troops?')).toEqual({ name: 'ask', question: 'How many troops?' });
    expect(parseCommandText('sources of the funding?')).toEqual({
      name: 'ask',
      question: 'sources of the funding?',
    });
    expect(parseCommandText('help for Ukraine from Iran')).toEqual({
      name: 'ask',
      question: 'help for Ukraine from Iran',
    });
  });
});
