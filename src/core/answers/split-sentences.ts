/**
 * Titles and abbreviations after which a full stop does not end a sentence: titles (plural too: "Sens."),
 * months, names' parts ("Warner Bros."), "v." of a court case ("Roe v. Wade"), "def." of a sports result,
 * and the state abbreviations of US datelines ("ANAHEIM, Calif. (AP) — …"). "Inc." is left out: it ends
 * sentences as often as not; so is "p.m." (see {@link CLOCK_FOLLOWER}).
 */
const ABBREVIATIONS =
  /\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Col|Lt|Maj|Sgt|Capt|Adm|Cmdr|Det|Gov|Sens?|Reps?|Rev|No|Vol|vs?|def|etc|e\.g|i\.e|Bros|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N|Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Ga|Ill|Kan|Ky|Md|Mass|Mich|Minn|Mont|Neb|Nev|Okla|Ore|Tenn|Va|Vt|Wis|Wyo)\.$/u;

/**
 * "a.m." or "p.m." ends a sentence as often as not, but not when a time zone, a weekday or a month follows:
 * "at 1:47 a.m. ET and …", "at 10 p.m. Saturday, …". Split there, the answer sentence lost its first half
 * (a news bot's "when" and "where" live in it).
 */
const CLOCK_FOLLOWER =
  /^\s+(?:[ECMP][SD]?T|GMT|UTC|Eastern|Central|Mountain|Pacific|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b/u;

/** A sentence and where it sits in its paragraph. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * Splits a paragraph into sentences at `.`, `!`, `?` or `…` (with any closing quotes) followed by space and
 * an opening quote, capital or digit — but not after titles such as "Mr." or initials.
 */
export function splitSentences(paragraph: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const boundary = /[.!?…]+["”’')\]]*(?=\s+["“‘([]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (const m of paragraph.matchAll(boundary)) {
    const end = m.index + m[0].length;
    const candidate = paragraph.slice(start, end);
    if (ABBREVIATIONS.test(candidate) || /\b\p{Lu}\.$/u.test(candidate)) continue;
    if (/\b[ap]\.m\.$/.test(candidate) && CLOCK_FOLLOWER.test(paragraph.slice(end))) continue;
    pushSpan(spans, paragraph, start, end);
    start = end;
  }
  pushSpan(spans, paragraph, start, paragraph.length);
  return spans;
}

function pushSpan(spans: SentenceSpan[], paragraph: string, from: number, to: number): void {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(paragraph[start] ?? '')) start++;
  while (end > start && /\s/.test(paragraph[end - 1] ?? '')) end--;
  if (end > start) spans.push({ text: paragraph.slice(start, end), start, end });
}
