/**
 * Questions for the benchmark, drawn from the articles' own paragraphs so that the right answer is known:
 * a question word or two plus a few of the paragraph's distinctive words (rarer words are likelier, as a
 * reader asks about what sets a story apart). In every block of ten questions, seven are as drawn, two
 * have one word misspelled and one is made of words that appear nowhere (it should be declined), so any
 * prefix of a multiple of ten keeps the mix.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { Article } from '../src/core/types.ts';
import { createRng, type Rng } from './prng.ts';
import { BENCH_STOP_WORDS } from './stop-words.ts';

/** What a question tests. */
export type QuestionKind = 'answerable' | 'misspelled' | 'unanswerable';

/** One benchmark question and the paragraph it was drawn from. */
export interface BenchQuestion {
  text: string;
  kind: QuestionKind;
  /** The paragraph the question was drawn from (absent for unanswerable questions). */
  source?: { articleId: string; paragraph: number };
  /** For a misspelled question: the word as written in the paragraph and as typed. */
  typo?: { word: string; typed: string };
}

/** Options for {@link generateQuestions}. */
export interface QuestionOptions {
  /** How many questions (default 1,000). */
  count?: number;
  /** PRNG seed (default 7). */
  seed?: number;
}

/** The kinds of question in each block of ten (shuffled within the block). */
const BLOCK: readonly QuestionKind[] = [
  ...Array<QuestionKind>(7).fill('answerable'),
  'misspelled',
  'misspelled',
  'unanswerable',
];

/** Question shapes: `w` are content words, `name` a person or place named in the paragraph. */
const TEMPLATES: readonly ((w: readonly string[], name?: string) => string | undefined)[] = [
  (w, name) => (name ? `What did ${name} say about the ${w[0]} ${w[1]}?` : undefined),
  (w) => `What happened to the ${w.join(' ')}?`,
  (w) => `When did the ${w.join(' ')}?`,
  (w) => `How many ${w.join(' ')} were there?`,
  (w, name) => (name ? `Why did ${name} ${w[0]} the ${w.slice(1).join(' ')}?` : undefined),
  (w) => `Who was ${w[0]} in the ${w.slice(1).join(' ')}?`,
  (w) => `Where is the ${w.join(' ')}?`,
  (w, name) => (name ? `What is the ${w.join(' ')} of ${name}?` : undefined),
  (w, name) => [name, ...w].filter(Boolean).join(' '),
  (w, name) => (name ? `Tell me about ${name} and the ${w.join(' ')}` : undefined),
];

const WORD = /\p{L}+(?:['’-]\p{L}+)*/gu;

/** A word of a paragraph, as written. */
interface Word {
  text: string;
  /** Capitalised and not at the start of a sentence: a person or a place. */
  name: boolean;
}

/** Generates `count` questions from the articles' body paragraphs; the same inputs give the same questions. */
export function generateQuestions(
  articles: readonly Article[],
  options: QuestionOptions = {},
): BenchQuestion[] {
  const rng = createRng(options.seed ?? 7);
  const count = options.count ?? 1000;
  const paragraphs = articles.flatMap((a) =>
    a.paragraphs.filter((p) => p.kind === 'body').map((p) => ({ articleId: a.id, n: p.n, text: p.text })),
  );
  if (!paragraphs.length) throw new Error('bench: no body paragraphs to draw questions from');
  const df = documentFrequencies(paragraphs.map((p) => p.text));
  const vocabulary = new SearchableMap<true>();
  for (const w of df.keys()) vocabulary.set(w, true);

  const questions: BenchQuestion[] = [];
  while (questions.length < count) {
    for (const kind of rng.shuffle([...BLOCK])) {
      if (questions.length >= count) break;
      if (kind === 'unanswerable') {
        questions.push({ text: unanswerable(rng, vocabulary), kind });
        continue;
      }
      for (;;) {
        const p = rng.pick(paragraphs);
        const q = fromParagraph(rng, words(p.text), df, paragraphs.length, kind === 'misspelled');
        if (!q) continue;
        questions.push({ ...q, kind, source: { articleId: p.articleId, paragraph: p.n } });
        break;
      }
    }
  }
  return questions;
}

/** Words of a paragraph, with names told apart from sentence-initial capitals. */
function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    let i = m.index - 1;
    while (i >= 0 && /\s/.test(text[i] as string)) i--;
    const sentenceStart = i < 0 || '.!?“"'.includes(text[i] as string);
    out.push({ text: m[0], name: /^\p{Lu}/u.test(m[0]) && !sentenceStart });
  }
  return out;
}

/** In how many paragraphs each (lower-cased) word occurs. */
function documentFrequencies(paragraphs: readonly string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const text of paragraphs) {
    for (const w of new Set(text.toLowerCase().match(WORD))) df.set(w, (df.get(w) ?? 0) + 1);
  }
  return df;
}

