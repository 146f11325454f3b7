import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AggregateDelta,
  aggregateDeltas,
  articleBody,
  type ArticleItems,
  buildArticleItems,
  canonicalJson,
  CARRIER_PREFIX,
  carrierItem,
  CONTENT_PREFIXES,
  type ItemKey,
  itemSizeBound,
  keys,
  objectItem,
  type ObjectState,
  orderRevisions,
  parseContributionKey,
  rejectionItem,
  revisionToken,
  type StoredRevision,
  StoredRevisionSchema,
  storedRevision,
  type TableItem,
  withBodyReference,
} from '../core/items';
import type { EnrichedMessage } from '../core/messages';
import { resolveS3Client, type S3ClientSource } from './clients/s3';
import {
  type CapacityMeter,
  ConditionFailedError,
  type RetryPolicy,
  TableWriter,
  type TransactAction,
  TRANSACTION_LIMIT,
} from './table-writer';
import { ARTIFACT_PREFIXES } from './artifact-keys';

export type EnrichedArticleMessage = Extract<EnrichedMessage, { type: 'enriched' }>;
export type RejectionMessage = Extract<EnrichedMessage, { type: 'rejection' }>;
export type RemovalMessage = Extract<EnrichedMessage, { type: 'removal' }>;

/** What the store stage needs from the table. Every method is idempotent and safe to repeat. */
export interface ArticleStore {
  saveArticle(message: EnrichedArticleMessage): Promise<void>;
  saveRejection(message: RejectionMessage): Promise<void>;
  removeObject(message: RemovalMessage): Promise<void>;
}

/** Where article bodies too large for a DynamoDB item go (the artifacts bucket in AWS). */
export interface BodyStore {
  /** Stores the body under `key` (overwriting is fine: same key, same body) and says where it is. */
  put(key: string, body: string): Promise<{ bucket: string; key: string }>;
  delete(ref: { bucket: string; key: string }): Promise<void>;
}

/**
 * Bodies in an S3 bucket (the artifacts bucket): the store role needs s3:PutObject and s3:DeleteObject on
 * `article-bodies/*`. The S3 SDK is loaded on first use, as large bodies are rare.
 */
export function createS3BodyStore(s3: S3ClientSource, bucket: string): BodyStore {
  return {
    async put(key, body) {
      const { PutObjectCommand } = await import('@aws-sdk/client-s3');
      const client = await resolveS3Client(s3);
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
      );
      return { bucket, key };
    },
    async delete(ref) {
      const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
      const client = await resolveS3Client(s3);
      await client.send(new DeleteObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
    },
  };
}

export interface ArticleStoreOptions {
  /** Needed only for articles whose item would exceed maxItemBytes. */
  readonly bodyStore?: BodyStore;
  /** Article items larger than this (an upper bound of DynamoDB's size) move their body to the body store. */
  readonly maxItemBytes?: number;
  readonly meter?: CapacityMeter;
  readonly retry?: Partial<RetryPolicy>;
  readonly now?: () => number;
}

/** DynamoDB's limit is 400 KB per item; stay well below it. */
export const DEFAULT_MAX_ITEM_BYTES = 350_000;

/**
 * How long a writer may hold an article: well beyond the store function's timeout, so a live writer is never
 * overtaken, yet short enough that a revision waiting behind a crashed writer gets the article before its
 * queue's receives run out and it is dead-lettered (test/unit/lib/config.test.ts pins both bounds).
 */
export const LEASE_MS = 2 * 60_000;

/** Another revision of the article is being written right now: retry the message later. */
export class ArticleBusyError extends Error {
  constructor(articleId: string) {
    super(`article ${articleId} is being written by another revision; retry later`);
    this.name = 'ArticleBusyError';
  }
}

/** An article's partition as read: its items by kind, and the aggregate shares its HEAD records. */
interface ArticleState {
  readonly article: TableItem | null;
  readonly head: TableItem | null;
  readonly contribution: ReadonlyMap<string, number>;
  readonly content: ReadonlyMap<string, TableItem>;
  readonly carriers: readonly TableItem[];
}

/** A HEAD update taking the article's lease: its SET clauses, names, values and condition. */
interface LeaseUpdate {
  readonly sets: string[];
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
  readonly condition: string;
}

const LEASE_FREE = '(attribute_not_exists(#leaseUntil) OR #leaseUntil < :now OR #leaseToken = :lease)';

