import type { TermStats } from '../../core/search/minisearch/term-counts.ts';

/** Terms changed since the arrays were made that {@link TermTable} keeps as plain entries before folding them in. */
const MAX_CHANGED = 10_000;

/** A term's statistics as given to {@link TermTable.set} (its written forms are set one by one). */
export interface TermCounts {
  df: number;
  capital: number;
  lower: number;
}

/**
 * The text terms' statistics as the PostgreSQL mirror holds them: at a million paragraphs some 170k terms
 * written some 300k ways, which as an object and a `Map` of forms per term took ~58 MB of the bot's heap.
 * Here they are a few flat arrays, the terms sorted (found by binary search), their forms in one list, ~15
 * MB. Read as a `ReadonlyMap<string, TermStats>` (what `PassageIndex` resolves questions with): `get` makes
 * a small object for the term, and its forms' `Map` only when they are read. Iterated in the order the terms
 * were given, as a `Map` of them would be (ties between terms go by that order, as in the memory engine).
 * A change sets terms as plain entries over the arrays, folded into them when there are many.
 */
export class TermTable implements ReadonlyMap<string, TermStats> {
  /** The terms, sorted (UTF-16 code units, as `<` and `sort` compare). */
  private names: string[] = [];
  private df = new Int32Array(0);
  private capital = new Int32Array(0);
  private lower = new Int32Array(0);
  /** Term i's written forms are `formNames[formStart[i]]` to `formNames[formStart[i + 1] - 1]`. */
  private formStart = new Int32Array(1);
  private formNames: string[] = [];
  private formUses = new Int32Array(0);
  /** The sorted places of the terms in the order they were given (the iteration order). */
  private given = new Int32Array(0);
  /** Terms changed since the arrays were made (`null`: removed), in the order a `Map` would hold them. */
  private changed = new Map<string, TermStats | null>();
  /** Terms of the arrays removed and then set again: iterated after the others, as a `Map` would. */
  private moved = new Set<string>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get [Symbol.toStringTag](): string {
    return 'TermTable';
  }

  /** Replaces every term by those the builder was given (see {@link TermTable.builder}). */
  static builder(): TermTableBuilder {
    return new TermTableBuilder();
  }

  /** Takes the arrays a builder made (replacing everything held). */
  load(built: BuiltTable): void {
    Object.assign(this, built);
    this.changed = new Map();
    this.moved = new Set();
    this.count = built.names.length;
  }

  get(term: string): TermStats | undefined {
    const changed = this.changed.get(term);
    if (changed !== undefined) return changed ?? undefined;
    const i = this.indexOf(term);
    return i < 0 ? undefined : new StoredTerm(this, i);
  }

  has(term: string): boolean {
    const changed = this.changed.get(term);
    if (changed !== undefined) return changed !== null;
    return this.indexOf(term) >= 0;
  }

  /** Sets a term's counts (its written forms stay as they were; a new term has none). */
  set(term: string, counts: TermCounts): void {
    const stats = this.own(term);
    if (stats) {
      stats.df = counts.df;
      stats.capital = counts.capital;
      stats.lower = counts.lower;
    } else {
      if (this.changed.delete(term)) this.moved.add(term);
      this.changed.set(term, { ...counts, forms: new Map() });
      this.count++;
    }
    this.foldIfMany();
  }

  /** Removes a term. */
  delete(term: string): boolean {
    if (!this.has(term)) return false;
    if (this.indexOf(term) >= 0) this.changed.set(term, null);
    else this.changed.delete(term);
    this.count--;
    return true;
  }

  /** Sets how often a term is written a way (0: no more); a term not held is left alone. */
  setForm(term: string, form: string, uses: number): void {
    const stats = this.own(term);
    if (!stats) return;
    if (uses > 0) stats.forms.set(form, uses);
    else stats.forms.delete(form);
    this.foldIfMany();
  }

  /** A held term's statistics as a plain entry of {@link changed} (copied there from the arrays), to change. */
  private own(term: string): TermStats | undefined {
    const changed = this.changed.get(term);
    if (changed !== undefined) return changed ?? undefined;
    const i = this.indexOf(term);
    if (i < 0) return undefined;
    const stats: TermStats = {
      df: this.df[i] as number,
      capital: this.capital[i] as number,
      lower: this.lower[i] as number,
      forms: this.formsAt(i),
    };
    this.changed.set(term, stats);
    return stats;
  }

  private foldIfMany(): void {
    if (this.changed.size <= MAX_CHANGED) return;
    const builder = new TermTableBuilder();
    for (const [term, stats] of this) {
      builder.addTerm(term, stats);
      for (const [form, uses] of stats.forms) builder.addForm(term, form, uses);
    }
    this.load(builder.build());
  }

