import { canonicalPublisher, hostOf } from './publisher';

/**
 * Page debris that copy-pasting a web page or PDF leaves around an article: language pickers, loading
 * spinners, share buttons, and contact/subscribe footers. Matched as whole blocks, never inside prose.
 */
const DEBRIS_BLOCK =
  /^(?:english|deutsch|français|francais|español|espanol|italiano|português|portugues|русский|türkçe|polski|nederlands|العربية|中文|日本語|loading(?:\.\.\.|…)?|advertisement|advert|sponsored|menu|skip to (?:main )?content|share|share this(?: article| story)?:?|print|email|tweet|facebook|twitter|whatsapp|linkedin|related(?: articles| stories)?:?|comments?|back to top|read more|continue reading|listen to (?:this )?article|\d+ min(?:ute)?s? read)$/i;

/** Footer sentences: what a reader is asked to do after the article, not part of it. */
const FOOTER_START =
  /^(?:to contact|contact us|subscribe|sign up|follow us|follow the|share this|join (?:us|the)|support (?:us|our)|donate|click here|for more information|get (?:our|the) (?:newsletter|app)|download (?:our|the) app|copyright|©|\(c\)|all rights reserved|this article (?:was|is|first)|originally published)/i;
const FOOTER_MAX_WORDS = 45;

/** A map or chart legend key: a swatch of block or shape characters and a short label ("██ Kurdish forces"). */
const LEGEND_KEY = /^[\u2580-\u25ff\u2b1b\u2b1c\u2b24]{1,4}\s*[^.!?]{1,56}$/u;

export function isDebris(text: string): boolean {
  const trimmed = text.trim();
  return text.length <= 60 && (DEBRIS_BLOCK.test(trimmed) || LEGEND_KEY.test(trimmed));
}

/** A block that is only a URL or domain, as footers print them ("wsws.org/contact"). */
export function isBareLink(text: string): boolean {
  return text.length <= 300 && hostOf(text) !== null;
}

export function isFooterSentence(text: string): boolean {
  return FOOTER_START.test(text) && countWords(text) <= FOOTER_MAX_WORDS;
}

/**
 * The publisher a footer names: the organisation after "contact (the)" or "©", else the domain of a footer link.
 * ("To contact the WSWS and the Socialist Equality Party visit:" → "World Socialist Web Site".)
 */
export function publisherFromFooter(blocks: readonly string[]): string | null {
  for (const block of blocks) {
    const named =
      /\b(?:[Cc]ontact|[Ss]ubscribe to|[Ff]ollow) (?:the )?([\p{Lu}][\p{L}&.'’-]*(?: [\p{Lu}][\p{L}&.'’-]*){0,5})/u.exec(
        block,
      ) ??
      /(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?([\p{Lu}][\p{L}&.'’-]*(?: [\p{Lu}][\p{L}&.'’-]*){0,5})/iu.exec(
        block,
      );
    if (named?.[1]) return canonicalPublisher(named[1]);
  }
  for (const block of blocks) {
    const host = hostOf(block);
    if (host) return canonicalPublisher(host);
  }
  return null;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}
