/**
 * The typed read side of the table: one function per access pattern (README "Query patterns"), each a
 * DynamoDB Query (never a Scan). Sharded partitions are queried together and merged, so pages come out in
 * one global order; a page's `cursor` continues exactly where it stopped.
 */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  type AggregateMetric,
  type AggregatePeriod,
  DATE_SHARDS,
  decodeBody,
  indexKeys,
  keys,
  nameKey,
  rootShard,
  sumTallies,
  TALLY_ATTRIBUTES,
} from '../core/items';
import { CAMEO_LABELS } from '../core/enrich/cameo';
import type { CameoRoot } from '../core/enrich/model';
import { INDEXES } from '../core/table-schema';

export interface Page<T> {
  readonly items: T[];
  /** Pass back to get the next page; null when there is none. */
  readonly cursor: string | null;
}

export interface PageOptions {
  /** Items per page (default 25). */
  readonly limit?: number;
  readonly cursor?: string | null;
}

/** Inclusive date range: YYYY-MM-DD or YYYY-MM at either end. */
export interface DateRange {
  readonly from?: string;
  readonly to?: string;
}

export interface ArticleSummary {
  readonly articleId: string;
  readonly title: string | null;
  readonly publisher: string | null;
  readonly published: string | null;
  readonly authors: string[];
  readonly url: string | null;
  readonly wordCount: number;
  readonly quoteCount: number;
  readonly eventCount: number;
  readonly source: { readonly bucket: string; readonly key: string };
}

export interface QuoteView {
  readonly articleId: string;
  readonly index: number;
  readonly text: string;
  readonly kind: string;
  readonly speaker: string;
  readonly speakerKind: string;
  readonly cue: string | null;
  /** Where the words are in the body: paragraph index and character offsets in it (null on older items). */
  readonly paragraph: number | null;
  readonly start: number | null;
  readonly end: number | null;
  readonly published: string | null;
  readonly publisher: string | null;
  readonly title: string | null;
}

export interface EventView {
  readonly articleId: string;
  readonly index: number;
  readonly date: string | null;
  readonly root: string;
  readonly label: string;
  readonly sentence: string;
  /** The paragraph of the body the sentence is in, and the words the date was resolved from. */
  readonly paragraph: number | null;
  readonly dateText: string | null;
  readonly actors: { readonly name: string; readonly role: string }[];
  readonly source: PartyView | null;
  readonly target: PartyView | null;
  readonly location: string | null;
  readonly published: string | null;
  readonly title: string | null;
}

export interface PartyView {
  readonly name: string;
  readonly kind: string;
}

export interface ActorEventView {
  readonly articleId: string;
  readonly eventIndex: number;
  readonly actor: string;
  readonly roles: string[];
  readonly date: string | null;
  readonly root: string;
  readonly label: string;
  readonly sentence: string;
  readonly title: string | null;
}

export interface ArticleView extends ArticleSummary {
  readonly subtitle: string | null;
  readonly language: string | null;
  readonly paragraphs: string[];
  /** Set when the body was too large for the item and lives in the artifacts bucket. */
  readonly bodyRef: { readonly bucket: string; readonly key: string } | null;
  readonly quotes: QuoteView[];
  readonly events: EventView[];
}

export interface TopEntry {
  readonly name: string;
  readonly count: number;
}

export interface RejectionView {
  readonly bucket: string;
  readonly key: string;
  readonly reason: string;
  readonly message: string;
  readonly eventTime: string;
}

type Item = Record<string, unknown>;
type IndexName = keyof typeof INDEXES;

/**
 * One partition of a merged query: its id in the cursor, the index it is read from, and its key condition (and
 * filter, if any). Partitions of one merge may come from different indexes whose sort keys hold the same values
 * (an actor's events: gsi1 and gsi3).
 */
interface PartitionQuery {
  readonly id: string;
  readonly index: IndexName;
  readonly input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey' | 'ScanIndexForward'>;
}

type PartitionCursor = { readonly after: Item } | { readonly done: true };

const DEFAULT_LIMIT = 25;
/** Most items DynamoDB evaluates in one Query call of a merged page (filtered reads grow up to this). */
const MAX_READ = 1000;
/** Queries in flight at once when a month's ranking reads its days' counters. */
const TOP_PARALLEL_QUERIES = 32;

