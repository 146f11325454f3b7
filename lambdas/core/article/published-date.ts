import type * as ChronoEn from 'chrono-node/en';

/**
 * chrono builds hundreds of patterns when loaded: it is loaded on the first text that may hold a date, not
 * at cold start (esbuild keeps a require() inside a function lazy). Only its English parsers are read —
 * `chrono-node`'s main entry is the same `en.strict` plus fifteen other locales built at load.
 */
let chrono: typeof ChronoEn | undefined;

function strictChrono(): typeof ChronoEn.strict {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see above
  chrono ??= require('chrono-node/en') as typeof ChronoEn;
  return chrono.strict;
}

/** A calendar date found inside a piece of text. */
export interface FoundDate {
  readonly iso: string;
  readonly start: number;
  readonly end: number;
}

// chrono resolves relative phrases ("3 days ago") against a reference date; publication dates must never be
// invented, so only matches that spell out a four-digit year and a month name (or an ISO date) are accepted.
const REFERENCE = new Date(Date.UTC(2000, 0, 1));
const FOUR_DIGIT_YEAR = /\b\d{4}\b/;
const MONTH_NAME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?=[\s,.\d]|$)/i;
const ISO_DATE = /(\d{4})-(\d{2})-(\d{2})(?![\d])/;
/** Longest text handed to chrono: bylines and metadata values are short; bounding keeps cost linear. */
const MAX_SCAN = 300;

export function isoFromParts(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first complete calendar date (day, month and year all stated) in a short text, or null. */
export function findDate(text: string): FoundDate | null {
  if (text.length > MAX_SCAN) return null;
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const found = isoFromParts(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (found)
      return {
        iso: found,
        start: iso.index,
        end: iso.index + iso[0].length + isoTimeLength(text, iso.index + iso[0].length),
      };
  }
  if (!FOUR_DIGIT_YEAR.test(text)) return null;
  for (const result of strictChrono().parse(text, REFERENCE)) {
    const { start } = result;
    if (!start.isCertain('day') || !start.isCertain('month') || !start.isCertain('year')) continue;
    if (!FOUR_DIGIT_YEAR.test(result.text) || !MONTH_NAME.test(result.text)) continue;
    const found = isoFromParts(start.get('year') ?? 0, start.get('month') ?? 0, start.get('day') ?? 0);
    if (found) return { iso: found, start: result.index, end: result.index + result.text.length };
  }
  return null;
}

/** Length of an ISO time part (`T10:00:00.000Z`, ` 10:00+02:00`) right after a date, so it is consumed too. */
function isoTimeLength(text: string, from: number): number {
  const time = /^[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/.exec(
    text.slice(from, from + 40),
  );
  return time ? time[0].length : 0;
}

/**
 * A publication date given as a whole value (metadata, JSON field, S3 object metadata): ISO dates and
 * timestamps keep the calendar day as written; other texts must state day, month and year.
 */
export function parsePublished(value: unknown): string | null {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d{9,13}$/.test(text)) return fromEpoch(Number(text));
  const found = findDate(text);
  return found ? found.iso : null;
}

/** Epoch seconds or milliseconds → the UTC calendar day. */
function fromEpoch(value: number): string | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const ms = value < 1e11 ? value * 1000 : value;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  return isoFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}
