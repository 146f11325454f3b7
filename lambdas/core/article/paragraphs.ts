/** Paragraph text hygiene shared by every format: whitespace, invisible characters, page-break repair. */

// Zero-width and bidi controls, soft hyphens and C0/C1 controls (except tab/newline) are invisible debris.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/**
 * Whitespace that collapsing changes: a run of two or more, or one character other than a plain space. A lone
 * space is left alone, so text that is already clean is matched nowhere and returned as is, instead of having
 * every space replaced by a space (`/\s+/g` → ' ' rebuilds the whole string).
 */
const UNCLEAN_SPACE = /\s{2,}|[^\S ]/g;

/** Collapses runs of whitespace (including no-break spaces) to one space (as `/\s+/g` → ' '), trimmed. */
export function collapseSpaces(text: string): string {
  return text.replace(UNCLEAN_SPACE, ' ').trim();
}

/** Collapses runs of whitespace (including no-break spaces) to one space and drops invisible characters. */
export function cleanText(text: string): string {
  return collapseSpaces(text.replace(INVISIBLE, ''));
}

/**
 * Last characters of a paragraph that ends a sentence (or a quotation, or an introduction to a list). A set
 * lookup of the last character: a regex anchored only at the end (`/[…]$/`) is tried from every position.
 */
const TERMINAL = new Set(['.', '!', '?', '…', ':', ';', '"', '”', '’', "'", ')', ']', '»']);
/** Words a sentence cannot end on: a paragraph ending on one was cut by a page break. */
const DANGLING = new Set([
  'a',
  'an',
  'the',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'from',
  'with',
  'and',
  'or',
  'but',
  'as',
  'that',
  'which',
  'who',
  'whose',
  'its',
  'their',
  'his',
  'her',
  'our',
  'my',
  'your',
  'this',
  'these',
  'those',
  'than',
  'into',
  'onto',
  'over',
  'under',
  'between',
  'against',
  'about',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'has',
  'have',
  'had',
  'will',
  'would',
  'could',
  'should',
  'can',
  'may',
  'not',
  'very',
]);

export interface Block {
  readonly text: string;
  /** Headings are never joined with their neighbours. */
  readonly heading: boolean;
}

/**
 * Repairs paragraphs split in the middle of a sentence (a PDF page break, a copy-paste gap): a paragraph that
 * does not end a sentence joins the next when the next starts in lower case, or when it ends on a word no
 * sentence ends on ("the", "of", "with"). A paragraph may be given as its text alone (never a heading):
 * readers of huge files keep no object per paragraph.
 */
export function joinSplitSentences<T extends Block | string>(blocks: readonly T[]): (T | Block)[] {
  // Pieces of the paragraph being built are kept apart and joined once: testing the end of an ever-growing
  // concatenated string would flatten it on every join (quadratic on files of many one-word lines).
  const out: (T | Block)[] = [];
  let pieces: string[] = [];
  let last: T | null = null;
  let lastText = '';
  const close = (): void => {
    if (last !== null) out.push(pieces.length === 1 ? last : { text: pieces.join(''), heading: false });
    pieces = [];
    last = null;
  };
  for (const block of blocks) {
    const text = typeof block === 'string' ? block : block.text;
    if (last !== null && !isHeading(last) && !isHeading(block) && continues(lastText, text)) {
      pieces.push(lastText.endsWith('-') && startsLowercase(text) ? '' : ' ', text);
    } else {
      close();
      pieces = [text];
    }
    last = block;
    lastText = text;
  }
  close();
  return out;
}

function isHeading(block: Block | string): boolean {
  return typeof block !== 'string' && block.heading;
}

const LOWERCASE_START = /^\p{Ll}/u;

/** Whether text starts with a lower-case letter; ASCII is decided without the (slower) unicode regex. */
export function startsLowercase(text: string): boolean {
  const code = text.charCodeAt(0);
  if (code < 0x80) return code >= 0x61 && code <= 0x7a;
  return LOWERCASE_START.test(text);
}

function continues(previous: string, next: string): boolean {
  if (previous === '' || next === '' || TERMINAL.has(previous.charAt(previous.length - 1))) return false;
  if (startsLowercase(next)) return true;
  // Only the tail is examined: an unanchored search for the last word would rescan long paragraphs.
  const lastWord = /(\p{L}+)$/u.exec(previous.slice(-24));
  return lastWord?.[1] !== undefined && DANGLING.has(lastWord[1]) && /^[\p{Lu}\p{N}"“‘']/u.test(next);
}

/**
 * One match per word: its first letter or digit and the rest of the whitespace-delimited token, so a token
 * with several letters counts once and one without any ("—", "…") not at all.
 */
const WORD = /[\p{L}\p{N}]\S*/gu;

/** Whitespace-delimited tokens that hold a letter or digit. */
export function countWords(paragraphs: readonly string[]): number {
  let count = 0;
  for (const paragraph of paragraphs) count += paragraph.match(WORD)?.length ?? 0;
  return count;
}
