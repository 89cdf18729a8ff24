import { describe, expect, it } from 'vitest';
import { splitParagraphs } from '../../../src/core/articles/split-paragraphs.ts';

describe('splitParagraphs', () => {
  it('numbers one paragraph per line when the file has no blank lines', () => {
    const body = 'First line here.\nTense relationship\nSubscribe today from Example.com\nLast one.';
    expect(splitParagraphs(body)).toEqual([
      'First line here.',
      'Tense relationship',
      'Subscribe today from Example.com',
      'Last one.',
    ]);
  });

  it('joins hard-wrapped lines of blank-line separated paragraphs', () => {
    const body =
      'The minister said on Tuesday that the new rules would\ncome into force next spring, after a consultation.\n\nA second paragraph.\n';
    expect(splitParagraphs(body)).toEqual([
      'The minister said on Tuesday that the new rules would come into force next spring, after a consultation.',
      'A second paragraph.',
    ]);
  });

  it('keeps headings and list items apart even without blank lines between them', () => {
    const body = '## Background\nSome text that ends.\n\n- one item\n- another item\n';
    expect(splitParagraphs(body)).toEqual([
      '## Background',
      'Some text that ends.',
      '- one item',
      '- another item',
    ]);
  });

  it('handles Windows line endings and skips empty lines', () => {
    expect(splitParagraphs('One.\r\n\r\n\r\nTwo.\r\n')).toEqual(['One.', 'Two.']);
  });
});
