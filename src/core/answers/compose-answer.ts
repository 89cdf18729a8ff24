import { analyzeWord, tokenize } from '../search/analyze.ts';
import type { Passage, PassageIndex, ResolvedTerm } from '../search/passage-index.ts';
import { publishedAfter } from '../time/as-of.ts';
import type {
  AnswerReply,
  Article,
  ArticleSummary,
  CitedPassage,
  CorpusStats,
  NotCoveredReply,
} from '../types.ts';
import { ANSWER_TYPE_BOOST, hasAnswerEvidence, needsEvidence } from './answer-type.ts';
import { markTerms } from './mark-terms.ts';
import { askedTerms, diversify, type RankedHit, rankPassages } from './rank-passages.ts';
import type { Question } from './read-question.ts';
import { splitSentences } from './split-sentences.ts';

/** Options for {@link composeAnswer}. */
export interface ComposeOptions {
  /** Passages per page (default 3). */
  pageSize?: number;
  /** Zero-based offset of the page (default 0). */
  offset?: number;
  /**
   * When the question is asked (default: now). Articles published after it did not exist yet, so are
   * never cited (`publishedAfter`).
   */
  asOf?: Date;
}

/** What composing an answer needs to know about the corpus. */
export interface Corpus {
  index: PassageIndex;
  articles: ReadonlyMap<string, Article>;
  stats: CorpusStats;
  summaries: readonly ArticleSummary[];
}

/**
 * Below this share of the question's (IDF-weighted) information matched, the best passage is a weak
 * match — it shares a word or two with the question but is not about it — and we say the articles don't
 * cover the question instead of citing it.
 */
export const MIN_COVERAGE = 0.55;
/**
 * A question term counts as matched by a passage that has it, another form of it ("fought" for "fight")
 * or a word this close in meaning (see `TermExpansion.credit`).
 */
const MATCHED_CREDIT = 0.7;
/**
 * Further passages are cited only if they score at least this share of the best one, or cover enough of
 * the question ({@link MIN_COVERAGE}) to answer it on their own.
 */
const MIN_RELATIVE_RANK = 0.15;
/**
 * Articles whose best passage scores at least this share of the best, or covers enough of the question to
 * answer it on its own, are all cited on the first page. A second article usually words the same fact
 * differently (other names, a paraphrase), so its best passage ranks well below the first article's: by
 * rank alone, 0.3 and even 0.2 left some out of questions both answer ("What has Kim pledged to do for
 * Russia?": one article says "pledged", the other that helping Russia is a "fraternal duty", at a tenth
 * of the rank).
 */
const STRONG_ARTICLE_SHARE = 0.2;
/** At most this many passages are offered across all pages. */
const MAX_RESULTS = 12;
/**
 * A "not covered" reply lists at most this many articles to ask about. Listing all of them made the
 * reply grow with the corpus (8,318 articles and ~14 ms to render at 100k paragraphs) though no platform
 * shows more than a screenful; the reply says how many more there are and `sources` lists them all.
 */
export const NOT_COVERED_ARTICLES = 10;

/** Answers a question from the corpus: the best sentence and cited passages, or "not covered". */
export function composeAnswer(
  question: Question,
  corpus: Corpus,
  options: ComposeOptions = {},
): AnswerReply | NotCoveredReply {
  const pageSize = options.pageSize ?? 3;
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const { index } = corpus;
  const terms = index.resolve(question.terms);
  const asked = askedTerms(terms);
  const asOf = options.asOf ?? new Date();
  const published = (passage: Passage) =>
    !publishedAfter(corpus.articles.get(passage.articleId)?.published, asOf);
  const ranked = rankPassages(
    index.find(terms, undefined, published),
    terms,
    question.answerType,
    asked,
  ).filter((hit) => hit.evidence || !needsEvidence(question.answerType) || matchesEveryTerm(hit, terms));
  const best = ranked[0];
  if (!best || best.coverage < MIN_COVERAGE) return notCovered(question, terms, corpus);

  const answersAlone = (h: RankedHit) => h.coverage >= MIN_COVERAGE;
  const confident = ranked
    .filter(
      (h) => (h.rank >= best.rank * MIN_RELATIVE_RANK && h.coverage >= MIN_COVERAGE / 2) || answersAlone(h),
    )
    .slice(0, MAX_RESULTS);
  const ordered = diversify(
    confident,
    pageSize,
    (h) => h.rank >= best.rank * STRONG_ARTICLE_SHARE || answersAlone(h),
  );
  const page = ordered.slice(offset, offset + pageSize);
  const next = offset + pageSize < ordered.length ? offset + pageSize : undefined;
  return {
    kind: 'answer',
    question: question.text,
    note: question.note,
    answer: bestSentence(best, question, asked, index),
    answerFrom: { articleId: best.passage.articleId, paragraph: best.passage.paragraph },
    passages: page.map((hit, i) => cite(hit, offset + i + 1, corpus)),
    offset,
    total: ordered.length,
    nextOffset: next,
    stats: corpus.stats,
  };
}

/**
 * Whether a passage matches every term of the question (see {@link MATCHED_CREDIT}). Such a passage is
 * about just what was asked, and is cited even if it lacks the kind of answer asked for (a time, a number:
 * `needsEvidence`). One that matches only part of the question and lacks it too is not an answer ("How many
 * soldiers were killed in Kursk?" is not answered by a passage on the soldiers in Kursk that counts nothing).
 */
function matchesEveryTerm(hit: RankedHit, terms: readonly ResolvedTerm[]): boolean {
  const found = new Set(hit.queryTerms);
  return terms.every((t) => found.has(t.term) && (hit.credit?.[t.term] ?? 1) >= MATCHED_CREDIT);
}

/** The sentence of the best passage that carries most of the question, marked. */
function bestSentence(hit: RankedHit, question: Question, asked: ReadonlySet<string>, index: PassageIndex) {
  const matched = new Set(hit.matchedTerms);
  let bestText = hit.passage.text;
  let bestScore = -1;
  for (const sentence of splitSentences(hit.passage.text)) {
    const terms = new Set(tokenize(sentence.text).flatMap((t) => analyzeWord(t.text)));
    let score = 0;
    for (const term of terms) if (matched.has(term)) score += index.idf(term);
    if (hasAnswerEvidence(question.answerType, sentence.text, asked)) score *= ANSWER_TYPE_BOOST;
    if (score > bestScore) [bestText, bestScore] = [sentence.text, score];
  }
  return markTerms(bestText, matched);
}

function cite(hit: RankedHit, n: number, corpus: Corpus): CitedPassage {
  const article = corpus.articles.get(hit.passage.articleId);
  return {
    n,
    articleId: hit.passage.articleId,
    title: article?.title ?? hit.passage.title,
    source: article?.source,
    url: article?.url,
    published: article?.published,
    paragraph: hit.passage.paragraph,
    text: markTerms(hit.passage.text, new Set(hit.matchedTerms)),
    score: Math.round(hit.rank * 1000) / 1000,
    heading: hit.passage.heading,
  };
}

function notCovered(question: Question, terms: readonly ResolvedTerm[], corpus: Corpus): NotCoveredReply {
  const suggestions = new Set<string>();
  for (const t of terms) {
    if (t.status === 'known') continue;
    for (const similar of corpus.index.similarTerms(t.term, 2))
      suggestions.add(corpus.index.spelling(similar));
  }
  return {
    kind: 'not-covered',
    question: question.text,
    note: question.note,
    suggestions: [...suggestions].slice(0, 5),
    articles: corpus.summaries.slice(0, NOT_COVERED_ARTICLES),
    stats: corpus.stats,
  };
}
