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
import { cleanText, joinSplitSentences, type Block } from './paragraphs';

/** A block of the file: consecutive non-blank lines, reduced to text. */
interface TextBlock {
  /** Each line reduced to clean text (bylines are read line by line). */
  readonly lines: readonly string[];
  readonly text: string;
  readonly headingLevel: number | null;
}

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
  while (start < end && isDebris(blockAt(blocks, start).text)) start += 1;

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

  const first = blocks[start];
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
      const next = blocks[cursor + 1];
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

  const paragraphs = bodyParagraphs(blocks.slice(start, end));
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
  return bodyParagraphs(blocks.slice(0, blocks.length - footer.length));
}

/** Trailing debris, contact/subscribe sentences and the bare links that follow them (never block `start`). */
function footerBlocks(blocks: readonly TextBlock[], start: number): string[] {
  const footer: string[] = [];
  let end = blocks.length;
  while (end - 1 > start && blocks.length - end < FOOTER_WINDOW) {
    const last = blockAt(blocks, end - 1).text;
    if (!isDebris(last) && !isFooterSentence(last) && !isBareLink(last)) break;
    footer.unshift(last);
    end -= 1;
  }
  return footer;
}

function bodyParagraphs(blocks: readonly TextBlock[]): string[] {
  const body: Block[] = blocks
    .filter((block) => !isDebris(block.text))
    .map((block) => ({ text: block.text, heading: block.headingLevel !== null }));
  return joinSplitSentences(body).map((block) => block.text);
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
      return { byline, rest: { lines, text: lines.join(' '), headingLevel: null } };
    }
  }
  return null;
}

function blockAt(blocks: readonly TextBlock[], index: number): TextBlock {
  const block = blocks[index];
  if (!block) throw new RangeError(`block ${index} out of range`);
  return block;
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

/** Splits text into blank-line separated blocks, reducing markdown block syntax and inline syntax to text. */
function toBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let pending: string[] = [];
  let inFence = false;
  const flush = (): void => {
    if (pending.length > 0) pushBlock(blocks, pending);
    pending = [];
  };
  // Windows (CRLF) and classic Mac (CR) line ends read as LF.
  for (const line of text.split(/\r\n?|\n/)) {
    if (/^ {0,3}(?:```|~~~)/.test(line)) {
      // Code fences: the fence lines go, the content stays as text.
      flush();
      inFence = !inFence;
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (inFence || PLAIN_LINE_START.test(line)) {
      // A line starting with a letter cannot be a heading, rule, list item, quote or link definition.
      pending.push(line);
      continue;
    }
    const heading = atxHeading(line);
    if (heading) {
      flush();
      pushHeading(blocks, heading.text, heading.level);
      continue;
    }
    const underline = pending.length > 0 ? setextLevel(line) : null;
    if (underline !== null) {
      const headingText = pending.join(' ');
      pending = [];
      pushHeading(blocks, headingText, underline);
      continue;
    }
    if (isThematicBreak(line) || isLinkDefinition(line)) {
      flush();
      continue;
    }
    const quoted = stripQuoteMarker(line);
    const item = stripListMarker(quoted);
    if (item !== null) {
      // Each list item is its own paragraph.
      flush();
      pending.push(item);
      continue;
    }
    pending.push(quoted);
  }
  flush();
  return blocks;
}

function toText(line: string): string {
  return cleanText(decodeEntities(reduceInline(line)));
}

function pushHeading(blocks: TextBlock[], raw: string, level: number): void {
  const text = toText(raw);
  if (text !== '') blocks.push({ lines: [text], text, headingLevel: level });
}

function pushBlock(blocks: TextBlock[], rawLines: readonly string[]): void {
  const lines = rawLines.map(toText).filter((line) => line !== '');
  if (lines.length === 0) return;
  // Soft-wrapped lines and markdown hard breaks ("  " at line end) both read as one paragraph; a word
  // hyphenated at a line end ("escala-" / "tion") keeps its hyphen but gains no space.
  let text = lines[0] ?? '';
  for (const line of lines.slice(1)) text += text.endsWith('-') && /^\p{Ll}/u.test(line) ? line : ` ${line}`;
  blocks.push({ lines, text, headingLevel: null });
}
