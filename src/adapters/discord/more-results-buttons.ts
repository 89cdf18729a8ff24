/**
 * The "More results" button's `custom_id`: the question and next offset travel inside the id when they fit
 * Discord's 100 characters, so the button keeps working after a restart; longer questions are kept in a
 * bounded in-memory map and their buttons kindly expire when the entry is gone.
 */
import { randomBytes } from 'node:crypto';
import { BoundedMap } from '../../core/bounded-map.ts';
import { DISCORD_LIMITS } from './render-message.ts';

const PREFIX = 'nd:more:';
const PATTERN = /^nd:more:(\d{1,9}):([qk]):([\s\S]*)$/;

/** What a "More results" click asks for, or `expired` when the question can no longer be recovered. */
export type MoreResultsTarget = { kind: 'page'; question: string; offset: number } | { kind: 'expired' };

/** Makes and reads "More results" button ids. */
export class MoreResultsButtons {
  private readonly questionByKey: BoundedMap<string, string>;
  private readonly keyByQuestion: BoundedMap<string, string>;

  /** @param capacity Long questions remembered at once (default 1000); the least used are forgotten first. */
  constructor(capacity = 1000) {
    this.questionByKey = new BoundedMap(Math.max(2, capacity));
    this.keyByQuestion = new BoundedMap(Math.max(2, capacity));
  }

  /** The `custom_id` for the page of `question` that starts at `offset`. */
  idFor(question: string, offset: number): string {
    const inline = `${PREFIX}${offset}:q:${question}`;
    if (inline.length <= DISCORD_LIMITS.customId) return inline;
    return `${PREFIX}${offset}:k:${this.keyFor(question)}`;
  }

  /** Reads a `custom_id`: a page, `expired`, or `undefined` when the id is not a "More results" button. */
  resolve(customId: string): MoreResultsTarget | undefined {
    if (!customId.startsWith(PREFIX)) return undefined;
    const match = PATTERN.exec(customId);
    if (!match) return { kind: 'expired' };
    const [, offset = '0', how, rest = ''] = match;
    const question = how === 'q' ? rest : this.questionByKey.get(rest);
    return question === undefined ? { kind: 'expired' } : { kind: 'page', question, offset: Number(offset) };
  }

  private keyFor(question: string): string {
    const known = this.keyByQuestion.get(question);
    // Reading the question back keeps it remembered as long as its key.
    if (known && this.questionByKey.get(known) !== undefined) return known;
    // Random, not a counter: after a restart an old button must not resolve to someone else's question.
    const key = randomBytes(12).toString('base64url');
    this.questionByKey.set(key, question);
    this.keyByQuestion.set(question, key);
    return key;
  }
}
