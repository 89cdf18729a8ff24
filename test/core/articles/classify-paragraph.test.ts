import { describe, expect, it } from 'vitest';
import { classifyParagraph } from '../../../src/core/articles/classify-paragraph.ts';

// Furniture from many kinds of news sites, none of them the seed articles' own lines.
const FURNITURE = [
  'Sign up to our free morning newsletter and get the top stories delivered to your inbox.',
  'Read more',
  'Advertisement',
  'Follow us on X and Facebook for the latest updates from TheCourier.co.uk',
  'We use cookies to improve your experience. By continuing you accept our privacy policy.',
  'Download our app for instant access to breaking news.',
  'Subscribe now for unlimited access to premium content on Herald.com',
  'Support independent journalism: become a member of our website today.',
  'Click here to register for free and never miss a story.',
];

const BODY = [
  'The council voted on Tuesday to subscribe to a regional recycling scheme, officials said.',
  'According to South Korean assessments, North Korea has sent about 15,000 troops to Russia since last year.',
  '“Sign up now or lose your place,” the union leader told members at the rally.',
  'Shares in the newspaper group fell after it said newsletter revenue had halved.',
  'Buy-to-let landlords face higher taxes under the plan announced in the budget.',
];

describe('classifyParagraph', () => {
  it.each(FURNITURE)('marks site furniture: %s', (text) => {
    expect(classifyParagraph(text)).toBe('furniture');
  });

  it.each(BODY)('keeps reporting as body text, even with a furniture word: %s', (text) => {
    expect(classifyParagraph(text)).toBe('body');
  });

  it('treats short lines without sentence punctuation as headings', () => {
    expect(classifyParagraph('Tense relationship')).toBe('heading');
    expect(classifyParagraph('## What happens next')).toBe('heading');
    expect(classifyParagraph('It rained.')).toBe('body');
  });
});
