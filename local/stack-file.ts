/**
 * Where a running (or persisted) local stack can be found: `npm start` writes stack.json — into the
 * --persist folder, or into .local/ for an in-memory run — and tools such as `npm run query` open the table
 * through it.
 *
 *   openLocalTable({ persistDir? }): Promise<LocalTable>
 *     running stack (stack.json answers) → its table; else with persistDir → starts DynamoDB Local on the
 *     persisted data and provisions the table from the template; else an error saying how to start one.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClientOf } from '../lambdas/aws/clients/dynamodb';
import { startDynamoDbLocal } from './dynamodb-local';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-stack';
import { loadStageTemplate, provisionTable } from './template-resources';

export interface StackFile {
  readonly version: 1;
  /** The `npm start` process serving the stack. */
  readonly pid: number;
  readonly startedAt: string;
  readonly region: string;
  readonly endpoints: { readonly dynamodb: string; readonly s3: string; readonly sqs: string };
  readonly tableName: string;
  readonly dropBucket: string;
  /** Each stage's queue and dead-letter queue (redrive and reprocess act on them); absent in older files. */
  readonly queues?: Readonly<Record<string, { readonly url: string; readonly deadLetterUrl: string | null }>>;
  /** The artifacts bucket (claim checks); absent in older files. */
  readonly artifactsBucket?: string;
  /** Absolute path of the persisted data, or null for an in-memory stack. */
  readonly persistDir: string | null;
}

/** Default location of stack.json for in-memory runs (git-ignored). */
export const DEFAULT_STATE_DIR = '.local';

export function stackFilePath(persistDir?: string, cwd: string = process.cwd()): string {
  return join(resolve(cwd, persistDir ?? DEFAULT_STATE_DIR), 'stack.json');
}

/** Where DynamoDB Local keeps a persisted table. */
export function dynamoDbDataDir(persistDir: string): string {
  return join(resolve(persistDir), 'dynamodb');
}

export function writeStackFile(path: string, content: StackFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
}

export function readStackFile(path: string): StackFile | null {
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<StackFile>;
    return parsed.version === 1 && parsed.endpoints && parsed.tableName ? (parsed as StackFile) : null;
  } catch {
    return null;
  }
}

/** Removes stack.json if it still describes this process's stack (a newer run may have replaced it). */
export function removeStackFile(path: string, pid: number = process.pid): void {
  if (readStackFile(path)?.pid === pid) rmSync(path, { force: true });
}

export interface LocalTable {
  readonly tableName: string;
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  /** True when this call started DynamoDB Local (on persisted data); stop() then shuts it down. */
  readonly started: boolean;
  stop(): Promise<void>;
}

function clientsFor(endpoint: string): { client: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const client = new DynamoDBClient({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint,
    maxAttempts: 1,
  });
  return {
    client,
    doc: documentClientOf(client),
  };
}

async function answers(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch {
    return false;
  }
}

/** The local table: a running stack's, or a persisted one brought up on demand. */
export async function openLocalTable(options: { readonly persistDir?: string } = {}): Promise<LocalTable> {
  const file = readStackFile(stackFilePath(options.persistDir));
  if (file) {
    const { client, doc } = clientsFor(file.endpoints.dynamodb);
    if (await answers(client, file.tableName)) {
      return {
        tableName: file.tableName,
        endpoint: file.endpoints.dynamodb,
        client,
        doc,
        started: false,
        stop: async () => client.destroy(),
      };
    }
    client.destroy();
  }
  if (!options.persistDir) {
    throw new Error(
      'No local stack is running. Start one with `npm start` (in another terminal), ' +
        'or keep data between runs with `npm start -- --persist DIR` and query it with `--persist DIR`.',
    );
  }
  const dynamo = await startDynamoDbLocal({ dbPath: dynamoDbDataDir(options.persistDir) });
  try {
    const { client, doc } = clientsFor(dynamo.endpoint);
    const tableName = await provisionTable(client, loadStageTemplate('dev'));
    return {
      tableName,
      endpoint: dynamo.endpoint,
      client,
      doc,
      started: true,
      stop: async () => {
        client.destroy();
        await dynamo.stop();
      },
    };
  } catch (err) {
    await dynamo.stop();
    throw err;
  }
}
