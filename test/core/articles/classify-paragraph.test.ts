import { describe, expect, it } from 'vitest';
import { classifyParagraph, classifyParagraphs } from '../../../src/core/articles/classify-paragraph.ts';

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

// Furniture as news sites publish it, written for these tests in the sites' shapes (no real article text).
const SCRAPED_FURNITURE = [
  'A volunteer stacks sandbags outside the library on Tuesday. Jane Placeholder/Getty Images',
  'Firefighters walk past the burned warehouse. Sam Example/AP',
  'Reuters',
  'Photos: The harbour festival Boats line up at dawn. Hide Caption 1 of 31 Photos: The harbour festival Crowds gather. Hide Caption 2 of 31',
  'Video Ad Feedback Storm batters the coast 02:14 - Source: CNN',
  'WATCH: How the new bridge was built',
  'Related: The council budget explained in five charts',
  'More: Ten things to know before the vote',
  'Read more.',
  'This story has been updated with additional details.',
  '(This story has been updated with more information.)',
  'Contributing: Alex Sample, The Associated Press',
  'The Associated Press and Reuters contributed to this report.',
  '– Jane Placeholder',
  'Springfield CNN —',
  'Jane Placeholder is a breaking news reporter for Example Today. Reach her at jane@example.com and follow her on X @janeplaceholder.',
  '(You can get "Five Things" delivered to your inbox daily. Sign up here.)',
  '♦',
  'Harbour festival:Ten boats to see before the fireworks begin',
  'Opinion:Why the bridge is the wrong answer for Port Ellery',
  'The Gazette contributed reporting.',
  'We occasionally recommend products. If you buy through our links, we may earn an affiliate commission.',
  'Got a tip? Contact Jane Placeholder at jane@example.com.',
  'CNN',
];

const SCRAPED_BODY = [
  'The snack maker said its new sandwich cookies go on sale at ExampleSnacks.com before arriving in stores next month.',
  '9:31 pm ET May 2, 2026 Share this update The mayor concedes the race after a late count in the northern wards gave her rival a lead of 400 votes. Read more about the count here.',
  'Shares in the streaming company fell after it said it had lost 200,000 subscribers in the quarter.',
  'NOMINEES FOR BEST DRAMA SERIES:',
  'The band opened with a tribute to AC/DC.',
  'The ferry leaves at 10:30 and returns at 16:45, the operator said.',
];

describe('classifyParagraph on scraped news', () => {
  it.each(SCRAPED_FURNITURE)('marks furniture: %s', (text) => {
    expect(classifyParagraph(text)).toBe('furniture');
  });

  it.each(SCRAPED_BODY)('keeps reporting as body: %s', (text) => {
    expect(classifyParagraph(text)).toBe('body');
  });
});

describe('classifyParagraphs', () => {
  it('reads a short line before text as a heading, and a run of short lines as a list', () => {
    const kinds = classifyParagraphs([
      'Springfield CNN —',
      'The city council met on Monday to debate the bridge.',
      'What happens next',
      'Work is due to start in May, officials said.',
      'Best drama series',
      'The Harbour (Channel 4)',
      'Night Shift (Example TV)',
      'The winners are announced on Sunday.',
    ]);
    expect(kinds).toEqual(['furniture', 'body', 'heading', 'body', 'body', 'body', 'body', 'body']);
  });

  it('reads a question before its answer as a section title, but not the questions of an interview', () => {
    expect(
      classifyParagraphs([
        'The council approved the plan on Tuesday.',
        'When does construction start?',
        'Work is due to begin in May, officials said.',
      ]),
    ).toEqual(['body', 'heading', 'body']);
    expect(
      classifyParagraphs(['Were you surprised by the vote?', 'Is it the right choice?', 'Yes, I think so.']),
    ).toEqual(['body', 'body', 'body']);
  });

  it('marks a gallery scraped twice (each caption repeated by the next paragraph) and a label over link lines', () => {
    const caption = 'The mayor opens the new library on the quay in March 2019.';
    const kinds = classifyParagraphs([
      'The town has changed a great deal since the harbour was rebuilt.',
      caption,
      `${caption} It was the first new public building in forty years.`,
      'More coverage from the Gazette',
      'Harbour festival:Ten boats to see before the fireworks begin',
      'Two people with similar names both won prizes at the show on Saturday, the organisers said.',
      'Two people with similar names both won prizes at the show on Sunday as well, the organisers said.',
    ]);
    expect(kinds).toEqual(['body', 'furniture', 'furniture', 'furniture', 'furniture', 'body', 'body']);
  });

  it('does not make a dateline or a photo credit the heading of the text below it', () => {
    const kinds = classifyParagraphs([
      'New York CNN —',
      'Markets fell sharply on Friday.',
      'Jane Placeholder/Getty Images',
      'Traders said the fall was expected.',
    ]);
    expect(kinds).toEqual(['furniture', 'body', 'furniture', 'body']);
  });
});
