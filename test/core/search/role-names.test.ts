import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/articles/parse-article.ts';
import { Desk } from '../../../src/core/desk.ts';
import { roleNames } from '../../../src/core/search/role-names.ts';
import type { AnswerReply, Article } from '../../../src/core/types.ts';
import { deskData } from '../../support/desk-data.ts';

describe('roleNames', () => {
  it('links a role to the full name written after it', () => {
    const links = roleNames([
      'Talks began as harbour master Anna Berg arrived, and Mayor Tom Reilly spoke.',
      'Foreign Minister Choe Son Hui attended, with aide Mr Jo Yong Won.',
    ]);
    expect([...(links.get('master') ?? [])]).toEqual([]); // not a role word
    expect([...(links.get('mayor') ?? [])]).toEqual(['tom', 'reilli']);
    // A role word inside a name is part of the name ("Son"); honorifics are skipped.
    expect([...(links.get('minist') ?? [])]).toEqual(['choe', 'son', 'hui']);
    expect([...(links.get('aid') ?? [])]).toEqual(['jo', 'yong', 'won']);
  });

  it('needs a full name, and stops at punctuation', () => {
    const links = roleNames(['The mayor Reilly spoke.', 'He met the mayor. Tom Reilly left.']);
    expect(links.size).toBe(0);
  });
});

describe('a role asked about', () => {
  it('counts for a passage that names the person the article gives that role', async () => {
    const article = parseArticle(
      'port',
      [
        '---',
        'title: Harbour reopens',
        '---',
        'The harbour reopened on Monday, Mayor Tom Reilly announced.',
        '',
        'Mr Reilly cut the ribbon with a pair of golden scissors.',
        '',
        'A ribbon of flags hung over the quay all week.',
      ].join('\n'),
    ) as Article;
    const reply = (await Desk.build([article], deskData).ask('What did the mayor cut?')) as AnswerReply;
    expect(reply.kind).toBe('answer');
    expect(reply.passages[0]?.paragraph).toBe(2);
  });
});
