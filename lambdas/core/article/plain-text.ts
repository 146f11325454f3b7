import { parseByline, type Byline } from './byline';
import { isBareLink, isDebris, isFooterSentence, publisherFromFooter } from './debris';
import type { ArticleDraft } from './draft';
import { decodeEntities } from './entities';
import {
  atxHeading,
  isLinkDefinition,
  isThematicBreak,
  reduceInline,
  setextLevel,
  stripListMarker,
  stripQuoteMarker,
} from './markdown';
import { cleanText, joinSplitSentences, startsLowercase, type Block } from './paragraphs';

/** A block of the file: consecutive non-blank lines, reduced to text. */
class TextBlock implements Block {
  readonly text: string;
  readonly headingLevel: number | null;
  readonly #lines: readonly string[] | null;

  /** `lines` is null for a one-line block (its line is its text). */
  constructor(text: string, headingLevel: number | null, lines: readonly string[] | null) {
    this.text = text;
    this.headingLevel = headingLevel;
    this.#lines = lines;
  }

  get heading(): boolean {
    return this.headingLevel !== null;
  }

  /** Each line reduced to clean text (bylines are read line by line). */
  get lines(): readonly string[] {
    return this.#lines ?? [this.text];
  }
}

/**
 * How the file's blocks are kept: a one-line paragraph (most blocks) as its text alone, any other block as a
 * TextBlock. A file can hold millions of one-line blocks, and an object each would multiply the memory and
 * garbage-collection time a block costs; {@link blockAt} gives the TextBlock view of the few read closely.
 */
type StoredBlock = string | TextBlock;

/** Longest block that can be a title or subtitle (words); longer blocks are prose. */
const TITLE_MAX_WORDS = 30;
/** How many blocks after the title are searched for a subtitle, byline and dateline. */
const HEADER_WINDOW = 4;
/** How many trailing blocks may be footer. */
const FOOTER_WINDOW = 8;

/**
 * Reads a plain-text or markdown article: the title from the first block (a heading or a short line), an
 * optional subtitle, the byline and dateline under them, the body paragraphs with page-break splits
 * repaired, and leading/trailing debris and footers removed (the publisher a footer names is kept).
 */
export function readPlainText(text: string): ArticleDraft {
  const blocks = toBlocks(text);
  let start = 0;
  let end = blocks.length;
  while (start < end && isDebris(textOf(blocks, start))) start += 1;

  const footer = footerBlocks(blocks, start);
  end -= footer.length;

  let title: string | null = null;
  let subtitle: string | null = null;
  let authors: string[] = [];
  let published: string | null = null;

  // A byline or dateline printed above the headline (as some sites and PDF exports do).
  for (let checked = 0; checked < 2 && start < end; checked += 1) {
    const block = blockAt(blocks, start);
    const byline = block.headingLevel === null ? parseByline(block.lines) : null;
    if (!byline) break;
    if (byline.authors.length > 0 && authors.length === 0) authors = byline.authors;
    published ??= byline.published;
    start += 1;
  }

  const first = start < blocks.length ? blockAt(blocks, start) : undefined;
  if (first && start < end && isTitleShaped(first)) {
    title = first.text;
    start += 1;
    const headerEnd = Math.min(end, start + HEADER_WINDOW);
    let cursor = start;
    let sawByline = false;
    while (cursor < headerEnd) {
      const block = blockAt(blocks, cursor);
      if (isDebris(block.text)) {
        cursor += 1;
        continue;
      }
      const byline = block.headingLevel === null ? leadingByline(block) : null;
      if (byline) {
        if (byline.byline.authors.length > 0 && authors.length === 0) authors = byline.byline.authors;
        if (byline.byline.published && !published) published = byline.byline.published;
        sawByline = true;
        if (byline.rest) blocks[cursor] = byline.rest;
        else cursor += 1;
        continue;
      }
      if (sawByline || subtitle !== null) break;
      // A subtitle is a heading under the title, or a short line directly followed by the byline.
      const next = cursor + 1 < blocks.length ? blockAt(blocks, cursor + 1) : undefined;
      const nextIsByline =
        next !== undefined &&
        cursor + 1 < end &&
        next.headingLevel === null &&
        parseByline(next.lines) !== null;
      if (
        isTitleShaped(block) &&
        (block.headingLevel !== null || (nextIsByline && !endsSentence(block.text)))
      ) {
        subtitle = block.text;
        cursor += 1;
        continue;
      }
      break;
    }
    start = cursor;
  }

  const paragraphs = bodyParagraphs(blocks, start, end);
  return {
    title,
    subtitle,
    authors,
    published,
    publishedSource: published ? 'byline' : null,
    publisher: publisherFromFooter(footer),
    language: null,
    url: null,
    paragraphs,
  };
}