function isContent(sk: string): boolean {
  return CONTENT_PREFIXES.some((prefix) => sk.startsWith(prefix));
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function isLeasedByOther(head: TableItem, lease: string, now: number): boolean {
  const until = head['leaseUntil'];
  return (
    head['leaseToken'] !== undefined &&
    head['leaseToken'] !== lease &&
    typeof until === 'number' &&
    until >= now
  );
}

/** The condition that the object's head still records what was read: its revision token and its outcome. */
function unchangedHead(head: TableItem): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  return {
    ConditionExpression: '#token = :token AND #state = :state AND #ids = :ids',
    ExpressionAttributeNames: { '#token': 'revisionToken', '#state': 'state', '#ids': 'articleIds' },
    ExpressionAttributeValues: {
      ':token': head['revisionToken'],
      ':state': head['state'],
      ':ids': stringList(head['articleIds']),
    },
  };
}

/** The store over one table; see the README's "Table design" for the item types and why writes are safe. */
class DynamoArticleStore implements ArticleStore {
  private readonly writer: TableWriter;
  private readonly now: () => number;
  private readonly maxItemBytes: number;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: ArticleStoreOptions,
  ) {
    this.writer = new TableWriter(doc, tableName, {
      ...(options.retry && { retry: options.retry }),
      ...(options.meter && { meter: options.meter }),
    });
    this.now = options.now ?? Date.now;
    this.maxItemBytes = options.maxItemBytes ?? DEFAULT_MAX_ITEM_BYTES;
  }

  async saveArticle(message: EnrichedArticleMessage): Promise<void> {
    const built = buildArticleItems(message);
    const { bucket, key } = message.article.source;
    const head = await this.advanceObject(
      bucket,
      key,
      built.revision,
      'articles',
      message.fileArticleIds,
      null,
    );
    if (head === 'stale') return;
    if (!(await this.attachCarrier(built, message, head.token))) return;
    await this.writeArticle(built);
  }

  async saveRejection(message: RejectionMessage): Promise<void> {
    const { bucket, key } = message.rejection.source;
    const revision = storedRevision(message.revision, { bucket, key });
    await this.advanceObject(
      bucket,
      key,
      revision,
      'rejected',
      [],
      rejectionItem(message.rejection, revision),
    );
  }

  async removeObject(message: RemovalMessage): Promise<void> {
    const { bucket, key } = message.object;
    const revision = storedRevision(message.revision, { bucket, key });
    await this.advanceObject(bucket, key, revision, 'removed', [], null);
  }

  // ── the object's head record ─────────────────────────────────────────────────────────────────────────

  /**
   * Moves the object's head record to `revision` unless it already holds a newer one ('stale'). Articles the
   * object no longer carries are detached (and deleted when nothing else carries them); the list of those
   * waits on the head record until done, so a crash in between is finished by the message's retry.
   *
   * The same revision can come back with a different outcome: `npm run reprocess` re-sends stored objects with
   * the revision the table records, and changed rules may now reject a file that held articles (or the other
   * way round, or split it differently). An identical outcome writes nothing; a different one replaces the
   * old one exactly as a newer revision would. As the revision token is then unchanged, every conditional
   * write on the head also compares the outcome it read (state and article ids).
   */
  private async advanceObject(
    bucket: string,
    key: string,
    revision: StoredRevision,
    state: ObjectState,
    articleIds: readonly string[],
    rejection: TableItem | null,
  ): Promise<'stale' | { readonly token: string }> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const head = await this.get(keys.object(bucket, key));
      if (head) {
        const order = orderRevisions(revision, StoredRevisionSchema.parse(head['revision']));
        if (order === 'older') return 'stale';
        if (order === 'same' && (await this.sameOutcome(head, state, articleIds, rejection))) {
          await this.finishDetach(head);
          return { token: String(head['revisionToken']) };
        }
      }
      const pending = [
        ...new Set([...stringList(head?.['pendingDetach']), ...stringList(head?.['articleIds'])]),
      ]
        .filter((id) => !articleIds.includes(id))
        .sort();
      const next: TableItem = {
        ...objectItem(bucket, key, state, articleIds, revision),
        ...(pending.length > 0 && { pendingDetach: pending }),
      };
      const put = {
        Item: next,
        ...(head ? unchangedHead(head) : { ConditionExpression: 'attribute_not_exists(pk)' }),
      };
      try {
        // The rejection item changes together with the head: never a rejection for an object holding articles.
        if (rejection) await this.writer.transact([{ Put: put }, { Put: { Item: rejection } }]);
        else if (head?.['state'] === 'rejected') {
          await this.writer.transact([{ Put: put }, { Delete: { Key: keys.rejection(bucket, key) } }]);
        } else await this.writer.put(put);
      } catch (err) {
        if (err instanceof ConditionFailedError) continue;
        throw err;
      }
      await this.finishDetach(next);
      return { token: String(next['revisionToken']) };
    }
    throw new Error(`object ${bucket}/${key} kept changing while it was being recorded`);
  }

  /** Does the head (at the incoming revision) already record this outcome: state, articles and rejection? */
  private async sameOutcome(
    head: TableItem,
    state: ObjectState,
    articleIds: readonly string[],
    rejection: TableItem | null,
  ): Promise<boolean> {
    if (head['state'] !== state) return false;
    const wanted = [...new Set(articleIds)].sort();
    const stored = stringList(head['articleIds']);
    if (stored.length !== wanted.length || stored.some((id, i) => id !== wanted[i])) return false;
    if (!rejection) return true;
    const current = await this.get(rejection);
    return current !== null && canonicalJson(current) === canonicalJson(rejection);
  }

  private async finishDetach(head: TableItem): Promise<void> {
    const pending = stringList(head['pendingDetach']);
    if (pending.length === 0) return;
    const bucket = String(head['bucket']);
    const key = String(head['key']);
    for (const articleId of pending) await this.detachCarrier(articleId, bucket, key);
    try {
      // The same revision may have been re-recorded with another outcome and its own pending list.
      await this.writer.update({
        Key: keys.object(bucket, key),
        UpdateExpression: 'REMOVE pendingDetach',
        ConditionExpression: '#token = :token AND #pending = :pending',
        ExpressionAttributeNames: { '#token': 'revisionToken', '#pending': 'pendingDetach' },
        ExpressionAttributeValues: { ':token': head['revisionToken'], ':pending': head['pendingDetach'] },
      });
    } catch (err) {
      // A newer revision (or outcome) took over the head and carries its own pending list.
      if (!(err instanceof ConditionFailedError)) throw err;
    }
  }

  /** The object no longer carries the article: delete the article if no other object does. */
  private async detachCarrier(articleId: string, bucket: string, key: string): Promise<void> {
    await this.writer.delete({ Key: keys.carrier(articleId, bucket, key) });
    const state = await this.readArticle(articleId);
    if (state.carriers.length === 0) {
      await this.deleteArticle(articleId, state, `delete|${bucket}/${key}`);
      return;
    }
    // Show a source that still exists.
    const source = state.article?.['source'] as { bucket?: unknown; key?: unknown } | undefined;
    const remaining = state.carriers[0];
    if (state.article && remaining && source?.bucket === bucket && source.key === key) {
      try {
        await this.writer.update({
          Key: keys.article(articleId),
          UpdateExpression: 'SET #source = :source',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#source': 'source' },
          ExpressionAttributeValues: { ':source': remaining['source'] },
        });
      } catch (err) {
        if (!(err instanceof ConditionFailedError)) throw err;
      }
    }
  }

  /**
   * Records that the object carries the article, only while the object's head is still at this revision
   * (a newer revision of the object may have dropped the article meanwhile). False when it is stale.
   *
   * A plain put, then a consistent read of the head (1 WRU instead of a 4 WRU transaction with a condition
   * check): if a newer revision took the head meanwhile, it either carries the article too (it writes the
   * article itself) or it dropped it, and then its detach may have run before this put, so this writer
   * detaches the carrier again. Either way the older revision writes nothing more.
   */
  private async attachCarrier(
    built: ArticleItems,
    message: EnrichedArticleMessage,
    headToken: string,
  ): Promise<boolean> {
    const { bucket, key } = message.article.source;
    const carrier = carrierItem(built.articleId, message.article.source);
    const existing = await this.get(carrier);
    if (!existing || canonicalJson(existing) !== canonicalJson(carrier)) {
      await this.writer.put({ Item: carrier });
    }
    const head = await this.get(keys.object(bucket, key));
    const carried =
      head?.['state'] === 'articles' && stringList(head['articleIds']).includes(built.articleId);
    // The token alone does not say the head still carries the article: the same revision may have been
    // re-recorded with another outcome (a rejection, other articles) meanwhile.
    if (head && head['revisionToken'] === headToken && carried) return true;
    if (!carried) {
      await this.detachCarrier(built.articleId, bucket, key);
    }
    return false;
  }

  // ── the article ──────────────────────────────────────────────────────────────────────────────────────

  /**
   * Writes an article version. The small HEAD item decides: it holds the stored revision and a lease, taken
   * with a conditional write, so only one revision writes the article's items at a time and an older
   * revision never does; the big article item is then written once, without conditions, after its
   * quotes, events and counts.
   */
  private async writeArticle(built: ArticleItems): Promise<void> {
    const lease = revisionToken(built.revision);
    const articleItem = await this.fitArticleItem(built);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const state = await this.readArticle(built.articleId);
      const { head } = state;
      if (head) {
        const order = orderRevisions(built.revision, StoredRevisionSchema.parse(head['revision']));
        if (order === 'older') return;
      }
      const articleChanged = !state.article || canonicalJson(state.article) !== canonicalJson(articleItem);
      const unchanged =
        head !== null &&
        head['leaseToken'] === undefined &&
        head['revisionToken'] === lease &&
        !articleChanged &&
        aggregateDeltas(state.contribution, built.contribution).length === 0 &&
        this.contentChanges(state.content, built.content).length === 0;
      if (unchanged) return;
      const deltas = aggregateDeltas(state.contribution, built.contribution);
      try {
        // With counters to move, the lease is taken by the first counter transaction's HEAD update (one
        // write fewer); the counters, their shares and the lease change together or not at all.
        if (deltas.length === 0) await this.takeLease(built.articleId, head, lease, built);
        else
          await this.applyAggregates(
            built.articleId,
            deltas,
            lease,
            this.leaseUpdate(built.articleId, head, lease, built),
          );
      } catch (err) {
        if (!(err instanceof ConditionFailedError)) throw err;
        const again = await this.get(keys.head(built.articleId));
        if (again && isLeasedByOther(again, lease, this.now())) throw new ArticleBusyError(built.articleId);
        continue;
      }
      // A removal may have taken the last carrier meanwhile: then the article must go after all.
      const carriers = await this.queryPartition(keys.articlePartition(built.articleId), CARRIER_PREFIX);
      if (carriers.length === 0) {
        await this.deleteArticle(built.articleId, await this.readArticle(built.articleId), lease);
        return;
      }
      await this.writer.batchWrite(this.contentChanges(state.content, built.content));
      // The article item last: once it appears (or changes), its quotes, events and counts are in place.
      if (articleChanged) await this.writer.put({ Item: articleItem });
      await this.releaseLease(built.articleId, lease);
      return;
    }
    throw new Error(`article ${built.articleId} kept changing while it was being written`);
  }

  /**
   * Takes the article's lease (and, when `built` is given, moves its HEAD to the new revision) unless another
   * writer holds it or the HEAD changed since it was read.
   */
  private async takeLease(
    articleId: string,
    head: TableItem | null,
    lease: string,
    built: ArticleItems | null,
  ): Promise<void> {
    const update = this.leaseUpdate(articleId, head, lease, built);
    await this.writer.update({
      Key: keys.head(articleId),
      UpdateExpression: `SET ${update.sets.join(', ')}`,
      ConditionExpression: update.condition,
      ExpressionAttributeNames: update.names,
      ExpressionAttributeValues: update.values,
    });
  }

  /** The HEAD update that takes the lease (and moves the HEAD to `built`'s revision), and its condition. */
  private leaseUpdate(
    articleId: string,
    head: TableItem | null,
    lease: string,
    built: ArticleItems | null,
  ): LeaseUpdate {
    const names: Record<string, string> = {
      '#type': 'type',
      '#articleId': 'articleId',
      '#leaseToken': 'leaseToken',
      '#leaseUntil': 'leaseUntil',
    };
    const values: Record<string, unknown> = {
      ':type': 'article-head',
      ':articleId': articleId,
      ':lease': lease,
      ':until': this.now() + LEASE_MS,
    };
    const sets = ['#type = :type', '#articleId = :articleId', '#leaseToken = :lease', '#leaseUntil = :until'];
    if (built) {
      Object.assign(names, { '#revision': 'revision', '#token': 'revisionToken' });
      Object.assign(values, { ':revision': { ...built.revision }, ':token': lease });
      sets.push('#revision = :revision', '#token = :token');
    }
    let condition = 'attribute_not_exists(pk)';
    if (head) {
      names['#token'] = 'revisionToken';
      values[':read'] = head['revisionToken'];
      values[':now'] = this.now();
      condition = `#token = :read AND ${LEASE_FREE}`;
    }
    return { sets, names, values, condition };
  }

  /** The article item, with its body moved to the body store when the item would be too large. */
  private async fitArticleItem(built: ArticleItems): Promise<TableItem> {
    if (itemSizeBound(built.article) <= this.maxItemBytes) return built.article;
    const bodyStore = this.options.bodyStore;
    if (!bodyStore) {
      throw new Error(`article ${built.articleId} is too large for one item and no body store is configured`);
    }
    const ref = await bodyStore.put(
      `${ARTIFACT_PREFIXES.articleBodies}${built.articleId}/v${built.revision.pipelineVersion}.json`,
      articleBody(built.article),
    );
    return withBodyReference(built.article, ref);
  }

  private contentChanges(
    existing: ReadonlyMap<string, TableItem>,
    desired: readonly TableItem[],
  ): ({ put: TableItem } | { delete: ItemKey })[] {
    const wanted = new Map(desired.map((item) => [item.sk, item]));
    const changes: ({ put: TableItem } | { delete: ItemKey })[] = [];
    for (const item of desired) {
      const current = existing.get(item.sk);
      if (!current || canonicalJson(current) !== canonicalJson(item)) changes.push({ put: item });
    }
    for (const [sk, item] of existing) if (!wanted.has(sk)) changes.push({ delete: { pk: item.pk, sk } });
    return changes;
  }

  /** Deletes every item of the article and takes its share out of the aggregates; the HEAD goes last. */
  private async deleteArticle(articleId: string, state: ArticleState, lease: string): Promise<void> {
    if (state.head) {
      try {
        await this.takeLease(articleId, state.head, lease, null);
      } catch (err) {
        if (err instanceof ConditionFailedError) throw new ArticleBusyError(articleId);
        throw err;
      }
      await this.applyAggregates(articleId, aggregateDeltas(state.contribution, new Map()), lease);
    }
    const items: ItemKey[] = [...state.content.values(), ...(state.article ? [state.article] : [])];
    await this.writer.batchWrite(items.map((item) => ({ delete: { pk: item.pk, sk: item.sk } })));
    const bodyRef = state.article?.['bodyRef'] as { bucket?: unknown; key?: unknown } | null | undefined;
    if (
      bodyRef &&
      typeof bodyRef.bucket === 'string' &&
      typeof bodyRef.key === 'string' &&
      this.options.bodyStore
    ) {
      await this.options.bodyStore.delete({ bucket: bodyRef.bucket, key: bodyRef.key });
    }
    if (state.head) {
      await this.writer.delete({
        Key: keys.head(articleId),
        ConditionExpression: '#leaseToken = :lease',
        ExpressionAttributeNames: { '#leaseToken': 'leaseToken' },
        ExpressionAttributeValues: { ':lease': lease },
      });
    }
  }

  private async releaseLease(articleId: string, lease: string): Promise<void> {
    try {
      await this.writer.update({
        Key: keys.head(articleId),
        UpdateExpression: 'REMOVE #leaseToken, #leaseUntil',
        ConditionExpression: '#leaseToken = :lease',
        ExpressionAttributeNames: { '#leaseUntil': 'leaseUntil', '#leaseToken': 'leaseToken' },
        ExpressionAttributeValues: { ':lease': lease },
      });
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
    }
  }

  // ── aggregates ───────────────────────────────────────────────────────────────────────────────────────

  /**
   * Applies the difference between what the article has added to the aggregates and what it should add now.
   * Each chunk is one transaction: the counters change together with the HEAD's record of the article's
   * share, and only while this writer holds the lease, so counts stay exact across retries and crashes.
   */
  private async applyAggregates(
    articleId: string,
    deltas: readonly AggregateDelta[],
    lease: string,
    takeLease?: LeaseUpdate,
  ): Promise<void> {
    const perChunk = TRANSACTION_LIMIT - 1;
    for (let i = 0; i < deltas.length; i += perChunk) {
      const chunk = deltas.slice(i, i + perChunk);
      await this.writer.transact(
        this.aggregateChunk(articleId, chunk, lease, i === 0 ? takeLease : undefined),
      );
    }
    // Counters that reached zero are removed, so "top" lists and the table hold no empty entries.
    for (const delta of deltas.filter((d) => d.delta < 0)) {
      try {
        await this.writer.delete({
          Key: { pk: delta.pk, sk: delta.sk },
          ConditionExpression: '#count <= :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':zero': 0 },
        });
      } catch (err) {
        if (!(err instanceof ConditionFailedError)) throw err;
      }
    }
  }

  private aggregateChunk(
    articleId: string,
    deltas: readonly AggregateDelta[],
    lease: string,
    takeLease?: LeaseUpdate,
  ): TransactAction[] {
    const names: Record<string, string> = { '#leaseToken': 'leaseToken', ...takeLease?.names };
    const values: Record<string, unknown> = { ':lease': lease, ...takeLease?.values };
    const sets: string[] = [...(takeLease?.sets ?? [])];
    const removes: string[] = [];
    const conditions = [takeLease ? `(${takeLease.condition})` : '#leaseToken = :lease'];
    deltas.forEach((delta, i) => {
      names[`#a${i}`] = delta.attribute;
      if (delta.next === 0) removes.push(`#a${i}`);
      else {
        values[`:n${i}`] = delta.next;
        sets.push(`#a${i} = :n${i}`);
      }
      if (delta.previous === 0) conditions.push(`attribute_not_exists(#a${i})`);
      else {
        values[`:p${i}`] = delta.previous;
        conditions.push(`#a${i} = :p${i}`);
      }
    });
    const share: TransactAction = {
      Update: {
        Key: keys.head(articleId),
        UpdateExpression: [
          sets.length > 0 ? `SET ${sets.join(', ')}` : '',
          removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join(' '),
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
    const counters = deltas.map((delta): TransactAction => ({
      Update: {
        Key: { pk: delta.pk, sk: delta.sk },
        UpdateExpression:
          'SET #type = :type, #metric = :metric, #period = :period, #value = :value' +
          (delta.name !== null ? ', #name = if_not_exists(#name, :name)' : '') +
          ' ADD #count :delta',
        ExpressionAttributeNames: {
          '#type': 'type',
          '#metric': 'metric',
          '#period': 'period',
          '#value': 'value',
          '#count': 'count',
          ...(delta.name !== null && { '#name': 'name' }),
        },
        ExpressionAttributeValues: {
          ':type': 'aggregate',
          ':metric': delta.metric,
          ':period': delta.period,
          ':value': delta.value,
          ':delta': delta.delta,
          ...(delta.name !== null && { ':name': delta.name }),
        },
      },
    }));
    return [share, ...counters];
  }

  // ── reads (strongly consistent: decisions are made on them) ──────────────────────────────────────────

  private async readArticle(articleId: string): Promise<ArticleState> {
    const items = await this.queryPartition(keys.articlePartition(articleId));
    let article: TableItem | null = null;
    let head: TableItem | null = null;
    const contribution = new Map<string, number>();
    const content = new Map<string, TableItem>();
    const carriers: TableItem[] = [];
    for (const item of items) {
      if (item.sk === 'ARTICLE') article = item;
      else if (item.sk === 'HEAD') {
        head = item;
        for (const [name, value] of Object.entries(item)) {
          if (typeof value === 'number' && parseContributionKey(name)) contribution.set(name, value);
        }
      } else if (item.sk.startsWith(CARRIER_PREFIX)) carriers.push(item);
      else if (isContent(item.sk)) content.set(item.sk, item);
    }
    return { article, head, contribution, content, carriers };
  }

  private async get(key: ItemKey): Promise<TableItem | null> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: key.pk, sk: key.sk },
        ConsistentRead: true,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.writer.meter.recordConsumed(out.ConsumedCapacity, 'read');
    return (out.Item as TableItem | undefined) ?? null;
  }

  private async queryPartition(pk: string, skPrefix?: string): Promise<TableItem[]> {
    const items: TableItem[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(skPrefix && { ':prefix': skPrefix }) },
          ConsistentRead: true,
          ExclusiveStartKey: cursor,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.writer.meter.recordConsumed(out.ConsumedCapacity, 'read');
      items.push(...((out.Items ?? []) as TableItem[]));
      cursor = out.LastEvaluatedKey;
    } while (cursor);
    return items;
  }
}

/**
 * The store over `tableName`. Pass a body store (the artifacts bucket) so articles too large for one
 * DynamoDB item can still be stored; a meter to read the capacity consumed.
 */
export function createArticleStore(
  doc: DynamoDBDocumentClient,
  tableName: string,
  options: ArticleStoreOptions = {},
): ArticleStore {
  return new DynamoArticleStore(doc, tableName, options);
}
