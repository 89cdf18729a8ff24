/**
 * The start-up connection to a platform, bounded: an API that accepts the connection and never replies must
 * not leave the operator looking at a silent terminal (Slack's `auth.test` has no deadline of its own;
 * discord.js retries its REST call for about a minute, then says only "This operation was aborted").
 */
import { NewsdeskError, type NewsdeskErrorCode } from '../../core/errors.ts';
import type { Logger } from '../../core/types.ts';

/** How often, at most, "still connecting" is logged while waiting. */
const NOTICE_EVERY_MS = 5000;

/** Options of {@link connectWithin}. */
export interface ConnectDeadline {
  /** The platform's name as the operator knows it ("Slack", "Discord"). */
  platform: string;
  /** Where it is connecting to (an API URL), for the messages. */
  target: string;
  /** Gives up after this many seconds. */
  timeoutSeconds: number;
  /** The error code of a time-out. */
  code: NewsdeskErrorCode;
  logger: Logger;
}

/**
 * Waits for `connecting`, logging "still connecting to <platform> …" every few seconds (first after five, or
 * half the time-out if shorter), and rejects with a {@link NewsdeskError} "… timed out after N s" when it
 * takes longer than the time-out. The caller cleans up the attempt when this rejects.
 */
export async function connectWithin<T>(connecting: Promise<T>, deadline: ConnectDeadline): Promise<T> {
  const { platform, target, timeoutSeconds, logger } = deadline;
  const started = Date.now();
  const timeoutMs = timeoutSeconds * 1000;
  const noticeMs = Math.min(NOTICE_EVERY_MS, timeoutMs / 2);
  const notice = setInterval(() => {
    const waited = Math.round((Date.now() - started) / 1000);
    logger.warn(
      `${platform.toLowerCase()}: still connecting to ${platform} at ${target} (${waited} s; giving up after ${timeoutSeconds} s)…`,
    );
  }, noticeMs);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new NewsdeskError(
            deadline.code,
            `could not connect to ${platform} at ${target}: timed out after ${timeoutSeconds} s ` +
              '(set CONNECT_TIMEOUT_SECONDS to wait longer).',
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([connecting, timedOut]);
  } finally {
    clearInterval(notice);
    clearTimeout(timer);
  }
}