/**
 * Paragraphs of a text that is only a body (a JSON article's text field): no title or byline is looked for.
 * Without blank lines, each line is a paragraph, as exports that join paragraphs with one newline write them.
 */
export function readBodyText(text: string): string[] {
  const separated = /\n[ \t]*\r?\n/.test(text) ? text : text.replace(/\n/g, '\n\n');
  const blocks = toBlocks(separated);
  const footer = footerBlocks(blocks, 0);
  return bodyParagraphs(blocks, 0, blocks.length - footer.length);
}

/** Trailing debris, contact/subscribe sentences and the bare links that follow them (never block `start`). */
function footerBlocks(blocks: readonly StoredBlock[], start: number): string[] {
  const footer: string[] = [];
  let end = blocks.length;
  while (end - 1 > start && blocks.length - end < FOOTER_WINDOW) {
    const last = textOf(blocks, end - 1);
    if (!isDebris(last) && !isFooterSentence(last) && !isBareLink(last)) break;
    footer.unshift(last);
    end -= 1;
  }
  return footer;
}

/** The body between start and end: one pass, no copies (a file can hold millions of blocks). */
function bodyParagraphs(blocks: readonly StoredBlock[], start: number, end: number): string[] {
  const body: StoredBlock[] = [];
  for (let index = start; index < end; index += 1) {
    const block = blocks[index];
    if (block !== undefined && !isDebris(typeof block === 'string' ? block : block.text)) body.push(block);
  }
  return joinSplitSentences(body).map((block) => (typeof block === 'string' ? block : block.text));
}

/**
 * The byline at the top of a block: the whole block, or its first line(s) when the dateline sits directly
 * on top of the first paragraph with no blank line between them (the rest of the block is returned).
 */
function leadingByline(block: TextBlock): { byline: Byline; rest: TextBlock | null } | null {
  const whole = parseByline(block.lines);
  if (whole) return { byline: whole, rest: null };
  for (let count = 1; count <= 2 && count < block.lines.length; count += 1) {
    const byline = parseByline(block.lines.slice(0, count));
    if (byline) {
      const lines = block.lines.slice(count);
      return { byline, rest: new TextBlock(lines.join(' '), null, lines.length > 1 ? lines : null) };
    }
  }
  return null;
}

function blockAt(blocks: readonly StoredBlock[], index: number): TextBlock {
  const block = blocks[index];
  if (block === undefined) throw new RangeError(`block ${index} out of range`);
  return typeof block === 'string' ? new TextBlock(block, null, null) : block;
}

function textOf(blocks: readonly StoredBlock[], index: number): string {
  const block = blocks[index];
  if (block === undefined) throw new RangeError(`block ${index} out of range`);
  return typeof block === 'string' ? block : block.text;
}

function isTitleShaped(block: TextBlock): boolean {
  if (block.text === '' || block.text.length > 300) return false;
  if (block.headingLevel !== null) return true;
  const words = block.text.split(' ').length;
  return block.lines.length <= 2 && words <= TITLE_MAX_WORDS && !/[.;,]$/.test(block.text);
}

