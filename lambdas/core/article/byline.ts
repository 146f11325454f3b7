import { findDate } from './published-date';

/** Authors and publication date read from a byline ("By Jane Doe", "Thomas Gaist\n5 July 2016", a dateline). */
export interface Byline {
  readonly authors: string[];
  readonly published: string | null;
}

/** Longest line considered a byline: real bylines are short; prose lines are not. */
const MAX_LINE = 160;
const BY_PREFIX = /^(?:(?:written|posted|reported|reporting|story|words)\s+)?by[:\s]\s*/i;
const LABEL_PREFIX = /^(?:published|updated|posted|last updated|date)(?:\s+on)?\s*[:\-–—]?\s*/i;
/** Lower-case particles that occur inside personal names. */
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'da',
  'das',
  'do',
  'dos',
  'du',
  'del',
  'della',
  'di',
  'la',
  'le',
  'al',
  'el',
  'bin',
  'ibn',
  'ben',
  'y',
  'ter',
  'te',
  'zu',
]);
/** Capitalised words that start headlines and sentences but are not names. */
const NOT_NAME = new Set([
  'the',
  'a',
  'an',
  'in',
  'on',
  'at',
  'of',
  'for',
  'to',
  'and',
  'or',
  'but',
  'with',
  'from',
  'as',
  'is',
  'are',
  'was',
  'were',
  'has',
  'have',
  'said',
  'says',
  'this',
  'that',
  'it',
  'he',
  'she',
  'they',
  'we',
  'i',
  'you',
  'our',
  'new',
  'news',
  'us',
  'uk',
  'eu',
  'un',
  'staff',
  'editor',
  'editors',
  'share',
  'print',
  'email',
  'comments',
  'updated',
  'published',
  'posted',
  'read',
  'more',
  'minutes',
  'min',
  'photo',
  'image',
]);
const NAME_TOKEN = /^(?:\p{Lu}[\p{L}\p{M}'’.-]*|\p{Lu}\.)$/u;
const SEPARATORS = /^[\s|,;·•—–\-:/]+|[\s|,;·•—–\-:/]+$/g;

/**
 * Reads a byline block (one or two short lines). A line counts when, once its date is removed, what remains
 * is a list of personal names; a bare name needs "By" (or a date beside it) so that a title-case headline
 * is never mistaken for an author. Returns null when the block is not a byline.
 */
export function parseByline(lines: readonly string[]): Byline | null {
  if (lines.length === 0 || lines.length > 3) return null;
  const authors: string[] = [];
  let published: string | null = null;
  let pendingNames: string[] | null = null;
  for (const raw of lines) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line === '' || line.length > MAX_LINE) return null;
    const parsed = parseLine(line);
    if (!parsed) return null;
    if (parsed.published && !published) published = parsed.published;
    if (parsed.names.length > 0) {
      if (parsed.explicit || parsed.published) authors.push(...parsed.names);
      else if (pendingNames) return null;
      else pendingNames = parsed.names;
    }
  }
  // "Thomas Gaist" on one line and "5 July 2016" on the next: the date vouches for the names above it.
  if (pendingNames) {
    if (!published) return null;
    authors.unshift(...pendingNames);
  }
  if (authors.length === 0 && !published) return null;
  return { authors: dedupe(authors), published };
}

interface BylineLine {
  readonly names: string[];
  readonly published: string | null;
  /** The line said "By": a single name needs no date to vouch for it. */
  readonly explicit: boolean;
}

function parseLine(line: string): BylineLine | null {
  const date = findDate(line);
  let rest = line;
  if (date) rest = `${line.slice(0, date.start)} | ${line.slice(date.end)}`;
  const pieces = rest
    .split('|')
    .map((piece) => piece.replace(SEPARATORS, '').replace(LABEL_PREFIX, '').replace(SEPARATORS, ''))
    .filter((piece) => piece !== '' && !/^(?:\p{L}+day|at|on|updated|published)$/iu.test(piece));
  if (pieces.length > 1) return null;
  const namesText = pieces[0] ?? '';
  if (namesText === '') return date ? { names: [], published: date.iso, explicit: false } : null;
  const by = BY_PREFIX.exec(namesText);
  const names = parseNames(by ? namesText.slice(by[0].length) : namesText, by !== null);
  if (!names) return null;
  return { names, published: date ? date.iso : null, explicit: by !== null };
}

/** "Jane Doe, John Roe and Ann Poe" → three names; null if any part is not name-shaped. */
export function parseNames(text: string, explicit: boolean): string[] | null {
  const parts = text
    .split(/\s*(?:,|;|&|\band\b)\s*/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0 || parts.length > 8) return null;
  const names: string[] = [];
  for (const part of parts) {
    const tokens = part.split(' ');
    const minTokens = explicit ? 1 : 2;
    if (tokens.length < minTokens || tokens.length > 5) return null;
    let capitalised = 0;
    for (const token of tokens) {
      if (NOT_NAME.has(token.toLowerCase()) && !(explicit && tokens.length === 1)) return null;
      if (NAME_TOKEN.test(token)) capitalised += 1;
      else if (!PARTICLES.has(token.toLowerCase())) return null;
    }
    if (capitalised === 0) return null;
    names.push(isShouting(part) ? toTitleCase(part) : part);
  }
  return names;
}

function isShouting(text: string): boolean {
  return text.length > 3 && text === text.toUpperCase() && /\p{Lu}{2}/u.test(text);
}

function toTitleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_m, lead: string, letter: string) => lead + letter.toUpperCase());
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
