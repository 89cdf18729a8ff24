/**
 * Relative time in a question ("this week", "on Monday", "recently", "last year", "in 2023", "on June 12"),
 * read as a window of days relative to the moment the question is asked. Pure: for ranking, which prefers
 * passages of articles published in (or just after) the window the question speaks of.
 */
import { DAY_MS, publishedTime } from './as-of.ts';

/** The days a question's time phrase speaks of: from the first moment of `from` to the last of `to` (UTC). */
export interface TimeWindow {
  /** First moment of the window. */
  from: Date;
  /** Last moment of the window. */
  to: Date;
  /** The words that gave it, as the question writes them ("this week"). */
  phrase: string;
  /** How wide: a day, a week (or a few days), a month, a year, or "recent" (the last couple of weeks). */
  span: 'day' | 'week' | 'month' | 'year' | 'recent';
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** "Recently", "lately", "latest": the last this-many days. */
const RECENT_DAYS = 14;
const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };

const WEEKDAY = `(?:${WEEKDAYS.join('|')})`;
const MONTH = `(?:${MONTHS.join('|')})`;
const NUMBER = '(\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple of)';
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  few: 3,
  'couple of': 2,
};

type Reader = (match: RegExpExecArray, asOf: number) => Omit<TimeWindow, 'phrase'> | undefined;

