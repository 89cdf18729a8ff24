import type { ParagraphKind } from '../types.ts';

/** The paragraphs around the one being classified (when known), which tell a heading from a list item. */
export interface ParagraphContext {
  /** The paragraph before it, if any. */
  previous?: string;
  /** The paragraph after it, if any. */
  next?: string;
}

/**
 * Decides whether a paragraph is article text (`body`), a subheading (`heading`) or site furniture
 * (`furniture`: anything that is not the news report itself). The rules are general, named below and listed
 * in the README's "Adding articles", and measured on hand-labelled paragraphs of real scraped news
 * (`npm run measure:paragraphs`).
 *
 * Furniture is any of:
 *  1. **no words**: separators such as `♦` or `___`;
 *  2. **pictures and video**: a caption ending in a photo credit (`… Jane Doe/Getty Images`, `… /AP`), a line
 *     that is only a credit or an agency name, galleries (`Photos: …`, `Hide Caption 3 of 12`, a caption
 *     repeated by the next paragraph), video players (`Video Ad Feedback`, `… 02:19 - Source: CNN`, `WATCH: …`);
 *  3. **link lines**: `Related: …`, `More: …`, `Read more: …`, `Opinion: …` (short lines naming another story),
 *     a headline glued to its label by a colon (`Harbour festival:Ten boats …`), a short label over such links;
 *  4. **datelines, bylines and credits on their own line**: `New York CNN —`, `– Jane Doe`, `By Jane Doe`,
 *     `Contributing: …`, `… contributed to this report`, `This story has been updated …`, `Correction: …`,
 *     and a line that is only a time stamp;
 *  5. **author bios**: "Jane Doe is a reporter for …" or "Reach/Contact/Follow Jane Doe at …" with an email
 *     address, a handle or a newsletter;
 *  6. **calls to action**: at least half of the paragraph's sentences speak to the site's reader (subscribe,
 *     sign up, newsletter, inbox, "read more", "click here", a cookie notice, "download our app" …), counted
 *     outside quotation marks so reporters quoting people who urge things stay body. A very short line that
 *     is only a call to action ("Advertisement", "Read more") counts too.
 *
 * A heading is a Markdown `#` heading, or a short line (≤ 8 words) that does not end like a sentence (nor in a
 * colon or comma), is not a date or number, and is followed by a paragraph of text: a run of short lines is a
 * list (nominees, results), not a run of headings, and a lead-in ending in a colon stays citable body. A
 * short question before its answer ("What happens next?") is a heading too, unless questions follow one
 * another (an interview).
 */
export function classifyParagraph(text: string, context?: ParagraphContext): ParagraphKind {
  if (isFurniture(text)) return 'furniture';
  if (isHeading(text, context)) return 'heading';
  return 'body';
}

/**
 * Classifies an article's paragraphs in order, each with its neighbours as context (furniture between a
 * heading and its text is skipped over, as a reader skips it).
 */
export function classifyParagraphs(texts: readonly string[]): ParagraphKind[] {
  const furniture = texts.map(isFurniture);
  for (const [i, text] of texts.entries()) {
    const next = texts[i + 1];
    if (next === undefined) continue;
    // A gallery scraped twice: each caption is repeated (whole or shortened) by the paragraph after it.
    if (text.length >= 40 && next.length >= 40 && (next.startsWith(text) || text.startsWith(next))) {
      furniture[i] = furniture[i + 1] = true;
    }
    // A short label over a list of links ("More coverage from …") is part of the links.
    if (isShortLine(text) && isLinkLine(next)) furniture[i] = true;
  }
  const neighbour = (i: number, step: 1 | -1): string | undefined => {
    for (let j = i + step; j >= 0 && j < texts.length; j += step) if (!furniture[j]) return texts[j];
    return undefined;
  };
  return texts.map((text, i) => {
    if (furniture[i]) return 'furniture';
    return isHeading(text, { previous: neighbour(i, -1), next: neighbour(i, 1) }) ? 'heading' : 'body';
  });
}

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

// --- 2. pictures and video -------------------------------------------------------------------------------

