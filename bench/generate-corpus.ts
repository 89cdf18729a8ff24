/**
 * A deterministic, news-like synthetic corpus for the benchmark: articles of 4–20 paragraphs of ~60 words,
 * with a Zipfian vocabulary (a few very common words, a long tail of rare ones), English function words at
 * their usual share, people, places, numbers and the odd quotation. Words are made of syllables, so the
 * corpus needs no word list and every seed gives the same text on every machine.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRng, type Rng, zipfSampler } from './prng.ts';
import { BENCH_STOP_WORDS } from './stop-words.ts';

/** Options for {@link generateCorpus}. */
export interface CorpusOptions {
  /** Paragraphs in the whole corpus (every one citable body text). */
  paragraphs: number;
  /** PRNG seed (default 1). */
  seed?: number;
}

/** One generated article, before it is written as a file. */
export interface GeneratedArticle {
  /** File name without extension, e.g. `a000042`. */
  id: string;
  title: string;
  source: string;
  published: string;
  paragraphs: string[];
}

/** Distinct content words (stems before inflection) the corpus draws from. */
export const CONTENT_VOCABULARY = 50_000;
/** Shortest and longest article, in paragraphs. */
export const ARTICLE_PARAGRAPHS = { min: 4, max: 20 } as const;
/** Words a paragraph aims for: uniform in this range, ~60 on average. */
const PARAGRAPH_WORDS = { min: 40, max: 80 } as const;
const SENTENCE_WORDS = { min: 8, max: 22 } as const;

/** Function words in rough order of frequency in news text; drawn Zipf-wise among themselves. */
const FUNCTION_WORDS =
  `the of to and a in that is was for on it with as he at by from his have has had be were are
been but not they this which an or their will would after who its also more than into over about up out could she
her them we there when all one two new last first other some no if just before while only most three against
under during since between back many because our these those any then where what such been off now each`.split(
    /\s+/,
  );
const ONSETS = `b c d f g h k l m n p r s t v w br cr dr fr gr pr tr st sh ch th pl cl bl sl sp`.split(' ');
const VOWELS = `a e i o u a e i o a e o ai ea ou`.split(' ');
const CODAS = ['', '', '', '', '', '', 'n', 'r', 'l', 's', 't', 'm', 'nd', 'st', 'ck'];
const SOURCES = ['The Daily Courant', 'Northern Ledger', 'City Bulletin', 'Evening Gazette', 'Valley Post'];
const QUOTES = ['“', '”'] as const;

/** The words the corpus is written with, ranked by frequency. */
interface Lexicon {
  content: string[];
  firstNames: string[];
  surnames: string[];
  places: string[];
  sampleContent: (rng: Rng) => number;
  sampleFunction: (rng: Rng) => number;
  samplePerson: (rng: Rng) => number;
  samplePlace: (rng: Rng) => number;
}

/**
 * Generates the articles. The same options give the same articles; paragraph counts add up to exactly
 * `options.paragraphs` (a corpus smaller than four paragraphs is one short article).
 */
export function generateCorpus(options: CorpusOptions): GeneratedArticle[] {
  const rng = createRng(options.seed ?? 1);
  const lexicon = createLexicon(rng);
  const articles: GeneratedArticle[] = [];
  let remaining = Math.max(0, Math.floor(options.paragraphs));
  while (remaining > 0) {
    const count = articleLength(rng, remaining);
    articles.push(generateArticle(rng, lexicon, articles.length, count));
    remaining -= count;
  }
  return articles;
}

/** An article's file: `---` front matter, then one paragraph a line with a blank line between. */
export function articleFileText(article: GeneratedArticle): string {
  const front = `---\ntitle: ${article.title}\nsource: ${article.source}\npublished: ${article.published}\n---\n`;
  return `${front}${article.paragraphs.join('\n\n')}\n`;
}

/** Writes each article as `<id>.txt` in `dir` (created if needed). */
export async function writeCorpus(dir: string, articles: readonly GeneratedArticle[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < articles.length; i += 64) {
    await Promise.all(
      articles
        .slice(i, i + 64)
        .map((a) => writeFile(path.join(dir, `${a.id}.txt`), articleFileText(a), 'utf8')),
    );
  }
}

/** Picks a length in 4–20 that never leaves a remainder too short to be an article of its own. */
function articleLength(rng: Rng, remaining: number): number {
  const { min, max } = ARTICLE_PARAGRAPHS;
  if (remaining <= max) return remaining;
  return rng.int(min, Math.min(max, remaining - min));
}

function createLexicon(rng: Rng): Lexicon {
  const taken = new Set<string>([...BENCH_STOP_WORDS, ...FUNCTION_WORDS]);
  const words = (count: number, syllables: () => number, minLength: number) => {
    const out: string[] = [];
    while (out.length < count) {
      const n = syllables();
      let w = '';
      for (let i = 0; i < n; i++) w += rng.pick(ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS);
      if (w.length < minLength || taken.has(w)) continue;
      taken.add(w);
      out.push(w);
    }
    return out;
  };
  const content = words(CONTENT_VOCABULARY, () => (rng.chance(0.6) ? 2 : rng.chance(0.6) ? 3 : 1), 4);
  const name = (w: string) => w[0]?.toUpperCase() + w.slice(1);
  const firstNames = words(400, () => 2, 4).map(name);
  const surnames = words(3000, () => (rng.chance(0.7) ? 2 : 3), 4).map(name);
  const places = words(800, () => (rng.chance(0.6) ? 2 : 3), 5).map(name);
  return {
    content,
    firstNames,
    surnames,
    places,
    sampleContent: zipfSampler(content.length, 1.05, 25),
    sampleFunction: zipfSampler(FUNCTION_WORDS.length, 1, 1),
    samplePerson: zipfSampler(surnames.length, 0.9, 5),
    samplePlace: zipfSampler(places.length, 1, 3),
  };
}

