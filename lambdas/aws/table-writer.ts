import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { itemTypeOfKey, writeUnits } from '../core/items/billing';
import {
  BatchWriteCommand,
  GetCommand,
  type BatchWriteCommandInput,
  DeleteCommand,
  type DeleteCommandInput,
  type DynamoDBDocumentClient,
  PutCommand,
  type PutCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';

/** BatchWriteItem takes at most 25 requests. */
export const BATCH_LIMIT = 25;
/** TransactWriteItems takes at most 100 actions. */
export const TRANSACTION_LIMIT = 100;

export type WriteRequest =
  | { readonly put: Record<string, unknown> }
  | { readonly delete: { readonly pk: string; readonly sk: string } };

/** Capacity and work done, summed from ReturnConsumedCapacity (what the write cost benchmark reads). */
export interface WriteCost {
  /** Write units as the service reported them (ReturnConsumedCapacity TOTAL: table and GSIs). */
  readonly writeUnits: number;
  /**
   * Write request units as DynamoDB bills them: the reported units, except that transactions are priced with
   * the documented model (2 per KB per action, GSIs included) when the meter models them, because DynamoDB
   * Local reports a flat figure for a transaction whatever its size.
   */
  readonly billedWriteUnits: number;
  /** Billed write units by the type of item written (`type` attribute; '?' when unknown). */
  readonly billedByType: Readonly<Record<string, number>>;
  readonly readUnits: number;
  readonly requests: number;
  readonly itemsPut: number;
  readonly itemsDeleted: number;
  /** Batch requests that DynamoDB handed back as UnprocessedItems and were sent again. */
  readonly retriedItems: number;
}

export class CapacityMeter {
  private cost = {
    writeUnits: 0,
    billedWriteUnits: 0,
    readUnits: 0,
    requests: 0,
    itemsPut: 0,
    itemsDeleted: 0,
    retriedItems: 0,
  };
  private readonly byType = new Map<string, number>();

  /**
   * Price transactions with the billing model (reads each action's item before and after, unmetered): for
   * benchmarks on DynamoDB Local; off in Lambda.
   */
  readonly modelTransactions: boolean;
  /**
   * Split billed units by item type (`billedByType`). Splitting a batch sizes every item it wrote (~1.5 ms of
   * CPU per stored article): the store stage, which never reads its meter, turns it off.
   */
  readonly byItemType: boolean;

  constructor(options: { readonly modelTransactions?: boolean; readonly byItemType?: boolean } = {}) {
    this.modelTransactions = options.modelTransactions ?? false;
    this.byItemType = options.byItemType ?? true;
  }

  /**
   * `types`: the item types the request wrote, to attribute its units (by `weights`, else evenly); `billed` false when the
   * request's billed units are recorded apart (a modeled transaction).
   */
  recordConsumed(
    consumed: ConsumedCapacity | readonly ConsumedCapacity[] | undefined,
    kind: 'read' | 'write',
    types: readonly string[] = [],
    billed = true,
    weights?: readonly number[],
  ): number {
    this.cost.requests += 1;
    const list =
      consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed as ConsumedCapacity];
    let total = 0;
    for (const c of list) {
      const units = c.CapacityUnits ?? (kind === 'read' ? c.ReadCapacityUnits : c.WriteCapacityUnits) ?? 0;
      total += units;
      if (kind === 'read') this.cost.readUnits += units;
      else this.cost.writeUnits += units;
    }
    if (kind === 'write' && billed) this.recordBilled(total, types, weights);
    return total;
  }

  /** Billed units of a write request, attributed to the item types it wrote. */
  recordBilled(units: number, types: readonly string[], weights?: readonly number[]): void {
    this.cost.billedWriteUnits += units;
    if (!this.byItemType) return;
    const shares = types.length > 0 ? types : ['?'];
    const weight = (i: number): number => weights?.[i] ?? 1;
    const sum = shares.reduce((n, _, i) => n + weight(i), 0);
    shares.forEach((type, i) => {
      this.byType.set(type, (this.byType.get(type) ?? 0) + (units * weight(i)) / sum);
    });
  }

  recordItems(put: number, deleted: number): void {
    this.cost.itemsPut += put;
    this.cost.itemsDeleted += deleted;
  }

  recordRetried(items: number): void {
    this.cost.retriedItems += items;
  }

  snapshot(): WriteCost {
    return { ...this.cost, billedByType: Object.fromEntries([...this.byType].sort()) };
  }
}

