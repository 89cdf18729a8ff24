import type { Logger } from './core/types.ts';

/** Log levels, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Options for {@link createStderrLogger}. */
export interface StderrLoggerOptions {
  /** Lowest level written (default `info`). */
  level?: LogLevel;
  /** Where lines go (default `process.stderr`). */
  stream?: { write(chunk: string): unknown };
}

/**
 * A logger writing one line per entry to stderr (stdout stays free for answers and JSON).
 * Context values are printed as `key=value`.
 */
export function createStderrLogger(options: StderrLoggerOptions = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const stream = options.stream ?? process.stderr;
  const write =
    (level: Exclude<LogLevel, 'silent'>) => (message: string, context?: Record<string, unknown>) => {
      if (ORDER[level] < min) return;
      const extra = context
        ? Object.entries(context)
            .map(
              ([k, v]) =>
                ` ${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v instanceof Error ? v.message : JSON.stringify(v))}`,
            )
            .join('')
        : '';
      stream.write(`${level === 'info' ? '' : `${level}: `}${message}${extra}\n`);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