/** The days (YYYY-MM-DD) of a month (YYYY-MM). */
function daysOf(month: string): string[] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

interface QuoteCursor {
  /** The index partition paged: a cursor only continues the query that returned it. */
  readonly in: string;
  /** The last index entry fully shown (ExclusiveStartKey); absent at the start of the range. */
  readonly after?: Item;
  /** Quotes of the next entry already shown. */
  readonly skip: number;
}

function encodeQuoteCursor(cursor: QuoteCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** A cursor that another query returned (or nobody did): the caller passed the wrong one. */
export class ForeignCursorError extends Error {
  override readonly name = 'ForeignCursorError';
}

function decodeQuoteCursor(cursor: string | null | undefined, partition: string): QuoteCursor {
  if (!cursor) return { in: partition, skip: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ForeignCursorError('invalid cursor');
  }
  // Only what encodeQuoteCursor writes, resuming inside this speaker's partition of the index.
  const record =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Item) : null;
  const skip = record?.['skip'];
  const after = record?.['after'];
  const ownKeys =
    record !== null && Object.keys(record).every((key) => key === 'in' || key === 'skip' || key === 'after');
  const ownAfter =
    after === undefined ||
    (typeof after === 'object' && after !== null && (after as Item)[INDEXES.gsi1.partitionKey] === partition);
  if (
    !ownKeys ||
    record['in'] !== partition ||
    typeof skip !== 'number' ||
    !Number.isInteger(skip) ||
    skip < 0 ||
    !ownAfter
  )
    throw new ForeignCursorError('the cursor does not belong to this query');
  return { in: partition, skip, ...(after !== undefined && { after: after as Item }) };
}

/** The key an index query resumes after: the table's and the index's keys of the item. */
function indexCursorKey(item: Item, shape: (typeof INDEXES)[keyof typeof INDEXES]): Item {
  return {
    pk: item['pk'],
    sk: item['sk'],
    [shape.partitionKey]: item[shape.partitionKey],
    [shape.sortKey]: item[shape.sortKey],
  };
}

