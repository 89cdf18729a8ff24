/** Keeps Slack tokens out of logs and error messages. */

const TOKEN = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;

/** Replaces anything shaped like a Slack token (`xoxb-…`, `xoxp-…`, `xapp-…`) with a placeholder. */
export function redactTokens(text: string): string {
  return text.replace(TOKEN, (token) => `${token.slice(0, 5)}[redacted]`);
}
