import { analyzeWord } from './analyze.ts';
import { dot, type WordVectors } from './word-vectors.ts';

/** An index term and the ways the articles write it (folded, with how often). */
export interface VocabularyEntry {
  term: string;
  forms: ReadonlyMap<string, number>;
}

/** An index term close in meaning to a word, with their cosine similarity. */
export interface Neighbour {
  term: string;
  similarity: number;
}

/** What {@link VocabularyVectors} reads of an index's vocabulary. */
export interface VocabularySource {
  /** How the articles write a term (folded forms, with how often), or undefined for no such term. */
  formsOf(term: string): ReadonlyMap<string, number> | undefined;
  /** Every index term with its forms. */
  entries(): Iterable<VocabularyEntry>;
}

/**
 * The vectors of an index's own terms. A term's vector is the frequency-weighted mean of the vectors of
 * the words it was analysed from ("soldiers", "soldier" → `soldier`), so it means what the articles mean
 * by it; the stem itself is never looked up, as it is often another word ("no-one" → `noon`).
 *
 * Vectors are made when a term is first asked for, so a question pays only for the terms it touches.
 * Finding the terms nearest to a word needs them all, kept together in one flat array so the search is
 * one pass (about 5 ms for 50,000 terms): that array is made on the first such search, which happens only
 * for a question word the articles never use.
 */
export class VocabularyVectors {
  private readonly made = new Map<string, Float32Array | null>();
  private all: { terms: string[]; matrix: Float32Array } | undefined;
  /** Each gathered term's row in `all` (made on the first {@link update} after gathering). */
  private rows: Map<string, number> | undefined;

  constructor(
    private readonly vocabulary: VocabularySource,
    private readonly vectors: WordVectors,
  ) {}

  /** The unit vector of an index term, if it has one. */
  vectorOf(term: string): Float32Array | undefined {
    let vector = this.made.get(term);
    if (vector === undefined) {
      const forms = this.vocabulary.formsOf(term);
      vector = (forms && this.meanOf(term, forms)) ?? null;
      this.made.set(term, vector);
    }
    return vector ?? undefined;
  }

  /**
   * The `limit` index terms most similar to a unit vector, with similarity at least `min`, best first;
   * `accept` can rule terms out (for example names).
   */
  nearest(vector: Float32Array, min: number, limit: number, accept: (term: string) => boolean): Neighbour[] {
    const dims = this.vectors.dims;
    const { terms, matrix } = this.gather();
    const best: Neighbour[] = [];
    for (let row = 0; row < terms.length; row++) {
      let sum = 0;
      const base = row * dims;
      for (let i = 0; i < dims; i++) sum += (vector[i] as number) * (matrix[base + i] as number);
      if (sum < min || (best.length === limit && sum <= (best[limit - 1] as Neighbour).similarity)) continue;
      const term = terms[row] as string;
      // A term no longer in the index (its row zeroed: `update`) is never near; `min` may be ≤ 0.
      if (!this.vocabulary.formsOf(term) || !accept(term)) continue;
      best.push({ term, similarity: sum });
      best.sort((a, b) => b.similarity - a.similarity);
      if (best.length > limit) best.pop();
    }
    return best;
  }

  /**
   * Terms were added or removed, or their forms changed (`PassageIndex.update`): their vectors are made
   * again (a term's vector is the mean of its forms' by how often each is written). A term gone, or
   * without a vector now, keeps its row, zeroed (never near anything); a new one gets a row at the end.
   */
  update(terms: readonly string[]): void {
    for (const term of terms) this.made.delete(term);
    const all = this.all;
    if (!all) return;
    const dims = this.vectors.dims;
    if (!this.rows) this.rows = new Map(all.terms.map((term, row) => [term, row]));
    const rows = this.rows;
    for (const term of terms) {
      const forms = this.vocabulary.formsOf(term);
      const vector = forms && this.meanOf(term, forms);
      let row = rows.get(term);
      if (row === undefined) {
        if (!vector) {
          this.made.set(term, null);
          continue;
        }
        row = all.terms.length;
        all.terms.push(term);
        rows.set(term, row);
        if ((row + 1) * dims > all.matrix.length) {
          const grown = new Float32Array(Math.max((row + 1) * dims, Math.ceil(all.matrix.length * 1.25)));
          grown.set(all.matrix);
          all.matrix = grown;
          // The rows' views point into the old array.
          for (const [t, r] of rows)
            if (r < row && this.made.get(t)) this.made.set(t, grown.subarray(r * dims, (r + 1) * dims));
        }
      }
      if (vector) all.matrix.set(vector, row * dims);
      else all.matrix.fill(0, row * dims, (row + 1) * dims);
      this.made.set(term, vector ? all.matrix.subarray(row * dims, (row + 1) * dims) : null);
    }
  }

