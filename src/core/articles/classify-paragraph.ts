import type { ParagraphKind } from '../types.ts';

/**
 * Decides whether a paragraph is article text (`body`), a subheading (`heading`) or site furniture
 * (`furniture`: subscription and newsletter prompts, adverts, "read more", cookie notices, share buttons).
 *
 * Furniture rule (documented in the README): a paragraph is furniture when it is addressed to the *site's
 * reader* rather than reporting news. We count three kinds of evidence:
 *  1. call-to-action vocabulary: subscribe, sign up, register, newsletter, inbox, e-paper, cookies, advert,
 *     "read more", "click here", "follow us", "download the app", "instant access", "premium" …;
 *  2. it opens with an imperative aimed at the reader ("Buy …", "Keep up with …", "Sign up …", "Follow …");
 *  3. it names a website (a domain such as `example.ie`) or speaks of "our" newsletter/site/app.
 * Two kinds of evidence, or a short paragraph that is nothing but a call to action ("Read more",
 * "Advertisement"), make furniture. Quoted speech is never furniture: reporters quote people urging things.
 */
export function classifyParagraph(text: string): ParagraphKind {
  if (isFurniture(text)) return 'furniture';
  if (isHeading(text)) return 'heading';
  return 'body';
}

const CALL_TO_ACTION =
  /\b(subscrib\w*|sign(?:ing)? up|register(?:ed)? (?:today|now|for free)|newsletters?|inbox|e-?paper|cookies?|advert\w*|sponsored|read more|click here|tap here|follow us|download (?:our|the) app|instant access|premium (?:content|news|access)|unlimited access|log ?in to|all rights reserved|share (?:this|on)|privacy policy|terms of (?:use|service)|become a (?:member|subscriber|supporter)|donate|support (?:our|independent) journalism)\b/giu;

const IMPERATIVE_OPENING =
  /^(subscribe|register|sign up|sign in|log in|buy|get|join|keep up|stay (?:up|informed|connected)|follow|download|click|tap|read|share|accept|support|become|don't miss|never miss|discover|try|listen|watch|like us|see also)\b/iu;

const WEBSITE =
  /\b[\p{L}\d-]+\.(?:com|org|net|ie|co\.uk|uk|news|io|info|tv|eu|au|ca|us)\b|\bour (?:website|site|app|newsletter|journalism)\b/iu;

const QUOTED_SPEECH = /["“”]/u;

function isFurniture(text: string): boolean {
  if (QUOTED_SPEECH.test(text)) return false;
  const words = text.split(/\s+/).length;
  const actions = new Set((text.match(CALL_TO_ACTION) ?? []).map((m) => m.toLowerCase())).size;
  if (actions > 0 && words <= 4) return true;
  const evidence =
    Math.min(actions, 2) + (IMPERATIVE_OPENING.test(text) ? 1 : 0) + (WEBSITE.test(text) ? 1 : 0);
  return evidence >= 2 && actions >= 1;
}

/** Markdown headings, and short lines that do not end like a sentence, are subheadings. */
function isHeading(text: string): boolean {
  if (/^#{1,6}\s/.test(text)) return true;
  const words = text.split(/\s+/).length;
  return words <= 8 && text.length <= 80 && !/[.!?…,;"”’]$/u.test(text);
}
