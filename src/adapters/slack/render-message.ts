/**
 * Reply → Slack message: Block Kit blocks plus a plain-text fallback for notifications.
 * All user and article text is escaped for mrkdwn; every section stays within 3,000 characters and a
 * message within 50 blocks.
 */

import type { types } from '@slack/bolt';
import type { CommandInput } from '../../core/commands/run-command.ts';
import type * as Core from '../../core/types.ts';
import { inertLinks } from '../../render/inert-links.ts';
import { builtLine, moreArticles } from '../../render/reply-text.ts';
import { APOLOGY } from '../shared/apology.ts';
import { encodeButtonValue, SLACK_ACTION_IDS } from './slack-buttons.ts';
import {
  escapeMrkdwn,
  linkOrText,
  plural,
  segmentsToMrkdwn,
  segmentsToText,
  shorten,
} from './slack-mrkdwn.ts';

type Block = types.KnownBlock;

/** A message ready for `chat.postMessage` or a `response_url`. */
export interface SlackMessage {
  /** Plain-text fallback shown in notifications (escaped mrkdwn, ≤ 3,000 characters). */
  text: string;
  blocks: Block[];
}

/** How a reply is dressed for where it is posted. */
export interface SlackRenderOptions {
  /** Add a "Share in channel" button, for replies only the asker can see. Default: false. */
  shareable?: boolean;
  /** Slack user id of the person who shared the reply publicly: adds "Shared by @them". Default: none. */
  sharedBy?: string;
}

/** Slack's limits, with the section limit kept a little under 3,000 for the markup around text. */
const MAX_SECTION = 3000;
const MAX_BLOCKS = 50;
const MAX_TEXT = 3000;
const MAX_QUESTION = 500;
const MAX_TITLE = 150;
const MAX_LIST_ARTICLES = 10;
const OUTLINE_LINE = 160;

/** Renders any reply for Slack. */
export function renderSlackReply(reply: Core.Reply, options: SlackRenderOptions = {}): SlackMessage {
  const message = renderBody(reply);
  const buttons = shareButton(reply, options);
  if (buttons) appendButton(message.blocks, buttons);
  const sharer =
    options.sharedBy && /^[UW][A-Z0-9]{2,20}$/.test(options.sharedBy) ? options.sharedBy : undefined;
  if (sharer) {
    // A real mention of the asker (an id Slack gave us, never user text) so readers know who shared it.
    message.blocks.unshift(context(`Shared by <@${sharer}> with /ask`));
    message.text = `<@${sharer}> shared: ${message.text}`;
  }
  return { text: shorten(message.text, MAX_TEXT), blocks: capBlocks(message.blocks) };
}

/** The short apology posted when handling a message failed. */
export function renderSlackApology(): SlackMessage {
  const text = APOLOGY;
  return { text, blocks: [section(`:warning: ${text}`)] };
}

function renderBody(reply: Core.Reply): SlackMessage {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply);
    case 'not-covered':
      return renderNotCovered(reply);
    case 'sources':
      return renderSources(reply);
    case 'article':
      return renderArticle(reply);
    case 'help':
      return renderHelp(reply);
    case 'problem':
      return renderProblem(reply);
  }
}

function renderAnswer(reply: Core.AnswerReply): SlackMessage {
  const question = escapeMrkdwn(shorten(inertLinks(reply.question), MAX_QUESTION));
  const cited = reply.passages.find(
    (p) => p.articleId === reply.answerFrom.articleId && p.paragraph === reply.answerFrom.paragraph,
  );
  const citation = cited ? ` [${cited.n}]` : '';
  const blocks: Block[] = [section(`*You asked:* ${question}`)];
  if (reply.note) blocks.push(context(escapeMrkdwn(inertLinks(reply.note))));
  blocks.push(section(`${segmentsToMrkdwn(reply.answer, MAX_SECTION - 20)}${citation}`));
  if (reply.passages.length) blocks.push({ type: 'divider' });
  for (const passage of reply.passages) blocks.push(section(passageMrkdwn(passage)));

  const first = reply.offset + 1;
  const last = reply.offset + reply.passages.length;
  const range = reply.passages.length ? ` · passages ${first}–${last} of ${reply.total}` : '';
  blocks.push(context(`${searched(reply.stats)}${range}`));
  if (reply.nextOffset !== undefined) {
    const next: CommandInput = { name: 'ask', question: reply.question, offset: reply.nextOffset };
    blocks.push({
      type: 'actions',
      elements: [button('More results', SLACK_ACTION_IDS.more, encodeButtonValue(next))],
    });
  }

  const sources = reply.passages.map((p) => `[${p.n}] ${escapeMrkdwn(shorten(p.title, 80))} ¶${p.paragraph}`);
  const answer = escapeMrkdwn(shorten(segmentsToText(reply.answer), 1500));
  return { text: [`${answer}${citation}`, ...sources].join('\n'), blocks };
}