/** Wire and photo agencies whose names end photo credits or stand alone as a credit line. */
const AGENCY =
  '(?:Getty Images(?: [A-Z][a-z]+)?|AP(?: Photo)?|The Associated Press|Associated Press|Reuters|AFP|EPA(?:-EFE)?|Bloomberg|Shutterstock|Alamy|Sipa|Zuma|ZUMA Press|Anadolu|NurPhoto|SOPA Images|LightRocket|Xinhua|Imagn Images|USA TODAY Sports|USA TODAY NETWORK|USA TODAY|Pool|Handout|AAP|Kyodo|Yonhap|TASS|Sputnik|dpa|NASA|Courtesy|CNN)';
/**
 * A photo credit closing a caption: "… Jane Doe/Getty Images", "… Kevin Dietsch/Pool/AFP", "(Photo by …)".
 * Captions end in their credit, not in a full stop.
 */
const ENDS_WITH_CREDIT =
  /\p{L}[\p{L}\d'’.+-]*\/\p{Lu}[\p{L}\d'’.&+-]*(?:(?: via| for)?[ /][\p{Lu}\d&][\p{L}\d'’.&,+-]*){0,5}$|\((?:Photo|Image|Credit|Pictured)[^()]*\)$/u;
const CREDIT_ONLY = new RegExp(`^(?:\\(?(?:Photo|Credit)s?:?\\s*)?(?:${AGENCY}[ /]*)+\\)?$`, 'u');
const GALLERY = /\bHide Caption \d+ of \d+\b|^Photos?: /u;
const VIDEO =
  /^Video Ad Feedback\b|\b\d{1,2}:\d{2} - Source: [A-Z]|^JUST WATCHED\b|\bMUST WATCH\b|^(?:WATCH|LISTEN|VIDEO|PHOTOS|GALLERY)\s*:/u;

const CREDIT_IN_TEXT = new RegExp(`\\S/${AGENCY}\\b`, 'gu');

function isPictureOrVideo(text: string): boolean {
  if (GALLERY.test(text) || VIDEO.test(text)) return true;
  if (text.length <= 120 && CREDIT_ONLY.test(text)) return true;
  if (!text.includes('/') && !text.endsWith(')')) return false;
  // Only the end can be a credit: testing the tail keeps long paragraphs cheap.
  if (ENDS_WITH_CREDIT.test(text.slice(-160)) && !/[.!?…"”’]$/u.test(text)) return true;
  // Several credits run together are a gallery of captions.
  return (text.match(CREDIT_IN_TEXT)?.length ?? 0) >= 2;
}

// --- 3. link lines ---------------------------------------------------------------------------------------

const LINK_LINE =
  /^(?:related|more|more details|read more|read|see also|also read|recommended|trending|top stories|more from [^:]+|latest|opinion|podcasts?|watch|listen)\s*:/iu;
/**
 * A headline glued to its label by a colon with no space ("Harbour festival:Ten boats …", "'Quote':How …"):
 * how scraped related-story links read. Times ("10:30") and ratios are not.
 */
const GLUED_LINK = /^[^:]{2,80}[^\s\d:]:[\p{Lu}'‘"“]/u;

function isLinkLine(text: string): boolean {
  return words(text) <= 30 && (LINK_LINE.test(text) || GLUED_LINK.test(text));
}

// --- 4. datelines, bylines and credits --------------------------------------------------------------------

/** "CNN —", "New York CNN Business —", "WASHINGTON (AP) —" alone on a line. */
const DATELINE = /^(?:[\p{Lu}][\p{L}.'’ ,-]*\s)?\(?(?:CNN|AP|Reuters|AFP)(?: Business)?\)?\s*[—–-]+$/u;
const BYLINE =
  /^(?:[—–−-]{1,2}\s*\p{Lu}[\p{L}'’.-]*(?:,?\s+(?:and\s+)?\p{Lu}[\p{L}'’.-]*)*|By \p{Lu}[^.!?]*)$/u;
const CREDIT_LINE =
  /^(?:Contributing|Contributors?|Correction(?: & clarification)?|Clarification|Editor['’]s note)\s*:|contributed (?:to )?(?:this|the) (?:report|story|article)\b|^[^.]{0,60} contributed reporting\.?$|\bwe (?:may|might) (?:earn|receive|get) (?:an? )?(?:small )?(?:affiliate )?(?:fee|commission)|^(?:\(|Update:\s*)?(?:This|The) (?:story|article|post|page) (?:has been|was|is being) updated\b/iu;
const TIME_STAMP =
  /^(?:(?:Updated|Published|Posted)\s*:?\s*)?(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,3})?,?\s*)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}(?:,? \d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,3})?)?$/iu;

function isCreditLine(text: string): boolean {
  const count = words(text);
  if (count <= 12 && (DATELINE.test(text) || TIME_STAMP.test(text))) return true;
  if (count <= 8 && BYLINE.test(text)) return true;
  return count <= 40 && CREDIT_LINE.test(text);
}

// --- 5. author bios -----------------------------------------------------------------------------------

/** "Jane Doe is a …", "Jane Doe covers …": a bio's opening, before its role. */
const BIO_OPENING = /^(?:[\p{Lu}][\p{L}'’.-]*\s){1,4}(?:is|was|covers|writes)\b/u;
const BIO_ROLE =
  /\b(?:reporter|writer|editor|columnist|correspondent|journalist|producer|contributor|critic|anchor|host|intern|fellow|trending news|breaking news)\b/iu;
const CONTACT =
  /[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)@\w{2,}|\b(?:reach|contact|email|e-mail|follow)\b[^.]{0,60}\b(?:at|on)\b|\bnewsletter\b/iu;
const CONTACT_OPENING =
  /^(?:You can )?(?:Reach|Contact|Follow|Email|E-mail)\b|^Got a (?:tip|story idea|question)\b/u;

function isBio(text: string): boolean {
  const opening = BIO_OPENING.exec(text);
  const bio =
    CONTACT_OPENING.test(text) ||
    (opening !== null && BIO_ROLE.test(text.slice(opening[0].length, opening[0].length + 100)));
  return bio && words(text) <= 90 && CONTACT.test(text);
}

// --- 6. calls to action -----------------------------------------------------------------------------------

const CALL_TO_ACTION =
  /\b(subscrib(?:e|es|ing|ed to (?:our|the))|subscription|sign(?:ing)? up|register(?:ed)? (?:today|now|for free)|newsletters?|inbox|e-?paper|e-?newspaper|(?:we use|accept|our use of|this site uses) cookies|cookie (?:policy|settings|preferences)|advertisement|sponsored|read more|click here|tap here|follow us|download (?:our|the) app|instant access|premium (?:content|news|access)|unlimited access|log ?in to|all rights reserved|share (?:this|on)|privacy policy|terms (?:of (?:use|service)|& conditions)|become a (?:member|subscriber|supporter)|donate|support(?:ing)? (?:our|independent|quality) journalism|support journalism|(?:digital|for) subscribers?|subscriber-only|thanks for (?:listening|reading|watching)|keep up with|check out|get up to speed|affiliate (?:fee|commission|link)s?)\b/giu;

const ADDRESS = /[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)@\w{2,}/u;

const IMPERATIVE_OPENING =
  /^(subscribe|register|sign up|sign in|log in|buy|get|join|keep up|check out|stay (?:up|informed|connected|in the conversation)|follow|download|click|tap|read|share|accept|support|become|don't miss|never miss|discover|try|listen|watch|like us|see also|love|want)\b/iu;

const WEBSITE =
  /\b[\p{L}\d-]+\.(?:com|org|net|ie|co\.uk|uk|news|io|info|tv|eu|au|ca|us)\b|\bour (?:website|site|app|newsletter|journalism)\b/iu;

/** Quoted words are someone else's: a reporter quoting a call to action is reporting. */
const QUOTED = /"[^"]*"|“[^”]*”|‘[^’]*’(?!\w)/gu;

/** A "Read more" link after a news paragraph's own sentences (live blogs, roundups): the news stays body. */
const TRAILING_READ_MORE = /(?<=[.!?"”’)]\s*)Read more(?: about [^.!?]{0,120})?(?: here)?\s*[.!]?$/u;

/** A live-blog entry's time stamp and share button, before the entry's own text. */
const LIVE_ENTRY_PREFIX =
  /^\d{1,2}:\d{2}\s*[ap]\.?m\.?\s+[A-Z]{2,3}\b[^.]{0,30}?\bShare this (?:update|post|entry)\s*/iu;

function isCallToAction(text: string): boolean {
  const unquoted = text
    .replace(LIVE_ENTRY_PREFIX, '')
    .replace(TRAILING_READ_MORE, '')
    .replace(QUOTED, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (words(unquoted) < words(text) / 2) return false;
  const actions = distinctActions(unquoted);
  if (actions > 0 && words(unquoted) <= 4) return true;
  if (!actions) return false;
  const sentences = unquoted.split(/(?<=[.!?])\s+|\s*[►•|]\s*/u).filter((s) => /\p{L}/u.test(s));
  const speaking = sentences.filter(speaksToReader).length;
  return speaking > 0 && speaking * 2 >= sentences.length;
}

/**
 * A sentence speaks to the site's reader when it gives a contact address, or calls to action with a second
 * sign: another call, an imperative opening, a website, or "you"/"our"/"here".
 */
function speaksToReader(sentence: string): boolean {
  if (ADDRESS.test(sentence)) return true;
  const actions = distinctActions(sentence);
  if (!actions) return false;
  return (
    actions >= 2 ||
    IMPERATIVE_OPENING.test(sentence) ||
    WEBSITE.test(sentence) ||
    /\b(?:[Yy]ou|[Yy]our|[Oo]ur|here)\b/u.test(sentence)
  );
}

function distinctActions(text: string): number {
  return new Set((text.match(CALL_TO_ACTION) ?? []).map((m) => m.toLowerCase())).size;
}

function isFurniture(text: string): boolean {
  if (!/[\p{L}\d]/u.test(text)) return true;
  if (/^#{1,6}\s/.test(text)) return false;
  if (isPictureOrVideo(text) || isCreditLine(text) || isBio(text)) return true;
  if (isLinkLine(text)) return true;
  return isCallToAction(text);
}

// --- headings ---------------------------------------------------------------------------------------------

/** Short enough to be a subheading rather than a sentence. */
const HEADING_WORDS = 8;

function isShortLine(text: string): boolean {
  return words(text) <= HEADING_WORDS && text.length <= 80 && !/[.!?…,;:"”’]$/u.test(text);
}

/** A paragraph a heading can introduce: a sentence, or more than a heading's length. */
function isText(text: string): boolean {
  return !isShortLine(text) || /[.!?…"”’]$/u.test(text);
}

/** "What are the symptoms?": a question a section answers, as explainers title their sections. */
const QUESTION_HEADING =
  /^(?:What|Why|When|Where|Who|Whom|Whose|Which|How|Is|Are|Was|Were|Can|Could|Will|Would|Does|Do|Did|Should|Has|Have)\b[^.!?"“”]*\?$/u;

function isHeading(text: string, context?: ParagraphContext): boolean {
  if (/^#{1,6}\s/.test(text)) return true;
  if (context?.next !== undefined && QUESTION_HEADING.test(text) && words(text) <= 12) {
    // Only before an answer, and not in an exchange of questions (an interview, a quiz).
    return isText(context.next) && !context.next.endsWith('?') && !context.previous?.endsWith('?');
  }
  if (!isShortLine(text) || !/\p{L}{2}/u.test(text) || /^[$€£]?\d[\d,.]*\s*\p{Ll}*$/u.test(text))
    return false;
  // "Born: May 2, 1990", "Where to watch: In theaters": a label and its value are a fact, not a title.
  if (/^[^:]{1,30}:\s*\S/u.test(text)) return false;
  if (!context) return true;
  // A run of short lines is a list, not a run of headings (the list's last item is followed by text too).
  if (context.previous !== undefined && isShortLine(context.previous)) return false;
  return context.next !== undefined && isText(context.next);
}