/** The phrases read, most specific first: the first that matches wins at each place in the question. */
const PHRASES: [RegExp, Reader][] = [
  // "June 12", "on June 12, 2022", "12 June"
  [
    new RegExp(`\\b(${MONTH})\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?\\b`, 'gi'),
    (m, asOf) => dayOfMonth(asOf, monthIndex(m[1]), Number(m[2]), m[3]),
  ],
  [
    new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? (${MONTH})(?:,? (\\d{4}))?\\b`, 'gi'),
    (m, asOf) => dayOfMonth(asOf, monthIndex(m[2]), Number(m[1]), m[3]),
  ],
  // "in June", "in June 2022", "June 2022"; "may" alone only as a name ("May"): it is mostly a verb.
  [
    new RegExp(`\\b(?:in |during |since |this |last )?(${MONTH})(?:,? (\\d{4}))?\\b`, 'gi'),
    (m, asOf) => (m[1] === 'may' || m[1] === 'MAY' ? undefined : month(asOf, monthIndex(m[1]), m[2])),
  ],
  [/\b(?:today|this morning|this afternoon|this evening|tonight)\b/gi, (_m, asOf) => days(asOf, 0, 0, 'day')],
  [/\b(?:yesterday|last night)\b/gi, (_m, asOf) => days(asOf, 1, 1, 'day')],
  // "on Monday", "Monday": the latest such day up to the question's day ("last Monday" too).
  [
    new RegExp(`\\b(?:(?:on|last|this|since|until) )?(${WEEKDAY})s?\\b`, 'gi'),
    (m, asOf) => {
      let back = (new Date(asOf).getUTCDay() - WEEKDAYS.indexOf(lower(m[1])) + 7) % 7;
      if (back === 0 && /^last/i.test(m[0])) back = 7;
      return days(asOf, back, back, 'day');
    },
  ],
  [/\b(?:this|last|past) weekend\b/gi, (_m, asOf) => weekend(asOf)],
  // "this week", "earlier this week", "this past week", "the past week": the seven days up to the question.
  [
    /\b(?:(?:earlier |later )?this(?: past)? week|(?:the )?past week)\b/gi,
    (_m, asOf) => days(asOf, 6, 0, 'week'),
  ],
  [/\blast week\b/gi, (_m, asOf) => days(asOf, 13, 7, 'week')],
  [
    /\b(?:earlier |later )?this month\b|\bpast month\b/gi,
    (_m, asOf) => month(asOf, monthOf(asOf), undefined),
  ],
  [
    /\blast month\b/gi,
    (_m, asOf) => {
      const now = new Date(asOf);
      const before = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)); // last day of last month
      return month(asOf, before.getUTCMonth(), String(before.getUTCFullYear()));
    },
  ],
  [
    /\b(?:earlier |later )?this year\b|\bpast year\b/gi,
    (_m, asOf) => year(asOf, new Date(asOf).getUTCFullYear()),
  ],
  [/\blast year\b/gi, (_m, asOf) => year(asOf, new Date(asOf).getUTCFullYear() - 1)],
  // "in 2023", "since 2021": a year no later than the question's (a bare number may be a count).
  [
    /\b(?:in|since|during|of|from|by|until|before|after|early|late|mid-?|throughout) ((?:19|20)\d\d)\b/gi,
    (m, asOf) => year(asOf, Number(m[1])),
  ],
  // "3 days ago", "a week ago": that day (or week).
  [
    new RegExp(`\\b${NUMBER} (day|week|month|year)s? ago\\b`, 'gi'),
    (m, asOf) => {
      const n = count(m[1]) * (UNIT_DAYS[lower(m[2])] ?? 1);
      const wide = lower(m[2]) === 'day' ? 0 : Math.min(n, UNIT_DAYS[lower(m[2])] ?? 1) - 1;
      return days(asOf, n + Math.floor(wide / 2), n - Math.ceil(wide / 2), unit(m[2]));
    },
  ],
  // "in the past 3 days", "over the last two weeks", "the last few days"
  [
    new RegExp(`\\b(?:past|last|previous) ${NUMBER} (day|week|month|year)s?\\b`, 'gi'),
    (m, asOf) => days(asOf, count(m[1]) * (UNIT_DAYS[lower(m[2])] ?? 1) - 1, 0, unit(m[2])),
  ],
  [
    /\b(?:recently|lately|latest|newest|most recent|in recent (?:days|weeks))\b/gi,
    (_m, asOf) => days(asOf, RECENT_DAYS - 1, 0, 'recent'),
  ],
];

/**
 * The time windows a question speaks of, relative to `asOf`, in the order the question writes them. Each
 * part of the question is read once, by the most specific phrase ("on June 12" is a day, not June). Dates
 * after `asOf` ("in 2030", "next week") are not windows: nothing published by then can report them.
 */
export function questionTimes(question: string, asOf: Date): TimeWindow[] {
  const at = asOf.getTime();
  const taken: [number, number][] = [];
  const found: { start: number; window: TimeWindow }[] = [];
  for (const [pattern, read] of PHRASES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(question); m; m = pattern.exec(question)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      const window = read(m, at);
      if (!window) continue;
      // A time after the question's ("July 29" asked in June) is read, so no wider phrase reads its words
      // again ("July" as last year's), but is no window: nothing published by then can report it.
      taken.push([start, end]);
      if (window.from.getTime() > at) continue;
      found.push({ start, window: { ...window, phrase: m[0] } });
    }
  }
  return found.sort((a, b) => a.start - b.start).map((f) => f.window);
}

/** The narrowest window the question speaks of, or undefined when it names no time. */
export function questionTimeWindow(question: string, asOf: Date): TimeWindow | undefined {
  const width = (w: TimeWindow) => w.to.getTime() - w.from.getTime();
  return questionTimes(question, asOf).sort((a, b) => width(a) - width(b))[0];
}

/**
 * How many days an article's publication lies outside a window (0 inside it; fractional for date-times), or
 * undefined when the article has no date. News reports an event on its day or just after, so a small
 * distance after the window is expected; one before it cannot report what the window speaks of.
 */
export function daysOutsideWindow(published: string | undefined, window: TimeWindow): number | undefined {
  const time = publishedTime(published);
  if (time === undefined) return undefined;
  if (time < window.from.getTime()) return (window.from.getTime() - time) / DAY_MS;
  if (time > window.to.getTime()) return (time - window.to.getTime()) / DAY_MS;
  return 0;
}

/**
 * How many days an article's publication lies before a window (0 inside or after it), or undefined when
 * the article has no date: an article older than the time a question speaks of cannot report it, while a
 * later one may look back on it ("the record set in 1980", reported now).
 */
export function daysBeforeWindow(published: string | undefined, window: TimeWindow): number | undefined {
  const time = publishedTime(published);
  if (time === undefined) return undefined;
  return time < window.from.getTime() ? (window.from.getTime() - time) / DAY_MS : 0;
}

function lower(text: string | undefined): string {
  return (text ?? '').toLowerCase();
}

function count(text: string | undefined): number {
  const t = lower(text);
  return NUMBER_WORDS[t] ?? (Number(t) || 1);
}

function unit(text: string | undefined): TimeWindow['span'] {
  const u = lower(text);
  return u === 'day' ? 'day' : u === 'week' ? 'week' : u === 'month' ? 'month' : 'year';
}

function monthIndex(name: string | undefined): number {
  return MONTHS.indexOf(lower(name));
}

function monthOf(time: number): number {
  return new Date(time).getUTCMonth();
}

function startOfDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

/** The days from `back` days before the question's day to `until` days before it. */
function days(
  asOf: number,
  back: number,
  until: number,
  span: TimeWindow['span'],
): Omit<TimeWindow, 'phrase'> {
  const day = startOfDay(asOf);
  return { from: new Date(day - back * DAY_MS), to: new Date(day - until * DAY_MS + DAY_MS - 1), span };
}

/** The weekend (Saturday and Sunday) on or before the question's day. */
function weekend(asOf: number): Omit<TimeWindow, 'phrase'> {
  const back = (new Date(asOf).getUTCDay() + 1) % 7; // days back to the latest Saturday
  return days(asOf, back, Math.max(0, back - 1), 'day');
}

/** A month: of the given year, else the latest such month up to the question's. */
function month(
  asOf: number,
  index: number,
  yearText: string | undefined,
): Omit<TimeWindow, 'phrase'> | undefined {
  if (index < 0) return undefined;
  const now = new Date(asOf);
  const y = yearText
    ? Number(yearText)
    : index > now.getUTCMonth()
      ? now.getUTCFullYear() - 1
      : now.getUTCFullYear();
  return {
    from: new Date(Date.UTC(y, index, 1)),
    to: new Date(Date.UTC(y, index + 1, 1) - 1),
    span: 'month',
  };
}

/**
 * A day of a month: of the given year, else the nearest such day to the question's, before or after it.
 * News writes a day without its year for days close by, ahead as often as behind ("the sale runs through
 * July 4", asked on July 1; "the album comes out July 29"): read as last year's, such a day made every
 * article of this year look a year away from the time asked about.
 */
function dayOfMonth(
  asOf: number,
  index: number,
  day: number,
  yearText: string | undefined,
): Omit<TimeWindow, 'phrase'> | undefined {
  if (index < 0 || day < 1 || day > 31) return undefined;
  const now = new Date(asOf).getUTCFullYear();
  const y = yearText
    ? Number(yearText)
    : [now - 1, now, now + 1].reduce((best, y) =>
        Math.abs(Date.UTC(y, index, day) - asOf) < Math.abs(Date.UTC(best, index, day) - asOf) ? y : best,
      );
  const start = Date.UTC(y, index, day);
  if (new Date(start).getUTCDate() !== day) return undefined;
  return { from: new Date(start), to: new Date(start + DAY_MS - 1), span: 'day' };
}

/** A calendar year, when it is not after the question's. */
function year(asOf: number, y: number): Omit<TimeWindow, 'phrase'> | undefined {
  if (y > new Date(asOf).getUTCFullYear()) return undefined;
  return { from: new Date(Date.UTC(y, 0, 1)), to: new Date(Date.UTC(y + 1, 0, 1) - 1), span: 'year' };
}
