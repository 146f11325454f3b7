import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../../local/dynamodb-local';
import { stackFilePath, writeStackFile } from '../../../local/stack-file';
import { createArticleStore } from '../../../lambdas/aws/article-store';
import { createTable, localClients, seedMessages } from './local-table';

jest.setTimeout(90_000);

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');
let ddb: DynamoDbLocal;
let raw: DynamoDBClient;
let dir: string;

/** `npm run query -- …` against the table a (pretend) `npm start -- --persist DIR` announced in DIR/stack.json. */
async function query(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(join(root, 'node_modules', '.bin', 'tsx'), ['bin/query.ts', ...args, '--persist', dir], {
    cwd: root,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
}

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  const clients = localClients(ddb.endpoint);
  raw = clients.raw;
  const tableName = await createTable(raw);
  const store = createArticleStore(clients.doc, tableName);
  for (const message of seedMessages()) await store.saveArticle(message);
  dir = mkdtempSync(join(tmpdir(), 'dateline-query-'));
  writeStackFile(stackFilePath(dir), {
    version: 1,
    pid: process.pid,
    startedAt: new Date().toISOString(),
    region: 'us-east-1',
    endpoints: { dynamodb: ddb.endpoint, s3: 'http://127.0.0.1:1', sqs: 'http://127.0.0.1:1' },
    tableName,
    dropBucket: 'dateline-drop',
    persistDir: dir,
  });
}, 60_000);

afterAll(async () => {
  raw?.destroy();
  await ddb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('prints John Kerry’s 2016 quotes as a table', async () => {
  const { stdout } = await query('quotes', '--speaker', 'John Kerry', '--from', '2016-01', '--to', '2016-12');
  expect(stdout.split('\n').map((line) => line.trimEnd())).toEqual([
    'published   speaker     quote                article',
    '----------  ----------  -------------------  -------------------------------------------------------',
    '2016-07-05  John Kerry  Plan B               Behind US proposal for military cooperation with Russia',
    '2016-07-05  John Kerry  important statement  Behind US proposal for military cooperation with Russia',
    '',
  ]);
});

it('pages through events as JSON lines with the cursor it prints', async () => {
  const first = await query(
    'events',
    '--from',
    '2016-09-01',
    '--to',
    '2016-09-30',
    '--root',
    '19',
    '--json',
    '--limit',
    '2',
  );
  const cursor = /more: --cursor (\S+)/.exec(first.stderr)?.[1];
  expect(cursor).toBeDefined();
  const second = await query(
    'events',
    '--from',
    '2016-09-01',
    '--to',
    '2016-09-30',
    '--root',
    '19',
    '--json',
    '--cursor',
    cursor ?? '',
  );
  const dates = [first.stdout, second.stdout]
    .flatMap((out) => out.trim().split('\n'))
    .map((line) => (JSON.parse(line) as { date: string }).date);
  expect(dates).toEqual(['2016-09-04', '2016-09-06', '2016-09-17']);
  expect(second.stderr).not.toContain('more:');
});

it('ranks the top speakers of a month as JSON lines', async () => {
  const { stdout } = await query('top', 'speakers', '--month', '2016-09', '--limit', '2', '--json');
  expect(
    stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line)),
  ).toEqual([
    { name: 'Barack Obama', count: 4 },
    { name: 'John Kirby', count: 4 },
  ]);
});

it('explains its usage when a pattern lacks what it needs', async () => {
  await expect(query('quotes')).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringContaining('quotes needs --speaker NAME'),
  });
});
