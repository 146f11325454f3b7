import * as chrono from 'chrono-node/en';
import type { Granularity } from './model';

/**
 * Resolution of news date expressions against the publication date.
 *
 * chrono-node finds and decomposes absolute expressions ("17 September 2016", "Sept. 17", "Tuesday"), but its
 * own resolution looks forward ("last February" becomes the next February, "December 31" in a January article
 * the coming one), so every value here is computed by our rules from the parts chrono recognised. News idioms
 * chrono does not know ("the same day", "last week" as a Monday–Sunday range, bare years) are matched here.
 */

export interface ResolvedDate {
  readonly value: string;
  readonly granularity: Granularity;
}

/** What a relative expression is resolved against. */
export interface DateContext {
  /** Publication date YYYY-MM-DD; without it relative expressions stay unresolved. */
  readonly published: string | null;
  /** The latest day-precise date mentioned before the expression ("the same day", "the next day"). */
  readonly lastDay?: string | null;
  /** The latest year mentioned before the expression ("the previous year"). */
  readonly lastYear?: number | null;
  /** A year stated earlier in the same sentence ("the 2016 elections in November"). */
  readonly sentenceYear?: number | null;
  /** The expression sits in a future-tense phrase ("will meet on Friday"): look forward, not back. */
  readonly future?: boolean;
}

/** Parts of a date expression as chrono recognised them (month 1–12, weekday 0 = Sunday). */
export interface DateParts {
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
  readonly weekday?: number;
}

export type DateModifier = 'last' | 'next' | 'this' | null;

const DAY_MS = 86_400_000;
/** A month-day without a year more than this far after publication is read as last year's. */
const FUTURE_SLACK_DAYS = 14;

