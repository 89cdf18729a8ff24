import { analyzeText } from './analyze.ts';

/** What {@link PlaceNames} needs to know of an index's vocabulary. */
export interface PlaceVocabulary {
  has(term: string): boolean;
  /** Whether the articles write the term as a name (see `PassageIndex.isName`). */
  isName(term: string): boolean;
}

/** A question term as place names see it. */
export interface PlaceAskedTerm {
  /** The index term searched for it. */
  searchAs: string;
  /** Written as a name in the question. */
  entity: boolean;
  status: 'known' | 'corrected' | 'unknown';
}

/**
 * The names of each country, as index terms: its common name, its aliases and its capital ("North
 * Korea", "DPRK", "Pyongyang"), as the caller gives them (`src/load/country-names.ts`). Finds the countries a question names and
 * the index terms that name them otherwise.
 */
export class PlaceNames {
  /** Per country, each of its names as its sequence of terms. */
  private readonly countryNames: string[][][] = [];
  /** The names starting with a term, longest first, with their country. */
  private readonly byFirstTerm = new Map<string, { terms: string[]; country: number }[]>();

  /** `names`: for each country, its names as written ("North Korea", "Pyongyang"). */
  constructor(names: Iterable<readonly string[]>) {
    for (const written of names) {
      const country = this.countryNames.length;
      const analysed = [...new Set(written)]
        .map((name) => analyzeText(name))
        .filter((terms) => terms.length > 0);
      this.countryNames.push(analysed);
      for (const terms of analysed) {
        const first = terms[0] as string;
        const list = this.byFirstTerm.get(first) ?? [];
        list.push({ terms, country });
        list.sort((a, b) => b.terms.length - a.terms.length);
        this.byFirstTerm.set(first, list);
      }
    }
  }

  /** Whether a term is by itself the name of a country or a capital ("japan", "london"). */
  isPlace(term: string): boolean {
    return (this.byFirstTerm.get(term) ?? []).some((name) => name.terms.length === 1);
  }

  /**
   * For each question term (in question order), the index terms naming the same country another way:
   * a name's last term, when the articles write it as a name ("North Korea" → korea; "United States" has
   * no such term, as "state" is a common word). A country is recognised in the question only where it is
   * written as a name, or is a name or a word unknown to the articles ("male" is not the Maldives' capital).
   */
  alternatives(asked: readonly PlaceAskedTerm[], vocabulary: PlaceVocabulary): string[][] {
    const found = asked.map((): string[] => []);
    const own = new Set(asked.map((t) => t.searchAs));
    for (let i = 0; i < asked.length; ) {
      const mention = this.mentionAt(asked, i, vocabulary);
      if (!mention) {
        i++;
        continue;
      }
      for (const other of this.countryNames[mention.country] ?? []) {
        const last = other[other.length - 1] as string;
        if (own.has(last) || !vocabulary.has(last) || !vocabulary.isName(last)) continue;
        for (let k = i; k < i + mention.terms.length; k++) {
          const list = found[k] as string[];
          if (!list.includes(last)) list.push(last);
        }
      }
      i += mention.terms.length;
    }
    return found;
  }

  /** The longest country name written by the question's terms from `start`, if any. */
  private mentionAt(asked: readonly PlaceAskedTerm[], start: number, vocabulary: PlaceVocabulary) {
    const candidates = this.byFirstTerm.get((asked[start] as PlaceAskedTerm).searchAs) ?? [];
    return candidates.find(({ terms }) =>
      terms.every((term, k) => {
        const t = asked[start + k];
        return t?.searchAs === term && (t.entity || t.status === 'unknown' || vocabulary.isName(t.searchAs));
      }),
    );
  }
}
