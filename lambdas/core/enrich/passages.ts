/**
 * What kind of text a paragraph is, for event extraction: narrative reports events; bylines, credits, captions,
 * datelines, footers and source lists do not ("Additional reporting by …; editing by …" pledges nothing), and a
 * headline only in its own terms (see events.ts).
 */

export type PassageKind = 'narrative' | 'headline' | 'apparatus';

/** "By Jane Doe", "By Jane Doe and Li Wei, Reuters", "Jane Doe | Staff writer". */
const BYLINE =
  /^(?:[Bb]y|[Ff]rom|[Ww]ritten by|[Ss]tory by|[Ww]ords by)\s+\p{Lu}[\p{L}.'’-]*(?:[\s,]+(?:and\s+)?[\p{Lu}][\p{L}.'’-]*){0,8}\s*[.,;|]?\s*(?:\p{Lu}[\p{L} ]{0,40})?$/u;

/** Credit lines: "Additional reporting by …", "Editing by …", "Compiled by …", "(Reporting by …)". */
const CREDIT =
  /^[([]?\s*(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|produced|translated|translation|research|photos?|photography|graphics|video|illustration|design|fact-?checking)(?:\s+and\s+\w+)?\s+by\b|[;,]\s*(?:additional\s+)?(?:reporting|writing|editing|edited)\s+by\b/i;

/** Captions and picture credits: "Photo: …", "File photo of …", "(AFP/Getty Images)", "Pictured: …". */
const CAPTION =
  /^(?:photo|image|picture|pictured|caption|file photo|video|graphic|map|illustration|credit|source)s?\b\s*[:|–—-]|\b(?:getty images|afp(?:\/getty)?|reuters\/|ap photo|epa(?:-efe)?|shutterstock|file photo)\b[^.]{0,40}$|^\[(?:image|photo|video)/i;

/** Footers and page furniture: copyright, newsletters, share buttons, "Related", source lists. */
const FOOTER =
  /^(?:©|\(c\)|copyright\b|all rights reserved|follow (?:us|\w+) on\b|sign up\b|subscribe\b|share (?:this|on)\b|related(?: articles| stories| news)?\s*:?$|read more\b|more on this\b|contact (?:us|the author)\b|this (?:article|story) (?:was|has been|is)\b|sources?\s*:?$|external links?\s*:?$|see also\s*:?$|references?\s*:?$|tags?\s*:|filed under\b|topics?\s*:)/i;

/** A cited source in a list ("“Title” — BBC News, January 4, 2019"): a quoted title, a dash, a publisher. */
const SOURCE_ENTRY = /^["“][^"”]{3,200}["”]\s*[—–-]\s*\S/;

/** A dateline alone ("WASHINGTON (Reuters) —", "KYIV, May 9"). */
const DATELINE_ONLY =
  /^[\p{Lu}][\p{Lu} .,'’-]{1,40}(?:\([^)]{1,30}\))?\s*[—–-]?\s*(?:\p{Lu}\p{Ll}+ \d{1,2})?$/u;

/** The dateline that opens a story paragraph ("WASHINGTON (Reuters) - ", "KYIV, May 9 (AP) — "). */
const DATELINE_PREFIX =
  /^[\p{Lu}][\p{Lu} .,'’-]{1,40}(?:,\s*\p{Lu}\p{Ll}+\.? \d{1,2})?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s+/u;

/** Length of the dateline that opens the paragraph, 0 when none: what it names is no actor. */
export function datelineLength(paragraph: string): number {
  const m = DATELINE_PREFIX.exec(paragraph);
  // "US-backed forces …" and "UN – " are no datelines: a dateline has a letter-only word of 3+ capitals.
  return m &&
    /\b\p{Lu}{3,}\b/u.test(m[0]) &&
    !/\p{Ll}/u.test(m[0].replace(/\([^)]*\)|,\s*\p{Lu}\p{Ll}+/gu, ''))
    ? m[0].length
    : 0;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
/** Small words a title-case headline leaves lower-case. */
const MINOR = new Set(
  'a an and as at but by for from in into of on or over the to up via with vs after amid against'.split(' '),
);

/** A headline: a short line without a sentence end, among the article's first lines or in title case. */
export function isHeadline(paragraph: string, index: number): boolean {
  const text = paragraph.trim();
  if (text.length === 0 || /[.!?:;"”’)]$/.test(text)) return false;
  const words = text.match(WORD) ?? [];
  if (words.length === 0 || words.length > 25) return false;
  if (index <= 2) return true;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w) || /^\d/.test(w)).length;
  const major = words.filter((w) => !MINOR.has(w.toLowerCase())).length;
  return major > 1 && capitalised >= major * 0.8;
}

/** The kind of one paragraph. `index` is its position in the article. */
export function passageKind(paragraph: string, index: number): PassageKind {
  const text = paragraph.trim();
  // Apparatus lines are short: a long paragraph is narrative or a headline, whatever words it holds.
  const short = text.length < 400;
  if (
    (short && (CREDIT.test(text) || CAPTION.test(text))) ||
    FOOTER.test(text) ||
    SOURCE_ENTRY.test(text) ||
    (text.length < 160 && BYLINE.test(text)) ||
    (text.length < 60 && DATELINE_ONLY.test(text))
  )
    return 'apparatus';
  return isHeadline(text, index) ? 'headline' : 'narrative';
}
