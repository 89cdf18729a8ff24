import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ParagraphKind } from '../core/types.ts';
import { readArticleFile } from '../load/load-articles.ts';

/** One hand label: article id, 1-based paragraph number as the loader counts it, and what it is. */
export interface ParagraphLabel {
  article: string;
  paragraph: number;
  label: ParagraphKind;
  /** `uniform` (sampled across all paragraphs) or `short` (extra ≤ 25-word paragraphs, for recall). */
  stratum: string;
}

/** Precision and recall of one kind, with the counts behind them. */
export interface KindScore {
  precision: number;
  recall: number;
  truePositives: number;
  predicted: number;
  actual: number;
}

/** Scores for furniture and headings over a set of labels, and every disagreement. */
export interface ParagraphScores {
  labels: number;
  furniture: KindScore;
  heading: KindScore;
  /** Labels the rules disagree with: `id ¶n label → predicted`. */
  misses: string[];
}

/** Reads the labels file (one JSON object a line). */
export async function readParagraphLabels(file: string): Promise<ParagraphLabel[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as ParagraphLabel);
}

/**
 * Classifies each labelled paragraph with the loader (reading `<dir>/<article>.txt`) and scores the rules:
 * precision and recall for furniture and for headings. Throws when a labelled paragraph does not exist.
 */
export async function measureParagraphs(
  dir: string,
  labels: readonly ParagraphLabel[],
): Promise<ParagraphScores> {
  const kinds = new Map<string, ParagraphKind[]>();
  for (const id of new Set(labels.map((l) => l.article))) {
    const result = await readArticleFile(path.join(dir, `${id}.txt`));
    if (!result.ok) throw new Error(`labelled article ${id} ${result.reason}`);
    kinds.set(
      id,
      result.article.paragraphs.map((p) => p.kind),
    );
  }
  const predicted = labels.map((l) => {
    const kind = kinds.get(l.article)?.[l.paragraph - 1];
    if (!kind) throw new Error(`labelled paragraph ${l.article} ¶${l.paragraph} does not exist`);
    return kind;
  });
  const score = (kind: ParagraphKind): KindScore => {
    const truePositives = labels.filter((l, i) => l.label === kind && predicted[i] === kind).length;
    const predictedCount = predicted.filter((p) => p === kind).length;
    const actual = labels.filter((l) => l.label === kind).length;
    return {
      precision: predictedCount ? truePositives / predictedCount : 1,
      recall: actual ? truePositives / actual : 1,
      truePositives,
      predicted: predictedCount,
      actual,
    };
  };
  return {
    labels: labels.length,
    furniture: score('furniture'),
    heading: score('heading'),
    misses: labels.flatMap((l, i) =>
      l.label === predicted[i] ? [] : [`${l.article} ¶${l.paragraph} ${l.label} → ${predicted[i]}`],
    ),
  };
}

/** "furniture precision 97.5% (39/40), recall 90.7% (39/43)". */
export function describeScore(name: string, s: KindScore): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `${name} precision ${pct(s.precision)} (${s.truePositives}/${s.predicted}), recall ${pct(s.recall)} (${s.truePositives}/${s.actual})`;
}
