import type { GoldArticle, GoldEvent, GoldMetadata, GoldQuote } from './gold';
import { quoteOverlap, QUOTE_MATCH_THRESHOLD } from './quote-match';

/**
 * Scores one article's extraction against its gold annotation. Pure: the CLI (bin/eval.ts) does the I/O.
 *
 * - metadata: title, subtitle, authors (as a set), published and language compared field by field after
 *   whitespace and apostrophe normalisation, from a parse WITHOUT the published hint (it measures the parser).
 *   title and authors are also counted on their own (one per article), and body where the gold gives its ends:
 *   the first paragraph starts with body.first and the last ends with body.last.
 * - quote precision: predicted quotes matching any must or optional gold quote / all predicted quotes.
 * - quote recall: must gold quotes matched by some predicted quote / must gold quotes.
 * - speaker: over the must quotes found, the best-overlapping prediction's speaker name contains one of
 *   the gold speaker strings (case-insensitive).
 * - event recall: must gold events whose anchor occurs in the sentence of some predicted event (whitespace,
 *   apostrophes and case normalised) / must gold events.
 * - event date / root: over the must events found, the aligned prediction (the first candidate whose root is
 *   among the gold roots, else the first candidate) has exactly the gold date (null included) / a gold root.
 * - event source: over the must events found that name actors, the aligned prediction's source (else its first
 *   source actor) names the gold's first actor (see sameActor).
 * - event precision: predicted events whose sentence holds the anchor of a must gold event / predicted events,
 *   leaving out those whose sentence holds only optional gold events (debatable ones are neither rewarded nor
 *   punished). A prediction in a sentence that reports no gold event counts as wrong.
 */

export interface Ratio {
  hit: number;
  total: number;
}

export interface PredictedQuote {
  readonly text: string;
  readonly speaker: { readonly name: string };
}

export interface PredictedEvent {
  readonly sentence: string;
  readonly date: string | null;
  readonly action: { readonly root: string };
  /** Who acted; older extractions have only `actors`. */
  readonly source?: { readonly name: string } | null;
  readonly actors?: readonly { readonly name: string; readonly role: string }[];
}

export interface ArticleScore {
  metadata: Ratio;
  quotePrecision: Ratio;
  quoteRecall: Ratio;
  speaker: Ratio;
  eventRecall: Ratio;
  eventDate: Ratio;
  eventRoot: Ratio;
  eventPrecision: Ratio;
  eventSource: Ratio;
  title: Ratio;
  authors: Ratio;
  body: Ratio;
  /** One line per miss, for --verbose. */
  notes: string[];
}

const ratio = (hit: number, total: number): Ratio => ({ hit, total });