function encodeCursor(state: Record<string, PartitionCursor>): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | null | undefined): Record<string, PartitionCursor> {
  if (!cursor) return {};
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, PartitionCursor>;
  } catch {
    throw new Error('invalid cursor');
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The article an item belongs to: its `articleId`, or (index entries that leave it out) its partition ART#id. */
function articleIdOf(item: Item): string {
  const id = str(item['articleId']);
  if (id !== '') return id;
  const pk = str(item['pk']);
  return pk.startsWith('ART#') ? pk.slice('ART#'.length) : '';
}

/** An event's CAMEO label: stored on the item, or (index entries that leave it out) the root's. */
function labelOf(item: Item): string {
  return str(item['label']) || (CAMEO_LABELS[str(item['root']) as CameoRoot] ?? '');
}

function summary(item: Item): ArticleSummary {
  const source = (item['source'] ?? {}) as Item;
  return {
    articleId: articleIdOf(item),
    title: strOrNull(item['title']),
    publisher: strOrNull(item['publisher']),
    published: strOrNull(item['published']),
    authors: strings(item['authors']),
    url: strOrNull(item['url']),
    wordCount: num(item['wordCount']),
    quoteCount: num(item['quoteCount']),
    eventCount: num(item['eventCount']),
    source: { bucket: str(source['bucket']), key: str(source['key']) },
  };
}

/**
 * The quotes of a quote item: a speaker's group (`quotes`, with the article's context on the item), or one
 * quote per item as written before quotes were grouped.
 */
function quoteViews(item: Item): QuoteView[] {
  if (!Array.isArray(item['quotes'])) return [quoteView(item)];
  return (item['quotes'] as Item[]).map((quote) =>
    quoteView({
      ...quote,
      articleId: articleIdOf(item),
      published: item['published'],
      publisher: item['publisher'],
      title: item['title'],
    }),
  );
}

function quoteView(item: Item): QuoteView {
  return {
    articleId: articleIdOf(item),
    index: num(item['index']),
    text: str(item['text']),
    kind: str(item['kind']),
    speaker: str(item['speaker']),
    speakerKind: str(item['speakerKind']),
    cue: strOrNull(item['cue']),
    paragraph: numOrNull(item['paragraph']),
    start: numOrNull(item['start']),
    end: numOrNull(item['end']),
    published: strOrNull(item['published']),
    publisher: strOrNull(item['publisher']),
    title: strOrNull(item['title']),
  };
}

function eventView(item: Item): EventView {
  const actors = Array.isArray(item['actors']) ? (item['actors'] as Item[]) : [];
  return {
    articleId: articleIdOf(item),
    index: num(item['index']),
    date: strOrNull(item['date']),
    root: str(item['root']),
    label: labelOf(item),
    sentence: str(item['sentence']),
    paragraph: numOrNull(item['paragraph']),
    dateText: strOrNull(item['dateText']),
    actors: actors.map((a) => ({ name: str(a['name']), role: str(a['role']) })),
    source: partyView(item['source']),
    target: partyView(item['target']),
    location: strOrNull(item['location']),
    published: strOrNull(item['published']),
    title: strOrNull(item['title']),
  };
}

function partyView(value: unknown): PartyView | null {
  if (typeof value !== 'object' || value === null) return null;
  const party = value as Item;
  return { name: str(party['name']), kind: str(party['kind']) };
}

/**
 * An event under one actor: an event-actor item, or the event item itself (filed under its first actor on gsi1,
 * its second on gsi3), whose actors list gives the actor's name and roles: the same view from either index.
 */
function actorEventView(item: Item, actorKey: string): ActorEventView {
  const common = {
    articleId: articleIdOf(item),
    date: strOrNull(item['date']),
    root: str(item['root']),
    label: labelOf(item),
    sentence: str(item['sentence']),
    title: strOrNull(item['title']),
  };
  // The index leaves `type` out: an event item's sort key is E#<ordinal>, an event-actor's E#<ordinal>#A#<name>.
  const isEvent = item['type'] === 'event' || /^E#\d+$/.test(str(item['sk']));
  if (!isEvent) {
    return {
      ...common,
      eventIndex: num(item['eventIndex']),
      actor: str(item['actor']),
      roles: strings(item['roles']),
    };
  }
  const actors = (Array.isArray(item['actors']) ? (item['actors'] as Item[]) : []).filter(
    (a) => nameKey(str(a['name'])) === actorKey,
  );
  return {
    ...common,
    eventIndex: num(item['index']),
    actor: str(actors[0]?.['name']),
    roles: [...new Set(actors.map((a) => str(a['role'])))],
  };
}

function rejectionView(item: Item): RejectionView {
  return {
    bucket: str(item['bucket']),
    key: str(item['key']),
    reason: str(item['reason']),
    message: str(item['message']),
    eventTime: str(item['eventTime']),
  };
}

const DATE = /^\d{4}-\d{2}(-\d{2})?$/;

function assertDate(name: string, value: string | undefined): void {
  if (value !== undefined && !DATE.test(value))
    throw new Error(`${name} must be YYYY-MM-DD or YYYY-MM, got "${value}"`);
}

/**
 * Sort-key bounds of a date range. Dated sort keys start with the date; `~` closes the upper bound after every
 * key of the last day or month. A range starting on the 1st also takes the month's month-precise items
 * ("2016-09" sorts just before "2016-09-01").
 */
export function sortKeyBounds(range: DateRange): { lower: string; upper: string } | null {
  assertDate('from', range.from);
  assertDate('to', range.to);
  if (range.from === undefined && range.to === undefined) return null;
  const from = range.from ?? '0001';
  const lower = /^\d{4}-\d{2}-01$/.test(from) ? from.slice(0, 7) : from;
  return { lower, upper: `${range.to ?? '9999'}~` };
}

/** The months a range touches, inclusive (at most ten years, to keep fan-out bounded). */
export function monthsBetween(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    if (months.length > 120) throw new Error('date range too long: at most 120 months');
  }
  return months;
}

function rangeCondition(
  index: IndexName,
  pk: string,
  range: DateRange,
): PartitionQuery['input'] & { KeyConditionExpression: string } {
  const shape = INDEXES[index];
  const bounds = sortKeyBounds(range);
  return {
    IndexName: shape.name,
    KeyConditionExpression: bounds ? '#pk = :pk AND #sk BETWEEN :lower AND :upper' : '#pk = :pk',
    ExpressionAttributeNames: { '#pk': shape.partitionKey, ...(bounds && { '#sk': shape.sortKey }) },
    ExpressionAttributeValues: {
      ':pk': pk,
      ...(bounds && { ':lower': bounds.lower, ':upper': bounds.upper }),
    },
  };
}