function passageMrkdwn(passage: Core.CitedPassage): string {
  const details = [passage.source, passage.published]
    .filter(Boolean)
    .map((d) => escapeMrkdwn(shorten(d ?? '', 80)));
  const meta = details.length ? ` · ${details.join(' · ')}` : '';
  const heading = passage.heading
    ? `\n_${escapeMrkdwn(shorten(passage.heading, 100)).replace(/_/g, ' ')}_`
    : '';
  const head = `*[${passage.n}]* ${titleLink({ title: passage.title, url: passage.link ?? passage.url })} — ¶${passage.paragraph}${meta}${heading}\n>`;
  return `${head}${segmentsToMrkdwn(passage.text, MAX_SECTION - head.length)}`;
}

function renderNotCovered(reply: Core.NotCoveredReply): SlackMessage {
  const question = escapeMrkdwn(shorten(inertLinks(reply.question), MAX_QUESTION));
  const headline = `I couldn't find an answer to that in the articles I have: _${question.replace(/_/g, ' ')}_`;
  const blocks: Block[] = [section(headline)];
  if (reply.note) blocks.push(context(escapeMrkdwn(inertLinks(reply.note))));
  const suggestions = reply.suggestions.slice(0, 10).map((term) => escapeMrkdwn(shorten(term, 40)));
  if (suggestions.length) blocks.push(section(`*Did you mean:* ${suggestions.join(', ')}`));
  blocks.push(...articleList(reply.articles, '*You can ask about:*', moreArticles(reply)));
  blocks.push(context(searched(reply.stats)));
  const text = `I couldn't find an answer to "${question}" in the articles.`;
  return { text, blocks };
}

function renderSources(reply: Core.SourcesReply): SlackMessage {
  const heading = `*Articles I can answer from* (${reply.articles.length.toLocaleString('en-US')})`;
  const lines = reply.articles.map(
    (article) =>
      `• ${titleLink(article)} — \`${escapeMrkdwn(shorten(article.id, 80))}\` · ${plural(article.paragraphs, 'paragraph')}${articleDetails(article)}`,
  );
  // Slack formats the date in each reader's own time zone; the text after | is the fallback.
  const built = `<!date^${Math.floor(reply.stats.builtAt.getTime() / 1000)}^index built {date_short_pretty} at {time}|${builtLine(reply.stats).toLowerCase()}>`;
  const blocks = [
    ...listSections(heading, lines, MAX_BLOCKS - 2),
    context(`${searched(reply.stats)} · ${built}`),
  ];
  const text = `${plural(reply.articles.length, 'article')}: ${reply.articles
    .slice(0, MAX_LIST_ARTICLES)
    .map((a) => escapeMrkdwn(shorten(a.title, 80)))
    .join('; ')}`;
  return { text, blocks };
}

function renderArticle(reply: Core.ArticleReply): SlackMessage {
  const { article, paragraph, outline } = reply;
  const title = titleLink(article);
  const about = context(`\`${escapeMrkdwn(shorten(article.id, 80))}\`${articleDetails(article)}`);
  if (paragraph) {
    const heading = paragraph.heading
      ? ` · _${escapeMrkdwn(shorten(paragraph.heading, 100)).replace(/_/g, ' ')}_`
      : '';
    const head = `*${title}* — ¶${paragraph.n}${heading}\n>`;
    const body = segmentsToMrkdwn([{ text: paragraph.text }], MAX_SECTION - head.length);
    return {
      text: `${escapeMrkdwn(shorten(article.title, 80))} ¶${paragraph.n}: ${escapeMrkdwn(shorten(paragraph.text, 1500))}`,
      blocks: [section(`${head}${body}`), about],
    };
  }
  const lines = (outline ?? []).map((p) => {
    const text = escapeMrkdwn(shorten(p.text, OUTLINE_LINE));
    return p.kind === 'heading' ? `*¶${p.n}* *${text.replace(/\*/g, '')}*` : `*¶${p.n}* ${text}`;
  });
  const heading = `*${title}* — ${plural(article.paragraphs, 'paragraph')}`;
  return {
    text: `${escapeMrkdwn(shorten(article.title, 80))}: ${plural(article.paragraphs, 'paragraph')}`,
    blocks: [...listSections(heading, lines, MAX_BLOCKS - 2), about],
  };
}

