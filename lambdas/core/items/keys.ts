/**
 * Key formats of every item in the table. One place, so writers, queries, the CLI and the README agree.
 *
 * Sort keys that order by time start with an ISO date (YYYY-MM-DD or YYYY-MM); `#` (0x23) sorts before `-`,
 * so a month-precise key (`2016-09#…`) sorts before the days of that month. Items without a date use
 * UNDATED, which sorts before every real date and falls outside every date range.
 */

/** Date partitions (articles by day, events by month, aggregates) are spread over this many shards. */
export const DATE_SHARDS = 4;

/** Sort-key date of items that have none. */
export const UNDATED = '0000';

/** Discriminator attribute stored on every item. */
export type ItemType =
  | 'article'
  | 'quote'
  | 'event'
  | 'event-actor'
  | 'carrier'
  | 'article-head'
  | 'object'
  | 'rejection'
  | 'tally'
  /** A counter of the earlier layout (`TOP#…`): no longer written or read. */
  | 'aggregate';

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** Case-, accent- and spacing-insensitive form of a name, used in keys ("John  Kérry" → "john kerry"). */
export function nameKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** FNV-1a: a stable, well-spread hash so a given id always lands in the same shard. */
export function shardOf(text: string, shards: number = DATE_SHARDS): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

/**
 * The `EVM#<month>#<shard>` shard of an event: its CAMEO root's, so one root's events of a month are all in one
 * shard and "events of a root" reads one partition per month (filtered on `root`) instead of a root index.
 * Roots 01..20 go round-robin: shard = (root − 1) mod 4 (01, 05, 09, 13, 17 → 0; 02, 06, … → 1; 03, 07, … → 2;
 * 04, 08, … → 3). Anything else (not a CAMEO code) falls back to the hash. Events written before this layout
 * were sharded by the hash of their sort key (`npm run reprocess` re-files them).
 */
export function rootShard(root: string, shards: number = DATE_SHARDS): number {
  const code = /^\d{2}$/.test(root) ? Number(root) : 0;
  return code >= 1 && code <= 20 ? (code - 1) % shards : shardOf(root, shards);
}

/** 0-based positions as fixed-width numbers, so sort keys sort in document order. */
export function ordinal(index: number): string {
  return String(index).padStart(4, '0');
}

export function objectId(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}

export type AggregateMetric = 'speaker' | 'actor';
export type AggregatePeriod = 'day' | 'month';

/**
 * How a tally's period is named in its key. Tallies are kept per day; a `month` tally holds only what counts
 * for the month but no day (month-precise events, weeks), hence `month-only`: a month's ranking sums its days
 * and its month-only partition.
 */
export const AGGREGATE_PARTITION_PERIOD: Readonly<Record<AggregatePeriod, string>> = {
  day: 'day',
  month: 'month-only',
};

/** Base-table keys. */
export const keys = {
  articlePartition: (articleId: string): string => `ART#${articleId}`,
  article: (articleId: string): ItemKey => ({ pk: `ART#${articleId}`, sk: 'ARTICLE' }),
  /** Small record of the article's revision, writer lease and the tally items it has written. */
  head: (articleId: string): ItemKey => ({ pk: `ART#${articleId}`, sk: 'HEAD' }),
  quote: (articleId: string, index: number): ItemKey => ({
    pk: `ART#${articleId}`,
    sk: `Q#${ordinal(index)}`,
  }),
  event: (articleId: string, index: number): ItemKey => ({
    pk: `ART#${articleId}`,
    sk: `E#${ordinal(index)}`,
  }),
  eventActor: (articleId: string, index: number, actor: string): ItemKey => ({
    pk: `ART#${articleId}`,
    sk: `E#${ordinal(index)}#A#${nameKey(actor)}`,
  }),
  carrier: (articleId: string, bucket: string, key: string): ItemKey => ({
    pk: `ART#${articleId}`,
    sk: `SRC#${objectId(bucket, key)}`,
  }),
  object: (bucket: string, key: string): ItemKey => ({ pk: `OBJ#${objectId(bucket, key)}`, sk: 'OBJECT' }),
  rejection: (bucket: string, key: string): ItemKey => ({
    pk: `OBJ#${objectId(bucket, key)}`,
    sk: 'REJECTION',
  }),
  tallyPartition: (period: AggregatePeriod, value: string, shard: number): string =>
    `TAL#${AGGREGATE_PARTITION_PERIOD[period]}#${value}#${shard}`,
  /** What one article counts for one day (or month): its speakers' quotes and its actors' events. */
  tally: (period: AggregatePeriod, value: string, articleId: string): ItemKey => ({
    pk: keys.tallyPartition(period, value, shardOf(articleId)),
    sk: articleId,
  }),
} as const;

/** Sort-key prefixes of an article's content items (replaced as a whole on every rewrite). */
export const CONTENT_PREFIXES = ['Q#', 'E#'] as const;
export const CARRIER_PREFIX = 'SRC#';

/** GSI partition keys (sort keys are built with the items). */
export const indexKeys = {
  /** gsi1: articles by publisher, newest first. */
  publisher: (publisher: string): string => `PUB#${nameKey(publisher)}`,
  /** gsi2: articles by day, sharded. */
  day: (day: string, shard: number): string => `DAY#${day}#${shard}`,
  /** gsi1: quotes by speaker over time. */
  speaker: (speaker: string): string => `SPK#${nameKey(speaker)}`,
  /**
   * Events by actor over time: an event item is filed under its first distinct actor on gsi1 and its second on
   * gsi3 (same partition key, same sort key); event-actor items (gsi1) hold the third and further actors.
   */
  actor: (actor: string): string => `ACT#${nameKey(actor)}`,
  /** gsi2: events by month, sharded by CAMEO root (`rootShard`). */
  eventMonth: (month: string, shard: number): string => `EVM#${month}#${shard}`,
  /** gsi3: rejections, newest first (low volume: one partition). */
  rejections: (): string => 'REJ',
} as const;
