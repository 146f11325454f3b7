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
  indexKeys,
  keys,
  nameKey,
} from '../core/items';
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

/** One partition of a merged query: its key condition and where it stands. */
interface PartitionQuery {
  readonly id: string;
  readonly input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey' | 'ScanIndexForward'>;
}

type PartitionCursor = { readonly after: Item } | { readonly done: true };

const DEFAULT_LIMIT = 25;

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

function summary(item: Item): ArticleSummary {
  const source = (item['source'] ?? {}) as Item;
  return {
    articleId: str(item['articleId']),
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

function quoteView(item: Item): QuoteView {
  return {
    articleId: str(item['articleId']),
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
    articleId: str(item['articleId']),
    index: num(item['index']),
    date: strOrNull(item['date']),
    root: str(item['root']),
    label: str(item['label']),
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

function actorEventView(item: Item): ActorEventView {
  return {
    articleId: str(item['articleId']),
    eventIndex: num(item['eventIndex']),
    actor: str(item['actor']),
    roles: strings(item['roles']),
    date: strOrNull(item['date']),
    root: str(item['root']),
    label: str(item['label']),
    sentence: str(item['sentence']),
    title: strOrNull(item['title']),
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
      paragraphs: strings(article['paragraphs']),
      bodyRef: bodyRef ? { bucket: str(bodyRef['bucket']), key: str(bodyRef['key']) } : null,
      quotes: items.filter((i) => i['type'] === 'quote').map(quoteView),
      events: items.filter((i) => i['type'] === 'event').map(eventView),
    };
  }

  /** 2. Articles of a publisher, newest first, optionally within a date range. */
  async articlesByPublisher(
    publisher: string,
    options: DateRange & PageOptions = {},
  ): Promise<Page<ArticleSummary>> {
    const page = await this.merged(
      [{ id: 'p', input: rangeCondition('gsi1', indexKeys.publisher(publisher), options) }],
      'gsi1',
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
      input: rangeCondition('gsi2', indexKeys.day(day, shard), {}),
    }));
    const page = await this.merged(partitions, 'gsi2', true, options);
    return { items: page.items.map(summary), cursor: page.cursor };
  }

  /** 4. Quotes of a speaker over time (oldest first), optionally within a date range of publication. */
  async quotesBySpeaker(speaker: string, options: DateRange & PageOptions = {}): Promise<Page<QuoteView>> {
    const page = await this.merged(
      [{ id: 's', input: rangeCondition('gsi1', indexKeys.speaker(speaker), options) }],
      'gsi1',
      true,
      options,
    );
    return { items: page.items.map(quoteView), cursor: page.cursor };
  }

  /**
   * 5. Events dated within a range (a day, a month, …), oldest first, optionally of one CAMEO root: the
   * month partitions (sharded, or one per root) are queried together and merged.
   */
  async eventsBetween(
    range: { readonly from: string; readonly to?: string; readonly root?: string } & PageOptions,
  ): Promise<Page<EventView>> {
    const to = range.to ?? range.from;
    sortKeyBounds({ from: range.from, to });
    if (range.root !== undefined && !/^(0[1-9]|1\d|20)$/.test(range.root)) {
      throw new Error(`root must be a CAMEO root code 01..20, got "${range.root}"`);
    }
    const months = monthsBetween(range.from.slice(0, 7), to.slice(0, 7));
    const partitions: PartitionQuery[] = months.flatMap((month) =>
      range.root !== undefined
        ? [
            {
              id: month,
              input: rangeCondition('gsi3', indexKeys.eventRoot(range.root, month), { from: range.from, to }),
            },
          ]
        : Array.from({ length: DATE_SHARDS }, (_, shard) => ({
            id: `${month}#${shard}`,
            input: rangeCondition('gsi2', indexKeys.eventMonth(month, shard), { from: range.from, to }),
          })),
    );
    const index = range.root !== undefined ? 'gsi3' : 'gsi2';
    const page = await this.merged(partitions, index, true, range);
    return { items: page.items.map(eventView), cursor: page.cursor };
  }

  /** 6. Events an actor takes part in, over time (oldest first), optionally within a date range. */
  async eventsByActor(actor: string, options: DateRange & PageOptions = {}): Promise<Page<ActorEventView>> {
    const page = await this.merged(
      [{ id: 'a', input: rangeCondition('gsi1', indexKeys.actor(actor), options) }],
      'gsi1',
      true,
      options,
    );
    return { items: page.items.map(actorEventView), cursor: page.cursor };
  }

  /**
   * 7. The most quoted speakers / most active actors of a day (YYYY-MM-DD) or month (YYYY-MM): the counters
   * of the period's shards, largest first (ties by name).
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
    const shards = await Promise.all(
      Array.from({ length: DATE_SHARDS }, (_, shard) =>
        this.queryAll({
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.aggregatePartition(metric, period, value, shard) },
        }),
      ),
    );
    return shards
      .flat()
      .map((item) => ({ name: str(item['name']), count: num(item['count']) }))
      .filter((entry) => entry.count > 0)
      .sort((a, b) => b.count - a.count || nameKey(a.name).localeCompare(nameKey(b.name)))
      .slice(0, limit);
  }

  /** 8. Rejected files, newest first, with their reasons. */
  async rejections(options: PageOptions = {}): Promise<Page<RejectionView>> {
    const page = await this.merged(
      [{ id: 'r', input: rangeCondition('gsi1', indexKeys.rejections(), {}) }],
      'gsi1',
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
   * A k-way merge over partitions of one index: each partition reads up to `limit` items after its own cursor,
   * the smallest (or largest) `limit` overall are returned, and each partition's cursor moves past what it gave.
   */
  private async merged(
    partitions: readonly PartitionQuery[],
    index: IndexName,
    ascending: boolean,
    options: PageOptions,
  ): Promise<Page<Item>> {
    const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_LIMIT, 1000));
    const state = decodeCursor(options.cursor);
    const shape = INDEXES[index];
    const fetched = await Promise.all(
      partitions.map(async (partition) => {
        const position = state[partition.id];
        if (position && 'done' in position) return { partition, items: [] as Item[], exhausted: true };
        const out = await this.doc.send(
          new QueryCommand({
            ...partition.input,
            TableName: this.tableName,
            ScanIndexForward: ascending,
            Limit: limit,
            ...(position && { ExclusiveStartKey: position.after }),
          }),
        );
        return { partition, items: out.Items ?? [], exhausted: out.LastEvaluatedKey === undefined };
      }),
    );
    const order = (item: Item): string =>
      `${str(item[shape.sortKey])}\u0000${str(item['pk'])}\u0000${str(item['sk'])}`;
    const all = fetched.flatMap(({ partition, items }) => items.map((item) => ({ id: partition.id, item })));
    all.sort(
      (a, b) =>
        (order(a.item) < order(b.item) ? -1 : order(a.item) > order(b.item) ? 1 : 0) * (ascending ? 1 : -1),
    );
    const taken = all.slice(0, limit);
    const next: Record<string, PartitionCursor> = { ...state };
    let more = false;
    for (const { partition, items, exhausted } of fetched) {
      const mine = taken.filter((t) => t.id === partition.id);
      const last = mine[mine.length - 1];
      if (last) {
        next[partition.id] = {
          after: {
            pk: last.item['pk'],
            sk: last.item['sk'],
            [shape.partitionKey]: last.item[shape.partitionKey],
            [shape.sortKey]: last.item[shape.sortKey],
          },
        };
      }
      const allTaken = mine.length === items.length;
      if (exhausted && allTaken) next[partition.id] = { done: true };
      else more = true;
    }
    return { items: taken.map((t) => t.item), cursor: more ? encodeCursor(next) : null };
  }
}
