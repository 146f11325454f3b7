/**
 * Delivery faults on the real local stack: duplicate and concurrent S3 events, versions out of order,
 * s3:TestEvent, a handler crashing after k of n records, a handler slower than the visibility timeout and a
 * claim check whose body is gone. Every case ends by reading the whole table and every queue.
 */
import { DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PurgeQueueCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { ArticleQueries } from '../../lambdas/aws/article-queries';
import { CLAIM_CHECK_PREFIX } from '../../lambdas/aws/claim-check';
import { ENV } from '../../lambdas/aws/environment';
import type { ArticleRecord } from '../../lambdas/core/article/record';
import { EnrichedMessageSchema } from '../../lambdas/core/messages';
import { deliverS3Event } from '../../local/drop';
import { localObservability } from '../../local/stage-handlers';
import {
  allQueueCounts,
  configureQueue,
  deliveries,
  drop,
  expectedArticles,
  expectedContent,
  type FaultStack,
  objectItem,
  purgeDeadLetters,
  queueCount,
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

let f: FaultStack;
/** Every article the table must hold by now, across the cases of this file. */
const stored: ArticleRecord[] = [];
/** Every file that must be a recorded rejection by now: key → reason. */
const rejected = new Map<string, string>();

/** Store-stage faults, armed by a case and consumed by the wrapped handler. */
const storeFaults: { crashAfter: { k: number; partial: boolean } | null } = { crashAfter: null };
/** The next BatchWriteItem of the store stalls this long (a slow writer), once. */
const slowWrite: { ms: number | null; running: boolean } = { ms: null, running: false };
const enrichObservability = localObservability('enrich', { logLevel: 'SILENT' });

function sourceKey(record: SQSRecord): string | null {
  const parsed = EnrichedMessageSchema.safeParse(JSON.parse(record.body));
  if (!parsed.success) return null;
  const m = parsed.data;
  return m.type === 'enriched'
    ? m.article.source.key
    : m.type === 'rejection'
      ? m.rejection.source.key
      : m.object.key;
}

beforeAll(async () => {
  f = await startFaultStack({
    observability: { enrich: enrichObservability },
    wrap: {
      store: (handler) => async (event, context) => {
        const fault = storeFaults.crashAfter;
        if (!fault || event.Records.length <= fault.k) return handler(event, context);
        storeFaults.crashAfter = null;
        const done = event.Records.slice(0, fault.k);
        const rest = event.Records.slice(fault.k);
        const response = await handler({ Records: done }, context);
        if ((response?.batchItemFailures ?? []).length > 0)
          throw new Error('the first k records must succeed');
        // The crash: the invocation dies after k records (Lambda then retries the whole batch), or the
        // handler reports the rest as failed (a partial batch response).
        if (!fault.partial)
          throw new Error(`injected crash after ${fault.k} of ${event.Records.length} records`);
        return { batchItemFailures: rest.map((r) => ({ itemIdentifier: r.messageId })) };
      },
    },
    beforeHandler: (runtime) => {
      if (runtime.stage !== 'store') return;
      runtime.clients.doc.middlewareStack.add(
        (next, context) => async (args) => {
          if (/^BatchWrite(Item)?Command$/.test(context.commandName ?? '') && slowWrite.ms !== null) {
            const ms = slowWrite.ms;
            slowWrite.ms = null;
            slowWrite.running = true;
            await new Promise((r) => setTimeout(r, ms));
            try {
              return await next(args);
            } finally {
              slowWrite.running = false;
            }
          }
          return next(args);
        },
        { step: 'initialize', name: 'faultsSlowWrite' },
      );
    },
  });
});

afterAll(async () => {
  await stopFaultStack(f);
});

/** The table holds exactly the expected articles, quotes, events and aggregates; no queue holds anything. */
async function expectExactTableAndEmptyQueues(dlq: Record<string, number> = {}): Promise<void> {
  await quiesce(f.stack);
  expect(await tableContent(f.stack)).toStrictEqual(expectedContent(stored));
  const rejections = await new ArticleQueries(f.stack.clients.doc, f.stack.tableName).rejections({
    limit: 100,
  });
  expect(new Map(rejections.items.map((r) => [r.key, r.reason]))).toStrictEqual(rejected);
  const counts = await allQueueCounts(f.stack);
  const expected = Object.fromEntries(Object.keys(counts).map((name) => [name, dlq[name] ?? 0]));
  expect(counts).toStrictEqual(expected);
}

function articlesOf(key: string, body: string): ArticleRecord[] {
  return expectedArticles(f.stack.dropBucket, key, Buffer.from(body));
}

describe('delivery faults', () => {
  it('stores an S3 event delivered twice, and four times at once, exactly once', async () => {
    const key = 'faults/dup/harbour.txt';
    const body = sampleArticle(1, 'Harwich');
    await f.stack.stopPollers(['parse']);
    const dropped = await drop(f, key, body);
    // Three more copies of the same notification, on the queue together with the first: two parse workers
    // and Powertools' parallel record processing handle them at the same time.
    for (let i = 0; i < 3; i++) await deliverS3Event(f.stack, dropped.eventBody);
    expect(await queueCount(f.stack, f.stack.ingestQueue.url)).toBe(4);
    f.stack.startPollers(['parse']);
    const [result] = await settle(f, [dropped]);
    expect(result!.outcome).toBe('stored');
    stored.push(...articlesOf(key, body));
    await expectExactTableAndEmptyQueues();
    expect(deliveries(f.invocations, 'parse').filter((d) => !d.failed).length).toBeGreaterThanOrEqual(4);

    // And once more, long after: still one article.
    await deliverS3Event(f.stack, dropped.eventBody);
    await expectExactTableAndEmptyQueues();
    expect(await objectItem(f.stack, key)).toMatchObject({ state: 'articles' });
  });

  it('keeps the newer version when the older version’s event arrives after it', async () => {
    const key = 'faults/order/council.txt';
    const older = sampleArticle(2, 'Oldham');
    const newer = sampleArticle(3, 'Newport');
    await f.stack.stopPollers(['parse']);
    const first = await drop(f, key, older);
    // Hold the older event back: take it off the queue, deliver it only after the newer one is stored.
    await f.stack.clients.sqs.send(new PurgeQueueCommand({ QueueUrl: f.stack.ingestQueue.url }));
    const second = await drop(f, key, newer);
    expect(second.sequencer > first.sequencer).toBe(true);
    f.stack.startPollers(['parse']);
    await settle(f, [second]);
    const newerArticles = articlesOf(key, newer);
    stored.push(...newerArticles);
    await expectExactTableAndEmptyQueues();

    await deliverS3Event(f.stack, first.eventBody);
    await expectExactTableAndEmptyQueues();
    const object = await objectItem(f.stack, key);
    expect(object).toMatchObject({ state: 'articles', articleIds: newerArticles.map((a) => a.id) });
    expect((object?.['revision'] as { sequencer?: string }).sequencer).toBe(second.sequencer);
  });

  it('acknowledges s3:TestEvent without writing anything or failing the batch', async () => {
    const before = f.invocations.length;
    await deliverS3Event(
      f.stack,
      JSON.stringify({
        Service: 'Amazon S3',
        Event: 's3:TestEvent',
        Time: new Date().toISOString(),
        Bucket: f.stack.dropBucket,
        RequestId: 'C3D13FE58DE4C810',
        HostId: 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
      }),
    );
    await expectExactTableAndEmptyQueues();
    const parse = f.invocations.slice(before).filter((i) => i.stage === 'parse');
    expect(parse).toHaveLength(1);
    expect(parse[0]!.report).toMatchObject({ error: null, failedMessageIds: [] });
    expect(f.invocations.slice(before).filter((i) => i.stage !== 'parse')).toHaveLength(0);
  });

  it.each([
    ['crashes (the whole batch comes back)', false],
    ['reports the rest failed (partial batch response)', true],
  ])(
    'a store handler that %s after 3 of 7 records: the 3 are not duplicated, the rest retried',
    async (label, partial) => {
      const n = 7;
      const k = 3;
      await f.stack.stopPollers(['store']);
      const files = Array.from({ length: n }, (_, i) => ({
        key: `faults/kofn/${partial ? 'partial' : 'crash'}/article-${i}.txt`,
        body: sampleArticle((partial ? 200 : 100) + i, partial ? 'Penrith' : 'Crewe'),
      }));
      const dropped = [];
      for (const file of files) dropped.push(await drop(f, file.key, file.body));
      await until(
        'all seven at the store queue',
        async () => (await queueCount(f.stack, f.stack.stages.store.queue.url)) === n,
      );
      storeFaults.crashAfter = { k, partial };
      const before = f.invocations.length;
      f.stack.startPollers(['store']);
      const results = await settle(f, dropped);
      expect(results.every((r) => r.outcome === 'stored')).toBe(true);
      for (const file of files) stored.push(...articlesOf(file.key, file.body));
      await expectExactTableAndEmptyQueues();

      const store = f.invocations.slice(before).filter((i) => i.stage === 'store');
      const firstBatch = store[0]!.report;
      expect(firstBatch.records).toHaveLength(n);
      expect(firstBatch.failedMessageIds).toHaveLength(partial ? n - k : n);
      expect(firstBatch.error === null).toBe(partial);
      const keyOf = new Map(store.flatMap((i) => i.report.records.map((r) => [r.messageId, sourceKey(r)])));
      const again = store
        .slice(1)
        .flatMap((i) => i.report.records)
        .filter((r) => Number(r.attributes.ApproximateReceiveCount) === 2)
        .map((r) => keyOf.get(r.messageId))
        .sort();
      // The batch's order is the queue's, not the drop order: the records after the first k come back.
      const expectedAgain = (partial ? firstBatch.records.slice(k) : firstBatch.records)
        .map(sourceKey)
        .sort();
      expect(again).toStrictEqual(expectedAgain);
      void label;
    },
  );

  it('a store handler slower than the visibility timeout: the message is redelivered while the first run writes, and stored once', async () => {
    // Visibility 2 s (the template's is 181 s); the first run stalls 4 s inside its writes. Receives are
    // raised so the redelivery, which waits on the first run's lease, has room to retry.
    await configureQueue(f.stack, 'store', { visibilityTimeoutSeconds: 2, maxReceiveCount: 10 });
    try {
      const key = 'faults/slow/long-debate.txt';
      const body = sampleArticle(300, 'Slough');
      slowWrite.ms = 4_000;
      const before = f.invocations.length;
      const dropped = await drop(f, key, body);
      await settle(f, [dropped]);
      // The redelivery may finish first: wait for the stalled first run to finish its writes too.
      await until('the first, slow run to end', async () =>
        deliveries(f.invocations.slice(before), 'store').some((d) => d.receiveCount === 1),
      );
      stored.push(...articlesOf(key, body));
      await expectExactTableAndEmptyQueues();

      const store = deliveries(f.invocations.slice(before), 'store');
      const first = store.find((d) => d.receiveCount === 1)!;
      const redelivered = store.filter((d) => d.messageId === first.messageId && d.receiveCount > 1);
      expect(redelivered.length).toBeGreaterThan(0);
      // The redelivery started while the first run was still in its stalled write.
      expect(redelivered[0]!.startedAt).toBeLessThan(first.endedAt);
      expect(first.endedAt - first.startedAt).toBeGreaterThanOrEqual(4_000);
    } finally {
      slowWrite.ms = null;
      await restoreQueue(f.stack, 'store');
    }
  });

  it('records junk as no-article rejections on the stack: 6 MB of one letter, a page of one word', async () => {
    const letters = { key: 'faults/junk/letters.txt', body: 'a'.repeat(6 * 1024 * 1024) };
    const page = {
      key: 'faults/junk/one-word.html',
      body: '<html><head><title>Home</title></head><body><main><p>Welcome</p></main></body></html>',
    };
    const dropped = [await drop(f, letters.key, letters.body), await drop(f, page.key, page.body)];
    const results = await settle(f, dropped);
    expect(results.map((r) => [r.outcome, r.detail])).toStrictEqual([
      ['rejected', 'no-article'],
      ['rejected', 'no-article'],
    ]);
    rejected.set(letters.key, 'no-article').set(page.key, 'no-article');
    await expectExactTableAndEmptyQueues();
    const views = await new ArticleQueries(f.stack.clients.doc, f.stack.tableName).rejections({ limit: 100 });
    expect(views.items.find((r) => r.key === letters.key)?.message).toBe(
      `The file has no prose: its text is mostly a "word" of ${letters.body.length} characters (no word is over 1000).`,
    );
    expect(views.items.find((r) => r.key === page.key)?.message).toBe(
      'The file has no prose: its text is 1 word (an article has at least 8).',
    );
    expect(await objectItem(f.stack, letters.key)).toMatchObject({ state: 'rejected' });
  });

  it('dead-letters a message whose claim-check body is missing, logging why, and writes nothing of it', async () => {
    const artifacts = f.stack.stages.parse.environment[ENV.artifactsBucket]!;
    const key = 'faults/claim/very-long-report.txt';
    // ~320 KB of varied prose: the parse → enrich message exceeds the claim-check threshold.
    const paragraphs = Array.from(
      { length: 3500 },
      (_, i) => `Inspector ${i} told the inquiry that gauge ${i * 3} read ${i % 97} metres on day ${i}.`,
    );
    const body = `Flood inquiry hears evidence\n\n${paragraphs.join('\n\n')}`;
    const errors = jest.spyOn(enrichObservability.logger, 'error');
    await f.stack.stopPollers(['enrich']);
    try {
      const dropped = await drop(f, key, body);
      await until(
        'the claim check at the enrich queue',
        async () => (await queueCount(f.stack, f.stack.stages.enrich.queue.url)) === 1,
      );
      const listed = await f.stack.clients.s3.send(
        new ListObjectsV2Command({ Bucket: artifacts, Prefix: CLAIM_CHECK_PREFIX }),
      );
      const claims = (listed.Contents ?? []).map((o) => o.Key!);
      expect(claims).toHaveLength(1);
      await f.stack.clients.s3.send(new DeleteObjectCommand({ Bucket: artifacts, Key: claims[0]! }));
      f.stack.startPollers(['enrich']);
      await until(
        'the message in the enrich DLQ',
        async () => (await queueCount(f.stack, f.stack.stages.enrich.deadLetterQueue!.url)) === 1,
      );

      await expectExactTableAndEmptyQueues({ 'enrich DLQ': 1 });
      expect(await objectItem(f.stack, dropped.key)).toBeUndefined();
      const logged = errors.mock.calls.filter(([message]) => message === 'Record failed; it will be retried');
      expect(logged).toHaveLength(f.stack.stages.enrich.queue.spec.redrive!.maxReceiveCount);
      for (const [, extra] of logged) {
        const error = (extra as { error: Error }).error;
        expect(error.name).toBe('ClaimCheckMissingError');
        expect(error.message).toContain(`s3://${artifacts}/${claims[0]!} `);
        expect(error.message).toContain('is missing');
      }
    } finally {
      errors.mockRestore();
      f.stack.startPollers(['enrich']);
      await purgeDeadLetters(f.stack, 'enrich');
    }
    await expectExactTableAndEmptyQueues();
  });
});
