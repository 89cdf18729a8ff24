/**
 * Errors for bad configuration and broken setup: thrown, caught at the entry point, printed as one line.
 * Expected outcomes of user input are replies (see `ProblemReply`), not errors.
 */

/** Machine-readable reasons Newsdesk refuses to start or to continue. */
export type NewsdeskErrorCode =
  | 'config'
  | 'seeds-missing'
  | 'seeds-empty'
  | 'discord-auth'
  | 'discord-start'
  | 'slack-auth'
  | 'slack-start'
  | 'eval-set';

/** An error whose message is fit to show the operator as it is (never contains a secret). */
export class NewsdeskError extends Error {
  override readonly name = 'NewsdeskError';
  /** Creates an error with a code and a message prefixed `Newsdesk: `. */
  constructor(
    readonly code: NewsdeskErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Newsdesk: ${message}`, options);
  }
}
