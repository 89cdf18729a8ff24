/**
 * Reply → Discord message body: one embed with escaped markdown, masked links, numbered citations and a
 * "More results" button, always within Discord's size limits and never able to ping anyone.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from 'discord.js';
import type {
  AnswerReply,
  ArticleReply,
  ArticleSummary,
  CitedPassage,
  CorpusStats,
  HelpReply,
  NotCoveredReply,
  ProblemReply,
  Reply,
  Segment,
  SourcesReply,
} from '../../core/types.ts';
import { inertLinks } from '../../render/inert-links.ts';
import { moreArticles } from '../../render/reply-text.ts';

/** Discord's documented message limits (characters). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  /** Sum of every embed's title, description, fields, footer and author texts. */
  embedTotal: 6000,
  fields: 25,
  actionRows: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** A message body accepted by discord.js `reply`, `editReply`, `update`, `followUp` and `send`. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** Always `parse: []`: text we echo (a question full of `@everyone`) can never ping. */
  allowedMentions: { parse: []; repliedUser: false };
  /** Set on content-only messages that contain a link, so Discord shows no preview. */
  flags?: MessageFlags.SuppressEmbeds;
}

/** Options for {@link renderDiscord}. */
export interface RenderDiscordOptions {
  /** The `custom_id` of the "More results" button; the button is shown only when this is set and the
   * answer has a next page. Default: no button. */
  moreButtonId?: string;
}

const COLOR = { answer: 0x5865f2, neutral: 0x99aab5, problem: 0xed4245 } as const;
const CAP = { question: 300, note: 200, answer: 600, title: 120, url: 500, listLine: 300 } as const;
/** Per-passage text caps tried in turn until the description fits; the last one also drops marks. */
const PASSAGE_CAPS = [700, 400, 200, 120] as const;

/** Renders any {@link Reply} as a Discord message. */
export function renderDiscord(reply: Reply, options: RenderDiscordOptions = {}): DiscordMessage {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply, options.moreButtonId);
    case 'not-covered':
      return embedMessage({
        color: COLOR.neutral,
        description: notCoveredText(reply),
        footer: statsText(reply.stats),
      });
    case 'sources':
      // Discord shows the embed's timestamp in each reader's own time zone: when the index was built.
      return embedMessage({
        color: COLOR.neutral,
        description: sourcesText(reply),
        footer: `${statsText(reply.stats)} · index built`,
        timestamp: reply.stats.builtAt.toISOString(),
      });
    case 'article':
      return renderArticle(reply);
    case 'help':
      return embedMessage({
        color: COLOR.neutral,
        description: helpText(reply),
        footer: statsText(reply.stats),
      });
    case 'problem':
      return embedMessage({ color: COLOR.problem, description: problemText(reply) });
  }
}

