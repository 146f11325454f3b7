import { createHash } from 'node:crypto';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  articleBody,
  type ArticleItems,
  buildArticleItems,
  canonicalJson,
  CARRIER_PREFIX,
  CONTENT_PREFIXES,
  type ItemKey,
  itemSizeBound,
  keys,
  objectItem,
  type ObjectState,
  orderRevisions,
  parseLegacyShare,
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
  type WriteRequest,
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

/**
 * An article's partition as read, with its tally items (kept in the tallies' day partitions, found by the
 * keys its HEAD lists) and any counter shares an earlier layout recorded on the HEAD.
 */
interface ArticleState {
  readonly article: TableItem | null;
  readonly head: TableItem | null;
  readonly content: ReadonlyMap<string, TableItem>;
  /** Objects carrying the article: HEAD attributes, and carrier items of the earlier layout. */
  readonly carriers: readonly Carrier[];
  /** Tally items that exist, by partition key. */
  readonly tallies: ReadonlyMap<string, TableItem>;
  /** Partition keys the HEAD lists: every tally item the article may have (a superset after a crash). */
  readonly tallyKeys: ReadonlySet<string>;
  /** Earlier layout: HEAD attribute (`<pk>@<sk>` of a `TOP#` counter) → the article's share. */
  readonly legacyShares: ReadonlyMap<string, number>;
}

/**
 * "This object carries this article", as a HEAD attribute `SRC#<bucket>/<key>` holding the object's source
 * reference: set by the same write that takes the lease, so attaching costs no write of its own. An article is
 * deleted when its last carrier goes. Tables of the earlier layout also hold carrier items (`ART#id`,
 * `SRC#…`); both are read, and a detach removes both.
 */
interface Carrier {
  readonly attribute: string;
  readonly source: unknown;
  readonly legacyItem: boolean;
}

function headCarriers(head: Readonly<Record<string, unknown>> | null | undefined): Carrier[] {
  if (!head) return [];
  return Object.entries(head)
    .filter(([name]) => name.startsWith(CARRIER_PREFIX))
    .map(([attribute, source]) => ({ attribute, source, legacyItem: false }));
}

/** The carrier the message's object makes for its article. */
function carrierOf(message: EnrichedArticleMessage): Carrier {
  const { source } = message.article;
  return {
    attribute: keys.carrier(message.article.id, source.bucket, source.key).sk,
    source: JSON.parse(JSON.stringify(source)) as unknown,
    legacyItem: false,
  };
}

/** How the fast path for a new file ended (DynamoArticleStore.writeFresh). */
type FreshWrite = 'written' | 'article-exists' | 'object-exists';

/** The HEAD attribute listing the partition keys of the article's tally items (a string set). */
const TALLY_KEYS = 'tallyKeys';

function stringSet(value: unknown): Set<string> {
  if (value instanceof Set) return new Set([...value].filter((v): v is string => typeof v === 'string'));
  return new Set(stringList(value));
}

const LEASE_FREE = '(attribute_not_exists(#leaseUntil) OR #leaseUntil < :now OR #leaseToken = :lease)';

/**
 * A writer whose last write is the article item does not release its lease (one write fewer per article):
 * the HEAD records `leaseItem`, the digest of the article item it is writing, and once the table holds that
 * item, the writer is done and the lease is free. Writers with work after the article item, or that leave the
 * article item as it is, release explicitly and record no digest.
 */
const LEASE_ITEM = 'leaseItem';

/** An item's digest, from its canonical JSON. */
const digestOf = (canonical: string): string =>
  createHash('sha256').update(canonical).digest('base64url').slice(0, 22);

/**
 * The digest of the stored article item (its canonical JSON given) when the HEAD's lease was taken to write
 * exactly it: a done lease.
 */
function finishedLease(head: TableItem | null, article: string | null): string | null {
  const recorded = head?.[LEASE_ITEM];
  if (typeof recorded !== 'string' || article === null || head?.['leaseToken'] === undefined) return null;
  return digestOf(article) === recorded ? recorded : null;
}

const canonicalOrNull = (item: TableItem | null): string | null => (item ? canonicalJson(item) : null);

/**
 * Puts of the desired items that are new or changed, deletes of the existing ones the new version lacks;
 * `existing` is keyed as `keyOf` keys the desired items (tallies by partition, content items by sort key).
 */