/** Who and what an article is about: its words recur across its paragraphs, as in a real story. */
interface Story {
  people: { full: string; short: string }[];
  places: string[];
  topic: string[];
}

function generateArticle(rng: Rng, lexicon: Lexicon, index: number, paragraphs: number): GeneratedArticle {
  const story: Story = {
    people: Array.from({ length: rng.int(1, 4) }, () => {
      const surname = lexicon.surnames[lexicon.samplePerson(rng)] as string;
      const first = rng.pick(lexicon.firstNames);
      return { full: `${first} ${surname}`, short: `${rng.pick(['Mr', 'Ms', 'Dr'])} ${surname}` };
    }),
    places: Array.from({ length: rng.int(1, 2) }, () => lexicon.places[lexicon.samplePlace(rng)] as string),
    // Topic words come from below the most common few, like the subject of a story.
    topic: Array.from(
      { length: rng.int(3, 5) },
      () => lexicon.content[Math.min(lexicon.content.length - 1, 40 + lexicon.sampleContent(rng))] as string,
    ),
  };
  const text: string[] = [];
  for (let i = 0; i < paragraphs; i++) text.push(paragraph(rng, lexicon, story, i === 0));
  const title = [
    rng.pick(story.places),
    ...story.topic.slice(0, 3),
    rng.pick(story.people).short.split(' ')[1],
  ]
    .join(' ')
    .replace(/^./, (c) => c.toUpperCase());
  const day = 1 + (index % 28);
  const month = 1 + (Math.floor(index / 28) % 12);
  return {
    id: `a${String(index).padStart(6, '0')}`,
    title,
    source: SOURCES[index % SOURCES.length] as string,
    published: `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    paragraphs: text,
  };
}

function paragraph(rng: Rng, lexicon: Lexicon, story: Story, opening: boolean): string {
  const target = rng.int(PARAGRAPH_WORDS.min, PARAGRAPH_WORDS.max);
  const sentences: string[] = [];
  let words = 0;
  let mentioned = !opening;
  while (words < target) {
    const length = Math.min(rng.int(SENTENCE_WORDS.min, SENTENCE_WORDS.max), Math.max(6, target - words));
    const tokens = sentenceWords(rng, lexicon, story, length, mentioned);
    mentioned = true;
    words += tokens.length;
    sentences.push(quoteOrState(rng, story, tokens));
  }
  return sentences.join(' ');
}

/** A sentence's words: function words, content words (topic words often), people, places and numbers. */
function sentenceWords(
  rng: Rng,
  lexicon: Lexicon,
  story: Story,
  length: number,
  mentioned: boolean,
): string[] {
  const tokens: string[] = [];
  while (tokens.length < length) {
    const roll = rng.next();
    if (roll < 0.42) tokens.push(FUNCTION_WORDS[lexicon.sampleFunction(rng)] as string);
    else if (roll < 0.9) tokens.push(contentWord(rng, lexicon, story));
    else if (roll < 0.95) {
      const person = rng.pick(story.people);
      tokens.push(...(mentioned ? person.short : person.full).split(' '));
    } else if (roll < 0.97) tokens.push(rng.pick(story.places));
    else tokens.push(...numberWords(rng));
  }
  return tokens;
}

function contentWord(rng: Rng, lexicon: Lexicon, story: Story): string {
  const stem = rng.chance(0.12)
    ? rng.pick(story.topic)
    : (lexicon.content[lexicon.sampleContent(rng)] as string);
  if (!rng.chance(0.2)) return stem;
  // Inflections, so that stemming has something to do.
  const suffix = rng.pick(['s', 's', 'ed', 'ing']);
  return /[aeiou]$/.test(stem) && suffix !== 's' ? `${stem.slice(0, -1)}${suffix}` : `${stem}${suffix}`;
}

function numberWords(rng: Rng): string[] {
  const roll = rng.next();
  if (roll < 0.35) return [String(rng.int(2, 99))];
  if (roll < 0.55) return [`${rng.int(1, 99)},${String(rng.int(0, 999)).padStart(3, '0')}`];
  if (roll < 0.75) return [String(rng.int(1990, 2025))];
  if (roll < 0.85) return [`${rng.int(1, 20)}.${rng.int(1, 9)}`];
  return [String(rng.int(2, 90)), 'per', 'cent'];
}

/** One sentence in five is quoted speech attributed to someone in the story. */
function quoteOrState(rng: Rng, story: Story, tokens: string[]): string {
  const text = tokens.join(' ').replace(/^./, (c) => c.toUpperCase());
  if (!rng.chance(0.2)) return `${text}.`;
  return `${QUOTES[0]}${text},${QUOTES[1]} ${rng.pick(story.people).short} said.`;
}
