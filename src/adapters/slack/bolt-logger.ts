/** Bolt's logger interface, backed by Newsdesk's {@link Logger} so Bolt never writes to the console itself. */

import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../core/types.ts';
import { redactTokens } from './redact.ts';

const SEVERITY: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/**
 * Wraps a Newsdesk logger for Bolt, the Web API client and Socket Mode. Messages below the level Bolt sets
 * (info unless told otherwise) are dropped; tokens are redacted from whatever is passed on.
 */
export function createBoltLogger(logger: Logger, initialLevel: LogLevel = LogLevel.INFO): BoltLogger {
  let level = initialLevel;
  let name = 'bolt';
  const emit =
    (at: LogLevel, write: (message: string, context?: Record<string, unknown>) => void) =>
    (...parts: unknown[]): void => {
      if (SEVERITY[at] < SEVERITY[level]) return;
      write(`slack: ${redactTokens(parts.map(formatPart).join(' '))}`, { source: name });
    };
  return {
    debug: emit(LogLevel.DEBUG, (m, c) => logger.debug(m, c)),
    info: emit(LogLevel.INFO, (m, c) => logger.info(m, c)),
    warn: emit(LogLevel.WARN, (m, c) => logger.warn(m, c)),
    error: emit(LogLevel.ERROR, (m, c) => logger.error(m, c)),
    setLevel(next: LogLevel) {
      level = next;
    },
    getLevel: () => level,
    setName(next: string) {
      name = next;
    },
  };
}

function formatPart(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  try {
    return JSON.stringify(part)?.slice(0, 1000) ?? String(part);
  } catch {
    return String(part);
  }
}