function normalise(text: string): string {
  return text.replace(/[’‘`]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

function sameValue(gold: string | null, predicted: string | null): boolean {
  return (gold === null ? null : normalise(gold)) === (predicted === null ? null : normalise(predicted));
}

/** What the parser read, in the shape of the gold metadata, with the body paragraphs. */
export interface PredictedMetadata {
  readonly title: string | null;
  readonly subtitle: string | null;
  readonly authors: readonly string[];
  readonly published: string | null;
  readonly language: string | null;
  readonly paragraphs?: readonly string[];
}

export function scoreMetadata(gold: GoldMetadata, predicted: PredictedMetadata, notes: string[]): Ratio {
  let hit = 0;
  const check = (field: string, ok: boolean, g: unknown, p: unknown): void => {
    if (ok) hit += 1;
    else notes.push(`metadata ${field}: expected ${JSON.stringify(g)}, got ${JSON.stringify(p)}`);
  };
  check('title', sameValue(gold.title, predicted.title), gold.title, predicted.title);
  check('subtitle', sameValue(gold.subtitle, predicted.subtitle), gold.subtitle, predicted.subtitle);
  const authors = (list: readonly string[]): string => list.map(normalise).sort().join('|');
  check('authors', authors(gold.authors) === authors(predicted.authors), gold.authors, predicted.authors);
  check('published', sameValue(gold.published, predicted.published), gold.published, predicted.published);
  check('language', sameValue(gold.language, predicted.language), gold.language, predicted.language);
  return ratio(hit, 5);
}

/** Title, authors and (where the gold gives it) body on their own; the notes come from scoreMetadata and here. */
export function scoreMetadataFields(
  gold: GoldMetadata,
  predicted: PredictedMetadata,
  notes: string[],
): Pick<ArticleScore, 'title' | 'authors' | 'body'> {
  const authors = (list: readonly string[]): string => list.map(normalise).sort().join('|');
  let body = ratio(0, 0);
  if (gold.body) {
    const paragraphs = predicted.paragraphs ?? [];
    const first = normalise(paragraphs[0] ?? '');
    const last = normalise(paragraphs.at(-1) ?? '');
    const ok = first.startsWith(normalise(gold.body.first)) && last.endsWith(normalise(gold.body.last));
    body = ratio(ok ? 1 : 0, 1);
    if (!ok)
      notes.push(
        `metadata body: expected ${JSON.stringify(gold.body.first)} … ${JSON.stringify(gold.body.last)}, ` +
          `got ${JSON.stringify(first.slice(0, 40))} … ${JSON.stringify(last.slice(-40))}`,
      );
  }
  return {
    title: ratio(sameValue(gold.title, predicted.title) ? 1 : 0, 1),
    authors: ratio(authors(gold.authors) === authors(predicted.authors) ? 1 : 0, 1),
    body,
  };
}

function bestMatch<T extends PredictedQuote>(gold: GoldQuote, predicted: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestOverlap = QUOTE_MATCH_THRESHOLD;
  for (const p of predicted) {
    const overlap = quoteOverlap(gold.text, p.text);
    if (overlap >= bestOverlap) {
      best = p;
      bestOverlap = overlap;
    }
  }
  return best;
}

export function scoreQuotes(
  gold: readonly GoldQuote[],
  predicted: readonly PredictedQuote[],
  notes: string[],
): Pick<ArticleScore, 'quotePrecision' | 'quoteRecall' | 'speaker'> {
  let correct = 0;
  for (const p of predicted) {
    if (gold.some((g) => quoteOverlap(g.text, p.text) >= QUOTE_MATCH_THRESHOLD)) correct += 1;
    else notes.push(`false quote: ${JSON.stringify(p.text.slice(0, 90))} (${p.speaker.name})`);
  }
  const must = gold.filter((g) => g.status === 'must');
  let found = 0;
  let speakers = 0;
  for (const g of must) {
    const match = bestMatch(g, predicted);
    if (!match) {
      notes.push(`missed quote: ${JSON.stringify(g.text.slice(0, 90))}`);
      continue;
    }
    found += 1;
    const name = match.speaker.name.toLowerCase();
    if (g.speaker.some((s) => name.includes(s.toLowerCase()))) speakers += 1;
    else
      notes.push(
        `wrong speaker for ${JSON.stringify(g.text.slice(0, 50))}: ${match.speaker.name} (gold ${g.speaker.join(' / ')})`,
      );
  }
  return {
    quotePrecision: ratio(correct, predicted.length),
    quoteRecall: ratio(found, must.length),
    speaker: ratio(speakers, found),
  };
}

function goldRoots(event: GoldEvent): string[] {
  return Array.isArray(event.root) ? event.root : [event.root];
}

const ACTOR_STOPWORDS = new Set(['the', 'of', 'and', 'for', 'president', 'minister', 'secretary', 'state']);

/** Content words of an actor name, lower-cased ("the U.S. House" → u.s., house). */
function actorWords(name: string): string[] {
  return normalise(name)
    .toLowerCase()
    .split(/[^\p{L}\p{N}.']+/u)
    .map((w) => w.replace(/^[.']+|[.']+$/g, ''))
    .filter((w) => w.length >= 3 && !ACTOR_STOPWORDS.has(w));
}

/**
 * A predicted actor names the gold one when either name contains the other (case-insensitive) or they share a
 * content word: "Trump" and "Donald Trump", "Houthi movement" and "the Houthi movement". Titles alone
 * ("President") do not count.
 */
export function sameActor(gold: string, predicted: string): boolean {
  const g = normalise(gold).toLowerCase();
  const p = normalise(predicted).toLowerCase();
  if (g.length === 0 || p.length === 0) return false;
  if (g.includes(p) || p.includes(g)) return true;
  const words = new Set(actorWords(gold));
  return actorWords(predicted).some((w) => words.has(w));
}

function predictedSource(p: PredictedEvent): string | null {
  return p.source?.name ?? p.actors?.find((a) => a.role === 'source')?.name ?? null;
}

export function scoreEvents(
  gold: readonly GoldEvent[],
  predicted: readonly PredictedEvent[],
  notes: string[],
): Pick<ArticleScore, 'eventRecall' | 'eventDate' | 'eventRoot' | 'eventPrecision' | 'eventSource'> {
  const holds = (p: PredictedEvent, g: GoldEvent): boolean =>
    normalise(p.sentence).toLowerCase().includes(normalise(g.anchor).toLowerCase());
  const must = gold.filter((g) => g.status === 'must');
  let found = 0;
  let dates = 0;
  let roots = 0;
  let sources = 0;
  let sourced = 0;
  for (const g of must) {
    const candidates = predicted.filter((p) => holds(p, g));
    const acceptable = goldRoots(g);
    const aligned = candidates.find((p) => acceptable.includes(p.action.root)) ?? candidates[0];
    if (!aligned) {
      notes.push(`missed event: ${JSON.stringify(g.anchor)}`);
      continue;
    }
    found += 1;
    if (aligned.date === g.date) dates += 1;
    else
      notes.push(
        `wrong date for ${JSON.stringify(g.anchor)}: ${String(aligned.date)} (gold ${String(g.date)})`,
      );
    if (acceptable.includes(aligned.action.root)) roots += 1;
    else
      notes.push(
        `wrong root for ${JSON.stringify(g.anchor)}: ${aligned.action.root} (gold ${acceptable.join('/')})`,
      );
    const goldSource = g.actors[0];
    if (goldSource !== undefined) {
      sourced += 1;
      const source = predictedSource(aligned);
      if (source !== null && sameActor(goldSource, source)) sources += 1;
      else notes.push(`wrong source for ${JSON.stringify(g.anchor)}: ${String(source)} (gold ${goldSource})`);
    }
  }
  let correct = 0;
  let judged = 0;
  for (const p of predicted) {
    if (gold.some((g) => g.status === 'must' && holds(p, g))) {
      correct += 1;
      judged += 1;
    } else if (!gold.some((g) => holds(p, g))) {
      judged += 1;
      notes.push(`false event: ${p.action.root} ${JSON.stringify(normalise(p.sentence).slice(0, 90))}`);
    }
  }
  return {
    eventRecall: ratio(found, must.length),
    eventDate: ratio(dates, found),
    eventRoot: ratio(roots, found),
    eventPrecision: ratio(correct, judged),
    eventSource: ratio(sources, sourced),
  };
}

export interface ArticlePrediction {
  /** Metadata from a parse without the published hint. */
  readonly metadata: PredictedMetadata;
  readonly quotes: readonly PredictedQuote[];
  readonly events: readonly PredictedEvent[];
}

export function scoreArticle(gold: GoldArticle, prediction: ArticlePrediction): ArticleScore {
  const notes: string[] = [];
  const metadata = scoreMetadata(gold.metadata, prediction.metadata, notes);
  return {
    metadata,
    ...scoreMetadataFields(gold.metadata, prediction.metadata, notes),
    ...scoreQuotes(gold.quotes, prediction.quotes, notes),
    ...scoreEvents(gold.events, prediction.events, notes),
    notes,
  };
}

export type Totals = Omit<ArticleScore, 'notes'>;

type Measure = keyof Totals;

/** Micro-averaged totals: every quote and event counts once, whatever article it is in. */
export function sumScores(scores: readonly Totals[]): Totals {
  const total = (key: Measure): Ratio =>
    scores.reduce((acc, s) => ratio(acc.hit + s[key].hit, acc.total + s[key].total), ratio(0, 0));
  return {
    metadata: total('metadata'),
    quotePrecision: total('quotePrecision'),
    quoteRecall: total('quoteRecall'),
    speaker: total('speaker'),
    eventRecall: total('eventRecall'),
    eventDate: total('eventDate'),
    eventRoot: total('eventRoot'),
    eventPrecision: total('eventPrecision'),
    eventSource: total('eventSource'),
    title: total('title'),
    authors: total('authors'),
    body: total('body'),
  };
}

/** Two decimals, or "n/a" when nothing was there to measure. */
export function formatRate(r: Ratio): string {
  return r.total === 0 ? 'n/a' : (r.hit / r.total).toFixed(2);
}

/** The measures in print order with their output keys; keys are a contract (add, never rename). */
export const MEASURES: readonly (readonly [Measure, string])[] = [
  ['metadata', 'metadata'],
  ['quotePrecision', 'quote_p'],
  ['quoteRecall', 'quote_r'],
  ['speaker', 'speaker'],
  ['eventRecall', 'event_recall'],
  ['eventDate', 'event_date'],
  ['eventRoot', 'event_root'],
  ['eventPrecision', 'event_p'],
  ['eventSource', 'event_source'],
  ['title', 'title'],
  ['authors', 'authors'],
  ['body', 'body'],
];

/**
 * The stable, machine-readable last line of `npm run eval` (label "summary"); the same shape labelled "dev" or
 * "test" for each half of a split gold file. Later measures are appended, so existing keys keep their place.
 */
export function formatSummary(t: Totals, label = 'summary'): string {
  return `${label}: ${MEASURES.map(([m, key]) => `${key}=${formatRate(t[m])}`).join(' ')}`;
}

/** One line per article with the raw counts. */
export function formatArticle(name: string, s: Totals): string {
  return `${name}: ${MEASURES.map(([m, key]) => `${key}=${s[m].hit}/${s[m].total}`).join(' ')}`;
}

/** Ratios as numbers for --json: the rate is null when there was nothing to measure. */
export function totalsJson(t: Totals): Record<string, { hit: number; total: number; rate: number | null }> {
  return Object.fromEntries(
    MEASURES.map(([m, key]) => [
      key,
      { hit: t[m].hit, total: t[m].total, rate: t[m].total === 0 ? null : t[m].hit / t[m].total },
    ]),
  );
}

/** A minimum per output key, from `--min quote_p=1,event_recall=0.95`. */
export function parseThresholds(spec: string): Map<string, number> {
  const keys = new Set(MEASURES.map(([, key]) => key));
  const out = new Map<string, number>();
  for (const part of spec.split(',').filter((p) => p.trim().length > 0)) {
    const match = /^\s*([a-z_]+)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!match?.[1] || !match[2] || !keys.has(match[1]))
      throw new Error(
        `bad threshold ${JSON.stringify(part)}: expected KEY=RATE with KEY one of ${[...keys].join(', ')}`,
      );
    const rate = Number(match[2]);
    if (rate > 1) throw new Error(`bad threshold ${JSON.stringify(part)}: a rate is at most 1`);
    out.set(match[1], rate);
  }
  return out;
}

/** The measures below their minimum, as "key=0.93<0.95"; a measure with nothing to measure fails its minimum. */
export function belowThresholds(t: Totals, thresholds: ReadonlyMap<string, number>): string[] {
  const failures: string[] = [];
  for (const [m, key] of MEASURES) {
    const min = thresholds.get(key);
    if (min === undefined) continue;
    const r = t[m];
    // Exact, not the printed two decimals: a minimum of 1 needs every item right.
    if (r.total === 0 || r.hit / r.total < min) failures.push(`${key}=${formatRate(r)}<${min.toFixed(2)}`);
  }
  return failures;
}
