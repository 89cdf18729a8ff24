/**
 * The one policy for a failed handler, on every platform: the failure is logged with what was being
 * handled, the user gets a short apology where they asked, and nothing is rethrown, so the process keeps
 * serving.
 */
import type { Logger } from '../../core/types.ts';
import { describeError } from './describe-error.ts';

/** What a user sees when answering them failed. */
export const APOLOGY = 'Sorry, something went wrong while answering that. Please try again in a moment.';

/** What was being handled, for the log lines. */
export interface Handling {
  /** `discord`, `slack` … */
  platform: string;
  /** What kind of event failed (`interaction`, `message`, `app_mention` …): "<kind> handler failed". */
  kind: string;
  /** Ids that place it (never message text, tokens or URLs). */
  context: Record<string, unknown>;
  /** Removes the platform's tokens from error texts. */
  redact?: (text: string) => string;
  /** Sees every error (e.g. to notice a token the platform no longer accepts). */
  watch?: (error: unknown) => void;
}

/** Runs `work`; if it throws, logs the failure and runs `apologize`, whose own failure is logged too. Never throws. */
export async function answerOrApologize(
  logger: Logger,
  handling: Handling,
  work: () => Promise<void>,
  apologize: () => Promise<unknown>,
): Promise<void> {
  const { platform, kind, context, redact, watch } = handling;
  try {
    await work();
  } catch (error) {
    watch?.(error);
    logger.error(`${platform}: ${kind} handler failed`, { ...context, ...describeError(error, redact) });
    try {
      await apologize();
    } catch (second) {
      watch?.(second);
      logger.warn(`${platform}: could not deliver the apology`, {
        ...context,
        ...describeError(second, redact),
      });
    }
  }
}
