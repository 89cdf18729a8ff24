import { analyzeWord } from '../../core/search/analyze.ts';

/**
 * Word analyses remembered by this process's PostgreSQL side: a bulk load analyses millions of paragraphs
 * written with some hundred thousand distinct words, and each question's ranked passages are read word by
 * word; stemming each use again was most of the load's time and ~2 ms of a question. A plain map, emptied
 * when it holds {@link MAX_ANALYSES} words: one look-up a use (a two-generation `BoundedMap` takes up to
 * three, and cost more than the analysis it saved here).
 */
const analyses = new Map<string, readonly string[]>();
const MAX_ANALYSES = 300_000;

/** `analyzeWord`, remembered (the arrays given are shared: do not change them). */
export function analyze(word: string): readonly string[] {
  let terms = analyses.get(word);
  if (terms === undefined) {
    if (analyses.size >= MAX_ANALYSES) analyses.clear();
    terms = analyzeWord(word);
    analyses.set(word, terms);
  }
  return terms;
}
