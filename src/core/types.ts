/**
 * The platform-neutral values that flow through Newsdesk: articles, the replies commands return,
 * and the small logger interface the core is handed. Nothing here imports a platform library.
 */

/** What a paragraph is for: only `body` paragraphs can be cited as answers. */
export type ParagraphKind = 'body' | 'heading' | 'furniture';

/** One non-empty paragraph of an article file, numbered as a reader counts them (1-based). */
export interface Paragraph {
  /** 1-based position among the non-empty paragraphs of the file as written. */
  n: number;
  text: string;
  kind: ParagraphKind;
  /** The nearest heading above this paragraph, if any. */
  heading?: string;
}

/** An article's metadata, from front matter or derived from its text. */
export interface ArticleMeta {
  /** The file name without its extension. */
  id: string;
  /** The title as shown: a title derived from the text is shortened to 80 characters. */
  title: string;
  /** The whole title, when `title` is a shortened one (ending in "…"). */
  fullTitle?: string;
  source?: string;
  url?: string;
  published?: string;
  /**
   * The number (`Paragraph.n`) of the article's first body paragraph, its lede: what comes before it is a
   * headline, a dateline or a byline. Unset when not known (an article stored before it was recorded):
   * ranking then counts a paragraph's place from the top of the file.
   */
  opening?: number;
}

/** A parsed article: metadata plus every paragraph (furniture and headings kept for display). */
export interface Article extends ArticleMeta {
  paragraphs: Paragraph[];
}

/** A short description of an article, as `sources` lists it. */
export interface ArticleSummary extends ArticleMeta {
  /** Number of paragraphs in the file (all kinds). */
  paragraphs: number;
}

/** What the index holds, for footers such as "2 articles · 30 paragraphs". */
export interface CorpusStats {
  articles: number;
  paragraphs: number;
  /** When the index was built. */
  builtAt: Date;
}

/** A run of text; `mark` is true for the words that matched the question (renderers bold them). */
export interface Segment {
  text: string;
  mark?: boolean;
}

/** A passage cited by a reply, numbered in the order the reply lists it. */
export interface CitedPassage {
  /** Citation number within this reply and page, 1-based (`[1]`). */
  n: number;
  articleId: string;
  title: string;
  /** The whole title, when `title` is shortened for display. */
  fullTitle?: string;
  source?: string;
  url?: string;
  /**
   * Where a reader's link goes: `url` with a text fragment that scrolls to and highlights the cited
   * paragraph (`…#:~:text=<start>,<end>`), or the plain `url` when a fragment would not match the page.
   */
  link?: string;
  published?: string;
  /** The paragraph number in the article file (`¶N`). */
  paragraph: number;
  /** The paragraph text, split into marked/unmarked runs. */
  text: Segment[];
  /** Relevance score (higher is better; comparable only within one reply). */
  score: number;
  heading?: string;
}

/** A reply every renderer understands. */
export type Reply = AnswerReply | NotCoveredReply | SourcesReply | ArticleReply | HelpReply | ProblemReply;

/** A question answered from the articles. */
export interface AnswerReply {
  kind: 'answer';
  /** The question as answered (after trimming/shortening), plain text: renderers escape it. */
  question: string;
  /** Set when the question was shortened or otherwise adjusted, e.g. "Only the first 500 characters were used." */
  note?: string;
  /** The single sentence that best answers the question, with matched terms marked. */
  answer: Segment[];
  /** The id and paragraph of the passage the answer sentence came from. */
  answerFrom: { articleId: string; paragraph: number };
  /** The cited passages on this page, best first. */
  passages: CitedPassage[];
  /** Zero-based offset of the first passage of this page within all results. */
  offset: number;
  /** Total number of citable passages that matched with enough confidence. */
  total: number;
  /** The offset of the next page when there are more passages, else undefined. */
  nextOffset?: number;
  stats: CorpusStats;
}

/** Nothing in the articles really matches the question. */
export interface NotCoveredReply {
  kind: 'not-covered';
  question: string;
  note?: string;
  /** Index terms close to the question's words ("did you mean"). */
  suggestions: string[];
  /**
   * Some of the articles that can be asked about: at most a few (see `NOT_COVERED_ARTICLES` in
   * `compose-answer.ts`), so the reply stays small on a large corpus. `stats.articles` says how many there
   * are; renderers tell the reader how many more `sources` lists (`moreArticles` in `render/reply-text.ts`).
   */
  articles: ArticleSummary[];
  stats: CorpusStats;
}

/** The list of articles. */
export interface SourcesReply {
  kind: 'sources';
  articles: ArticleSummary[];
  stats: CorpusStats;
}

/** One paragraph of an article, or its outline. */
export interface ArticleReply {
  kind: 'article';
  article: ArticleSummary;
  /** Present when one paragraph was asked for. */
  paragraph?: Paragraph;
  /** Present when no paragraph was asked for: every paragraph, shortened. */
  outline?: Paragraph[];
}

/** The commands and how to use them. */
export interface HelpReply {
  kind: 'help';
  commands: { name: string; usage: string; description: string }[];
  stats: CorpusStats;
}

/** An expected problem with the user's input, explained kindly (empty question, unknown article …). */
export interface ProblemReply {
  kind: 'problem';
  /** A machine-readable reason. */
  code:
    | 'empty-question'
    | 'no-words'
    | 'unknown-article'
    | 'unknown-paragraph'
    | 'unknown-command'
    | 'expired'
    | 'rate-limited'
    | 'busy';
  /** A friendly sentence for the user (plain text). */
  message: string;
  /** Optional usage hint, e.g. "ask <question>". */
  usage?: string;
  /** For `rate-limited`: seconds until the user may ask again. */
  retryAfterSeconds?: number;
  /**
   * For `rate-limited`: the user was already told to slow down in this window, so adapters that can stay
   * silent (messages, mentions) post nothing: one spammer costs one notice, not one call per message.
   */
  quiet?: boolean;
}

/** Structured logging, passed in so the core never writes to the console itself. */
export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** A logger that drops everything (default for library use and tests). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
