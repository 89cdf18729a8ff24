/**
 * Every question is asked *as of* a moment: a chat message's own time, `--as-of` on the command line, or
 * now. An article published after that moment did not exist yet when the question was asked, so it is
 * never cited; and how old an article was at that moment is a ranking feature (on a news desk the newest
 * report usually wins).
 *
 * Articles give `published` as a day (`2022-06-17`, the usual front matter) or a date-time. A day is
 * compared as a day: an article of June 17 is there for a question asked at any time on June 17 (UTC).
 */

/** A day in milliseconds (UTC days: no daylight saving). */
export const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * When an article was published, in milliseconds since the epoch (a day: its first moment, UTC), or
 * undefined when the text is missing or no date.
 */
export function publishedTime(published: string | undefined): number | undefined {
  if (!published) return undefined;
  const text = published.trim();
  const time = DAY.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Whether an article published at `published` came out after `asOf`, so could not have been read then.
 * An article whose date is missing or unreadable is never "after": it is always citable.
 */
export function publishedAfter(published: string | undefined, asOf: Date): boolean {
  return momentAfter(publicationMoment(published), asOf);
}

/** An article's publication date as read once ({@link publicationMoment}), for asking {@link momentAfter} often. */
export interface PublicationMoment {
  /** {@link publishedTime}. */
  time: number;
  /** The date names a day only (compared as a day: see {@link publishedAfter}). */
  dayOnly: boolean;
}

/** An article's publication date read for {@link momentAfter}, or undefined when it has none (always citable). */
export function publicationMoment(published: string | undefined): PublicationMoment | undefined {
  const time = publishedTime(published);
  return time === undefined ? undefined : { time, dayOnly: DAY.test(published?.trim() ?? '') };
}

/**
 * {@link publishedAfter} of a date read before: parsing a date costs more than the comparison, and the
 * search asks it of every passage that would enter a question's candidates.
 */
export function momentAfter(moment: PublicationMoment | undefined, asOf: Date): boolean {
  if (moment === undefined) return false;
  // A day-only date: published on a later day than asOf's (UTC) day.
  return moment.time > (moment.dayOnly ? startOfDay(asOf.getTime()) : asOf.getTime());
}

/**
 * How many days old an article was at `asOf` (0 on the day it came out, fractional for date-times, never
 * negative), or undefined when its date is unknown. A ranking feature: see `src/core/ranking/`.
 */
export function articleAgeDays(published: string | undefined, asOf: Date): number | undefined {
  const time = publishedTime(published);
  if (time === undefined) return undefined;
  const from = DAY.test(published?.trim() ?? '') ? startOfDay(asOf.getTime()) : asOf.getTime();
  return Math.max(0, (from - time) / DAY_MS);
}

/**
 * Reads an as-of moment as people type it: a day `YYYY-MM-DD` (meaning the end of that day, UTC, so
 * everything published that day counts) or an ISO 8601 date-time (`2022-06-17T15:00:00Z`; UTC when it names no zone). Undefined for
 * anything else, including impossible days ("2022-02-30").
 */
export function parseAsOf(text: string): Date | undefined {
  const trimmed = text.trim();
  const day = DAY.exec(trimmed);
  if (day) {
    const start = dayStart(day);
    return start === undefined ? undefined : new Date(start + DAY_MS - 1);
  }
  const dateTime = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    trimmed,
  );
  if (!dateTime || dayStart(dateTime) === undefined) return undefined;
  // Without a zone, UTC (as for a day), not whatever zone the machine is set to.
  const time = Date.parse(dateTime[4] ? trimmed : `${trimmed}Z`);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** The first moment (UTC) of the day in a match's year, month and day groups, or undefined if no such day. */
function dayStart(match: RegExpExecArray): number | undefined {
  const [y, m, d] = [1, 2, 3].map((i) => Number(match[i])) as [number, number, number];
  const start = Date.UTC(y, m - 1, d);
  const date = new Date(start);
  // Date.UTC rolls over (Feb 30 → Mar 2), and so does Date.parse: such a day does not exist.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return start;
}

/** The first moment (UTC) of the day holding `time`. */
function startOfDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}
