import type { GoldArticle, GoldEvent, GoldMetadata, GoldQuote } from './gold';
import { quoteOverlap, QUOTE_MATCH_THRESHOLD } from './quote-match';

/**
 * Scores one article's extraction against its gold annotation. Pure: the CLI (bin/eval.ts) does the I/O.
 *
 * - metadata: title, subtitle, authors (as a set), published and language compared field by field after
 *   whitespace and apostrophe normalisation, from a parse WITHOUT the published hint (it measures the parser).
 * - quote precision: predicted quotes matching any must or optional gold quote / all predicted quotes.
 * - quote recall: must gold quotes matched by some predicted quote / must gold quotes.
 * - speaker: over the must quotes found, the best-overlapping prediction's speaker name contains one of
 *   the gold speaker strings (case-insensitive).
 * - event recall: must gold events whose anchor occurs in the sentence of some predicted event (whitespace,
 *   apostrophes and case normalised) / must gold events.
 * - event date / root: over the must events found, the aligned prediction (the first candidate whose root is
 *   among the gold roots, else the first candidate) has exactly the gold date (null included) / a gold root.
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
}

export interface ArticleScore {
  metadata: Ratio;
  quotePrecision: Ratio;
  quoteRecall: Ratio;
  speaker: Ratio;
  eventRecall: Ratio;
  eventDate: Ratio;
  eventRoot: Ratio;
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

export function scoreMetadata(gold: GoldMetadata, predicted: GoldMetadata, notes: string[]): Ratio {
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

export function scoreEvents(
  gold: readonly GoldEvent[],
  predicted: readonly PredictedEvent[],
  notes: string[],
): Pick<ArticleScore, 'eventRecall' | 'eventDate' | 'eventRoot'> {
  const must = gold.filter((g) => g.status === 'must');
  let found = 0;
  let dates = 0;
  let roots = 0;
  for (const g of must) {
    const anchor = normalise(g.anchor).toLowerCase();
    const candidates = predicted.filter((p) => normalise(p.sentence).toLowerCase().includes(anchor));
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
  }
  return {
    eventRecall: ratio(found, must.length),
    eventDate: ratio(dates, found),
    eventRoot: ratio(roots, found),
  };
}

export interface ArticlePrediction {
  /** Metadata from a parse without the published hint. */
  readonly metadata: GoldMetadata;
  readonly quotes: readonly PredictedQuote[];
  readonly events: readonly PredictedEvent[];
}

export function scoreArticle(gold: GoldArticle, prediction: ArticlePrediction): ArticleScore {
  const notes: string[] = [];
  const metadata = scoreMetadata(gold.metadata, prediction.metadata, notes);
  return {
    metadata,
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
  };
}

/** Two decimals, or "n/a" when nothing was there to measure. */
export function formatRate(r: Ratio): string {
  return r.total === 0 ? 'n/a' : (r.hit / r.total).toFixed(2);
}

/** The stable, machine-readable last line of `npm run eval`. */
export function formatSummary(t: Totals): string {
  return (
    `summary: metadata=${formatRate(t.metadata)} quote_p=${formatRate(t.quotePrecision)} ` +
    `quote_r=${formatRate(t.quoteRecall)} speaker=${formatRate(t.speaker)} ` +
    `event_recall=${formatRate(t.eventRecall)} event_date=${formatRate(t.eventDate)} ` +
    `event_root=${formatRate(t.eventRoot)}`
  );
}

/** One line per article with the raw counts. */
export function formatArticle(name: string, s: Totals): string {
  const f = (r: Ratio): string => `${r.hit}/${r.total}`;
  return (
    `${name}: metadata=${f(s.metadata)} quote_p=${f(s.quotePrecision)} quote_r=${f(s.quoteRecall)} ` +
    `speaker=${f(s.speaker)} event_recall=${f(s.eventRecall)} event_date=${f(s.eventDate)} event_root=${f(s.eventRoot)}`
  );
}
