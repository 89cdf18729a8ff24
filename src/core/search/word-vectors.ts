/**
 * Word embeddings in the compact form `scripts/build-word-vectors.ts` writes: a word list (one a line, in
 * code-unit order, so a word is found by binary search without building a map at load) and a binary file
 * of unit-length vectors, each stored as int8 components times one float32 factor per word. Loading is
 * two file reads and a split; a vector is decoded only when its word is looked up.
 *
 * Binary layout: the 4 bytes `NDWV`, then little-endian uint32 version (4), word count and dimensions,
 * then `count` float32 factors, then `count × dims` int8 components, then `count` uint16 frequency ranks
 * (1 for the most frequent word; capped at 65,535).
 */
export class WordVectors {
  /** Dimensions of every vector. */
  readonly dims: number;
  /** The word list as read, and where each word starts in it (no string per word is made at load). */
  private readonly list: string;
  private readonly starts: Uint32Array;
  private readonly factors: Float32Array;
  private readonly components: Int8Array;
  private readonly ranks: Uint16Array;

  private constructor(
    list: string,
    starts: Uint32Array,
    factors: Float32Array,
    components: Int8Array,
    ranks: Uint16Array,
    dims: number,
  ) {
    this.dims = dims;
    this.list = list;
    this.starts = starts;
    this.factors = factors;
    this.components = components;
    this.ranks = ranks;
  }

  /** Reads the word list and binary vectors written by {@link encodeWordVectors}. */
  static decode(wordList: string, bytes: Uint8Array): WordVectors {
    const list = wordList.endsWith('\n') || !wordList ? wordList : `${wordList}\n`;
    if (bytes.length < HEADER_BYTES || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
      throw new Error(
        'WordVectors: the vectors file does not start with "NDWV"; rebuild it with `npm run build:vectors`',
      );
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint32(4, true);
    const count = view.getUint32(8, true);
    const dims = view.getUint32(12, true);
    if (version !== VERSION) {
      throw new Error(
        `WordVectors: vectors file version ${version} is not ${VERSION}; rebuild it with \`npm run build:vectors\``,
      );
    }
    const starts = lineStarts(list, count);
    if (starts === undefined) {
      const lines = list.split('\n').length - 1;
      throw new Error(`WordVectors: the vectors file has ${count} rows but the word list ${lines} words`);
    }
    if (bytes.length !== HEADER_BYTES + count * (4 + dims + 2)) {
      throw new Error(
        `WordVectors: the vectors file should hold ${count} factors, ${count} × ${dims} components and ${count} ranks`,
      );
    }
    const factors = readColumn(bytes, HEADER_BYTES, count, Float32Array, (at) => view.getFloat32(at, true));
    const components = new Int8Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES + 4 * count, count * dims);
    const ranksAt = HEADER_BYTES + count * (4 + dims);
    const ranks = readColumn(bytes, ranksAt, count, Uint16Array, (at) => view.getUint16(at, true));
    return new WordVectors(list, starts, factors, components, ranks, dims);
  }

  /**
   * Vectors given directly (for tests and small custom sets); all must have the same length. The entries'
   * order is the words' frequency order (see {@link rank}).
   */
  static fromEntries(entries: Iterable<readonly [string, ArrayLike<number>]>): WordVectors {
    const list = [...new Map(entries)];
    const dims = list[0]?.[1].length ?? 0;
    for (const [word, vector] of list) {
      if (vector.length !== dims)
        throw new Error(`WordVectors: "${word}" has ${vector.length} dimensions, not ${dims}`);
    }
    const encoded = encodeWordVectors(
      list.map(([word]) => word),
      list.map(([, vector]) => vector),
      dims,
    );
    return WordVectors.decode(encoded.words, encoded.bytes);
  }

  /** How many words have a vector. */
  get size(): number {
    return this.starts.length - 1;
  }

  /** Whether the word has a vector. */
  has(word: string): boolean {
    return this.rowOf(word) >= 0;
  }

  /** The word's vector, of unit length, or undefined when the word has none (or a zero vector). */
  vector(word: string): Float32Array | undefined {
    const row = this.rowOf(word);
    const factor = this.factors[row];
    if (!factor) return undefined;
    const out = new Float32Array(this.dims);
    const start = row * this.dims;
    for (let i = 0; i < this.dims; i++) out[i] = (this.components[start + i] as number) * factor;
    return out;
  }

