import * as chrono from 'chrono-node/en';
import {
  CALENDAR_WORD,
  partsFromChrono,
  resolveDateParts,
  resolveRelativeDate,
  resolveWithYearShift,
  splitModifier,
  type DateContext,
  type DateParts,
  type ResolvedDate,
} from './dates';
import type { Timex } from './model';
import { splitSentences, type Span as SentenceSpan } from './sentences';

/**
 * Every date expression in an article body, resolved in reading order so that "the same day" and
 * "the previous year" can lean on the dates mentioned before them.
 */

interface Span {
  readonly start: number;
  readonly end: number;
  readonly resolve: (ctx: DateContext) => ResolvedDate | null;
}

const PARAGRAPH_SEPARATOR = '\n\n';

/** Relative idioms chrono does not know or resolves forward; dates.ts gives their values. */
const RELATIVE =
  /\b(?:the day before yesterday|yesterday|last night|(?:(?:earlier|later) )?(?:today|tonight|this (?:morning|afternoon|evening))|tomorrow|(?:the )?(?:last|previous) (?:week|month)|(?:the )?past (?:week|seven days)|(?:(?:earlier|later) )?this (?:week|month|year)|next (?:week|month|year)|(?:last|this|next) weekend|(?:over|at) the weekend|last year|the (?:previous|preceding|following|next) (?:year|day)|the year before|a year later|the same day|that (?:same )?day|the day before(?!\s+(?:the|a|an|his|her|its|their|yesterday)\b)|a day (?:earlier|later)|(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:day|week|month|year)s? ago|the (?:1[89]|20)\d0s)\b/gi;

/** A bare year only after a word that makes it a date ("in 2013", "the 2016 elections", "since 2011"). */
const BARE_YEAR =
  /\b(?:in|since|by|until|till|from|to|through|during|before|after|of|early|late|mid|around|between|and|the|year|summer|spring|autumn|fall|winter)[\s-]+((?:19|20)\d\d)\b(?![,.]?\d|\s+(?:people|persons|men|women|children|troops|soldiers|civilians|residents|refugees|fighters|members|votes|km|kilometres|kilometers|miles|metres|meters|tons|tonnes|dollars|euros|pounds)\b)/gi;

const RANGE_SPLIT = /^(.*?)(\s*(?:-|–|\buntil\b|\btill\b|\bto\b|\bthrough\b)\s*)(.+)$/;
const LEADING_PREPOSITION = /^(?:(?:on|in|at|since|by|from|until|as of|of)\s+)+/i;
const LEADING_MODIFIER = /\b(?:last|next|this|early|mid|late|earlier|later)[\s-]+$/i;
const TRAILING_YEAR_SHIFT = /^,?\s*(?:of\s+)?(?:last|next|this) year\b/i;

/** Words just before an expression that put it in the future ("will meet on Friday", "are to meet Tuesday"). */
const FUTURE_CUE =
  /\b(?:will|shall|'ll|is to|are to|is due|are due|scheduled|set to|plans? to|planned|expected (?:to|in)|anticipated|to (?:begin|start|open|take place|be held)|upcoming|coming)\b/i;
const FUTURE_WINDOW_WORDS = 8;

/** Between two expressions: a sentence end or a paragraph break. */
const SENTENCE_BREAK = /[.!?]["”’)]?\s+(?:["“‘(]?[A-Z]|$)|\n/;

const REFERENCE = { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 };

function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((s) => s.start < end && start < s.end);
}

/**
 * chrono is the costliest step, so it reads only the sentences that name a month, a weekday or a numeric date,
 * joined into one text (one call costs far less than one per sentence); offsets are mapped back to `body`.
 */
