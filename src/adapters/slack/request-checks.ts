/**
 * Checks on a request to the HTTP Events endpoint before Bolt sees it, for what Bolt lets through:
 * a timestamp more than five minutes in the *future* (Bolt refuses only stale ones), and a correctly
 * signed body that is not a JSON object or a form (Bolt would fail on it after reading it, leaving the
 * request unanswered and an unhandled rejection behind). Both are answered at once: 401 and 400.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener } from 'node:http';
import type { Logger } from '../../core/types.ts';

/** How far a request's timestamp may be from now, either way (Slack's own rule: five minutes). */
const MAX_SKEW_SECONDS = 5 * 60;
/** Bolt's own body limit. */
const BODY_LIMIT = 4 * 1024 * 1024;

/** Options of {@link checkedRequestListener}. */
export interface RequestCheckOptions {
  signingSecret: string;
  /** The events path; other paths (health routes) pass straight through. */
  path: string;
  logger: Logger;
  /** Clock in ms (default `Date.now`). */
  now?: () => number;
}

/** Wraps Bolt's request listener with the checks in the file comment. */
export function checkedRequestListener(
  inner: RequestListener,
  options: RequestCheckOptions,
): RequestListener {
  const now = options.now ?? Date.now;
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || path !== options.path) return inner(req, res);
    const timestamp = Number(header(req, 'x-slack-request-timestamp'));
    if (Number.isFinite(timestamp) && timestamp > now() / 1000 + MAX_SKEW_SECONDS) {
      options.logger.warn('slack: refused a request timestamped more than 5 minutes in the future', {
        skewSeconds: Math.round(timestamp - now() / 1000),
      });
      req.resume();
      res.writeHead(401).end();
      return;
    }
    readBody(req).then(
      (body) => {
        if (body === undefined) {
          res.writeHead(413).end();
          return;
        }
        // Bolt reads `rawBody` instead of the (now consumed) stream when it is set.
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        if (signedBy(req, body, options.signingSecret, timestamp) && !wellFormed(req, body)) {
          options.logger.warn('slack: refused a signed request whose body is not a JSON object or a form', {
            contentType: header(req, 'content-type'),
            bytes: body.length,
          });
          res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request body\n');
          return;
        }
        inner(req, res);
      },
      () => {
        if (!res.headersSent) res.writeHead(400).end();
      },
    );
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > BODY_LIMIT ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Whether the request carries a valid v0 signature of `body` (Bolt checks again, and answers 401 if not). */
function signedBy(req: IncomingMessage, body: Buffer, secret: string, timestamp: number): boolean {
  const signature = header(req, 'x-slack-signature');
  if (!signature || !Number.isFinite(timestamp)) return false;
  const expected = `v0=${createHmac('sha256', secret)
    .update(`v0:${timestamp}:${body.toString('utf8')}`)
    .digest('hex')}`;
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON object, or a form (whose `payload`, when present, is a JSON object), as Slack sends. */
function wellFormed(req: IncomingMessage, body: Buffer): boolean {
  const type = header(req, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  try {
    if (type === 'application/x-www-form-urlencoded') {
      const payload = new URLSearchParams(body.toString('utf8')).get('payload');
      return payload === null || isObject(JSON.parse(payload));
    }
    if (type === 'application/json') return isObject(JSON.parse(body.toString('utf8')));
    return false;
  } catch {
    return false;
  }
}