  /** Makes every term's vector now, instead of on the first question that needs them. */
  warmUp(): void {
    this.gather();
  }

  /** {@link warmUp} in steps of {@link GATHER_STEP} terms, for `PassageIndex.warmingUp`. */
  *gathering(): Generator<void> {
    const made = this.gatherSteps();
    while (!made.next().done) yield;
  }

  /** Every term's vector in one flat array (made once). */
  private gather(): { terms: string[]; matrix: Float32Array } {
    const made = this.gatherSteps();
    let step = made.next();
    while (!step.done) step = made.next();
    return step.value;
  }

  private *gatherSteps(): Generator<void, { terms: string[]; matrix: Float32Array }> {
    if (this.all) return this.all;
    // First the terms that may have a vector (some written form of them has one), then their vectors made
    // straight into one array: made one by one and then copied into it, every vector was held twice at
    // the peak (~30 MB more at a million paragraphs).
    const maybe: string[] = [];
    let n = 0;
    for (const { term, forms } of this.vocabulary.entries()) {
      if (++n % GATHER_STEP === 0) yield;
      const made = this.made.get(term);
      if (made === null) continue;
      if (made || [...forms.keys()].some((form) => this.vectors.has(wordFor(term, form) ?? '')))
        maybe.push(term);
    }
    // Another call may have gathered them meanwhile (between two steps).
    if (this.all) return this.all;
    const dims = this.vectors.dims;
    const matrix = new Float32Array(maybe.length * dims);
    const terms: string[] = [];
    for (const term of maybe) {
      if (terms.length % GATHER_STEP === GATHER_STEP - 1) yield;
      const forms = this.vocabulary.formsOf(term);
      const vector = this.made.get(term) ?? (forms && this.meanOf(term, forms));
      if (!vector) {
        this.made.set(term, null);
        continue;
      }
      const row = terms.length;
      matrix.set(vector, row * dims);
      // The matrix holds it now: look it up there.
      this.made.set(term, matrix.subarray(row * dims, (row + 1) * dims));
      terms.push(term);
    }
    if (this.all) return this.all;
    // Rows past the terms' (a form's word without a usable vector) stay free for `update`.
    this.all = { terms, matrix };
    return this.all;
  }

  private meanOf(term: string, forms: ReadonlyMap<string, number>): Float32Array | undefined {
    const sum = new Float32Array(this.vectors.dims);
    let used = 0;
    for (const [form, count] of forms) {
      const word = wordFor(term, form);
      const v = word && this.vectors.vector(word);
      if (!v) continue;
      for (let i = 0; i < v.length; i++) sum[i] = (sum[i] as number) + count * (v[i] as number);
      used++;
    }
    if (!used) return undefined;
    const length = Math.sqrt(dot(sum, sum));
    if (!length) return undefined;
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) / length;
    return sum;
  }
}

/** Terms whose vectors are made in one step of {@link VocabularyVectors.gathering}: a few milliseconds. */
const GATHER_STEP = 500;

/**
 * The plain word of a written form that gave `term`: the form itself, or for a hyphenated form the part or
 * the joined whole that analyses to it (`co-operation` → "cooperation" for `cooper`, "operation" for `oper`).
 */
function wordFor(term: string, form: string): string | undefined {
  if (/^[a-z]+$/.test(form)) return form;
  if (!form.includes('-')) return undefined;
  const candidates = [form.replace(/-/g, ''), ...form.split('-')];
  return candidates.find((c) => /^[a-z]+$/.test(c) && analyzeWord(c)[0] === term);
}
