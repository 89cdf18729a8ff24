import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** A news site on 127.0.0.1 serving the stories, their feeds, and every kind of bad answer. */
export interface NewsSite {
  base: string;
  /** Requests seen, as "METHOD path" with the If-None-Match header when sent. */
  requests: { path: string; userAgent?: string; ifNoneMatch?: string }[];
  /** Adds or replaces a route. */
  route(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

/**
 * Starts the site: `/news/<slug>` pages, `/feed.rss` (RSS 2.0 with an item without a link and the first story
 * again under a second URL), `/feed.atom`, and bad answers: `/broken.xml`, `/huge` (50 MB), `/loop` (redirects
 * to itself), `/photo.png`, `/hang` (never answers), `/malformed.html`.
 */
export async function startNewsSite(): Promise<NewsSite> {
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const requests: NewsSite['requests'] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({
      path: req.url ?? '/',
      userAgent: req.headers['user-agent'],
      ifNoneMatch: req.headers['if-none-match'],
    });
    const handler = routes.get(path);
    if (handler) return handler(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const html = (body: string) => (_req: IncomingMessage, res: ServerResponse) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  for (const story of STORIES)
    routes.set(`/news/${story.slug}`, html(articlePage(story, `${base}/news/${story.slug}`)));
  // The same story under a second URL (an AMP copy): its canonical link names the first.
  const [first] = STORIES as [Story];
  routes.set(`/amp/${first.slug}`, html(articlePage(first, `${base}/news/${first.slug}`)));
  const rss = rssFeed([
    ...STORIES.map((s) => ({
      title: s.title,
      link: `${base}/news/${s.slug}?utm_source=rss`,
      pubDate: 'Wed, 04 Mar 2026 07:00:00 GMT',
    })),
    { title: 'Harbour webcam is back online' },
    { title: first.title, link: `${base}/amp/${first.slug}` },
  ]);
  routes.set('/feed.rss', (req, res) => {
    if (req.headers['if-none-match'] === '"rss-1"') return res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"rss-1"' }).end(rss);
  });
  routes.set('/feed.atom', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/atom+xml' })
      .end(atomFeed(STORIES.map((s) => ({ title: s.title, link: `${base}/news/${s.slug}` })))),
  );
  routes.set('/broken.xml', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end('<?xml version="1.0"?><rss version="2.0"><channel><item><title>Half a feed'),
  );
  routes.set('/huge', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = `<p>${'filler text '.repeat(8000)}</p>`;
    let sent = 0;
    const pump = () => {
      while (sent < 50 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => {
      sent = Number.POSITIVE_INFINITY;
    });
    pump();
  });
  routes.set('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
  routes.set('/photo.png', (_req, res) =>
    res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47])),
  );
  routes.set('/hang', (_req, res) => {
    hanging.add(res);
  });
  routes.set(
    '/malformed.html',
    html(
      '<html><head><title>Pier reopens | Gazette</title><body><div><p>The pier reopened on Saturday after a winter of repairs to its storm-damaged deck.<p>Anglers were back by noon<div></span>, the harbour master said.',
    ),
  );
  return {
    base,
    requests,
    route: (path, handler) => routes.set(path, handler),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
