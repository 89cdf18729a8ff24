/** Keeps Slack tokens and signing material out of logs and error messages. */

const TOKEN = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;

/** Replaces anything shaped like a Slack token (`xoxb-…`, `xoxp-…`, `xapp-…`) with a placeholder. */
export function redactTokens(text: string): string {
  return text.replace(TOKEN, (token) => `${token.slice(0, 5)}[redacted]`);
}

/** A loggable description of a thrown value: name, code and message, with tokens removed. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: redactTokens(String(error)).slice(0, 500) };
  const code = (error as { code?: unknown }).code;
  const slackError = (error as { data?: { error?: unknown } }).data?.error;
  return {
    error: redactTokens(error.message).slice(0, 500),
    errorName: error.name,
    ...(typeof code === 'string' ? { errorCode: code } : {}),
    ...(typeof slackError === 'string' ? { slackError } : {}),
  };
}