/** Calendar dates are handled as UTC midnights so no local timezone leaks into results. */
function parseDay(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatDay(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function dayValue(date: Date): ResolvedDate {
  return { value: formatDay(date), granularity: 'day' };
}

function monthValue(year: number, month: number): ResolvedDate {
  // Normalise month arithmetic that ran past either end of the year.
  const date = new Date(Date.UTC(year, month - 1, 1));
  return { value: `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}`, granularity: 'month' };
}

function yearValue(year: number): ResolvedDate {
  return { value: pad(year, 4), granularity: 'year' };
}

function rangeValue(start: Date, end: Date): ResolvedDate {
  return { value: `${formatDay(start)}/${formatDay(end)}`, granularity: 'range' };
}

/** Monday of the ISO week containing `date`. */
function mondayOf(date: Date): Date {
  return addDays(date, -((date.getUTCDay() + 6) % 7));
}

function isValidDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

function countOf(word: string): number | null {
  const n = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word.toLowerCase()];
  return n === undefined || n <= 0 ? null : n;
}

type IdiomResolver = (match: RegExpExecArray, ctx: DateContext) => ResolvedDate | null;

interface Idiom {
  readonly pattern: RegExp;
  readonly resolve: IdiomResolver;
}

/** Resolves only when a publication date is known: relative expressions are never guessed. */
function fromPublished(
  resolve: (published: Date, match: RegExpExecArray) => ResolvedDate | null,
): IdiomResolver {
  return (match, ctx) => (ctx.published ? resolve(parseDay(ctx.published), match) : null);
}

function fromLastDay(offset: number): IdiomResolver {
  return (_match, ctx) => (ctx.lastDay ? dayValue(addDays(parseDay(ctx.lastDay), offset)) : null);
}

/** "the previous year" counts from the year the narrative is in, else from publication. */
function fromNarrativeYear(offset: number): IdiomResolver {
  return (_match, ctx) => {
    const base = ctx.lastYear ?? (ctx.published ? parseDay(ctx.published).getUTCFullYear() : null);
    return base === null ? null : yearValue(base + offset);
  };
}

function weekendAround(published: Date, which: 'last' | 'this' | 'next', future: boolean): ResolvedDate {
  const weekday = published.getUTCDay();
  // The Saturday of the weekend that contains or most recently precedes publication.
  const lastSaturday = addDays(published, -((weekday + 1) % 7));
  let saturday = lastSaturday;
  if (which === 'next' || (which === 'this' && future && weekday !== 6 && weekday !== 0)) {
    saturday = addDays(lastSaturday, 7);
  } else if (which === 'last' && (weekday === 6 || weekday === 0)) {
    saturday = addDays(lastSaturday, -7);
  }
  return rangeValue(saturday, addDays(saturday, 1));
}

const UNIT_AGO: Readonly<Record<string, (published: Date, n: number) => ResolvedDate>> = {
  day: (p, n) => dayValue(addDays(p, -n)),
  week: (p, n) => {
    const monday = mondayOf(addDays(p, -7 * n));
    return rangeValue(monday, addDays(monday, 6));
  },
  month: (p, n) => monthValue(p.getUTCFullYear(), p.getUTCMonth() + 1 - n),
  year: (p, n) => yearValue(p.getUTCFullYear() - n),
};

/** Anchored idioms, tried in order against a whole expression (timexes.ts finds them in text). */
const IDIOMS: readonly Idiom[] = [
  { pattern: /^the day before yesterday$/i, resolve: fromPublished((p) => dayValue(addDays(p, -2))) },
  { pattern: /^yesterday$/i, resolve: fromPublished((p) => dayValue(addDays(p, -1))) },
  { pattern: /^last night$/i, resolve: fromPublished((p) => dayValue(addDays(p, -1))) },
  {
    pattern: /^(?:(?:earlier|later) )?(?:today|tonight|this (?:morning|afternoon|evening))$/i,
    resolve: fromPublished((p) => dayValue(p)),
  },
  { pattern: /^tomorrow$/i, resolve: fromPublished((p) => dayValue(addDays(p, 1))) },
  {
    pattern: /^(?:the )?(?:last|previous) week$/i,
    resolve: fromPublished((p) => {
      const monday = addDays(mondayOf(p), -7);
      return rangeValue(monday, addDays(monday, 6));
    }),
  },
  {
    pattern: /^(?:the )?past (?:week|seven days)$/i,
    resolve: fromPublished((p) => rangeValue(addDays(p, -6), p)),
  },
  {
    pattern: /^(?:(?:earlier|later) )?this week$/i,
    resolve: fromPublished((p) => rangeValue(mondayOf(p), addDays(mondayOf(p), 6))),
  },
  {
    pattern: /^next week$/i,
    resolve: fromPublished((p) => rangeValue(addDays(mondayOf(p), 7), addDays(mondayOf(p), 13))),
  },
  {
    pattern: /^(last|this|next) weekend$/i,
    resolve: (m, ctx) =>
      ctx.published
        ? weekendAround(
            parseDay(ctx.published),
            (m[1] ?? 'this').toLowerCase() as 'last' | 'this' | 'next',
            ctx.future === true,
          )
        : null,
  },
  {
    pattern: /^(?:over|at) the weekend$/i,
    resolve: (_m, ctx) =>
      ctx.published ? weekendAround(parseDay(ctx.published), 'this', ctx.future === true) : null,
  },
  {
    pattern: /^(?:the )?(?:last|previous) month$/i,
    resolve: fromPublished((p) => monthValue(p.getUTCFullYear(), p.getUTCMonth())),
  },
  {
    pattern: /^(?:(?:earlier|later) )?this month$/i,
    resolve: fromPublished((p) => monthValue(p.getUTCFullYear(), p.getUTCMonth() + 1)),
  },
  {
    pattern: /^next month$/i,
    resolve: fromPublished((p) => monthValue(p.getUTCFullYear(), p.getUTCMonth() + 2)),
  },
  { pattern: /^last year$/i, resolve: fromPublished((p) => yearValue(p.getUTCFullYear() - 1)) },
  {
    pattern: /^(?:(?:earlier|later) )?this year$/i,
    resolve: fromPublished((p) => yearValue(p.getUTCFullYear())),
  },
  { pattern: /^next year$/i, resolve: fromPublished((p) => yearValue(p.getUTCFullYear() + 1)) },
  { pattern: /^(?:the (?:previous|preceding) year|the year before)$/i, resolve: fromNarrativeYear(-1) },
  { pattern: /^(?:the (?:following|next) year|a year later)$/i, resolve: fromNarrativeYear(1) },
  { pattern: /^(?:the same day|that (?:same )?day|on the same day)$/i, resolve: fromLastDay(0) },
  { pattern: /^(?:the (?:previous|preceding) day|the day before|a day earlier)$/i, resolve: fromLastDay(-1) },
  { pattern: /^(?:the (?:following|next) day|a day later)$/i, resolve: fromLastDay(1) },
  {
    pattern:
      /^(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (day|week|month|year)s? ago$/i,
    resolve: fromPublished((p, m) => {
      const n = countOf(m[1] ?? '');
      const unit = UNIT_AGO[(m[2] ?? '').toLowerCase()];
      return n === null || !unit ? null : unit(p, n);
    }),
  },
  {
    pattern: /^(?:the )?((?:1[89]|20)\d)0s$/i,
    resolve: (m) => {
      const decade = Number(m[1]) * 10;
      return { value: `${decade}/${decade + 9}`, granularity: 'range' };
    },
  },
  { pattern: /^((?:1[89]|20)\d\d)$/, resolve: (m) => yearValue(Number(m[1])) },
];

/** Resolves an expression chrono decomposed (with any "last"/"next"/"this" in front of it). */
export function resolveDateParts(
  parts: DateParts,
  modifier: DateModifier,
  ctx: DateContext,
): ResolvedDate | null {
  const { month, day, weekday } = parts;
  // "the 2016 elections in November": a year stated in the sentence, unless "last"/"next" says otherwise.
  const year =
    parts.year ?? (month !== undefined && modifier === null ? (ctx.sentenceYear ?? undefined) : undefined);
  const published = ctx.published ? parseDay(ctx.published) : null;
  if (month !== undefined && day !== undefined) {
    if (year !== undefined)
      return isValidDay(year, month, day) ? dayValue(new Date(Date.UTC(year, month - 1, day))) : null;
    if (!published) return null;
    return monthDayNear(published, month, day, modifier, ctx.future === true);
  }
  if (month !== undefined) {
    if (year !== undefined) return monthValue(year, month);
    if (!published) return null;
    return monthValue(monthYearNear(published, month, modifier, ctx.future === true), month);
  }
  if (weekday !== undefined) {
    if (!published) return null;
    return dayValue(weekdayNear(published, weekday, modifier, ctx.future === true));
  }
  if (year !== undefined) return yearValue(year);
  return null;
}

/** A month and day without a year: the publication year unless that lands well after publication. */
function monthDayNear(
  published: Date,
  month: number,
  day: number,
  modifier: DateModifier,
  future: boolean,
): ResolvedDate | null {
  let year = published.getUTCFullYear();
  const at = (y: number): Date => new Date(Date.UTC(y, month - 1, day));
  if (modifier === 'next' || future) {
    if (at(year).getTime() < published.getTime()) year += 1;
  } else if (modifier === 'last') {
    if (at(year).getTime() >= published.getTime()) year -= 1;
  } else if (at(year).getTime() > published.getTime() + FUTURE_SLACK_DAYS * DAY_MS) {
    year -= 1;
  }
  return isValidDay(year, month, day) ? dayValue(at(year)) : null;
}

/** A bare month is the most recent past one (the current month included); "last" excludes the current. */
function monthYearNear(published: Date, month: number, modifier: DateModifier, future: boolean): number {
  const year = published.getUTCFullYear();
  const current = published.getUTCMonth() + 1;
  if (modifier === 'this') return year;
  if (modifier === 'next') return month <= current ? year + 1 : year;
  if (modifier === 'last') return month >= current ? year - 1 : year;
  if (future) return month < current ? year + 1 : year;
  return month > current ? year - 1 : year;
}

/** A weekday is the most recent such day on or before publication (news report the past). */
function weekdayNear(published: Date, weekday: number, modifier: DateModifier, future: boolean): Date {
  const back = (published.getUTCDay() - weekday + 7) % 7;
  if (modifier === 'last') return addDays(published, back === 0 ? -7 : -back);
  if (modifier === 'next') {
    const ahead = (weekday - published.getUTCDay() + 7) % 7;
    return addDays(published, ahead === 0 ? 7 : ahead);
  }
  if (future) return addDays(published, (weekday - published.getUTCDay() + 7) % 7);
  return addDays(published, -back);
}

/** Idioms first; they cover what chrono gets wrong or does not know. */
function resolveIdiom(
  expression: string,
  ctx: DateContext,
): { matched: boolean; value: ResolvedDate | null } {
  for (const idiom of IDIOMS) {
    const match = idiom.pattern.exec(expression);
    if (match) return { matched: true, value: idiom.resolve(match, ctx) };
  }
  return { matched: false, value: null };
}

const MODIFIER = /^(?:(last|next|this|early|mid|late|earlier|later)[\s-]+)/i;
const OF_YEAR = /\s+(?:of\s+)?(last|next|this) year$/i;

/** Normalises the words around a date that change its meaning but that chrono drops. */
export function splitModifier(expression: string): {
  core: string;
  modifier: DateModifier;
  yearShift: number | null;
} {
  let core = expression.trim().replace(/^(?:on|in|since|by|until|from|during|as of)\s+/i, '');
  let modifier: DateModifier = null;
  const lead = MODIFIER.exec(core);
  if (lead) {
    const word = (lead[1] ?? '').toLowerCase();
    if (word === 'last' || word === 'next' || word === 'this') modifier = word;
    core = core.slice(lead[0].length);
  }
  let yearShift: number | null = null;
  const tail = OF_YEAR.exec(core);
  if (tail) {
    const word = (tail[1] ?? '').toLowerCase();
    yearShift = word === 'last' ? -1 : word === 'next' ? 1 : 0;
    core = core.slice(0, tail.index);
  }
  return { core, modifier, yearShift };
}

/** chrono's components for one expression, or null when it recognises no calendar date in it. */
export function partsFromChrono(components: chrono.ParsedResult['start']): DateParts | null {
  const known = (c: chrono.Component): number | undefined => {
    const v = components.isCertain(c) ? components.get(c) : null;
    return v === null ? undefined : v;
  };
  const parts: DateParts = {
    year: known('year'),
    month: known('month'),
    day: known('day'),
    weekday: known('weekday'),
  };
  return parts.month === undefined && parts.weekday === undefined && parts.year === undefined ? null : parts;
}

/** chrono also reads durations, clock times and "Sun"; keep only results naming a month, weekday or numeric date. */
export const CALENDAR_WORD =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?=\s*\d)|\b\d{1,4}[/-]\d{1,2}[/-]\d{1,4}\b/;

const REFERENCE = { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 };

/**
 * Resolves one date expression ("Tuesday", "last February", "on September 17", "the same day") against the
 * context. Returns null when it is not a date or cannot be resolved without a publication date.
 */
export function resolveRelativeDate(expression: string, ctx: DateContext): ResolvedDate | null {
  const { core, modifier, yearShift } = splitModifier(expression);
  const idiom = resolveIdiom(core, ctx);
  if (idiom.matched) return idiom.value;
  const whole = resolveIdiom(expression.trim(), ctx);
  if (whole.matched) return whole.value;
  const [parsed] = chrono.casual.parse(core, REFERENCE);
  if (!parsed || !CALENDAR_WORD.test(parsed.text)) return null;
  const parts = partsFromChrono(parsed.start);
  if (!parts) return null;
  return resolveWithYearShift(parts, modifier, yearShift, ctx);
}

/** "September of last year": the year comes from publication, then the rest resolves as usual. */
export function resolveWithYearShift(
  parts: DateParts,
  modifier: DateModifier,
  yearShift: number | null,
  ctx: DateContext,
): ResolvedDate | null {
  if (yearShift === null || parts.year !== undefined) return resolveDateParts(parts, modifier, ctx);
  if (!ctx.published) return null;
  return resolveDateParts(
    { ...parts, year: parseDay(ctx.published).getUTCFullYear() + yearShift },
    null,
    ctx,
  );
}
