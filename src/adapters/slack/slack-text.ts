/** Slack message markup → the plain question the core reads. */

/**
 * Turns the text of a Slack message into plain text: drops mentions of the bot itself, turns other
 * mentions, channel links and URLs into readable words (`<!channel>` → `@channel`, `<@U1|ann>` → `@ann`,
 * `<https://x|label>` → `label`) and decodes Slack's `&amp;`, `&lt;`, `&gt;`. The result is untrusted
 * plain text: renderers escape it again before it goes back to Slack.
 */
export function plainTextFromSlack(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_match, inner: string) => readMarkup(inner, botUserId))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function readMarkup(inner: string, botUserId: string | undefined): string {
  const [target = '', label] = splitOnce(inner, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    if (botUserId && id === botUserId) return ' ';
    return label ? `@${label.replace(/^@/, '')}` : `@${id}`;
  }
  if (target.startsWith('#')) return label ? `#${label}` : target;
  if (target.startsWith('!')) {
    if (label) return label;
    const special = target.slice(1).split('^')[0] ?? '';
    return `@${special}`;
  }
  return label ?? target;
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}
