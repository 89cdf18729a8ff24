import type { PassageHit, ResolvedTerm } from '../search/passage-index.ts';
import { ANSWER_TYPE_BOOST, type AnswerType, hasAnswerEvidence } from './answer-type.ts';

/** A passage hit with the measures ranking and confidence use. */
export interface RankedHit extends PassageHit {
  /** Share of the question's information (IDF-weighted terms) the passage matches, 0–1. */
  coverage: number;
  /** The score results are ordered by. */
  rank: number;
  /** Whether the passage holds the kind of answer asked for (`hasAnswerEvidence`). */
  evidence: boolean;
}

/**
 * Preference, at most, for a passage that writes together the words the question asks about together
 * ("army chiefs" ~ "chiefs of the army"): such a passage is about the same thing, not about each
 * word apart. Kept small beside coverage, as word pairs are in the sequential dependence model (Metzler &
 * Croft, 2005): it orders passages that cover the question alike, and cannot make up for a missing word.
 */
const TOGETHER_BOOST = 0.25;

/**
 * Re-ranks MiniSearch hits. BM25 alone favours short passages that repeat one common word; weighting by
 * how much of the question a passage covers (rare words count more, a word matched partly counts by its
 * credit) prefers the passage that answers the whole question. Small preferences go to passages
 * containing the kind of answer asked for (other than the `asked` terms themselves), and to passages
 * writing together the question's neighbouring words.
 */
export function rankPassages(
  hits: readonly PassageHit[],
  terms: readonly ResolvedTerm[],
  answerType: AnswerType,
  asked: ReadonlySet<string> = askedTerms(terms),
): RankedHit[] {
  const weights = new Map(terms.map((t) => [t.term, t.weight]));
  const total = [...weights.values()].reduce((a, b) => a + b, 0) || 1;
  return hits
    .map((hit) => {
      const coverage =
        hit.queryTerms.reduce((sum, t) => sum + (weights.get(t) ?? 0) * (hit.credit?.[t] ?? 1), 0) / total;
      const evidence = hasAnswerEvidence(answerType, hit.passage.text, asked);
      const typeBoost = evidence ? ANSWER_TYPE_BOOST : 1;
      const together = 1 + TOGETHER_BOOST * (hit.together ?? 0);
      return { ...hit, coverage, evidence, rank: hit.score * coverage ** 2 * typeBoost * together };
    })
    .sort((a, b) => b.rank - a.rank);
}

/** The index terms a question asks about, as written and as searched: what cannot be its answer. */
export function askedTerms(terms: readonly ResolvedTerm[]): Set<string> {
  return new Set(terms.flatMap((t) => [t.term, t.searchAs]));
}

/**
 * Orders the passages to cite so that, when several articles answer well (`answersWell`), the first page
 * cites each of them (up to `pageSize` articles) instead of filling it from one article.
 */
export function diversify(
  ranked: readonly RankedHit[],
  pageSize: number,
  answersWell: (hit: RankedHit) => boolean,
): RankedHit[] {
  const strongArticles = new Set(ranked.filter(answersWell).map((h) => h.passage.articleId));
  const remaining = [...ranked];
  const page: RankedHit[] = [];
  const cited = new Set<string>();
  while (page.length < pageSize && remaining.length) {
    const missing = [...strongArticles].filter((a) => !cited.has(a));
    const slotsLeft = pageSize - page.length;
    const index =
      missing.length >= slotsLeft ? remaining.findIndex((h) => missing.includes(h.passage.articleId)) : 0;
    const [hit] = remaining.splice(Math.max(index, 0), 1);
    if (!hit) break;
    page.push(hit);
    cited.add(hit.passage.articleId);
  }
  return [...page, ...remaining];
}
