/**
 * Markdown reduced to plain text: articles copied out of web pages arrive with headings, emphasis, links and
 * images in markdown syntax. Only the reduction to text is needed (no rendering), so these are small
 * line-level rules; each pattern's repeated class excludes its own opening delimiter, so a failed match never rescans
 * text that the next attempt will scan again: matching stays linear in the input.
 */

export interface HeadingLine {
  readonly level: number;
  readonly text: string;
}

/** An ATX heading line ("## Subtitle ##") → its level and text; null otherwise. */
export function atxHeading(line: string): HeadingLine | null {
  const match = /^ {0,3}(#{1,6})(?=[ \t]|$)/.exec(line);
  if (!match?.[1]) return null;
  let text = line.slice(match[0].length).trim();
  // A closing run of #'s is decoration, unless the heading is only #'s.
  const closing = /[ \t]#+$/.exec(text);
  if (closing) text = text.slice(0, closing.index).trim();
  return { level: match[1].length, text };
}

/** A setext underline ("=====" / "-----") → heading level 1 or 2. */
export function setextLevel(line: string): number | null {
  const trimmed = line.trim();
  if (/^=+$/.test(trimmed)) return 1;
  if (/^-+$/.test(trimmed) && trimmed.length >= 2) return 2;
  return null;
}

/** A thematic break ("---", "* * *", "___"). */
export function isThematicBreak(line: string): boolean {
  const compact = line.replace(/[ \t]/g, '');
  return /^(?:-{3,}|\*{3,}|_{3,})$/.test(compact);
}

/** A list item marker at the start of a line ("- ", "* ", "+ ", "1. ", "2) "). */
export function stripListMarker(line: string): string | null {
  const match = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(?=\S)/.exec(line);
  return match ? line.slice(match[0].length) : null;
}

/** Blockquote markers ("> ", ">> ") at the start of a line. */
export function stripQuoteMarker(line: string): string {
  const match = /^ {0,3}(?:>[ \t]?)+/.exec(line);
  return match ? line.slice(match[0].length) : line;
}

/** A link reference definition ("[1]: https://example.com"), which prints nothing. */
export function isLinkDefinition(line: string): boolean {
  return /^ {0,3}\[[^[\]\n]{1,200}\]:[ \t]*\S/.test(line);
}

const MARKDOWN_CHARACTERS = /[*_[`<~\\]/;
/**
 * A backtick or two opening a quotation (after a space, before a word) that closes with as many apostrophes
 * before the next backtick, the single one not inside a word ("Stark's").
 */
const WIRE_QUOTE =
  /(?<![^\s([—–-])(?:``(?=[^`\s][^`\n]{0,2000}?'')|`(?=[\p{L}\p{N}][^`'\n]{0,500}'(?!\p{L})))/gu;
const WIRE_BACKTICK = '\ue100';
const ESCAPED = 0xe000;

/** Inline markdown → text: images dropped, links and autolinks to their text, emphasis and code marks removed. */
export function reduceInline(text: string): string {
  // Most lines of prose hold no markdown at all: one scan spares them every replacement below.
  if (!MARKDOWN_CHARACTERS.test(text)) return text;
  // Backslash-escaped characters are parked in the Private Use Area so no rule below reads them as syntax.
  const reduced = text
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, (_m, char: string) =>
      String.fromCharCode(ESCAPED + char.charCodeAt(0)),
    )
    // Images carry no article prose: ![alt](src "title") and ![alt][ref].
    .replace(/!\[[^[\]\n]{0,500}\]\([^()\n]{0,2000}\)/g, '')
    .replace(/!\[[^[\]\n]{0,500}\]\[[^[\]\n]{0,200}\]/g, '')
    // Links: [text](url "title") and [text][ref] keep their text.
    .replace(/\[([^[\]\n]{0,500})\]\([^()\n]{0,2000}\)/g, '$1')
    .replace(/\[([^[\]\n]{1,500})\]\[[^[\]\n]{0,200}\]/g, '$1')
    // Autolinks <https://…> keep the address.
    .replace(/<((?:https?|mailto):[^<>\s]{1,2000})>/gi, '$1')
    // ``…'' and `…' are the quotation marks of wire archives, not code: park their backticks.
    .replace(WIRE_QUOTE, (marks: string) => marks.replace(/`/g, WIRE_BACKTICK))
    // Inline code keeps its text.
    .replace(/`([^`\n]{1,1000})`/g, '$1')
    // Strong / emphasis / strikethrough: paired markers hugging non-space text.
    .replace(/(\*\*|__)(?=\S)([^*_\n]{0,1000}?[^\s*_])\1/g, '$2')
    .replace(/~~(?=\S)([^~\n]{0,1000}?\S)~~/g, '$1')
    .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*\n]{0,1000}?[^\s*])\*(?![\p{L}\p{N}*])/gu, '$1$2')
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_\n]{0,1000}?[^\s_])_(?![\p{L}\p{N}_])/gu, '$1$2');
  return reduced
    .replace(/[\ue000-\ue07f]/g, (char) => String.fromCharCode(char.charCodeAt(0) - ESCAPED))
    .replaceAll(WIRE_BACKTICK, '`');
}
