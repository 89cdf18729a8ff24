/** An error as log fields, for every platform: never a token, a request URL or a request's options. */

/**
 * Log fields for any thrown value: message, name, the library's error code, the HTTP status and the
 * platform's own error name (`data.error`, e.g. Slack's `token_revoked`), and the first lines of the stack.
 * Request URLs are left out (interaction and response URLs embed a token); `redact` removes anything
 * shaped like the platform's tokens from the text.
 */
export function describeError(
  error: unknown,
  redact: (text: string) => string = (text) => text,
): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: redact(String(error)).slice(0, 500) };
  const fields: Record<string, unknown> = {
    error: redact(error.message).slice(0, 500),
    errorName: error.name,
  };
  const extra = error as {
    code?: unknown;
    status?: unknown;
    statusCode?: unknown;
    data?: { error?: unknown };
  };
  if (typeof extra.code === 'string' || typeof extra.code === 'number') fields.errorCode = extra.code;
  const status = extra.status ?? extra.statusCode;
  if (typeof status === 'number') fields.httpStatus = status;
  if (typeof extra.data?.error === 'string') fields.apiError = extra.data.error;
  if (error.stack) fields.stack = redact(error.stack.split('\n').slice(0, 6).join('\n'));
  return fields;
}
