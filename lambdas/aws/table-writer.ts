import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
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
  readonly writeUnits: number;
  readonly readUnits: number;
  readonly requests: number;
  readonly itemsPut: number;
  readonly itemsDeleted: number;
  /** Batch requests that DynamoDB handed back as UnprocessedItems and were sent again. */
  readonly retriedItems: number;
}

export class CapacityMeter {
  private cost = { writeUnits: 0, readUnits: 0, requests: 0, itemsPut: 0, itemsDeleted: 0, retriedItems: 0 };

  recordConsumed(
    consumed: ConsumedCapacity | readonly ConsumedCapacity[] | undefined,
    kind: 'read' | 'write',
  ): void {
    this.cost.requests += 1;
    const list =
      consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed as ConsumedCapacity];
    for (const c of list) {
      const units = c.CapacityUnits ?? (kind === 'read' ? c.ReadCapacityUnits : c.WriteCapacityUnits) ?? 0;
      if (kind === 'read') this.cost.readUnits += units;
      else this.cost.writeUnits += units;
    }
  }

  recordItems(put: number, deleted: number): void {
    this.cost.itemsPut += put;
    this.cost.itemsDeleted += deleted;
  }

  recordRetried(items: number): void {
    this.cost.retriedItems += items;
  }

  snapshot(): WriteCost {
    return { ...this.cost };
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
      this.meter.recordConsumed(out.ConsumedCapacity, 'write');
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
    for (let attempt = 0; ; attempt += 1) {
      try {
        const out = await this.doc.send(
          new TransactWriteCommand({ TransactItems: withTable, ReturnConsumedCapacity: 'TOTAL' }),
        );
        this.meter.recordConsumed(out.ConsumedCapacity, 'write');
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

  /** A single conditional put; a failed condition is thrown as ConditionFailedError. */
  async put(input: WithoutTable<PutCommandInput>): Promise<void> {
    await this.single(() =>
      this.doc.send(new PutCommand({ ...input, TableName: this.tableName, ReturnConsumedCapacity: 'TOTAL' })),
    );
    this.meter.recordItems(1, 0);
  }

  async update(input: WithoutTable<UpdateCommandInput>): Promise<void> {
    await this.single(() =>
      this.doc.send(
        new UpdateCommand({ ...input, TableName: this.tableName, ReturnConsumedCapacity: 'TOTAL' }),
      ),
    );
  }

  async delete(input: WithoutTable<DeleteCommandInput>): Promise<void> {
    await this.single(() =>
      this.doc.send(
        new DeleteCommand({ ...input, TableName: this.tableName, ReturnConsumedCapacity: 'TOTAL' }),
      ),
    );
    this.meter.recordItems(0, 1);
  }

  private async single(send: () => Promise<{ ConsumedCapacity?: ConsumedCapacity }>): Promise<void> {
    try {
      const out = await send();
      this.meter.recordConsumed(out.ConsumedCapacity, 'write');
    } catch (err) {
      if (isConditionalCheckFailed(err)) throw new ConditionFailedError(['ConditionalCheckFailed']);
      throw err;
    }
  }
}
