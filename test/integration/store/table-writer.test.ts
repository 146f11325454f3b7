import type { BatchWriteCommandInput, BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import {
  backoffDelay,
  CapacityMeter,
  ConditionFailedError,
  DEFAULT_RETRY,
  TableWriter,
  UnprocessedItemsError,
} from '../../../lambdas/aws/table-writer';
import { createTable, localClients, scanItems, useDynamoDbLocal } from './local-table';

jest.setTimeout(60_000);

const local = useDynamoDbLocal();

const item = (i: number) => ({ pk: `T#${i}`, sk: 'X', type: 'test', n: i });

describe('TableWriter on DynamoDB Local', () => {
  it('writes 60 items in batches of 25 and meters the capacity DynamoDB reports', async () => {
    const table = await createTable(local.raw);
    const { doc } = localClients(local.endpoint);
    const writer = new TableWriter(doc, table);
    await writer.batchWrite(Array.from({ length: 60 }, (_, i) => ({ put: item(i) })));
    expect((await scanItems(doc, table)).map((i) => i['n'])).toHaveLength(60);
    expect(writer.meter.snapshot()).toEqual({
      writeUnits: 60,
      billedWriteUnits: 60,
      billedByType: { test: 60 },
      readUnits: 0,
      requests: 3,
      itemsPut: 60,
      itemsDeleted: 0,
      retriedItems: 0,
    });
  });

  it('meters the same totals without the split by item type when the meter is told not to split', async () => {
    const table = await createTable(local.raw);
    const { doc } = localClients(local.endpoint);
    const writer = new TableWriter(doc, table, { meter: new CapacityMeter({ byItemType: false }) });
    await writer.batchWrite(Array.from({ length: 60 }, (_, i) => ({ put: item(i) })));
    expect(writer.meter.snapshot()).toEqual({
      writeUnits: 60,
      billedWriteUnits: 60,
      billedByType: {},
      readUnits: 0,
      requests: 3,
      itemsPut: 60,
      itemsDeleted: 0,
      retriedItems: 0,
    });
  });

  it('gives up with UnprocessedItemsError when DynamoDB keeps handing items back, after backing off', async () => {
    const table = await createTable(local.raw);
    const { doc, raw: client } = localClients(local.endpoint);
    // Everything but the first request of each batch comes back unprocessed, every time.
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'BatchWriteItemCommand') return next(args);
        const input = args.input as BatchWriteCommandInput;
        const requests = input.RequestItems?.[table] ?? [];
        const result = await next({
          ...args,
          input: { ...input, RequestItems: { [table]: requests.slice(0, 1) } },
        });
        (result.output as BatchWriteCommandOutput).UnprocessedItems =
          requests.length > 1 ? { [table]: requests.slice(1) } : {};
        return result;
      },
      { step: 'initialize', name: 'holdBack' },
    );
    const delays: number[] = [];
    const writer = new TableWriter(doc, table, {
      retry: {
        maxAttempts: 4,
        baseDelayMs: 10,
        maxDelayMs: 40,
        random: () => 0.999,
        sleep: async (ms) => void delays.push(ms),
      },
    });
    await expect(writer.batchWrite([0, 1, 2, 3, 4, 5].map((i) => ({ put: item(i) })))).rejects.toThrow(
      new UnprocessedItemsError(2),
    );
    expect(delays).toEqual([19, 39, 39]);
    expect((await scanItems(doc, table)).map((i) => i['n'])).toEqual([0, 1, 2, 3]);
    client.destroy();
  });

  it('reports a failed transaction condition as ConditionFailedError and writes nothing', async () => {
    const table = await createTable(local.raw);
    const { doc } = localClients(local.endpoint);
    const writer = new TableWriter(doc, table);
    await writer.put({ Item: item(1) });
    await expect(
      writer.transact([
        { Put: { Item: item(2) } },
        {
          ConditionCheck: {
            Key: { pk: 'T#1', sk: 'X' },
            ConditionExpression: 'n = :n',
            ExpressionAttributeValues: { ':n': 7 },
          },
        },
      ]),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    expect((await scanItems(doc, table)).map((i) => i['n'])).toEqual([1]);
  });
});

describe('backoff', () => {
  it('waits a random time up to an exponentially growing cap (full jitter)', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 25, maxDelayMs: 2_000, random: () => 0.5 };
    expect([1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, policy))).toEqual([
      25, 50, 100, 200, 1000,
    ]);
    expect(backoffDelay(3, { ...policy, random: () => 0 })).toBe(0);
  });
});
