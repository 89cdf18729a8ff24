import { describe, expect, it } from 'vitest';
import { citationLink, encodeTextDirective } from '../../../src/core/answers/text-fragment.ts';
import { runCommand } from '../../../src/core/commands/run-command.ts';
import { renderJson } from '../../../src/render/json.ts';
import { renderPlainText } from '../../../src/render/plain-text.ts';
import { oneArticleDesk } from '../../support/one-article-desk.ts';

const URL = 'https://gazette.example/news/harbour-bridge-vote';

describe('citationLink', () => {
  it('links to the paragraph with a text fragment from its first and last words', () => {
    const text = 'Construction is due to begin in May and should take about two years, the engineer said.';
    expect(citationLink(URL, text)).toBe(
      `${URL}#:~:text=Construction%20is%20due%20to,years%2C%20the%20engineer%20said.`,
    );
  });

  it('matches a short paragraph whole, and percent-encodes what the spec reserves (& , -) and Markdown breaks', () => {
    expect(citationLink(URL, 'Tolls rise 5%, from mid-May (cars & vans).')).toBe(
      `${URL}#:~:text=Tolls%20rise%205%25%2C%20from%20mid%2DMay%20%28cars%20%26%20vans%29.`,
    );
    expect(encodeTextDirective("it's")).toBe('it%27s');
  });

  it('keeps a fragment the URL already has', () => {
    expect(citationLink(`${URL}#top`, 'The vote was nine to four.')).toBe(
      `${URL}#top:~:text=The%20vote%20was%20nine%20to%20four.`,
    );
  });

  it('falls back to the plain URL when a fragment would not match the page, and gives none without a URL', () => {
    // Blocks a scraper glued together (a live-blog share button, a label glued to its headline).
    expect(
      citationLink(
        URL,
        '9:31 pm ET May 2, 2026 Share this update The mayor conceded the race late on Tuesday night.',
      ),
    ).toBe(URL);
    expect(citationLink(URL, 'Harbour festival:Ten boats to see before the fireworks begin')).toBe(URL);
    // The same start words open an earlier paragraph: the browser would highlight that one.
    const text = 'The council voted on Tuesday to close the old ferry terminal for good.';
    expect(citationLink(URL, text, ['The council voted on Tuesday to build the bridge.'])).toBe(URL);
    expect(citationLink(URL, text, ['Nothing like it.'])).toContain('#:~:text=');
    expect(citationLink(undefined, text)).toBeUndefined();
    const long = `${URL}?${'q'.repeat(420)}`;
    expect(citationLink(long, text)).toBe(long);
  });
});

describe('citations in answers', () => {
  const desk = oneArticleDesk(
    'bridge',
    `---\ntitle: Council backs harbour bridge\nurl: ${URL}\n---`,
    'The Port Ellery council voted on Tuesday to build a swing bridge across the harbour.',
    'Construction of the swing bridge is due to begin in May and should take about two years.',
  );

  it('carry the link in JSON results and print it under the passage', async () => {
    const reply = await runCommand(desk, {
      name: 'ask',
      question: 'When does construction of the bridge begin?',
    });
    const json = renderJson('When does construction of the bridge begin?', reply);
    const link = `${URL}#:~:text=Construction%20of%20the%20swing,take%20about%20two%20years.`;
    expect(json.results[0]).toMatchObject({ paragraph: 2, link });
    expect(renderPlainText(reply)).toContain(`    ${link}`);
  });
});
