import { type Analyze, analyzeWord, tokenize } from './analyze.ts';

/**
 * Words for a person's role that news writes just before their name ("North Korean leader Kim Jong Un",
 * "US President Donald Trump", "Kremlin spokesman Dmitry Peskov"): general English, not the articles'.
 * Not "head" or "chair", which are more often other words ("heading", "a chair").
 */
const ROLE_WORDS = (
  'leader president minister secretary spokesman spokeswoman spokesperson aide adviser advisor chancellor ' +
  'premier king queen prince princess general commander chief ambassador envoy diplomat official governor ' +
  'mayor senator chairman chairwoman director deputy sister brother wife husband daughter son ' +
  'pope emperor dictator'
).split(' ');
const ROLE_TERMS: ReadonlySet<string> = new Set(ROLE_WORDS.flatMap((w) => analyzeWord(w)));

/** Honorifics between a role and a name ("leader Mr Kim Jong Un"): part of neither. */
const TITLES: ReadonlySet<string> = new Set(['Mr', 'Ms', 'Mrs', 'Dr']);

/** Whether an analysed term names a role (see {@link ROLE_WORDS}; plurals stem alike). */
export function isRole(term: string): boolean {
  return ROLE_TERMS.has(term);
}

/**
 * For each role word a text writes just before a name (a run of capitalised words), the name's terms:
 * "leader Kim Jong Un" links `leader` to kim, jong, un. Role words that begin the run are roles too
 * ("President Vladimir Putin"); after a name's first word, a role word is part of the name ("Choe Son Hui").
 */
export function roleNames(texts: Iterable<string>, analyze: Analyze = analyzeWord): Map<string, Set<string>> {
  const links = new Map<string, Set<string>>();
  const link = (roles: readonly string[], names: readonly string[]) => {
    if (names.length < 2) return; // a full name, as news first names someone
    for (const role of roles) {
      const set = links.get(role) ?? new Set<string>();
      for (const name of names) set.add(name);
      links.set(role, set);
    }
  };
  for (const text of texts) {
    const tokens = tokenize(text);
    let roles: string[] = [];
    let names: string[] = [];
    let previousEnd = -1;
    for (const token of tokens) {
      // A name runs on through capitalised words with only spaces between them.
      const joined = previousEnd >= 0 && /^\s+$/.test(text.slice(previousEnd, token.start));
      previousEnd = token.end;
      const term = analyze(token.text)[0];
      const capitalised = /^\p{Lu}/u.test(token.text);
      if (roles.length && joined && capitalised && !TITLES.has(token.text)) {
        if (term && ROLE_TERMS.has(term) && !names.length) roles.push(term);
        else if (term) names.push(term);
        continue;
      }
      if (roles.length && joined && (TITLES.has(token.text) || (token.text === 'of' && !names.length)))
        continue;
      link(roles, names);
      [roles, names] = [term && ROLE_TERMS.has(term) ? [term] : [], []];
    }
    link(roles, names);
  }
  return links;
}