  /**
   * How common a word is: 1 for the most frequent word of the vectors' source text, 2 for the next, and
   * so on (capped at 65,535); undefined for a word without a vector.
   */
  rank(word: string): number | undefined {
    const row = this.rowOf(word);
    return row >= 0 ? this.ranks[row] : undefined;
  }

  /** Cosine similarity of two words, or undefined when either has no vector. */
  similarity(a: string, b: string): number | undefined {
    const va = this.vector(a);
    const vb = this.vector(b);
    return va && vb ? dot(va, vb) : undefined;
  }

  /** The row of a word by binary search in the sorted list, or -1. */
  private rowOf(word: string): number {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.list.slice(this.starts[middle], (this.starts[middle + 1] as number) - 1);
      if (at === word) return middle;
      if (at < word) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

const MAGIC = 'NDWV';
const VERSION = 4;
const MAX_RANK = 65_535;
const HEADER_BYTES = 16;

/**
 * Encodes vectors as {@link WordVectors.decode} reads them: words in code-unit order; each vector scaled to
 * unit length, then to ±127 at its largest component and rounded to int8, with the factor that turns the
 * int8 components back into the unit vector (rounding moves cosines by less than 0.01). `words` come most
 * frequent first: their order gives each word's rank.
 */
export function encodeWordVectors(
  words: readonly string[],
  rows: readonly ArrayLike<number>[],
  dims: number,
): { words: string; bytes: Uint8Array } {
  const order = words.map((_, i) => i).sort((a, b) => compare(words[a] as string, words[b] as string));
  for (let i = 1; i < order.length; i++) {
    const word = words[order[i] as number];
    if (word === words[order[i - 1] as number]) throw new Error(`WordVectors: "${word}" is listed twice`);
  }
  const bytes = new Uint8Array(HEADER_BYTES + words.length * (4 + dims + 2));
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, words.length, true);
  view.setUint32(12, dims, true);
  const components = new Int8Array(bytes.buffer, HEADER_BYTES + 4 * words.length);
  order.forEach((source, row) => {
    const vector = rows[source] as ArrayLike<number>;
    let max = 0;
    for (let i = 0; i < dims; i++) max = Math.max(max, Math.abs(vector[i] as number));
    const length = Math.sqrt(dot(vector, vector));
    const scale = max > 0 ? 127 / max : 0;
    for (let i = 0; i < dims; i++) components[row * dims + i] = Math.round((vector[i] as number) * scale);
    view.setFloat32(HEADER_BYTES + 4 * row, max > 0 ? max / 127 / length : 0, true);
    view.setUint16(HEADER_BYTES + words.length * (4 + dims) + 2 * row, Math.min(source + 1, MAX_RANK), true);
  });
  return { words: `${order.map((i) => words[i]).join('\n')}\n`, bytes };
}

/** Where each of `count` newline-ended lines starts, plus the end; undefined when there are not `count`. */
function lineStarts(list: string, count: number): Uint32Array | undefined {
  const starts = new Uint32Array(count + 1);
  let at = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = at;
    const end = list.indexOf('\n', at);
    if (end < 0) return undefined;
    at = end + 1;
  }
  starts[count] = at;
  return at === list.length ? starts : undefined;
}

/**
 * `count` little-endian numbers from `offset`, copied into an aligned array: in one go on little-endian
 * machines (all common ones), else one by one with `read` (the byte offset of each).
 */
function readColumn<T extends Float32Array | Uint16Array>(
  bytes: Uint8Array,
  offset: number,
  count: number,
  Column: { new (buffer: ArrayBuffer): T; new (length: number): T; BYTES_PER_ELEMENT: number },
  read: (at: number) => number,
): T {
  const size = Column.BYTES_PER_ELEMENT;
  const start = bytes.byteOffset + offset;
  if (LITTLE_ENDIAN) return new Column(bytes.buffer.slice(start, start + size * count) as ArrayBuffer);
  const column = new Column(count);
  for (let row = 0; row < count; row++) column[row] = read(offset + size * row);
  return column;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The dot product of two vectors of the same length (their cosine when both are unit length). */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
