/**
 * What every platform adapter says about a failed call to its platform's API: one log line an attempt
 * (which call, what went wrong, the attempt, whether it will be retried: never a token or a private URL)
 * and the outbound-call metrics.
 */
import type { Logger } from '../../core/types.ts';

/** What an adapter reports of its outbound calls (metrics). */
export interface OutboundObserver {
  /** One failed attempt of an outbound call: `timeout`, `error` (network or HTTP 5xx/429) … */
  outbound?(platform: string, outcome: 'retry' | 'timeout' | 'error' | 'gave-up'): void;
}

/** One failed attempt of an outbound call. */
export interface FailedAttempt {
  /** `discord`, `slack` … */
  platform: string;
  /** The call, fit for a log (`chat.postMessage`, `POST /channels/1/messages`). */
  call: string;
  /** What went wrong (`timed out after 10 s`, `answered HTTP 502`). */
  what: string;
  outcome: 'timeout' | 'error';
  /** 1 for the first attempt. */
  attempt: number;
  /** Retries after the first attempt. */
  retries: number;
  /** Extra context for the log line (ids, never secrets). */
  context?: Record<string, unknown>;
}

/** Logs and counts one failed attempt; says whether it will be retried. */
export function reportFailedAttempt(
  logger: Logger,
  observer: OutboundObserver | undefined,
  failed: FailedAttempt,
) {
  const { platform, call, what, attempt, retries } = failed;
  const willRetry = attempt <= retries;
  observer?.outbound?.(platform, failed.outcome);
  observer?.outbound?.(platform, willRetry ? 'retry' : 'gave-up');
  logger.warn(
    `${platform}: ${call} ${what} (attempt ${attempt} of ${retries + 1}); ${willRetry ? 'retrying' : 'giving up'}`,
    { platform, ...failed.context, attempt, willRetry },
  );
  return willRetry;
}
