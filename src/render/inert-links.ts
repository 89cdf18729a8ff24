/**
 * Text a user typed, made unable to become a link when it is shown back: Slack links bare domains
 * (`evil.example`, `discord.gg/x`) and URLs, Discord links `https://…`. A zero-width space after `:` in
 * `://` and after the dot before a domain ending breaks what both look for, while the text reads the same.
 * Links Newsdesk makes itself (article URLs) are built separately and stay live.
 */

const ZWSP = '\u200B';

/** `text` with every URL and domain-like word made inert (see the file comment). */
export function inertLinks(text: string): string {
  return text.replace(/:\/\//g, `:${ZWSP}//`).replace(/([\p{L}\p{N}-])\.(?=\p{L}{2,})/gu, `$1.${ZWSP}`);
}