function renderHelp(reply: Core.HelpReply): SlackMessage {
  const lines = reply.commands.map(
    (command) =>
      `• \`${escapeMrkdwn(shorten(command.usage, 100))}\` — ${escapeMrkdwn(shorten(command.description, 300))}`,
  );
  const intro = '*Newsdesk answers questions about its news articles, citing the passages it used.*';
  const how =
    'In Slack: mention me with a question, send me a direct message, or use `/ask &lt;question&gt;`.';
  return {
    text: 'Newsdesk: mention me with a question, send me a direct message, or use /ask.',
    blocks: [...listSections(intro, lines, MAX_BLOCKS - 3), context(how), context(searched(reply.stats))],
  };
}

function renderProblem(reply: Core.ProblemReply): SlackMessage {
  const message = escapeMrkdwn(shorten(inertLinks(reply.message), 1000));
  const usage = reply.usage ? `\nUsage: \`${escapeMrkdwn(shorten(reply.usage, 200))}\`` : '';
  return { text: message, blocks: [section(`:information_source: ${message}${usage}`)] };
}

/** The command whose reply a "Share in channel" button reposts, or undefined for replies not worth sharing. */
function shareButton(reply: Core.Reply, options: SlackRenderOptions): types.Button | undefined {
  if (!options.shareable) return undefined;
  const input = shareInput(reply);
  return input ? button('Share in channel', SLACK_ACTION_IDS.share, encodeButtonValue(input)) : undefined;
}

function shareInput(reply: Core.Reply): CommandInput | undefined {
  switch (reply.kind) {
    case 'answer':
      return { name: 'ask', question: reply.question, ...(reply.offset ? { offset: reply.offset } : {}) };
    case 'not-covered':
      return { name: 'ask', question: reply.question };
    case 'sources':
      return { name: 'sources' };
    case 'help':
      return { name: 'help' };
    case 'article':
      return {
        name: 'article',
        id: reply.article.id,
        ...(reply.paragraph ? { paragraph: reply.paragraph.n } : {}),
      };
    case 'problem':
      return undefined;
  }
}

function appendButton(blocks: Block[], element: types.Button): void {
  const last = blocks.at(-1);
  if (last?.type === 'actions') last.elements.push(element);
  else blocks.push({ type: 'actions', elements: [element] });
}

/** A few articles as a list; `notListed` more exist than `articles` holds (see `moreArticles`). */
function articleList(articles: Core.ArticleSummary[], heading: string, notListed = 0): Block[] {
  if (!articles.length) return [];
  const shown = articles.slice(0, MAX_LIST_ARTICLES).map((article) => `• ${titleLink(article)}`);
  const more = articles.length - shown.length + notListed;
  if (more > 0) shown.push(`…and ${plural(more, 'more article')}: ask for \`sources\` to see them all.`);
  return listSections(heading, shown, 5);
}

/** Lines under a heading, packed into as few sections as fit, at most `maxSections`. */
function listSections(heading: string, lines: string[], maxSections: number): Block[] {
  const texts: string[] = [];
  let current = heading;
  let shown = 0;
  for (const line of lines) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= MAX_SECTION) {
      current = candidate;
      shown += 1;
      continue;
    }
    if (texts.length + 1 >= maxSections) break;
    texts.push(current);
    current = shorten(line, MAX_SECTION);
    shown += 1;
  }
  if (current) texts.push(current);
  const blocks: Block[] = texts.map(section);
  if (shown < lines.length) blocks.push(context(`…and ${lines.length - shown} more not shown here.`));
  return blocks;
}

function titleLink(article: { title: string; url?: string }): string {
  return linkOrText(article.url, shorten(article.title.trim() || 'Untitled article', MAX_TITLE));
}

function articleDetails(article: Core.ArticleSummary): string {
  const details = [article.source, article.published].filter((d): d is string => Boolean(d));
  return details.map((d) => ` · ${escapeMrkdwn(shorten(d, 80))}`).join('');
}

function searched(stats: Core.CorpusStats): string {
  return `Searched ${plural(stats.articles, 'article')} · ${plural(stats.paragraphs, 'paragraph')}`;
}

function section(text: string): Block {
  // Slack refuses an empty section; this only happens with empty input.
  // verbatim: Slack does not turn bare URLs, domains or channel names into links; the links Newsdesk
  // writes itself (`<url|title>`) still work.
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: text.trim() ? shorten(text, MAX_SECTION) : '—', verbatim: true },
  };
}

function context(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: shorten(text, 2000), verbatim: true }] };
}

function button(label: string, actionId: string, value: string): types.Button {
  return { type: 'button', text: { type: 'plain_text', text: label }, action_id: actionId, value };
}

/** Keeps a message within 50 blocks, dropping body blocks before the closing context and buttons. */
function capBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const tail = blocks.slice(-2);
  return [...blocks.slice(0, MAX_BLOCKS - tail.length), ...tail];
}