  /** The place of a term in the sorted arrays, or -1. */
  private indexOf(term: string): number {
    const names = this.names;
    let lo = 0;
    let hi = names.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const name = names[mid] as string;
      if (name === term) return mid;
      if (name < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** @internal Term `i`'s counts (for {@link StoredTerm}). */
  countsAt(i: number): TermCounts {
    return { df: this.df[i] as number, capital: this.capital[i] as number, lower: this.lower[i] as number };
  }

  /** @internal Term `i`'s written forms, as a new `Map` (for {@link StoredTerm}). */
  formsAt(i: number): Map<string, number> {
    const forms = new Map<string, number>();
    for (let f = this.formStart[i] as number; f < (this.formStart[i + 1] as number); f++)
      forms.set(this.formNames[f] as string, this.formUses[f] as number);
    return forms;
  }

  *entries(): MapIterator<[string, TermStats]> {
    const { names, given, changed, moved } = this;
    for (let k = 0; k < given.length; k++) {
      const i = given[k] as number;
      const term = names[i] as string;
      const own = changed.get(term);
      if (own === null || moved.has(term)) continue;
      yield [term, own ?? new StoredTerm(this, i)];
    }
    for (const [term, own] of changed)
      if (own && (moved.has(term) || this.indexOf(term) < 0)) yield [term, own];
  }

  *keys(): MapIterator<string> {
    for (const [term] of this.entries()) yield term;
  }

  *values(): MapIterator<TermStats> {
    for (const [, stats] of this.entries()) yield stats;
  }

  [Symbol.iterator](): MapIterator<[string, TermStats]> {
    return this.entries();
  }

  forEach(visit: (stats: TermStats, term: string, map: ReadonlyMap<string, TermStats>) => void): void {
    for (const [term, stats] of this.entries()) visit(stats, term, this);
  }
}

/** A term of the arrays, read as `TermStats`: its counts at once, its forms' `Map` made when first read. */
class StoredTerm implements TermStats {
  df: number;
  capital: number;
  lower: number;
  private made: Map<string, number> | undefined;

  constructor(
    private readonly table: TermTable,
    private readonly at: number,
  ) {
    ({ df: this.df, capital: this.capital, lower: this.lower } = table.countsAt(at));
  }

  get forms(): Map<string, number> {
    this.made ??= this.table.formsAt(this.at);
    return this.made;
  }
}

/** What {@link TermTableBuilder.build} makes (see {@link TermTable}'s fields). */
interface BuiltTable {
  names: string[];
  df: Int32Array;
  capital: Int32Array;
  lower: Int32Array;
  formStart: Int32Array;
  formNames: string[];
  formUses: Int32Array;
  given: Int32Array;
}

/**
 * Gathers terms and their written forms (in any order of terms, each form after its term) for
 * {@link TermTable.load}. A form is kept as its term's number, not the row's copy of the term's text.
 */
export class TermTableBuilder {
  private readonly terms: string[] = [];
  private readonly counts: number[] = [];
  /** Each term's number (its place in {@link terms}). */
  private readonly numbers = new Map<string, number>();
  private readonly formTerms: number[] = [];
  private readonly formNames: string[] = [];
  private readonly formUses: number[] = [];

  addTerm(term: string, counts: TermCounts): void {
    this.numbers.set(term, this.terms.length);
    this.terms.push(term);
    this.counts.push(counts.df, counts.capital, counts.lower);
  }

  /** Adds a written form of a term added before (a form of any other term is left out). */
  addForm(term: string, form: string, uses: number): void {
    const number = this.numbers.get(term);
    if (number === undefined || uses <= 0) return;
    this.formTerms.push(number);
    this.formNames.push(form);
    this.formUses.push(uses);
  }

  build(): BuiltTable {
    const n = this.terms.length;
    const order = Array.from({ length: n }, (_, i) => i);
    const terms = this.terms;
    order.sort((a, b) => ((terms[a] as string) < (terms[b] as string) ? -1 : 1));
    const names = order.map((i) => terms[i] as string);
    const df = new Int32Array(n);
    const capital = new Int32Array(n);
    const lower = new Int32Array(n);
    /** Per term number, its sorted place; per sorted place, the term's number is `order`. */
    const given = new Int32Array(n);
    order.forEach((from, i) => {
      df[i] = this.counts[from * 3] as number;
      capital[i] = this.counts[from * 3 + 1] as number;
      lower[i] = this.counts[from * 3 + 2] as number;
      given[from] = i;
    });
    // Each term's forms together, in the order given (a stable counting sort by the term's place).
    const formStart = new Int32Array(n + 1);
    for (const number of this.formTerms) {
      const i = (given[number] as number) + 1;
      formStart[i] = (formStart[i] as number) + 1;
    }
    for (let i = 0; i < n; i++) formStart[i + 1] = (formStart[i + 1] as number) + (formStart[i] as number);
    const next = formStart.slice(0, n);
    const count = this.formTerms.length;
    const formNames = new Array<string>(count);
    const formUses = new Int32Array(count);
    for (let f = 0; f < count; f++) {
      const i = given[this.formTerms[f] as number] as number;
      const at = next[i] as number;
      next[i] = at + 1;
      formNames[at] = this.formNames[f] as string;
      formUses[at] = this.formUses[f] as number;
    }
    return { names, df, capital, lower, formStart, formNames, formUses, given };
  }
}
