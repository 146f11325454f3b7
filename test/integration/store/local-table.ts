/**
 * Test support for the store suites: one DynamoDB Local per test file, tables created from the synthesized
 * dev template (as the local stack does), the seed fixtures, and a sorted scan.
 */
import { DynamoDBClient, ScanCommand as RawScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentClientOf } from '../../../lambdas/aws/clients/dynamodb';
import { type EnrichedMessage, EnrichedMessageSchema } from '../../../lambdas/core/messages';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../../local/dynamodb-local';
import { type CfnTemplate, loadStageTemplate, provisionTable } from '../../../local/template-resources';

export type EnrichedArticle = Extract<EnrichedMessage, { type: 'enriched' }>;

export function localClients(endpoint: string): { raw: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const raw = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { raw, doc: documentClientOf(raw) };
}

export interface LocalDynamoDb {
  readonly endpoint: string;
  readonly raw: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
}

/**
 * One DynamoDB Local for the calling test file: started before its tests (it takes a few seconds on a busy
 * machine), stopped after them. The fields are set once it runs.
 */
export function useDynamoDbLocal(): LocalDynamoDb {
  let ddb: DynamoDbLocal | undefined;
  const local = {} as { endpoint: string; raw: DynamoDBClient; doc: DynamoDBDocumentClient };
  beforeAll(async () => {
    ddb = await startDynamoDbLocal();
    Object.assign(local, { endpoint: ddb.endpoint, ...localClients(ddb.endpoint) });
  }, 60_000);
  afterAll(async () => {
    local.raw?.destroy();
    await ddb?.stop();
  });
  return local;
}

let tables = 0;
let template: CfnTemplate | undefined;

/** A fresh, empty table created from the synthesized dev template: the same shape the CDK app deploys. */
export async function createTable(raw: DynamoDBClient): Promise<string> {
  tables += 1;
  template ??= loadStageTemplate('dev');
  return provisionTable(raw, template, { tableName: `articles-${process.pid}-${tables}` });
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
    for (const item of out.Items ?? []) {
      // Leases are not content: a finished writer either released its lease or left it for its article item
      // to free (article-store.ts LEASE_ITEM), and the expiry is wall-clock. Lease tests read the HEAD itself.
      for (const lease of ['leaseToken', 'leaseUntil', 'leaseItem']) delete item[lease];
      items.push(JSON.stringify(sortKeys(item)));
    }
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
