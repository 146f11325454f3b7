/**
 * The write billing model (lambdas/core/items/billing.ts) against what DynamoDB Local reports for single
 * writes, GSIs with their INCLUDE projections included; and the modeled price of a transaction, which DynamoDB
 * Local reports as a flat figure.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CapacityMeter, TableWriter } from '../../../lambdas/aws/table-writer';
import { writeUnits } from '../../../lambdas/core/items';
import { createTable, localClients, useDynamoDbLocal } from './local-table';

jest.setTimeout(60_000);

const local = useDynamoDbLocal();

const body = (n: number): string => 'x'.repeat(n);

describe('write billing model', () => {
  it('prices puts, updates and deletes as DynamoDB Local reports them, projected GSI entries included', async () => {
    const table = await createTable(local.raw);
    const { doc } = localClients(local.endpoint);
    const key = { pk: 'ART#1', sk: 'ARTICLE' };
    const steps: Record<string, unknown>[] = [
      // A 6 KB article: its GSI entries keep the summary only, so they cost one unit each.
      {
        ...key,
        type: 'article',
        title: 't',
        paragraphs: [body(6000)],
        gsi1pk: 'PUB#p',
        gsi1sk: 'a',
        gsi2pk: 'DAY#d',
        gsi2sk: 'b',
      },
      // Same keys, a changed body (not projected): no index write.
      {
        ...key,
        type: 'article',
        title: 't',
        paragraphs: [body(6100)],
        gsi1pk: 'PUB#p',
        gsi1sk: 'a',
        gsi2pk: 'DAY#d',
        gsi2sk: 'b',
      },
      // A changed projected attribute: one write per index.
      {
        ...key,
        type: 'article',
        title: 'u',
        paragraphs: [body(6100)],
        gsi1pk: 'PUB#p',
        gsi1sk: 'a',
        gsi2pk: 'DAY#d',
        gsi2sk: 'b',
      },
      // An index key moves: the old entry is deleted and the new one put.
      {
        ...key,
        type: 'article',
        title: 'u',
        paragraphs: [body(100)],
        gsi1pk: 'PUB#q',
        gsi1sk: 'a',
        gsi2pk: 'DAY#d',
        gsi2sk: 'b',
      },
      // Out of gsi2 (sparse): its entry is deleted.
      { ...key, type: 'article', title: 'u', paragraphs: [body(100)], gsi1pk: 'PUB#q', gsi1sk: 'a' },
    ];
    let before: Record<string, unknown> | null = null;
    for (const item of steps) {
      const out = await doc.send(
        new PutCommand({ TableName: table, Item: item, ReturnConsumedCapacity: 'TOTAL' }),
      );
      expect({ item: steps.indexOf(item), units: writeUnits(before, item) }).toEqual({
        item: steps.indexOf(item),
        units: out.ConsumedCapacity?.CapacityUnits,
      });
      before = item;
    }
    const updated = await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'SET wordCount = :n',
        ExpressionAttributeValues: { ':n': 120 },
        ReturnConsumedCapacity: 'TOTAL',
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(writeUnits(before, updated.Attributes ?? null)).toBe(updated.ConsumedCapacity?.CapacityUnits);
    const deleted = await doc.send(
      new DeleteCommand({ TableName: table, Key: key, ReturnConsumedCapacity: 'TOTAL' }),
    );
    expect(writeUnits(updated.Attributes ?? null, null)).toBe(deleted.ConsumedCapacity?.CapacityUnits);
  });

  it('prices a transaction at two units per KB per action, where DynamoDB Local reports a flat figure', async () => {
    const table = await createTable(local.raw);
    const { doc } = localClients(local.endpoint);
    const meter = new CapacityMeter({ modelTransactions: true });
    const writer = new TableWriter(doc, table, { meter });
    await doc.send(
      new PutCommand({ TableName: table, Item: { pk: 'C', sk: 'c', type: 'object', data: body(1500) } }),
    );
    await writer.transact([
      { ConditionCheck: { Key: { pk: 'C', sk: 'c' }, ConditionExpression: 'attribute_exists(pk)' } },
      ...Array.from({ length: 10 }, (_, i) => ({
        Update: {
          Key: { pk: 'TOP#speaker#month#2016-09#0', sk: `n${i}` },
          UpdateExpression: 'ADD #count :one',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': 1 },
        },
      })),
    ]);
    // The condition check reads a 2 KB item (2 × 2), each counter is a 1 KB write (2 × 1).
    expect(meter.snapshot().billedWriteUnits).toBe(4 + 10 * 2);
    expect(meter.snapshot().billedByType).toEqual({ aggregate: 20, object: 4 });
    const counter = await doc.send(
      new GetCommand({ TableName: table, Key: { pk: 'TOP#speaker#month#2016-09#0', sk: 'n3' } }),
    );
    expect(counter.Item?.['count']).toBe(1);
  });
});
