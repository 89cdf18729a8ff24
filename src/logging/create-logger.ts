import pino from 'pino';
import type { Logger } from '../core/types.ts';

/** Something lines can be written to (a stream, or a test's recorder). */
export interface LineSink {
  write(line: string): unknown;
}

/** Options for {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Lowest level written: `debug`, `info`, `warn`, `error` or `silent` (default `info`). */
  level?: string;
  /** Values never to write: each occurrence in any line is replaced by `[redacted]` (tokens, secrets). */
  secrets?: readonly (string | undefined)[];
  /** Human-readable lines instead of JSON (default: when the sink is a terminal). */
  pretty?: boolean;
  /** Where lines go (default `process.stderr`, so stdout stays free for answers and JSON). */
  sink?: LineSink & { isTTY?: boolean };
}

const REDACTED = '[redacted]';
/** Keys whose values are secret wherever they appear in a log entry's context. */
const SECRET_KEYS = ['token', 'botToken', 'appToken', 'signingSecret', 'authorization', 'password', 'secret'];

/**
 * Structured logging with pino: one JSON object a line (or a short readable line in a terminal). Secrets
 * are removed twice over: known secret keys are redacted by pino, and every configured secret value is
 * scrubbed from the finished line, so a token that slips into a message or an error text still never
 * reaches the log.
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger & { pino: pino.Logger } {
  const sink = options.sink ?? process.stderr;
  const pretty = options.pretty ?? Boolean((sink as { isTTY?: boolean }).isTTY);
  const scrub = secretScrubber(options.secrets ?? []);
  const destination = {
    write(line: string) {
      const clean = scrub(line);
      sink.write(pretty ? prettyLine(clean) : clean);
    },
  };
  const level = ['debug', 'info', 'warn', 'error', 'silent'].includes(options.level ?? '')
    ? options.level
    : 'info';
  const base = pino(
    {
      level,
      base: undefined,
      redact: { paths: SECRET_KEYS.flatMap((k) => [k, `*.${k}`]), censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const method =
    (name: 'debug' | 'info' | 'warn' | 'error') => (message: string, context?: Record<string, unknown>) =>
      context ? base[name](normalize(context), message) : base[name](message);
  return {
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    pino: base,
  };
}

/** Errors in a context are logged as their name and message, never as objects holding request options. */
function normalize(context: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) {
    out[key] = value instanceof Error ? `${value.name}: ${value.message}` : value;
  }
  return out;
}

/** Replaces every occurrence of each secret (and its JSON-escaped form) with `[redacted]`. */
export function secretScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const values = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6))];
  const forms = values
    .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])
    .sort((a, b) => b.length - a.length);
  if (!forms.length) return (text) => text;
  const pattern = new RegExp(forms.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (text) => text.replace(pattern, REDACTED);
}

/** "12:00:01 WARN message key=value" from a pino JSON line. */
function prettyLine(line: string): string {
  try {
    const { time, level, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const clock = typeof time === 'string' ? time.slice(11, 19) : '';
    const extra = Object.entries(rest)
      .map(([k, v]) => ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('');
    const label = level === 'info' ? '' : `${String(level).toUpperCase()} `;
    return `${clock} ${label}${String(msg ?? '')}${extra}\n`;
  } catch {
    return line;
  }
}
