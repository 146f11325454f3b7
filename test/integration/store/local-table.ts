/**
 * Test support for the store suites: one DynamoDB Local per test file, tables created from
 * lambdas/core/table-schema.ts (the definition the CDK table reads), the seed fixtures, and a sorted scan.
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand as RawScanCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EnrichedMessage, EnrichedMessageSchema } from '../../../lambdas/core/messages';
import { INDEXES, TABLE_KEY } from '../../../lambdas/core/table-schema';

export type EnrichedArticle = Extract<EnrichedMessage, { type: 'enriched' }>;

export function localClients(endpoint: string): { raw: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const raw = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { raw, doc: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }) };
}

let tables = 0;

/** A fresh, empty table with the project's keys and GSIs. */
export async function createTable(raw: DynamoDBClient): Promise<string> {
  tables += 1;
  const name = `articles-${process.pid}-${tables}`;
  const attributes = new Set<string>([TABLE_KEY.partitionKey, TABLE_KEY.sortKey]);
  for (const index of Object.values(INDEXES)) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  await raw.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Object.values(INDEXES).map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await waitUntilTableExists({ client: raw, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
  return name;
}

const FIXTURES = join(__dirname, 'fixtures');

/** The five seed articles as enriched messages (hand-built from the seeds and their gold annotations). */
export function seedMessages(): EnrichedArticle[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const message = EnrichedMessageSchema.parse(JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')));
      if (message.type !== 'enriched') throw new Error(`${f} is not an enriched article message`);
      return message;
    });
}

/** The whole table in wire format, sorted by key: equal strings mean byte-identical tables. */
export async function dumpTable(raw: DynamoDBClient, tableName: string): Promise<string> {
  const items: string[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const out = await raw.send(
      new RawScanCommand({ TableName: tableName, ExclusiveStartKey: cursor as never, ConsistentRead: true }),
    );
    for (const item of out.Items ?? []) items.push(JSON.stringify(sortKeys(item)));
    cursor = out.LastEvaluatedKey;
  } while (cursor);
  return items.sort().join('\n');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** Every item, as the document client reads it. */
export async function scanItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: cursor, ConsistentRead: true }),
    );
    items.push(...(out.Items ?? []));
    cursor = out.LastEvaluatedKey;
  } while (cursor);
  return items.sort((a, b) => (`${a['pk']}|${a['sk']}` < `${b['pk']}|${b['sk']}` ? -1 : 1));
}
