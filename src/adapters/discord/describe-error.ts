/** An error as log context: name, message, Discord's code and status; never a token or a request URL. */

/** Log fields for any thrown value. Request URLs are left out: interaction URLs embed a token. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const fields: Record<string, unknown> = { error: error.message, errorName: error.name };
  const extra = error as { code?: unknown; status?: unknown };
  if (extra.code !== undefined) fields.errorCode = extra.code;
  if (extra.status !== undefined) fields.httpStatus = extra.status;
  if (error.stack) fields.stack = error.stack.split('\n').slice(0, 6).join('\n');
  return fields;
}
