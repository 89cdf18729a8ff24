import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoreResultsButtons } from '../../../src/adapters/discord/more-results-buttons.ts';

describe('MoreResultsButtons', () => {
  it('carries a short question inside the id, so the button survives a restart', () => {
    const id = new MoreResultsButtons().idFor('Where did Kim meet Putin?', 3);
    expect(id).toBe('nd:more:3:q:Where did Kim meet Putin?');
    expect(new MoreResultsButtons().resolve(id)).toEqual({
      kind: 'page',
      question: 'Where did Kim meet Putin?',
      offset: 3,
    });
  });

  it('remembers a long question in memory and reports it expired once forgotten', () => {
    const question = `What did ${'the leaders '.repeat(20)}say?`;
    const buttons = new MoreResultsButtons();
    const id = buttons.idFor(question, 6);
    expect(id).toMatch(/^nd:more:6:k:[\w-]+$/);
    expect(buttons.idFor(question, 6)).toBe(id);
    expect(buttons.resolve(id)).toEqual({ kind: 'page', question, offset: 6 });
    expect(new MoreResultsButtons().resolve(id)).toEqual({ kind: 'expired' }); // e.g. after a restart
  });

  it('forgets the oldest long questions beyond its capacity', () => {
    const buttons = new MoreResultsButtons(2);
    const ids = ['a', 'b', 'c'].map((letter) => buttons.idFor(letter.repeat(120), 3));
    expect(buttons.resolve(ids[0] ?? '')).toEqual({ kind: 'expired' });
    expect(buttons.resolve(ids[2] ?? '')).toMatchObject({ kind: 'page', question: 'c'.repeat(120) });
  });

  it('ignores ids that are not its own and treats malformed ones of its own as expired', () => {
    const buttons = new MoreResultsButtons();
    expect(buttons.resolve('something-else')).toBeUndefined();
    expect(buttons.resolve('nd:more:oops')).toEqual({ kind: 'expired' });
  });

  it('always fits 100 characters and reads back what it wrote (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.nat(100_000), (question, offset) => {
        const buttons = new MoreResultsButtons();
        const id = buttons.idFor(question, offset);
        expect(id.length).toBeLessThanOrEqual(100);
        expect(buttons.resolve(id)).toEqual({ kind: 'page', question, offset });
      }),
    );
  });
});
