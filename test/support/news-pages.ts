/**
 * Realistic news pages and feeds for tests, written for them (no real article's text): a page has head
 * metadata, navigation, a cookie banner, a figure with caption and credit, body paragraphs with a
 * subheading, a related list, a newsletter box, a footer and inline scripts.
 */

/** One made-up story. */
export interface Story {
  slug: string;
  title: string;
  paragraphs: string[];
  published?: string;
  /** A subheading put before the last paragraph. */
  subheading?: string;
}

/** Two made-up stories the tests ask about. */
export const STORIES: Story[] = [
  {
    slug: 'harbour-bridge-vote',
    title: 'Council backs harbour bridge after long debate',
    published: '2026-03-02T09:30:00Z',
    subheading: 'What happens next',
    paragraphs: [
      'The Port Ellery council voted on Tuesday to build a swing bridge across the harbour, ending eleven years of argument about the crossing.',
      'Councillors approved the plan by nine votes to four after the engineers promised that tall ships could still reach the old quay.',
      'Construction is due to begin in May and should take about two years, the council engineer Mira Castell told the meeting.',
    ],
  },
  {
    slug: 'lighthouse-keeper-retires',
    title: 'Last lighthouse keeper on Gull Rock retires',
    published: '2026-03-04T07:00:00Z',
    paragraphs: [
      'Tobias Wren, the last keeper of the Gull Rock lighthouse, retired on Friday after thirty-one years of tending its lamp.',
      'The light will be run automatically from the mainland, the maritime authority said, and the keeper cottage will become a small museum.',
    ],
  },
];

/** The article page for `story`, as a news site serves it, at `url`. */
export function articlePage(story: Story, url: string, site = 'Port Ellery Gazette'): string {
  const body = story.paragraphs.map((p) => `<p>${p}</p>`);
  if (story.subheading) body.splice(body.length - 1, 0, `<h2>${story.subheading}</h2>`);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${story.title} | ${site}</title>
  <meta property="og:title" content="${story.title}">
  <meta property="og:site_name" content="${site}">
  <meta property="og:url" content="${url}">
  <link rel="canonical" href="${url}">
  ${story.published ? `<meta property="article:published_time" content="${story.published}">` : ''}
  <style>body { font-family: serif; } .cookie-banner { position: fixed; }</style>
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({ page: "article", text: "<p>not text</p>" });</script>
  <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${story.title}"}</script>
</head>
<body>
  <div class="cookie-banner" id="cookie-consent">
    <p>We use cookies to give you the best experience on our site. By continuing you accept our cookie policy.</p>
    <button>Accept all</button>
  </div>
  <header class="site-header">
    <a href="/">${site}</a>
    <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
  </header>
  <main>
    <article>
      <h1>${story.title}</h1>
      <div class="byline">By Staff Reporter</div>
      <figure>
        <img src="/images/${story.slug}.jpg" alt="">
        <figcaption>A view across the water at dusk on Monday. <span class="credit">Ana Placeholder/Gazette Pictures</span></figcaption>
      </figure>
      ${body.join('\n      ')}
      <div class="newsletter-signup">
        <h3>Get the morning briefing</h3>
        <p>Sign up for our free newsletter and get the top stories in your inbox every day.</p>
        <form><input type="email"><button>Subscribe</button></form>
      </div>
      <script>trackRead("${story.slug}");</script>
    </article>
    <aside class="related-stories">
      <h2>Related</h2>
      <ul><li><a href="/other-1">Ferry timetable changes for the summer</a></li><li><a href="/other-2">Harbour master steps down</a></li></ul>
    </aside>
  </main>
  <footer><p>© 2026 ${site}. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>`;
}

/** An RSS 2.0 feed listing `items` (link and title; any item may leave its link out). */
export function rssFeed(items: { title: string; link?: string; pubDate?: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>Port Ellery Gazette</title>
  <link>https://gazette.example/</link>
  <description>Local news</description>
  ${items
    .map(
      (item) => `<item>
    <title>${item.title}</title>
    ${item.link ? `<link>${item.link}</link>` : ''}
    ${item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : ''}
    <description>${item.title}</description>
  </item>`,
    )
    .join('\n  ')}
</channel>
</rss>`;
}

/** An Atom feed listing `entries`. */
export function atomFeed(entries: { title: string; link: string; updated?: string }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Port Ellery Gazette</title>
  <id>urn:example:gazette</id>
  <updated>2026-03-04T07:00:00Z</updated>
  ${entries
    .map(
      (entry, i) => `<entry>
    <title>${entry.title}</title>
    <link rel="alternate" type="text/html" href="${entry.link}"/>
    <id>urn:example:gazette:${i}</id>
    <updated>${entry.updated ?? '2026-03-04T07:00:00Z'}</updated>
  </entry>`,
    )
    .join('\n  ')}
</feed>`;
}