/** A short plain notice (apologies, "unknown command"): escaped, within limits, no link previews. */
export function renderNotice(text: string): DiscordMessage {
  const content = shorten(text, DISCORD_LIMITS.content / 2);
  const message: DiscordMessage = {
    content: escapeDiscord(content),
    embeds: [],
    components: [],
    allowedMentions: quiet(),
  };
  if (/https?:\/\//i.test(content)) message.flags = MessageFlags.SuppressEmbeds;
  return message;
}

/**
 * Escapes text for Discord markdown so it shows exactly as written: formatting characters, masked links,
 * mentions (`<@&id>` shows as text) and `@everyone`/`@here` (a zero-width space breaks them), plus the
 * markers that start a heading, list or quote.
 */
export function escapeDiscord(text: string): string {
  return text
    .replace(/[\\*_~`|<[\]]/g, '\\$&')
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/^(\s*)([>#+-]|\d+\.)/gm, (_match, space: string, marker: string) =>
      marker.endsWith('.') ? `${space}${marker.slice(0, -1)}\\.` : `${space}\\${marker}`,
    );
}

function renderAnswer(reply: AnswerReply, moreButtonId: string | undefined): DiscordMessage {
  const first = reply.offset + 1;
  const last = reply.offset + reply.passages.length;
  const range = reply.passages.length ? `Passages ${first}–${last} of ${reply.total}` : 'No passages';
  const message = embedMessage({
    color: COLOR.answer,
    description: answerText(reply),
    footer: `${range} · searched ${statsText(reply.stats)}`,
  });
  if (moreButtonId && reply.nextOffset !== undefined) {
    const size = Math.max(reply.passages.length, 1);
    const to = Math.min(reply.nextOffset + size, reply.total);
    message.components = [
      buttonRow(moreButtonId, `More results (${reply.nextOffset + 1}–${to} of ${reply.total})`),
    ];
  }
  return message;
}

function answerText(reply: AnswerReply): string {
  const source = reply.passages.find(
    (p) => p.articleId === reply.answerFrom.articleId && p.paragraph === reply.answerFrom.paragraph,
  );
  const cite = source ? ` [${source.n}]` : '';
  for (const [level, cap] of PASSAGE_CAPS.entries()) {
    const marks = level < PASSAGE_CAPS.length - 1;
    const head = [
      questionLine(reply.question),
      ...(reply.note ? [`*${inline(inertLinks(reply.note), CAP.note)}*`] : []),
      '',
      `${segments(reply.answer, CAP.answer, marks)}${cite}`,
    ].join('\n');
    const blocks = reply.passages.map((p) => passageBlock(p, cap, marks));
    const text = [head, ...blocks].join('\n\n');
    if (text.length <= DISCORD_LIMITS.embedDescription) return text;
    if (level === PASSAGE_CAPS.length - 1) return fitLines(head, blocks, '\n\n', 'passages');
  }
  return ''; // unreachable: the last level always returns
}

function passageBlock(p: CitedPassage, cap: number, marks: boolean): string {
  const source = [p.source, p.published].filter(Boolean).map((s) => inline(s ?? '', 60));
  const meta = source.length ? ` · *${source.join(' · ')}*` : '';
  const heading = p.heading ? `\n*${inline(p.heading, CAP.title)}*` : '';
  const target = p.link && p.link.length <= CAP.url ? p.link : p.url;
  return `**[${p.n}]** ${link(p.title, target)} — ¶${p.paragraph}${meta}${heading}\n> ${segments(p.text, cap, marks)}`;
}

function notCoveredText(reply: NotCoveredReply): string {
  const lines = [questionLine(reply.question)];
  if (reply.note) lines.push(`*${inline(inertLinks(reply.note), CAP.note)}*`);
  lines.push('', "I couldn't find that in the articles I have, so I won't guess.");
  const suggestions = reply.suggestions.slice(0, 10).map((s) => `**${inline(s, 40)}**`);
  if (suggestions.length) lines.push(`Did you mean: ${suggestions.join(', ')}?`);
  if (reply.articles.length) lines.push('', '**You can ask about**');
  const head = lines.join('\n');
  return fitLines(head, reply.articles.map(articleLine), '\n', 'articles', moreArticles(reply));
}

function sourcesText(reply: SourcesReply): string {
  if (!reply.articles.length) return 'No articles are loaded yet.';
  const count = plural(reply.articles.length, 'article');
  return fitLines(`**${count}** you can ask about:`, reply.articles.map(articleLine), '\n', 'articles');
}

function articleLine(a: ArticleSummary): string {
  const meta = [a.source, a.published].filter(Boolean).map((s) => inline(s ?? '', 60));
  const details = [
    ...(meta.length ? [`*${meta.join(' · ')}*`] : []),
    code(a.id),
    plural(a.paragraphs, 'paragraph'),
  ];
  return `• ${link(a.title, a.url)} — ${details.join(' · ')}`;
}

function renderArticle(reply: ArticleReply): DiscordMessage {
  const a = reply.article;
  const head = `**${link(a.title, a.url)}** · ${code(a.id)}`;
  let description: string;
  let footer: string;
  if (reply.paragraph) {
    const p = reply.paragraph;
    const heading = p.heading ? `\n*${inline(p.heading, CAP.title)}*` : '';
    const build = (cap: number) => `${head} — ¶${p.n}${heading}\n> ${inline(p.text, cap)}`;
    description =
      [3000, 1500].map(build).find((text) => text.length <= DISCORD_LIMITS.embedDescription) ?? build(700);
    footer = `Paragraph ${p.n} of ${a.paragraphs}`;
  } else {
    const lines = (reply.outline ?? []).map((p) => {
      const text = inline(p.text, 200);
      return `**¶${p.n}** ${p.kind === 'heading' ? `__${text}__` : p.kind === 'furniture' ? `*${text}*` : text}`;
    });
    description = fitLines(head, lines, '\n', 'paragraphs');
    footer = `${plural(a.paragraphs, 'paragraph')} · use /article id:${a.id} paragraph:<n> to read one`;
  }
  return embedMessage({ color: COLOR.neutral, description, footer });
}

function helpText(reply: HelpReply): string {
  const lines = reply.commands.map((c) => `${code(`/${c.usage}`)} — ${inline(c.description, 200)}`);
  const head = 'I answer questions about the news articles I have read, citing the passages I used.';
  const tail = 'You can also send me a question in a DM, or mention me in a channel.';
  return fitLines(head, [...lines, '', tail], '\n', 'commands');
}

function problemText(reply: ProblemReply): string {
  const usage = reply.usage ? `\nUsage: ${code(reply.usage)}` : '';
  return `${inline(inertLinks(reply.message), 1000)}${usage}`;
}

function questionLine(question: string): string {
  return `**Q:** ${inline(inertLinks(question), CAP.question)}`;
}

/** Joins `head` and as many `lines` as fit the embed description, noting how many were left out. */
/**
 * The head and as many lines as fit in an embed description, then how many were not shown: those cut
 * here plus `notListed`, lines the reply itself left out (a "not covered" reply lists only a few articles).
 */
function fitLines(head: string, lines: string[], separator: string, what: string, notListed = 0): string {
  const limit = DISCORD_LIMITS.embedDescription - 60; // room for the "… more" note
  let text = head;
  let shown = 0;
  for (const line of lines) {
    const next = `${text}${separator}${line}`;
    if (next.length > limit) break;
    text = next;
    shown += 1;
  }
  const hidden = lines.length - shown + notListed;
  const where = notListed > 0 ? ': `/sources` lists them all' : ' not shown';
  return hidden > 0 ? `${text}${separator}*…and ${hidden} more ${what}${where}.*` : text;
}

/** Renders marked segments: escaped, capped at `cap` plain characters, marked runs in bold. */
function segments(runs: Segment[], cap: number, marks: boolean): string {
  const merged: Segment[] = [];
  let used = 0;
  for (const run of runs) {
    if (used >= cap) break;
    const text = run.text.replace(/\s+/g, ' ');
    const room = cap - used;
    const piece = text.length > room ? shorten(text, room) : text;
    used += piece.length;
    const last = merged.at(-1);
    if (last && Boolean(last.mark) === Boolean(run.mark)) last.text += piece;
    else merged.push({ text: piece, mark: run.mark });
  }
  return merged
    .map((run) => {
      if (!(marks && run.mark)) return escapeDiscord(run.text);
      const [, lead = '', core = '', trail = ''] = /^(\s*)(.*?)(\s*)$/s.exec(run.text) ?? [];
      return core ? `${lead}**${escapeDiscord(core)}**${trail}` : run.text;
    })
    .join('');
}

/** Plain text as one escaped line of at most `cap` plain characters. */
function inline(text: string, cap: number): string {
  return escapeDiscord(shorten(text.replace(/\s+/g, ' ').trim(), cap));
}

/** A masked link `[title](url)` when the URL is a sane http(s) address, else the escaped title. */
function link(title: string, url: string | undefined): string {
  const text = inline(title, CAP.title);
  const target = linkTarget(url);
  return target ? `[${text}](${target})` : text;
}

/** A URL fit for a masked link: http(s), no credentials (`https://bank.com@evil`), no characters that end
 * the link early; `undefined` otherwise. */
function linkTarget(url: string | undefined): string | undefined {
  if (!url || url.length > CAP.url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) return undefined;
  return parsed.href.replace(
    /[()<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** Inline code cannot escape backticks, so they are replaced. */
function code(text: string): string {
  const plain = shorten(text.replace(/`/g, "'").replace(/\s+/g, ' '), 100);
  return `\`${plain.replace(/@(everyone|here)/gi, '@\u200b$1')}\``;
}

/** Cuts `text` to at most `cap` characters, at a word boundary when one is near, ending with "…". */
function shorten(text: string, cap: number): string {
  if (text.length <= cap) return text;
  if (cap <= 1) return '…'.slice(0, cap);
  let cut = text.slice(0, cap - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never split a surrogate pair
  const space = cut.lastIndexOf(' ');
  if (space > cap * 0.8) cut = cut.slice(0, space);
  return `${cut}…`;
}

function statsText(stats: CorpusStats): string {
  return `${plural(stats.articles, 'article')} · ${plural(stats.paragraphs, 'paragraph')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function embedMessage(embed: {
  color: number;
  description: string;
  footer?: string;
  timestamp?: string;
}): DiscordMessage {
  const data: APIEmbed = { color: embed.color, description: embed.description };
  if (embed.footer) data.footer = { text: shorten(embed.footer, 300) };
  if (embed.timestamp) data.timestamp = embed.timestamp;
  return { embeds: [data], components: [], allowedMentions: quiet() };
}

function buttonRow(customId: string, label: string): APIActionRowComponent<APIButtonComponentWithCustomId> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: customId,
        label: shorten(label, DISCORD_LIMITS.buttonLabel),
      },
    ],
  };
}

function quiet(): DiscordMessage['allowedMentions'] {
  return { parse: [], repliedUser: false };
}