function endsSentence(text: string): boolean {
  return /[.!?…"”]$/.test(text);
}

const PLAIN_LINE_START = /^[A-Za-z\u00c0-\uffff]/;
/** A line that trims to nothing (`\s` is the set String.prototype.trim removes). */
const BLANK = /^\s*$/;

/**
 * Calls visit with each line of text, as `text.split(/\r\n?|\n/)` would list them, without building that
 * array: a file of blank lines has millions. Windows (CRLF) and classic Mac (CR) line ends read as LF.
 */
function forEachLine(text: string, visit: (line: string) => void): void {
  // The next CR and LF are searched once each and reused until passed, so no character is scanned twice.
  let nextCr = text.indexOf('\r');
  let nextLf = text.indexOf('\n');
  let start = 0;
  for (;;) {
    if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
    if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start);
    const end = nextCr === -1 ? nextLf : nextLf === -1 ? nextCr : Math.min(nextCr, nextLf);
    if (end === -1) {
      visit(text.slice(start));
      return;
    }
    visit(text.slice(start, end));
    start = end === nextCr && nextLf === end + 1 ? end + 2 : end + 1;
  }
}

/** Splits text into blank-line separated blocks, reducing markdown block syntax and inline syntax to text. */
function toBlocks(text: string): StoredBlock[] {
  const blocks: StoredBlock[] = [];
  // Reused between blocks: pushBlock copies what it keeps.
  const pending: string[] = [];
  let inFence = false;
  const flush = (): void => {
    if (pending.length === 0) return;
    pushBlock(blocks, pending);
    pending.length = 0;
  };
  forEachLine(text, (line) => {
    // Blank lines first (no fence line is blank): they are half the lines of a typical file.
    if (line === '' || BLANK.test(line)) {
      flush();
      return;
    }
    if (/^ {0,3}(?:```|~~~)/.test(line)) {
      // Code fences: the fence lines go, the content stays as text.
      flush();
      inFence = !inFence;
      return;
    }
    if (inFence || PLAIN_LINE_START.test(line)) {
      // A line starting with a letter cannot be a heading, rule, list item, quote or link definition.
      pending.push(line);
      return;
    }
    const heading = atxHeading(line);
    if (heading) {
      flush();
      pushHeading(blocks, heading.text, heading.level);
      return;
    }
    const underline = pending.length > 0 ? setextLevel(line) : null;
    if (underline !== null) {
      const headingText = pending.join(' ');
      pending.length = 0;
      pushHeading(blocks, headingText, underline);
      return;
    }
    if (isThematicBreak(line) || isLinkDefinition(line)) {
      flush();
      return;
    }
    const quoted = stripQuoteMarker(line);
    const item = stripListMarker(quoted);
    if (item !== null) {
      // Each list item is its own paragraph.
      flush();
      pending.push(item);
      return;
    }
    pending.push(quoted);
  });
  flush();
  return blocks;
}

function toText(line: string): string {
  return cleanText(decodeEntities(reduceInline(line)));
}

function pushHeading(blocks: StoredBlock[], raw: string, level: number): void {
  const text = toText(raw);
  if (text !== '') blocks.push(new TextBlock(text, level, null));
}

function pushBlock(blocks: StoredBlock[], rawLines: readonly string[]): void {
  if (rawLines.length === 1) {
    const text = toText(rawLines[0] ?? '');
    if (text !== '') blocks.push(text);
    return;
  }
  const lines: string[] = [];
  for (const raw of rawLines) {
    const line = toText(raw);
    if (line !== '') lines.push(line);
  }
  if (lines.length === 0) return;
  // Soft-wrapped lines and markdown hard breaks ("  " at line end) both read as one paragraph; a word
  // hyphenated at a line end ("escala-" / "tion") keeps its hyphen but gains no space.
  // The previous line is tested, not the text so far: reading the end of a growing concatenation flattens it.
  let text = lines[0] ?? '';
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    text += lines[index - 1]?.endsWith('-') && startsLowercase(line) ? line : ` ${line}`;
  }
  blocks.push(lines.length > 1 ? new TextBlock(text, null, lines) : text);
}