/** A partition's query keeping only items whose `attribute` is `value` (evaluated after the key condition). */
function withFilter(
  input: ReturnType<typeof rangeCondition>,
  filter: { readonly attribute: string; readonly value: string } | null,
): PartitionQuery['input'] {
  if (filter === null) return input;
  return {
    ...input,
    FilterExpression: '#filter = :filter',
    ExpressionAttributeNames: { ...input.ExpressionAttributeNames, '#filter': filter.attribute },
    ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':filter': filter.value },
  };
}

/** Reads the table for dashboards, scripts and the query CLI. */
export class ArticleQueries {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** 1. An article with all its quotes and events: one Query on its partition. */
  async getArticle(articleId: string): Promise<ArticleView | null> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.articlePartition(articleId) },
    });
    const article = items.find((i) => i['sk'] === 'ARTICLE');
    if (!article) return null;
    const bodyRef = article['bodyRef'] as Item | null | undefined;
    return {
      ...summary(article),
      subtitle: strOrNull(article['subtitle']),
      language: strOrNull(article['language']),
      // Compressed in `body` (items written before that keep plain `paragraphs`); none when in the bucket.
      paragraphs:
        article['body'] instanceof Uint8Array
          ? decodeBody(article['body']).paragraphs
          : strings(article['paragraphs']),
      bodyRef: bodyRef ? { bucket: str(bodyRef['bucket']), key: str(bodyRef['key']) } : null,
      quotes: items
        .filter((i) => i['type'] === 'quote')
        .flatMap(quoteViews)
        .sort((a, b) => a.index - b.index),
      events: items.filter((i) => i['type'] === 'event').map(eventView),
    };
  }

  /** 2. Articles of a publisher, newest first, optionally within a date range. */
  async articlesByPublisher(
    publisher: string,
    options: DateRange & PageOptions = {},
  ): Promise<Page<ArticleSummary>> {
    const page = await this.merged(
      [{ id: 'p', index: 'gsi1', input: rangeCondition('gsi1', indexKeys.publisher(publisher), options) }],
      false,
      options,
    );
    return { items: page.items.map(summary), cursor: page.cursor };
  }

  /** 3. Articles published on a day (all publishers), ordered by publisher; the day's shards are merged. */
  async articlesByDay(day: string, options: PageOptions = {}): Promise<Page<ArticleSummary>> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`day must be YYYY-MM-DD, got "${day}"`);
    const partitions = Array.from({ length: DATE_SHARDS }, (_, shard) => ({
      id: String(shard),
      index: 'gsi2' as const,
      input: rangeCondition('gsi2', indexKeys.day(day, shard), {}),
    }));
    const page = await this.merged(partitions, true, options);
    return { items: page.items.map(summary), cursor: page.cursor };
  }

  /** 4. Quotes of a speaker over time (oldest first), optionally within a date range of publication. */
  async quotesBySpeaker(speaker: string, options: DateRange & PageOptions = {}): Promise<Page<QuoteView>> {
    // One item per speaker and article holds its quotes: pages are cut inside an item when they fill up,
    // and the cursor says which item to resume after and how many of the next one's quotes were shown.
    const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_LIMIT, 1000));
    const shape = INDEXES.gsi1;
    const position = decodeQuoteCursor(options.cursor, indexKeys.speaker(speaker));
    const input = rangeCondition('gsi1', indexKeys.speaker(speaker), options);
    const items: QuoteView[] = [];
    let start: Item | undefined = position.after;
    let skip = position.skip;
    for (;;) {
      const out = await this.doc.send(
        new QueryCommand({
          ...input,
          TableName: this.tableName,
          ScanIndexForward: true,
          Limit: limit,
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      const groups = out.Items ?? [];
      for (const [g, group] of groups.entries()) {
        const quotes = quoteViews(group);
        const room = limit - items.length;
        const last = g === groups.length - 1 && out.LastEvaluatedKey === undefined;
        if (quotes.length - skip > room || (quotes.length - skip === room && !last)) {
          items.push(...quotes.slice(skip, skip + room));
          const taken = skip + room;
          const cursor =
            taken === quotes.length
              ? { in: position.in, after: indexCursorKey(group, shape), skip: 0 }
              : { in: position.in, ...(start && { after: start }), skip: taken };
          return { items, cursor: encodeQuoteCursor(cursor) };
        }
        items.push(...quotes.slice(skip));
        skip = 0;
        start = indexCursorKey(group, shape);
      }
      if (out.LastEvaluatedKey === undefined) return { items, cursor: null };
      start = out.LastEvaluatedKey;
    }
  }

  /**
   * 5. Events dated within a range (a day, a month, …), oldest first, optionally of one CAMEO root: each month's
   * 4 shards (gsi2) are queried together and merged. A root's events are all in one shard of the month
   * (`rootShard`), so a root reads that shard only, keeping its events with a filter on `root`.
   */
  async eventsBetween(
    range: { readonly from: string; readonly to?: string; readonly root?: string } & PageOptions,
  ): Promise<Page<EventView>> {
    const to = range.to ?? range.from;
    sortKeyBounds({ from: range.from, to });
    const root = range.root;
    if (root !== undefined && !/^(0[1-9]|1\d|20)$/.test(root)) {
      throw new Error(`root must be a CAMEO root code 01..20, got "${root}"`);
    }
    const shards =
      root !== undefined ? [rootShard(root)] : Array.from({ length: DATE_SHARDS }, (_, shard) => shard);
    const partitions: PartitionQuery[] = monthsBetween(range.from.slice(0, 7), to.slice(0, 7)).flatMap(
      (month) =>
        shards.map((shard) => ({
          // A root's cursor names the root too: another root of the same shard must not resume from it.
          id: root === undefined ? `${month}#${shard}` : `${month}#${shard}#${root}`,
          index: 'gsi2' as const,
          input: withFilter(
            rangeCondition('gsi2', indexKeys.eventMonth(month, shard), { from: range.from, to }),
            root === undefined ? null : { attribute: 'root', value: root },
          ),
        })),
    );
    const page = await this.merged(partitions, true, range);
    return { items: page.items.map(eventView), cursor: page.cursor };
  }

  /**
   * 6. Events an actor takes part in, over time (oldest first), optionally within a date range. An event item is
   * filed under its first distinct actor on gsi1 and its second on gsi3; event-actor items (gsi1) stand for the
   * others (and, in items written before, for the second). Both partitions are merged into one order.
   */
  async eventsByActor(actor: string, options: DateRange & PageOptions = {}): Promise<Page<ActorEventView>> {
    const pk = indexKeys.actor(actor);
    const page = await this.merged(
      [
        { id: 'a', index: 'gsi1', input: rangeCondition('gsi1', pk, options) },
        { id: 'a3', index: 'gsi3', input: rangeCondition('gsi3', pk, options) },
      ],
      true,
      options,
    );
    const key = pk.slice('ACT#'.length);
    return { items: page.items.map((item) => actorEventView(item, key)), cursor: page.cursor };
  }

  /**
   * 7. The most quoted speakers / most active actors of a day (YYYY-MM-DD) or month (YYYY-MM), largest first
   * (ties by name), summed from the tallies each article keeps per day: a day reads its 4 shards; a month reads
   * the shards of each of its days plus the month's own partition (what has no day: month-precise events).
   * Strongly consistent reads: a ranking read after a write includes it.
   */
  async top(
    metric: AggregateMetric,
    period: AggregatePeriod,
    value: string,
    limit = 10,
  ): Promise<TopEntry[]> {
    const pattern = period === 'day' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}$/;
    if (!pattern.test(value))
      throw new Error(`${period} must be ${period === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM'}`);
    const partitions: string[] = [];
    const addShards = (p: AggregatePeriod, v: string): void => {
      for (let shard = 0; shard < DATE_SHARDS; shard += 1) partitions.push(keys.tallyPartition(p, v, shard));
    };
    if (period === 'day') addShards('day', value);
    else {
      addShards('month', value);
      for (const day of daysOf(value)) addShards('day', day);
    }
    const items = await this.queryPartitions(partitions, TALLY_ATTRIBUTES[metric]);
    return [...sumTallies(items, metric).values()]
      .filter((entry) => entry.count > 0)
      .sort((a, b) => b.count - a.count || nameKey(a.name).localeCompare(nameKey(b.name)))
      .slice(0, limit);
  }

  /** Every item of the given base-table partitions, in partition order, a few queries at a time. */
  private async queryPartitions(pks: readonly string[], attribute: string): Promise<Item[]> {
    const results: Item[][] = new Array<Item[]>(pks.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < pks.length; i = next++) {
        results[i] = await this.queryAll({
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pks[i] },
          // Only the ranked map travels (a query is billed by what it reads, but this is what it sends).
          ProjectionExpression: '#counts',
          ExpressionAttributeNames: { '#counts': attribute },
          ConsistentRead: true,
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(TOP_PARALLEL_QUERIES, pks.length) }, worker));
    return results.flat();
  }

  /** 8. Rejected files, newest first, with their reasons. */
  async rejections(options: PageOptions = {}): Promise<Page<RejectionView>> {
    const page = await this.merged(
      [{ id: 'r', index: 'gsi3', input: rangeCondition('gsi3', indexKeys.rejections(), {}) }],
      false,
      options,
    );
    return { items: page.items.map(rejectionView), cursor: page.cursor };
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: start }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /**
   * A k-way merge over partitions (of one index or of several whose sort keys hold the same values): each
   * partition reads at least `limit` matching items after its own cursor (or to its end), the smallest (or
   * largest) `limit` overall are returned, and each partition's cursor moves past what it gave.
   *
   * A partition read with a filter (or cut short by DynamoDB's 1 MB page) can return fewer items than it
   * evaluated: it reads on, each read evaluating twice as many items (up to MAX_READ), until it has `limit`
   * matches or is exhausted, so a page is only short when every partition ran out. A partition whose matches all
   * made the page resumes after the last item it evaluated, so filtered-out items are not read again.
   */
  private async merged(
    partitions: readonly PartitionQuery[],
    ascending: boolean,
    options: PageOptions,
  ): Promise<Page<Item>> {
    const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_LIMIT, 1000));
    const state = decodeCursor(options.cursor);
    const ids = new Set(partitions.map((p) => p.id));
    // A cursor naming other partitions comes from another query (or another layout of this one).
    if (Object.keys(state).some((id) => !ids.has(id)))
      throw new ForeignCursorError('the cursor does not belong to this query');
    const fetched = await Promise.all(
      partitions.map(async (partition) => {
        const position = state[partition.id];
        if (position && 'done' in position)
          return { partition, items: [] as Item[], exhausted: true, resume: undefined };
        const items: Item[] = [];
        let start: Item | undefined = position?.after;
        let read = limit;
        for (;;) {
          const out = await this.doc.send(
            new QueryCommand({
              ...partition.input,
              TableName: this.tableName,
              ScanIndexForward: ascending,
              Limit: read,
              ...(start && { ExclusiveStartKey: start }),
            }),
          );
          items.push(...(out.Items ?? []));
          start = out.LastEvaluatedKey;
          if (start === undefined || items.length >= limit) break;
          read = Math.min(MAX_READ, read * 2);
        }
        return { partition, items, exhausted: start === undefined, resume: start };
      }),
    );
    const order = (item: Item, index: IndexName): string =>
      `${str(item[INDEXES[index].sortKey])}\u0000${str(item['pk'])}\u0000${str(item['sk'])}`;
    const all = fetched.flatMap(({ partition, items }) =>
      items.map((item) => ({ id: partition.id, item, key: order(item, partition.index) })),
    );
    all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * (ascending ? 1 : -1));
    const taken = all.slice(0, limit);
    const next: Record<string, PartitionCursor> = { ...state };
    let more = false;
    for (const { partition, items, exhausted, resume } of fetched) {
      const mine = taken.filter((t) => t.id === partition.id);
      const allTaken = mine.length === items.length;
      const last = mine[mine.length - 1];
      if (exhausted && allTaken) {
        next[partition.id] = { done: true };
        continue;
      }
      more = true;
      if (allTaken && resume) next[partition.id] = { after: resume };
      else if (last) next[partition.id] = { after: indexCursorKey(last.item, INDEXES[partition.index]) };
    }
    return { items: taken.map((t) => t.item), cursor: more ? encodeCursor(next) : null };
  }
}