function itemChanges(
  existing: ReadonlyMap<string, TableItem>,
  desired: readonly TableItem[],
  keyOf: (item: TableItem) => string,
): WriteRequest[] {
  const wanted = new Set(desired.map(keyOf));
  const changes: WriteRequest[] = [];
  for (const item of desired) {
    const current = existing.get(keyOf(item));
    if (!current || canonicalJson(current) !== canonicalJson(item)) changes.push({ put: item });
  }
  for (const [id, item] of existing)
    if (!wanted.has(id)) changes.push({ delete: { pk: item.pk, sk: item.sk } });
  return changes;
}

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
    const objectHead = await this.get(keys.object(bucket, key));
    // A file never seen before (nearly every drop) takes the fast path; it falls back here when it meets
    // another writer, holding the article's lease when the object head was the one taken meanwhile.
    let articleItem: TableItem | undefined;
    let fresh: FreshWrite | null = null;
    if (objectHead === null) {
      articleItem = await this.fitArticleItem(built);
      fresh = await this.writeFresh(built, articleItem, message);
      if (fresh === 'written') return;
    }
    const token = await this.advanceObject(
      bucket,
      key,
      built.revision,
      'articles',
      message.fileArticleIds,
      null,
      fresh === 'object-exists' ? undefined : objectHead,
    );
    if (token === 'stale') {
      if (fresh === 'object-exists') {
        // A newer revision took the object head after this writer recorded its carrier: take it back.
        const lease = revisionToken(built.revision);
        await this.detachCarrier(built.articleId, bucket, key, lease);
        await this.releaseLease(built.articleId, lease);
      }
      return;
    }
    // A stale message never gets here, so it never moves a large body to the body store.
    await this.writeArticle(built, articleItem ?? (await this.fitArticleItem(built)), message, token);
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
   * write on the head also compares the outcome it read (state and article ids). Returns the head's revision
   * token.
   */
  private async advanceObject(
    bucket: string,
    key: string,
    revision: StoredRevision,
    state: ObjectState,
    articleIds: readonly string[],
    rejection: TableItem | null,
    /** The object head as the caller just read it (undefined: read it). */
    firstRead?: TableItem | null,
  ): Promise<'stale' | string> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const head =
        attempt === 0 && firstRead !== undefined ? firstRead : await this.get(keys.object(bucket, key));
      if (head) {
        const order = orderRevisions(revision, StoredRevisionSchema.parse(head['revision']));
        if (order === 'older') return 'stale';
        if (order === 'same' && (await this.sameOutcome(head, state, articleIds, rejection))) {
          await this.finishDetach(head);
          return String(head['revisionToken']);
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
      return String(next['revisionToken']);
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
  private async detachCarrier(
    articleId: string,
    bucket: string,
    key: string,
    lease = `delete|${bucket}/${key}`,
  ): Promise<void> {
    const attribute = keys.carrier(articleId, bucket, key).sk;
    try {
      await this.writer.update({
        Key: keys.head(articleId),
        UpdateExpression: 'REMOVE #carrier',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#carrier': attribute },
      });
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
    }
    const read = await this.readArticle(articleId);
    // A carrier item of the earlier layout goes too.
    const legacy = read.carriers.some((c) => c.legacyItem && c.attribute === attribute);
    if (legacy) await this.writer.delete({ Key: keys.carrier(articleId, bucket, key) });
    const state = legacy
      ? { ...read, carriers: read.carriers.filter((c) => c.attribute !== attribute) }
      : read;
    if (state.carriers.length === 0) {
      await this.deleteArticle(articleId, state, lease);
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
          ExpressionAttributeValues: { ':source': remaining.source },
        });
      } catch (err) {
        if (!(err instanceof ConditionFailedError)) throw err;
      }
    }
  }

  /**
   * After the carrier is recorded: is the object's head still at this revision and carrying the article? A
   * newer revision of the object may have taken the head meanwhile. It either carries the article too (it
   * writes the article itself) or it dropped it, and then its detach may have run before the carrier was
   * recorded, so this writer detaches the carrier again. Either way this writer writes nothing more.
   */
  private async stillCarried(
    articleId: string,
    bucket: string,
    key: string,
    headToken: string,
    lease?: string,
  ): Promise<boolean> {
    const head = await this.get(keys.object(bucket, key));
    const carried = head?.['state'] === 'articles' && stringList(head['articleIds']).includes(articleId);
    // The token alone does not say the head still carries the article: the same revision may have been
    // re-recorded with another outcome (a rejection, other articles) meanwhile.
    if (head && head['revisionToken'] === headToken && carried) return true;
    if (!carried) await this.detachCarrier(articleId, bucket, key, lease);
    return false;
  }

  /**
   * Records the carrier alone, for an article this message does not write (stored already, or a newer
   * revision of it is), then checks the object still carries it. False when the HEAD is gone (the article was
   * deleted meanwhile: write it again).
   */
  private async attachOnly(
    articleId: string,
    carrier: Carrier,
    bucket: string,
    key: string,
    headToken: string,
  ): Promise<boolean> {
    let head: Record<string, unknown> | undefined;
    try {
      head = await this.writer.update({
        Key: keys.head(articleId),
        UpdateExpression: 'SET #carrier = :source',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#carrier': carrier.attribute },
        ExpressionAttributeValues: { ':source': carrier.source },
        ReturnValues: 'ALL_NEW',
      });
    } catch (err) {
      if (err instanceof ConditionFailedError) return false;
      throw err;
    }
    // A writer holds the article, perhaps to delete it (its last carrier gone before this one came): retry
    // once it is done, so the article is never left deleted under a live carrier.
    if (head && isLeasedByOther(head as TableItem, '', this.now()) && head[LEASE_ITEM] === undefined) {
      throw new ArticleBusyError(articleId);
    }
    await this.stillCarried(articleId, bucket, key, headToken);
    return true;
  }

  // ── the article ──────────────────────────────────────────────────────────────────────────────────────

  /**
   * A new file with a new article, in the order that needs no check afterwards: the article's lease and
   * carrier first (on "no HEAD"), then the object head (on "no object head"), then the items. A newer
   * revision of the object that takes the head later finds the carrier and detaches it, waiting for the lease
   * (ArticleBusyError) until the article item is written. Either condition failing hands over to the general
   * path: 'article-exists' (stored from another file, or a retry), or 'object-exists' (another writer
   * recorded the object meanwhile; this writer holds the lease and carrier, which that path keeps or undoes).
   */
  private async writeFresh(
    built: ArticleItems,
    articleItem: TableItem,
    message: EnrichedArticleMessage,
  ): Promise<FreshWrite> {
    const { bucket, key } = message.article.source;
    const articleJson = canonicalJson(articleItem);
    try {
      await this.takeLease(built.articleId, null, revisionToken(built.revision), built, {
        finished: null,
        writing: digestOf(articleJson),
        carrier: carrierOf(message),
      });
    } catch (err) {
      if (err instanceof ConditionFailedError) return 'article-exists';
      throw err;
    }
    try {
      await this.writer.put({
        Item: objectItem(bucket, key, 'articles', message.fileArticleIds, built.revision),
        ConditionExpression: 'attribute_not_exists(pk)',
      });
    } catch (err) {
      if (err instanceof ConditionFailedError) return 'object-exists';
      throw err;
    }
    await this.writer.batchWrite([...built.tallies, ...built.content].map((item) => ({ put: item })));
    // The article item last: its appearance frees the lease (LEASE_ITEM).
    await this.writer.put({ Item: articleItem });
    return 'written';
  }

  /**
   * Writes an article version. The small HEAD item decides: it holds the stored revision and a lease, taken
   * with a conditional write, so only one revision writes the article's items at a time and an older
   * revision never does; the big article item is then written once, without conditions, after its
   * quotes, events and counts.
   */
  private async writeArticle(
    built: ArticleItems,
    articleItem: TableItem,
    message: EnrichedArticleMessage,
    headToken: string,
  ): Promise<void> {
    const lease = revisionToken(built.revision);
    const articleJson = canonicalJson(articleItem);
    const { bucket, key } = message.article.source;
    const carrier = carrierOf(message);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const state = await this.readArticle(built.articleId);
      const { head } = state;
      // A carrier item of the earlier layout counts as recorded too (a detach removes either form).
      const recorded = state.carriers.some(
        (c) => c.attribute === carrier.attribute && canonicalJson(c.source) === canonicalJson(carrier.source),
      );
      // Only the carrier to record: a newer revision of the article is stored (or being written).
      const older =
        head !== null &&
        orderRevisions(built.revision, StoredRevisionSchema.parse(head['revision'])) === 'older';
      if (older) {
        if (recorded || (await this.attachOnly(built.articleId, carrier, bucket, key, headToken))) return;
        continue;
      }
      const stored = canonicalOrNull(state.article);
      const finished = finishedLease(head, stored);
      if (head && finished === null && isLeasedByOther(head, lease, this.now())) {
        throw new ArticleBusyError(built.articleId);
      }
      const articleChanged = stored !== articleJson;
      const changes = [
        ...itemChanges(state.tallies, built.tallies, (item) => item.pk),
        ...itemChanges(state.content, built.content, (item) => item.sk),
      ];
      const wantedKeys = new Set(built.tallies.map((t) => t.pk));
      const goneKeys = [...state.tallyKeys].filter((pk) => !wantedKeys.has(pk));
      const unchanged =
        head !== null &&
        (head['leaseToken'] === undefined || finished !== null) &&
        head['revisionToken'] === lease &&
        !articleChanged &&
        changes.length === 0 &&
        goneKeys.length === 0 &&
        state.legacyShares.size === 0;
      if (unchanged) {
        if (recorded || (await this.attachOnly(built.articleId, carrier, bucket, key, headToken))) return;
        continue;
      }
      // Without work after the article item, its appearance frees the lease (LEASE_ITEM).
      const releaseByItem = articleChanged && goneKeys.length === 0 && state.legacyShares.size === 0;
      try {
        // The HEAD lists the new tally keys before any is written, so a crash leaves none unlisted.
        await this.takeLease(built.articleId, head, lease, built, {
          finished,
          writing: releaseByItem ? digestOf(articleJson) : null,
          carrier,
        });
      } catch (err) {
        // The HEAD changed since it was read: read again (a live writer of another revision → busy).
        if (!(err instanceof ConditionFailedError)) throw err;
        continue;
      }
      if (!(await this.stillCarried(built.articleId, bucket, key, headToken, lease))) {
        // Detached (and deleted when it was the last carrier) or left to a newer revision: free the lease.
        await this.releaseLease(built.articleId, lease);
        return;
      }
      // Tallies are plain puts keyed by article: a repeated write puts the same item, so counts stay exact.
      await this.writer.batchWrite(changes);
      await this.dropLegacyShares(state.legacyShares);
      // The article item last: once it appears (or changes), its quotes, events and counts are in place.
      if (articleChanged) await this.writer.put({ Item: articleItem });
      if (!releaseByItem) {
        await this.releaseLease(built.articleId, lease, goneKeys, [...state.legacyShares.keys()]);
      }
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
    options: {
      /** The digest of a finished writer's lease to take over (finishedLease). */
      readonly finished: string | null;
      /** The digest of the article item this writer will write last, so that it frees the lease. */
      readonly writing: string | null;
      /** The carrier to record with the lease. */
      readonly carrier?: Carrier;
      /** Return the HEAD as written (a deleter checks it for carriers); writers need nothing back. */
      readonly returnHead?: boolean;
    } = {
      finished: null,
      writing: null,
    },
  ): Promise<Record<string, unknown> | undefined> {
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
    names['#leaseItem'] = LEASE_ITEM;
    let remove = '';
    if (options.writing !== null) {
      values[':leaseItem'] = options.writing;
      sets.push('#leaseItem = :leaseItem');
    } else remove = ' REMOVE #leaseItem';
    if (options.carrier) {
      names['#carrier'] = options.carrier.attribute;
      values[':carrier'] = options.carrier.source;
      sets.push('#carrier = :carrier');
    }
    let add = '';
    if (built) {
      Object.assign(names, { '#revision': 'revision', '#token': 'revisionToken' });
      Object.assign(values, { ':revision': { ...built.revision }, ':token': lease });
      sets.push('#revision = :revision', '#token = :token');
      if (built.tallies.length > 0) {
        names['#tallyKeys'] = TALLY_KEYS;
        values[':tallyKeys'] = new Set(built.tallies.map((t) => t.pk));
        add = ' ADD #tallyKeys :tallyKeys';
      }
    }
    let condition = 'attribute_not_exists(pk)';
    if (head) {
      names['#token'] = 'revisionToken';
      values[':read'] = head['revisionToken'];
      values[':now'] = this.now();
      condition = `#token = :read AND ${LEASE_FREE}`;
      if (options.finished !== null) {
        values[':finished'] = options.finished;
        condition = `#token = :read AND (${LEASE_FREE.slice(1, -1)} OR #leaseItem = :finished)`;
      }
    }
    return this.writer.update({
      Key: keys.head(articleId),
      UpdateExpression: `SET ${sets.join(', ')}${remove}${add}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ...(options.returnHead && { ReturnValues: 'ALL_NEW' }),
    });
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

  /** Deletes every item of the article, its tallies included; the HEAD goes last. */
  private async deleteArticle(articleId: string, state: ArticleState, lease: string): Promise<void> {
    if (state.head) {
      try {
        const taken = await this.takeLease(articleId, state.head, lease, null, {
          finished: finishedLease(state.head, canonicalOrNull(state.article)),
          writing: null,
          returnHead: true,
        });
        // A carrier recorded since the state was read: the article stays.
        if (headCarriers(taken).length > 0) {
          await this.releaseLease(articleId, lease);
          return;
        }
      } catch (err) {
        if (err instanceof ConditionFailedError) throw new ArticleBusyError(articleId);
        throw err;
      }
      await this.dropLegacyShares(state.legacyShares);
    }
    const items: ItemKey[] = [
      ...state.tallies.values(),
      ...state.content.values(),
      ...(state.article ? [state.article] : []),
    ];
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

  /** Frees the lease; drops tally keys the article no longer has and legacy share records. */
  private async releaseLease(
    articleId: string,
    lease: string,
    goneTallyKeys: readonly string[] = [],
    legacyShares: readonly string[] = [],
  ): Promise<void> {
    const names: Record<string, string> = {
      '#leaseUntil': 'leaseUntil',
      '#leaseToken': 'leaseToken',
      '#leaseItem': LEASE_ITEM,
    };
    const values: Record<string, unknown> = { ':lease': lease };
    const removes = ['#leaseToken', '#leaseUntil', '#leaseItem'];
    legacyShares.forEach((attribute, i) => {
      names[`#s${i}`] = attribute;
      removes.push(`#s${i}`);
    });
    let del = '';
    if (goneTallyKeys.length > 0) {
      names['#tallyKeys'] = TALLY_KEYS;
      values[':gone'] = new Set(goneTallyKeys);
      del = ' DELETE #tallyKeys :gone';
    }
    try {
      await this.writer.update({
        Key: keys.head(articleId),
        UpdateExpression: `REMOVE ${removes.join(', ')}${del}`,
        ConditionExpression: '#leaseToken = :lease',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      });
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
    }
  }

  /**
   * Takes the article's share out of `TOP#` counters of the earlier layout (no longer read), deleting those
   * that reach zero: storage hygiene only, so plain updates suffice; the release then drops the records.
   */
  private async dropLegacyShares(shares: ReadonlyMap<string, number>): Promise<void> {
    for (const [attribute, share] of shares) {
      const key = parseLegacyShare(attribute);
      if (!key) continue;
      await this.writer
        .update({
          Key: key,
          UpdateExpression: 'ADD #count :delta',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':delta': -share },
        })
        .catch((err: unknown) => {
          if (!(err instanceof ConditionFailedError)) throw err;
        });
      try {
        await this.writer.delete({
          Key: key,
          ConditionExpression: '#count <= :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':zero': 0 },
        });
      } catch (err) {
        if (!(err instanceof ConditionFailedError)) throw err;
      }
    }
  }

  // ── reads (strongly consistent: decisions are made on them) ──────────────────────────────────────────

  private async readArticle(articleId: string): Promise<ArticleState> {
    const items = await this.queryPartition(keys.articlePartition(articleId));
    let article: TableItem | null = null;
    let head: TableItem | null = null;
    const legacyShares = new Map<string, number>();
    const content = new Map<string, TableItem>();
    const carriers: Carrier[] = [];
    for (const item of items) {
      if (item.sk === 'ARTICLE') article = item;
      else if (item.sk === 'HEAD') {
        head = item;
        for (const [name, value] of Object.entries(item)) {
          if (typeof value === 'number' && parseLegacyShare(name)) legacyShares.set(name, value);
        }
      } else if (item.sk.startsWith(CARRIER_PREFIX)) {
        carriers.push({ attribute: item.sk, source: item['source'], legacyItem: true });
      } else if (isContent(item.sk)) content.set(item.sk, item);
    }
    carriers.unshift(...headCarriers(head));
    const tallyKeys = stringSet(head?.[TALLY_KEYS]);
    const tallies = new Map(
      (await this.getMany([...tallyKeys].map((pk) => ({ pk, sk: articleId })))).map((t) => [t.pk, t]),
    );
    return { article, head, content, carriers, tallies, tallyKeys, legacyShares };
  }

  /** Consistent reads of up to any number of keys, 100 per BatchGetItem, unprocessed keys re-asked. */
  private async getMany(keyList: readonly ItemKey[]): Promise<TableItem[]> {
    const found: TableItem[] = [];
    for (let i = 0; i < keyList.length; i += 100) {
      let pending: Record<string, unknown>[] = keyList.slice(i, i + 100).map(({ pk, sk }) => ({ pk, sk }));
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 10 * 2 ** attempt)));
        if (attempt >= 10) throw new Error(`BatchGetItem left ${pending.length} keys unread after 10 tries`);
        const out = await this.doc.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        this.writer.meter.recordConsumed(out.ConsumedCapacity, 'read');
        found.push(...((out.Responses?.[this.tableName] ?? []) as TableItem[]));
        pending = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return found;
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