export interface RetryPolicy {
  /** Sends of one batch (first try included) before giving up on its unprocessed items. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 25,
  maxDelayMs: 2_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** "Full jitter" (AWS Architecture Blog): a random wait up to an exponentially growing cap. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(policy.random() * cap);
}

export class UnprocessedItemsError extends Error {
  constructor(readonly remaining: number) {
    super(`BatchWriteItem left ${remaining} item(s) unprocessed after every retry`);
    this.name = 'UnprocessedItemsError';
  }
}

/** A transaction or write whose condition did not hold (someone else's revision or lease is in the way). */
export class ConditionFailedError extends Error {
  constructor(readonly reasons: readonly string[]) {
    super(`condition failed: ${reasons.join(', ')}`);
    this.name = 'ConditionFailedError';
  }
}

function isConditionalCheckFailed(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}

type Item = Record<string, unknown>;

function typeOf(item: Item): string {
  return typeof item['type'] === 'string' ? item['type'] : itemTypeOfKey(item);
}

/** The key (and, for a Put, the item) an action of a transaction targets. */
function actionKey(action: TransactAction): { key: Item; item: Item | null } {
  if ('Put' in action) {
    const item = action.Put.Item as Item;
    return { key: { pk: item['pk'], sk: item['sk'] }, item };
  }
  const target =
    'Update' in action ? action.Update : 'Delete' in action ? action.Delete : action.ConditionCheck;
  return { key: target.Key as Item, item: null };
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type WithoutTable<T> = Omit<T, 'TableName'>;
type Action<K extends 'Put' | 'Update' | 'Delete' | 'ConditionCheck'> = WithoutTable<
  NonNullable<TransactItem[K]>
>;

/** One action of a transaction on this writer's table (the table name is added by the writer). */
export type TransactAction =
  | { readonly Put: Action<'Put'> }
  | { readonly Update: Action<'Update'> }
  | { readonly Delete: Action<'Delete'> }
  | { readonly ConditionCheck: Action<'ConditionCheck'> };

/**
 * Writes to one table and meters every write. Batches retry UnprocessedItems with exponential backoff and
 * jitter (the SDK retries throttled requests, not the items a successful BatchWriteItem hands back);
 * transactions retry conflicts, and report failed conditions as ConditionFailedError.
 */
export class TableWriter {
  readonly meter: CapacityMeter;
  private readonly retry: RetryPolicy;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
    options: { readonly retry?: Partial<RetryPolicy>; readonly meter?: CapacityMeter } = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.meter = options.meter ?? new CapacityMeter();
  }

  /** Puts and deletes in batches of 25; returns when every request has been applied. */
  async batchWrite(requests: readonly WriteRequest[]): Promise<void> {
    for (let i = 0; i < requests.length; i += BATCH_LIMIT) {
      await this.writeBatch(requests.slice(i, i + BATCH_LIMIT));
    }
    const puts = requests.filter((r) => 'put' in r).length;
    this.meter.recordItems(puts, requests.length - puts);
  }

  private async writeBatch(requests: readonly WriteRequest[]): Promise<void> {
    type Requests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];
    let pending: Requests = requests.map((r) =>
      'put' in r
        ? { PutRequest: { Item: r.put } }
        : { DeleteRequest: { Key: { pk: r.delete.pk, sk: r.delete.sk } } },
    );
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) {
        if (attempt >= this.retry.maxAttempts) throw new UnprocessedItemsError(pending.length);
        this.meter.recordRetried(pending.length);
        await this.retry.sleep(backoffDelay(attempt, this.retry));
      }
      const out = await this.doc.send(
        new BatchWriteCommand({
          RequestItems: { [this.tableName]: pending },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      if (this.meter.byItemType) {
        const types = pending.map((r) =>
          r.PutRequest?.Item ? typeOf(r.PutRequest.Item) : itemTypeOfKey(r.DeleteRequest?.Key ?? {}),
        );
        // A batch reports one figure: split it among its items by what each costs alone.
        const weights = pending.map((r) => (r.PutRequest?.Item ? writeUnits(null, r.PutRequest.Item) : 1));
        this.meter.recordConsumed(out.ConsumedCapacity, 'write', types, true, weights);
      } else this.meter.recordConsumed(out.ConsumedCapacity, 'write');
      pending = out.UnprocessedItems?.[this.tableName] ?? [];
    }
  }

  /**
   * One atomic transaction (≤ 100 actions). Conflicts with concurrent transactions are retried; a failed
   * condition is thrown as ConditionFailedError.
   */
  async transact(items: readonly TransactAction[]): Promise<void> {
    if (items.length === 0) return;
    if (items.length > TRANSACTION_LIMIT)
      throw new Error(`a transaction takes at most ${TRANSACTION_LIMIT} actions`);
    const withTable = items.map((item) => {
      const out: Record<string, unknown> = {};
      for (const [kind, action] of Object.entries(item)) {
        if (action) out[kind] = { ...(action as object), TableName: this.tableName };
      }
      return out as TransactItem;
    });
    const keyed = items.map(actionKey);
    const types = keyed.map(({ key, item }) => (item ? typeOf(item) : itemTypeOfKey(key)));
    for (let attempt = 0; ; attempt += 1) {
      try {
        const before = this.meter.modelTransactions ? await this.readAll(keyed) : null;
        const out = await this.doc.send(
          new TransactWriteCommand({ TransactItems: withTable, ReturnConsumedCapacity: 'TOTAL' }),
        );
        if (!before) {
          this.meter.recordConsumed(out.ConsumedCapacity, 'write', types);
          return;
        }
        this.meter.recordConsumed(out.ConsumedCapacity, 'write', [], false);
        const after = await this.readAll(keyed);
        // Priced by the model instead of the reported figure (DynamoDB Local reports a flat one).
        items.forEach((item, i) => {
          const units = writeUnits(before[i] ?? null, after[i] ?? null, {
            transactional: true,
            conditionCheck: 'ConditionCheck' in item,
          });
          const seen = after[i] ?? before[i];
          this.meter.recordBilled(units, [seen ? typeOf(seen) : (types[i] ?? '?')]);
        });
        return;
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const reasons = (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
        if (reasons.includes('ConditionalCheckFailed')) throw new ConditionFailedError(reasons);
        if (attempt + 1 >= this.retry.maxAttempts) throw err;
        await this.retry.sleep(backoffDelay(attempt + 1, this.retry));
      }
    }
  }

  /** Current items of the actions' keys (consistent, unmetered): what the transaction model prices. */
  private async readAll(keyed: readonly { key: Record<string, unknown> }[]): Promise<(Item | null)[]> {
    return Promise.all(
      keyed.map(async ({ key }) => {
        const out = await this.doc.send(
          new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
        );
        return (out.Item as Item | undefined) ?? null;
      }),
    );
  }

  /** A single conditional put; a failed condition is thrown as ConditionFailedError. */
  async put(input: WithoutTable<PutCommandInput>): Promise<void> {
    await this.single(
      () =>
        this.doc.send(
          new PutCommand({ ...input, TableName: this.tableName, ReturnConsumedCapacity: 'TOTAL' }),
        ),
      [typeOf(input.Item ?? {})],
    );
    this.meter.recordItems(1, 0);
  }

  /** An update; with `ReturnValues`, the attributes DynamoDB returns (ALL_NEW: the item as written). */
  async update(input: WithoutTable<UpdateCommandInput>): Promise<Record<string, unknown> | undefined> {
    let attributes: Record<string, unknown> | undefined;
    await this.single(async () => {
      const out = await this.doc.send(
        new UpdateCommand({ ...input, TableName: this.tableName, ReturnConsumedCapacity: 'TOTAL' }),
      );
      attributes = out.Attributes;
      return out;
    }, [itemTypeOfKey(input.Key ?? {})]);
    return attributes;
  }

  async delete(input: WithoutTable<DeleteCommandInput>): Promise<void> {
    await this.single(
      () =>
        this.doc.send(
          new DeleteCommand({ ...input, TableName: this.tableName, ReturnConsumedCapacity: 'TOTAL' }),
        ),
      [itemTypeOfKey(input.Key ?? {})],
    );
    this.meter.recordItems(0, 1);
  }

  private async single(
    send: () => Promise<{ ConsumedCapacity?: ConsumedCapacity }>,
    types: readonly string[],
  ): Promise<void> {
    try {
      const out = await send();
      this.meter.recordConsumed(out.ConsumedCapacity, 'write', types);
    } catch (err) {
      if (isConditionalCheckFailed(err)) throw new ConditionFailedError(['ConditionalCheckFailed']);
      throw err;
    }
  }
}
