/**
 * Errors for bad configuration and broken setup: thrown, caught at the entry point, printed as one line.
 * Expected outcomes of user input are replies (see `ProblemReply`), not errors.
 */

/**
 * Machine-readable reasons Newsdesk refuses to start or to continue: its own, and each platform's, named
 * `<platform>-auth` (a token refused) and `<platform>-start` (could not connect), which the platform
 * declares (`Platform.errorCodes`).
 */
export type NewsdeskErrorCode = 'config' | 'seeds-missing' | 'seeds-empty' | 'eval-set' | PlatformErrorCode;

/** A platform's start-up error: `<platform>-auth` or `<platform>-start`. */
export type PlatformErrorCode = `${string}-auth` | `${string}-start`;

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
