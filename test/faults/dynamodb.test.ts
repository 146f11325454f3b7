/**
 * DynamoDB faults on the real local stack, with the table persisted (-dbPath, as `npm start -- --persist`):
 * throttling (ProvisionedThroughputExceededException injected with SDK middleware on the real client, inside
 * the SDK's retry loop), BatchWriteItem handing back UnprocessedItems, and DynamoDB Local killed and
 * restarted mid-run. DynamoDB Local cannot throttle on demand, so the first two are the one place a real
 * client's responses are altered; every request that is not failed still goes to DynamoDB Local over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { ArticleQueries } from '../../lambdas/aws/article-queries';
import type { ArticleRecord } from '../../lambdas/core/article/record';
import {
  allQueueCounts,
  configureQueue,
  deliveries,
  drop,
  expectedArticles,
  expectedContent,
  type FaultStack,
  quiesce,
  restoreQueue,
  sampleArticle,
  settle,
  startFaultStack,
  stopFaultStack,
  tableContent,
  until,
} from './support/fault-stack';

jest.setTimeout(180_000);

const WRITE_COMMANDS =
  /^(PutItem|UpdateItem|DeleteItem|TransactWriteItems|BatchWriteItem|Put|Update|Delete|TransactWrite|BatchWrite)Command$/;
const BATCH_WRITE = /^BatchWrite(Item)?Command$/;

/** Faults armed by a case, consumed by the middleware. */
const faults = {
  /** Write attempts still to be throttled once (the SDK's retry gets through). */
  throttles: 0,
  /** Write commands still to be throttled on every attempt (the SDK gives up; the record fails). */
  doomedCommands: 0,
  throttled: 0,
  /** BatchWriteItem calls still to hand back part of their requests as UnprocessedItems. */
  partialBatches: 0,
  unprocessedHandedBack: 0,
  batchCalls: 0,
  /** Kill DynamoDB Local when the store sends this many more BatchWriteItem calls (mid-article). */
  killAtBatch: null as number | null,
  killed: null as Promise<void> | null,
};

const doomed = new WeakSet<object>();
let persistDir: string;
let f: FaultStack;
const stored: ArticleRecord[] = [];

beforeAll(async () => {
  persistDir = mkdtempSync(join(tmpdir(), 'dateline-faults-'));
  f = await startFaultStack({
    persistDir,
    beforeHandler: (runtime) => {
      if (runtime.stage !== 'store') return;
      const stack = runtime.clients.doc.middlewareStack;
      // Inside the retry loop (deserialize runs after finalizeRequest): the SDK retries a throttled attempt
      // with its own backoff, as it would a real one, and the record fails only when its retries run out.
      stack.add(
        (next, context) => async (args) => {
          const write = WRITE_COMMANDS.test(context.commandName ?? '');
          // One context per send: every attempt of a doomed command is throttled.
          if (write && !doomed.has(context) && faults.doomedCommands > 0) {
            faults.doomedCommands -= 1;
            doomed.add(context);
          }
          if (write && (doomed.has(context) || faults.throttles > 0)) {
            if (!doomed.has(context)) faults.throttles -= 1;
            faults.throttled += 1;
            throw new ProvisionedThroughputExceededException({
              message:
                'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
              $metadata: { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 },
            });
          }
          return next(args);
        },
        { step: 'deserialize', name: 'faultsThrottle' },
      );
      // Before serialization (the input is marshalled by then): send only half the requests, and answer
      // with the other half as UnprocessedItems, as a throttled BatchWriteItem does.
      stack.add(
        (next, context) => async (args) => {
          if (!BATCH_WRITE.test(context.commandName ?? '')) return next(args);
          faults.batchCalls += 1;
          if (faults.killAtBatch !== null && (faults.killAtBatch -= 1) <= 0) {
            // The crash lands between an article's head and its content: this write fails, half done.
            faults.killAtBatch = null;
            faults.killed = f.stack.killDynamoDb();
            await faults.killed;
          }
          const input = args.input as { RequestItems?: Record<string, unknown[]> };
          const [table, requests] = Object.entries(input.RequestItems ?? {})[0] ?? [];
          if (faults.partialBatches <= 0 || !table || !requests || requests.length < 2) return next(args);
          faults.partialBatches -= 1;
          const keep = requests.slice(0, Math.ceil(requests.length / 2));
          const handBack = requests.slice(keep.length);
          faults.unprocessedHandedBack += handBack.length;
          const result = await next({ ...args, input: { ...input, RequestItems: { [table]: keep } } });
          (result.output as { UnprocessedItems?: Record<string, unknown[]> }).UnprocessedItems = {
            [table]: handBack,
          };
          return result;
        },
        { step: 'serialize', priority: 'high', name: 'faultsUnprocessedItems' },
      );
    },
  });
});

