/**
 * The operator commands as a user runs them, against a running local stack found through stack.json:
 * `npm run redrive` moves a dead-lettered S3 event back and the file is then stored; `npm run query -- object`
 * tells a file's fate (article, rejection, nothing); `npm run reprocess -- --dry-run` lists what it would send;
 * every --help documents --stage.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { ObjectFates } from '../../../lambdas/aws/ops/object-fate';
import { queueDepth } from '../../../lambdas/aws/ops/queue-ops';
import { dropObject } from '../../../local/drop';
import { type LocalStack, startLocalStack } from '../../../local/local-stack';
import { s3EventMessage, SequencerClock } from '../../../local/s3-notification';
import { stackFilePath, writeStackFile } from '../../../local/stack-file';
import { stackFileQueues } from '../../../local/start-command';
import { pipelineHandlers } from '../../../local/stage-handlers';
import { generateLoadFiles } from '../../../tools/load/articles';

jest.setTimeout(180_000);

const exec = promisify(execFile);
const root = join(__dirname, '..', '..', '..');
let stack: LocalStack;
let dir: string;

async function cli(
  script: string,
  ...args: string[]
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const out = await exec(join(root, 'node_modules', '.bin', 'tsx'), [script, ...args], {
      cwd: root,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    return { ...out, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

async function until<T>(probe: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const [article, , stuck] = generateLoadFiles({ count: 3, seed: 99, junkPercent: 0, prefix: 'ops-cli/' });
const rejected = { key: 'ops-cli/figures.csv', body: 'a,b\n1,2\n' };

beforeAll(async () => {
  stack = await startLocalStack({ handlerFactory: pipelineHandlers({ logLevel: 'SILENT' }) });
  dir = mkdtempSync(join(tmpdir(), 'dateline-ops-'));
  writeStackFile(stackFilePath(dir), {
    version: 1,
    pid: process.pid,
    startedAt: new Date().toISOString(),
    region: stack.region,
    endpoints: stack.endpoints,
    tableName: stack.tableName,
    dropBucket: stack.dropBucket,
    ...stackFileQueues(stack),
    persistDir: dir,
  });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('redrive moves a dead-lettered event back; query object tells each file its fate', async () => {
  const fates = new ObjectFates(stack.clients.doc, stack.tableName);
  await dropObject(stack, article!.key, article!.body);
  await dropObject(stack, rejected.key, rejected.body);
  // A file whose S3 event sits in the parse DLQ (as after a bug that is now fixed).
  await stack.clients.s3.send(
    new PutObjectCommand({ Bucket: stack.dropBucket, Key: stuck!.key, Body: stuck!.body }),
  );
  const event = s3EventMessage({
    eventName: 'ObjectCreated:Put',
    bucket: stack.dropBucket,
    key: stuck!.key,
    region: stack.region,
    size: stuck!.body.length,
    sequencer: new SequencerClock().next(),
  });
  await stack.clients.sqs.send(
    new SendMessageCommand({
      QueueUrl: stack.stages.parse.deadLetterQueue!.url,
      MessageBody: JSON.stringify(event),
      MessageAttributes: { origin: { DataType: 'String', StringValue: 'test' } },
    }),
  );
  await until(async () =>
    (await fates.fate(stack.dropBucket, rejected.key)).outcome === 'rejected' ? true : null,
  );
  await until(async () =>
    (await fates.fate(stack.dropBucket, article!.key)).articles[0]?.stored ? true : null,
  );

  const unknown = await cli('bin/query.ts', 'object', stuck!.key, '--persist', dir);
  expect(unknown.code).toBe(1);
  expect(unknown.stdout).toContain('nothing recorded');

  const moved = await cli('bin/redrive.ts', '--queue', 'parse', '--persist', dir, '--json');
  expect(moved.code).toBe(0);
  expect(JSON.parse(moved.stdout)).toMatchObject({ queue: 'parse', found: 1, moved: 1 });
  expect((await queueDepth(stack.clients.sqs, stack.stages.parse.deadLetterQueue!.url)).visible).toBe(0);
  const again = await cli('bin/redrive.ts', '--queue', 'parse', '--persist', dir);
  expect(again.stdout).toContain('is empty: nothing to redrive');

  await until(async () =>
    (await fates.fate(stack.dropBucket, stuck!.key)).articles[0]?.stored ? true : null,
  );
  const stored = await cli(
    'bin/query.ts',
    'object',
    `s3://${stack.dropBucket}/${stuck!.key}`,
    '--persist',
    dir,
    '--json',
  );
  expect(stored.code).toBe(0);
  const fate = JSON.parse(stored.stdout) as {
    outcome: string;
    articles: { title: string; articleItems: number }[];
  };
  expect(fate.outcome).toBe('articles');
  expect(fate.articles).toEqual([expect.objectContaining({ title: stuck!.title, articleItems: 1 })]);

  const text = await cli('bin/query.ts', 'object', rejected.key, '--persist', dir);
  expect(text.stdout).toContain('rejected');
  expect(text.stdout).toContain('unsupported-extension');
  const table = await cli('bin/query.ts', 'object', article!.key, '--persist', dir);
  expect(table.stdout).toContain(article!.title!.slice(0, 40));
});

it('reprocess --dry-run lists the objects it would send and sends nothing', async () => {
  const before = await queueDepth(stack.clients.sqs, stack.stages.parse.queue.url);
  const out = await cli('bin/reprocess.ts', '--persist', dir, '--prefix', 'ops-cli/', '--dry-run');
  expect(out.code).toBe(0);
  const listed = out.stdout.split('\n').filter((l) => l.startsWith('would send '));
  expect(listed.map((l) => l.split(' ')[2]).sort()).toEqual([article!.key, rejected.key, stuck!.key].sort());
  expect(out.stdout).toContain('Would send 3 ObjectCreated events');
  expect(await queueDepth(stack.clients.sqs, stack.stages.parse.queue.url)).toEqual(before);
});

it.each(['bin/redrive.ts', 'bin/reprocess.ts'])('%s --help documents --stage', async (script) => {
  const help = await cli(script, '--help');
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/--stage S\s+a deployed stage/);
});

it('redrive rejects an unknown queue with the usage', async () => {
  const bad = await cli('bin/redrive.ts', '--queue', 'nope', '--persist', dir);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--queue must be parse, enrich or store');
});
