/** Paragraph text hygiene shared by every format: whitespace, invisible characters, page-break repair. */

// Zero-width and bidi controls, soft hyphens and C0/C1 controls (except tab/newline) are invisible debris.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** Collapses runs of whitespace (including no-break spaces) to one space and drops invisible characters. */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** A paragraph that ends a sentence (or a quotation, or an introduction to a list). */
const TERMINAL = /[.!?…:;"”’')\]»]$/;
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
 * sentence ends on ("the", "of", "with").
 */
export function joinSplitSentences(blocks: readonly Block[]): Block[] {
  // Pieces of the paragraph being built are kept apart and joined once: testing the end of an ever-growing
  // concatenated string would flatten it on every join (quadratic on files of many one-word lines).
  const out: Block[] = [];
  let pieces: string[] = [];
  let last: Block | null = null;
  const close = (): void => {
    if (last) out.push(pieces.length === 1 ? last : { text: pieces.join(''), heading: false });
    pieces = [];
    last = null;
  };
  for (const block of blocks) {
    if (last && !last.heading && !block.heading && continues(last.text, block.text)) {
      pieces.push(last.text.endsWith('-') && /^\p{Ll}/u.test(block.text) ? '' : ' ', block.text);
      last = block;
    } else {
      close();
      pieces = [block.text];
      last = block;
    }
  }
  close();
  return out;
}

function continues(previous: string, next: string): boolean {
  if (previous === '' || next === '' || TERMINAL.test(previous)) return false;
  if (/^\p{Ll}/u.test(next)) return true;
  // Only the tail is examined: an unanchored search for the last word would rescan long paragraphs.
  const lastWord = /(\p{L}+)$/u.exec(previous.slice(-24));
  return lastWord?.[1] !== undefined && DANGLING.has(lastWord[1]) && /^[\p{Lu}\p{N}"“‘']/u.test(next);
}

export function countWords(paragraphs: readonly string[]): number {
  let count = 0;
  for (const paragraph of paragraphs) {
    for (const word of paragraph.matchAll(/\S+/g)) {
      if (/[\p{L}\p{N}]/u.test(word[0])) count += 1;
    }
  }
  return count;
}