function chronoSpans(
  body: string,
  paragraphs: readonly string[],
  starts: readonly number[],
  sentences: readonly (readonly SentenceSpan[])[],
): Span[] {
  let compact = '';
  const shifts: Array<{ from: number; shift: number }> = [];
  paragraphs.forEach((paragraph, i) => {
    if (!CALENDAR_WORD.test(paragraph)) return;
    for (const sentence of sentences[i] ?? splitSentences(paragraph)) {
      const text = paragraph.slice(sentence.start, sentence.end);
      if (!CALENDAR_WORD.test(text)) continue;
      shifts.push({ from: compact.length, shift: (starts[i] ?? 0) + sentence.start - compact.length });
      compact += text + PARAGRAPH_SEPARATOR;
    }
  });
  const spans: Span[] = [];
  for (const result of compact ? chrono.casual.parse(compact, REFERENCE) : []) {
    let text = result.text;
    const segment = shifts.filter((s) => s.from <= result.index).pop();
    let start = result.index + (segment?.shift ?? 0);
    if (!CALENDAR_WORD.test(text)) continue;
    // "this week on Wednesday": the day is the expression; "this week" is read by the relative patterns.
    const week = /^(?:this|last|next) week,?\s+(?:on\s+)?(?=\p{Lu})/u.exec(text);
    let components = result.start;
    if (week) {
      text = text.slice(week[0].length);
      start += week[0].length;
      // chrono leaves the weekday of "this week on Wednesday" implied: read the day alone.
      components = chrono.casual.parse(text, REFERENCE)[0]?.start ?? components;
    }
    const lead = LEADING_PREPOSITION.exec(text);
    if (lead) {
      text = text.slice(lead[0].length);
      start += lead[0].length;
    }
    // chrono sometimes swallows trailing punctuation or a dangling "of" ("September of last year").
    text = text.replace(/(?:\s+of|[\s,.;:]+)$/i, '');
    let end = start + text.length;
    if (text.includes('\n')) continue;
    let parts = partsFromChrono(components);
    const endParts = result.end ? partsFromChrono(result.end) : null;
    const range = RANGE_SPLIT.exec(text);
    let rangeEnd: DateParts | null = null;
    if (endParts && range && !/\d|[A-Z]/.test(range[1] ?? '')) {
      // "from now until January 2017": only the calendar end is a date.
      const skip = (range[1] ?? '').length + (range[2] ?? '').length;
      text = text.slice(skip);
      start += skip;
      end = start + text.length;
      parts = endParts;
    } else if (endParts?.day !== undefined && parts?.day !== undefined) {
      // "March 15 to 17": a range of days.
      rangeEnd = endParts;
    }
    if (!parts) continue;
    const startParts = parts;
    // A lowercase "march"/"may" is a verb or a noun; "Sun" alone is a newspaper.
    if (parts.day === undefined && parts.year === undefined && !/^[A-Z]/.test(text)) continue;
    const before = LEADING_MODIFIER.exec(body.slice(Math.max(0, start - 12), start));
    if (before) start -= before[0].length;
    const after = TRAILING_YEAR_SHIFT.exec(body.slice(end, end + 20));
    if (after) end += after[0].length;
    if (overlaps(spans, start, end)) continue;
    const expression = body.slice(start, end);
    spans.push({
      start,
      end,
      resolve: (ctx) => {
        const { modifier, yearShift } = splitModifier(expression);
        const first = resolveWithYearShift(startParts, modifier, yearShift, ctx);
        if (!rangeEnd || first?.granularity !== 'day') return first;
        // The end takes the start's year and month unless it names its own.
        const [year, month] = first.value.split('-').map(Number);
        const last = resolveDateParts({ year, month, ...rangeEnd }, null, ctx);
        return last?.granularity === 'day' && last.value > first.value
          ? { value: `${first.value}/${last.value}`, granularity: 'range' }
          : first;
      },
    });
  }
  return spans;
}

function patternSpans(body: string, pattern: RegExp, group: number, taken: readonly Span[]): Span[] {
  const spans: Span[] = [];
  for (const match of body.matchAll(pattern)) {
    const text = match[group];
    if (text === undefined || match.index === undefined) continue;
    const start = match.index + match[0].lastIndexOf(text);
    const end = start + text.length;
    if (overlaps(taken, start, end) || overlaps(spans, start, end)) continue;
    spans.push({ start, end, resolve: (ctx) => resolveRelativeDate(text, ctx) });
  }
  return spans;
}

function isFuture(body: string, start: number): boolean {
  const before = body.slice(Math.max(0, start - 80), start);
  const clause = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n')) + 1);
  const words = clause.trim().split(/\s+/).slice(-FUTURE_WINDOW_WORDS).join(' ');
  return FUTURE_CUE.test(words);
}

/** The paragraph index and paragraph-relative offset of a body offset. */
function locate(starts: readonly number[], offset: number): { paragraph: number; offset: number } {
  let paragraph = 0;
  while (paragraph + 1 < starts.length && (starts[paragraph + 1] ?? Infinity) <= offset) paragraph += 1;
  return { paragraph, offset: offset - (starts[paragraph] ?? 0) };
}

/** All date expressions in the paragraphs, resolved against `published` (YYYY-MM-DD or null). */
export function extractTimexes(
  paragraphs: readonly string[],
  published: string | null,
  // Sentence spans of each paragraph when the caller has them (enrichArticle shares them across stages).
  sentences: readonly (readonly SentenceSpan[])[] = [],
): Timex[] {
  const body = paragraphs.join(PARAGRAPH_SEPARATOR);
  const starts: number[] = [];
  let at = 0;
  for (const p of paragraphs) {
    starts.push(at);
    at += p.length + PARAGRAPH_SEPARATOR.length;
  }
  const fromChrono = chronoSpans(body, paragraphs, starts, sentences);
  const relative = patternSpans(body, RELATIVE, 0, fromChrono);
  const years = patternSpans(body, BARE_YEAR, 1, [...fromChrono, ...relative]);
  const spans = [...fromChrono, ...relative, ...years].sort((a, b) => a.start - b.start);

  const timexes: Timex[] = [];
  let lastDay: string | null = null;
  let lastYear: number | null = null;
  let sentenceYear: number | null = null;
  let previousEnd = 0;
  for (const span of spans) {
    if (SENTENCE_BREAK.test(body.slice(previousEnd, span.start))) sentenceYear = null;
    previousEnd = span.end;
    const value = span.resolve({
      published,
      lastDay,
      lastYear,
      sentenceYear,
      future: isFuture(body, span.start),
    });
    if (value?.granularity === 'day') lastDay = value.value;
    if (value) lastYear = Number(value.value.slice(0, 4));
    if (value?.granularity === 'year') sentenceYear = lastYear;
    const where = locate(starts, span.start);
    timexes.push({
      text: body.slice(span.start, span.end),
      value: value?.value ?? null,
      granularity: value?.granularity ?? null,
      paragraph: where.paragraph,
      start: where.offset,
      end: where.offset + (span.end - span.start),
    });
  }
  return timexes;
}
