/**
 * The fate of one dropped file, read by key: its object head record (GetItem), its rejection (GetItem) and
 * the articles it carries (one Query per article partition). No Scan, no index: every key is known from the
 * bucket and the object key. `npm run query -- object KEY` prints it; `npm run load` counts with it.
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../core/items';

export interface FateArticle {
  readonly articleId: string;
  /** False when the object lists the article but its item is not (yet) written. */
  readonly stored: boolean;
  readonly title: string | null;
  readonly published: string | null;
  readonly publisher: string | null;
  /** Items of each type in the article's partition, as stored (quotes: the quotes their items hold). */
  readonly articleItems: number;
  readonly quotes: number;
  readonly events: number;
  /** What the article item says it holds (quoteCount / eventCount), null when absent. */
  readonly quoteCount: number | null;
  readonly eventCount: number | null;
  /** Quote and event items whose content repeats another item of the same article (stored twice). */
  readonly repeatedQuotes: number;
  readonly repeatedEvents: number;
}

export type FateOutcome = 'articles' | 'rejected' | 'removed' | 'unknown';

export interface ObjectFate {
  readonly bucket: string;
  readonly key: string;
  /** 'unknown': the table holds nothing for this key (never dropped, still in flight, or lost). */
  readonly outcome: FateOutcome;
  /** When the revision now recorded happened (the S3 event time). */
  readonly eventTime: string | null;
  readonly pipelineVersion: number | null;
  readonly sequencer: string | null;
  readonly articles: FateArticle[];
  readonly rejection: {
    readonly reason: string;
    readonly message: string;
    readonly eventTime: string;
  } | null;
}

type Item = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** How many items repeat the content of an earlier one (by the fields that identify a quote or event). */
function repeats(items: readonly Item[], identity: (item: Item) => string): number {
  const seen = new Set<string>();
  let repeated = 0;
  for (const item of items) {
    const id = identity(item);
    if (seen.has(id)) repeated += 1;
    else seen.add(id);
  }
  return repeated;
}

const quoteIdentity = (q: Item): string =>
  JSON.stringify([q['text'], q['speaker'], q['paragraph'], q['start'], q['end']]);
const eventIdentity = (e: Item): string =>
  JSON.stringify([e['sentence'], e['paragraph'], e['root'], e['date'], e['actors']]);

export class ObjectFates {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async fate(bucket: string, key: string): Promise<ObjectFate> {
    const [head, rejection] = await Promise.all([
      this.get(keys.object(bucket, key)),
      this.get(keys.rejection(bucket, key)),
    ]);
    const revision = (head?.['revision'] ?? null) as Item | null;
    const state = str(head?.['state']);
    const articleIds = Array.isArray(head?.['articleIds']) ? (head['articleIds'] as string[]) : [];
    const articles = await Promise.all(articleIds.map((id) => this.article(id)));
    const outcome: FateOutcome =
      state === 'articles' || state === 'rejected' || state === 'removed'
        ? state
        : rejection
          ? 'rejected'
          : 'unknown';
    return {
      bucket,
      key,
      outcome,
      eventTime: str(revision?.['eventTime']) ?? str(rejection?.['eventTime']),
      pipelineVersion: num(revision?.['pipelineVersion']),
      sequencer: str(revision?.['sequencer']),
      articles,
      rejection: rejection
        ? {
            reason: String(rejection['reason']),
            message: String(rejection['message'] ?? ''),
            eventTime: String(rejection['eventTime'] ?? ''),
          }
        : null,
    };
  }

  /** Every item of an article's partition, by type. */
  async article(articleId: string): Promise<FateArticle> {
    const items = await this.partition(keys.articlePartition(articleId));
    const article = items.find((i) => i['type'] === 'article') ?? null;
    // A quote item holds one speaker's quotes of the article (`quotes`); older items hold one quote each.
    const quotes = items
      .filter((i) => i['type'] === 'quote')
      .flatMap((i) => (Array.isArray(i['quotes']) ? (i['quotes'] as Item[]) : [i]));
    const events = items.filter((i) => i['type'] === 'event');
    return {
      articleId,
      stored: article !== null,
      title: str(article?.['title']),
      published: str(article?.['published']),
      publisher: str(article?.['publisher']),
      articleItems: items.filter((i) => i['type'] === 'article').length,
      quotes: quotes.length,
      events: events.length,
      quoteCount: num(article?.['quoteCount']),
      eventCount: num(article?.['eventCount']),
      repeatedQuotes: repeats(quotes, quoteIdentity),
      repeatedEvents: repeats(events, eventIdentity),
    };
  }

  private async get(key: { pk: string; sk: string }): Promise<Item | null> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return (out.Item as Item | undefined) ?? null;
  }

  private async partition(pk: string): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
          ExclusiveStartKey: cursor,
        }),
      );
      items.push(...((out.Items ?? []) as Item[]));
      cursor = out.LastEvaluatedKey;
    } while (cursor);
    return items;
  }
}

/**
 * Items of one article stored twice, as the load run counts them: quote or event items beyond the counts the
 * article item records (a rewrite that left stale items, or a redelivery that wrote at shifted sort keys).
 * Repeated content under the counts is the extractor's output (two events read from one sentence), not a
 * duplicate write, so it is reported apart (repeatedQuotes, repeatedEvents).
 */
export function duplicatesIn(article: FateArticle): number {
  const extraQuotes = article.quoteCount === null ? 0 : Math.max(0, article.quotes - article.quoteCount);
  const extraEvents = article.eventCount === null ? 0 : Math.max(0, article.events - article.eventCount);
  return Math.max(0, article.articleItems - 1) + extraQuotes + extraEvents;
}