/** A question about one paragraph, or undefined when it has too few usable words. */
function fromParagraph(
  rng: Rng,
  ws: readonly Word[],
  df: ReadonlyMap<string, number>,
  total: number,
  misspell: boolean,
): Omit<BenchQuestion, 'kind' | 'source'> | undefined {
  const content = [
    ...new Set(
      ws
        .map((w) => (w.name ? '' : w.text.toLowerCase()))
        .filter((w) => w.length >= 3 && !BENCH_STOP_WORDS.has(w)),
    ),
  ];
  const names = [
    ...new Set(ws.filter((w) => w.name && !/^(?:Mr|Ms|Dr|Mrs)$/.test(w.text)).map((w) => w.text)),
  ];
  const wanted = rng.int(2, 3);
  if (content.length < wanted + 1) return undefined;
  const idf = (w: string) => Math.log(1 + total / (df.get(w.toLowerCase()) ?? 1));
  const picked = weightedSample(rng, content, idf, wanted);
  const name = names.length && rng.chance(0.5) ? rng.pick(names) : undefined;
  let typo: BenchQuestion['typo'];
  if (misspell) {
    const candidates = picked.filter((w) => w.length >= 5);
    if (!candidates.length) return undefined;
    const word = rng.pick(candidates);
    const typed = misspellWord(rng, word, df);
    if (!typed) return undefined;
    picked[picked.indexOf(word)] = typed;
    typo = { word, typed };
  }
  const text = fillTemplate(rng, picked, name);
  return typo ? { text, typo } : { text };
}

function fillTemplate(rng: Rng, w: readonly string[], name?: string): string {
  for (;;) {
    const text = rng.pick(TEMPLATES)(w, name);
    if (text) return text;
  }
}

/** `k` distinct items, each drawn with probability proportional to its weight among those left. */
function weightedSample<T>(rng: Rng, items: readonly T[], weight: (item: T) => number, k: number): T[] {
  const pool = items.map((item) => ({ item, w: weight(item) }));
  const out: T[] = [];
  while (out.length < k && pool.length) {
    let x = rng.next() * pool.reduce((s, p) => s + p.w, 0);
    let i = 0;
    while (i < pool.length - 1 && x >= (pool[i] as { w: number }).w) x -= (pool[i++] as { w: number }).w;
    out.push((pool.splice(i, 1)[0] as { item: T }).item);
  }
  return out;
}

/**
 * One typing slip: a letter swapped for a neighbour, dropped, doubled or transposed with the next, never
 * in the first letter (people rarely get that wrong). The result must not be a word of the articles.
 */
export function misspellWord(
  rng: Rng,
  word: string,
  known: ReadonlyMap<string, unknown>,
): string | undefined {
  for (let attempt = 0; attempt < 20; attempt++) {
    const i = rng.int(1, word.length - 1);
    const c = word[i] as string;
    let typed: string;
    switch (rng.int(0, 3)) {
      case 0:
        typed = word.slice(0, i) + nearbyKey(rng, c) + word.slice(i + 1);
        break;
      case 1:
        typed = word.slice(0, i) + word.slice(i + 1);
        break;
      case 2:
        typed = word.slice(0, i) + c + word.slice(i);
        break;
      default:
        if (i >= word.length - 1) continue;
        typed = word.slice(0, i) + word[i + 1] + c + word.slice(i + 2);
    }
    if (typed !== word && !known.has(typed.toLowerCase())) return typed;
  }
  return undefined;
}

const KEYBOARD = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function nearbyKey(rng: Rng, c: string): string {
  for (const row of KEYBOARD) {
    const i = row.indexOf(c.toLowerCase());
    if (i < 0) continue;
    const near = [row[i - 1], row[i + 1]].filter((k): k is string => Boolean(k));
    return rng.pick(near);
  }
  return 'e';
}

/**
 * A question whose words appear nowhere in the articles and are not within two edits of any of their
 * words, so no spelling correction or fuzzy match can find them either.
 */
function unanswerable(rng: Rng, vocabulary: SearchableMap<true>): string {
  const word = (capital: boolean) => {
    for (;;) {
      let w = '';
      for (let i = rng.int(2, 3); i > 0; i--)
        w += rng.pick(['zu', 'qo', 'xa', 'jy', 'vex', 'kwi', 'zo', 'yq']);
      if (vocabulary.fuzzyGet(w, 2).size === 0) return capital ? w[0]?.toUpperCase() + w.slice(1) : w;
    }
  };
  const picked = Array.from({ length: rng.int(2, 3) }, () => word(false));
  return fillTemplate(rng, picked, rng.chance(0.5) ? word(true) : undefined);
}