afterAll(async () => {
  await stopFaultStack(f);
  if (persistDir) rmSync(persistDir, { recursive: true, force: true });
});

async function expectExactTableAndEmptyQueues(): Promise<void> {
  await quiesce(f.stack);
  expect(await tableContent(f.stack)).toStrictEqual(expectedContent(stored));
  const queries = new ArticleQueries(f.stack.clients.doc, f.stack.tableName);
  expect((await queries.rejections({ limit: 100 })).items).toStrictEqual([]);
  const counts = await allQueueCounts(f.stack);
  expect(counts).toStrictEqual(Object.fromEntries(Object.keys(counts).map((name) => [name, 0])));
}

function files(prefix: string, n: number, from: number, place: string) {
  return Array.from({ length: n }, (_, i) => ({
    key: `faults/${prefix}/article-${i}.txt`,
    body: sampleArticle(from + i, place),
  }));
}

async function dropAll(list: readonly { key: string; body: string }[]) {
  const dropped = [];
  for (const file of list) dropped.push(await drop(f, file.key, file.body));
  for (const file of list)
    stored.push(...expectedArticles(f.stack.dropBucket, file.key, Buffer.from(file.body)));
  return dropped;
}

describe('DynamoDB faults', () => {
  it('stores every article exactly once through ProvisionedThroughputExceededException, retried by the SDK and by the queue', async () => {
    const list = files('throttle', 6, 400, 'Thurrock');
    faults.doomedCommands = 1;
    faults.throttles = 8;
    faults.throttled = 0;
    const before = f.invocations.length;
    const dropped = await dropAll(list);
    const results = await settle(f, dropped);
    expect(results.map((r) => r.outcome)).toStrictEqual(list.map(() => 'stored'));
    await expectExactTableAndEmptyQueues();
    // 8 single throttles the SDK retried, and one write throttled on all its attempts: its record failed
    // and came back from the queue.
    expect(faults.throttled).toBeGreaterThan(8);
    const store = deliveries(f.invocations.slice(before), 'store');
    expect(store.some((d) => d.failed)).toBe(true);
    expect(store.filter((d) => d.failed).every((d) => d.receiveCount < 3)).toBe(true);
  });

  it('resends BatchWriteItem UnprocessedItems until none are left, writing each item once', async () => {
    const list = files('unprocessed', 5, 500, 'Uxbridge');
    faults.partialBatches = 3;
    faults.unprocessedHandedBack = 0;
    const callsBefore = faults.batchCalls;
    const dropped = await dropAll(list);
    const results = await settle(f, dropped);
    expect(results.map((r) => r.outcome)).toStrictEqual(list.map(() => 'stored'));
    await expectExactTableAndEmptyQueues();
    expect(faults.partialBatches).toBe(0);
    expect(faults.unprocessedHandedBack).toBeGreaterThan(0);
    // One content batch per article, and every handed-back part sent again in a call of its own.
    expect(faults.batchCalls - callsBefore).toBeGreaterThanOrEqual(list.length + 3);
  });

  it('recovers when DynamoDB Local is killed and restarted mid-run: every article is stored, once', async () => {
    // On AWS a failing record has 3 receives × the 181 s visibility timeout (9 minutes) to outlive an outage;
    // locally retries come after 1 s, so the receives are raised to cover the restart (java boots in ~5 s). The kill lands inside the fourth article write, between its head and its content.
    await configureQueue(f.stack, 'store', { maxReceiveCount: 40 });
    try {
      const list = files('restart', 12, 600, 'Kilburn');
      const before = f.invocations.length;
      faults.killAtBatch = 4;
      faults.killed = null;
      const dropped = await dropAll(list);
      await until(
        'DynamoDB Local killed during the fourth article write',
        async () => faults.killed !== null,
      );
      await faults.killed;
      const storedBeforeKill = dropped.filter(
        (d) => f.tracker.result(f.stack.dropBucket, d.key)?.outcome === 'stored',
      ).length;
      expect(storedBeforeKill).toBeLessThan(list.length);
      await until('a store invocation failing on the dead table', async () =>
        deliveries(f.invocations.slice(before), 'store').some((d) => d.failed),
      );
      await f.stack.restartDynamoDb();
      await expectExactTableAndEmptyQueues();
      // Not all of them were in before the kill: the outage really was mid-run.
      const failedWhileDown = deliveries(f.invocations.slice(before), 'store').filter((d) => d.failed);
      expect(failedWhileDown.length).toBeGreaterThan(0);
    } finally {
      await restoreQueue(f.stack, 'store');
    }
  });
});
