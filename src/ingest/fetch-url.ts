/** Careful HTTP GETs of feeds and news pages: only http(s), few redirects, a timeout and a size limit. */

/** The User-Agent every request sends, so publishers can see who reads their feeds. */
export const USER_AGENT = 'Newsdesk/0.1 (news question-answering bot; feed and article reader)';

/** Limits on one fetch. */
export interface FetchLimits {
  /** Give up after this long without the whole answer (default 15 s). */
  timeoutMs?: number;
  /** Largest body read, in bytes (default 5 MB). */
  maxBytes?: number;
  /** Redirects followed (default 5). */
  maxRedirects?: number;
}

/** Validators from an earlier fetch, for a conditional GET. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** A fetched answer: 304 (unchanged since the validators) or a body. */
export type Fetched =
  | { notModified: true; url: string }
  | {
      notModified: false;
      /** The URL after redirects. */
      url: string;
      contentType: string;
      body: string;
      validators: Validators;
    };

/** A fetch that failed, with a reason worth showing to the person who gave the URL. */
export class FetchError extends Error {
  override name = 'FetchError';
}

const DEFAULTS = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 };

/**
 * GETs `url` (http or https only), following at most `maxRedirects` redirects itself (each checked), with a
 * User-Agent naming Newsdesk, `If-None-Match`/`If-Modified-Since` when validators are given, and a timeout
 * covering the whole exchange. A body over `maxBytes` is abandoned (not read to the end). Throws a
 * {@link FetchError} with a one-line reason on any failure.
 */
export async function fetchUrl(
  url: string,
  validators: Validators = {},
  limits: FetchLimits = {},
): Promise<Fetched> {
  const { timeoutMs, maxBytes, maxRedirects } = { ...DEFAULTS, ...limits };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let current = checkedUrl(url);
    for (let redirects = 0; ; redirects++) {
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        accept:
          'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5',
      };
      if (validators.etag) headers['if-none-match'] = validators.etag;
      if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
      const response = await fetch(current, { headers, redirect: 'manual', signal: controller.signal }).catch(
        (error: unknown) => {
          throw controller.signal.aborted
            ? new FetchError(`no answer within ${Math.round(timeoutMs / 1000)} s`)
            : new FetchError(`cannot connect (${describeCause(error)})`);
        },
      );
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location) throw new FetchError(`redirect (${response.status}) without a Location`);
        if (redirects >= maxRedirects) throw new FetchError(`more than ${maxRedirects} redirects`);
        current = checkedUrl(new URL(location, current).href);
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        return { notModified: true, url: current.href };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new FetchError(
          `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
        );
      }
      const body = await readLimited(response, maxBytes, controller.signal, timeoutMs);
      return {
        notModified: false,
        url: current.href,
        contentType: (response.headers.get('content-type') ?? '').toLowerCase(),
        body,
        validators: {
          etag: response.headers.get('etag') ?? undefined,
          lastModified: response.headers.get('last-modified') ?? undefined,
        },
      };
    }
  } finally {
    clearTimeout(timer);
  }
}

function checkedUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(`only http and https URLs are read (got ${url.protocol.replace(/:$/, '')})`);
  }
  return url;
}

async function readLimited(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new FetchError(`too large (${megabytes(declared)} MB; the limit is ${megabytes(maxBytes)} MB)`);
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new FetchError(`too large (over the ${megabytes(maxBytes)} MB limit)`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw signal.aborted
      ? new FetchError(`no answer within ${Math.round(timeoutMs / 1000)} s`)
      : new FetchError(`the connection broke (${describeCause(error)})`);
  }
  return decodeBody(Buffer.concat(chunks), response.headers.get('content-type') ?? '');
}

/** Decodes with the charset the server names, else UTF-8. */
function decodeBody(bytes: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 1 : 0);
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
