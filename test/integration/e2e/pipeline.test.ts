/**
 * The whole pipeline on the local stack (DynamoDB Local + fauxqs, resources from the dev template, the real
 * parse → enrich → store handlers behind local SQS pollers). One stack for the file; each test uses its own keys.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import type { PipelineStageName } from '../../../lib/config';
import { parseArticleFile } from '../../../lambdas/core/article/parse-article';
import type { ArticleRecord } from '../../../lambdas/core/article/record';
import { enrichArticle } from '../../../lambdas/core/enrich/enrich-article';
import { buildArticleItems, keys } from '../../../lambdas/core/items';
import { EnrichedMessageSchema, PIPELINE_VERSION } from '../../../lambdas/core/messages';
import { deliverS3Event, type DroppedObject, dropObject } from '../../../local/drop';
import type { LocalStack } from '../../../local/local-stack';
import type { FileResult, PipelineTracker } from '../../../local/pipeline-tracker';
import type { InvocationReport } from '../../../local/sqs-poller';
import { localObservability, pipelineHandlers } from '../../../local/stage-handlers';
import { useTrackedStack } from '../tracked-stack';

const SAMPLES = join(__dirname, '..', '..', '..', 'samples');
const SEEDS = [
  '000_ba08ca261a50fb30.txt',
  '001_3710ffddfe33e132.txt',
  '002_5dcffcdd57560b81.txt',
  '003_126a0dbd44346025.txt',
  '004_cd07a4053353b156.txt',
];
const WAIT_MS = 60_000;
// The project's testTimeout does not reach hooks; the stack starts in a few seconds, files settle in seconds.
jest.setTimeout(120_000);

let stack: LocalStack;
let tracker: PipelineTracker;
const reports: { stage: PipelineStageName; report: InvocationReport }[] = [];
/** Drop-bucket keys whose GetObject is denied (an object the parse role cannot read): always fails. */
const deniedKeys = new Set<string>();
/** Source keys whose store message fails once (a handler failing for one message of its batch). */
const failStoreOnce = new Set<string>();
/** The parse stage's logger, to see what it logs about a failing record. */
const parseObservability = localObservability('parse', { logLevel: 'SILENT' });

function sourceKeyOfStoreRecord(record: SQSRecord): string | null {
  const parsed = EnrichedMessageSchema.safeParse(JSON.parse(record.body));
  if (!parsed.success) return null;
  const m = parsed.data;
  return m.type === 'enriched'
    ? m.article.source.key
    : m.type === 'rejection'
      ? m.rejection.source.key
      : m.object.key;
}

const handlers = pipelineHandlers({
  logLevel: 'SILENT',
  observability: { parse: parseObservability },
  wrap: {
    store: (handler) => async (event, context) => {
      const victims = event.Records.filter((r) => {
        const key = sourceKeyOfStoreRecord(r);
        return key !== null && failStoreOnce.delete(key);
      });
      const rest = event.Records.filter((r) => !victims.includes(r));
      const response = rest.length > 0 ? await handler({ Records: rest }, context) : undefined;
      return {
        batchItemFailures: [
          ...(response?.batchItemFailures ?? []),
          ...victims.map((v) => ({ itemIdentifier: v.messageId })),
        ],
      };
    },
  },
});
const tracked = useTrackedStack({
  handlerFactory: (runtime) => {
    if (runtime.stage === 'parse') {
      // Denies reading specific objects, as S3 does for an object the role may not read.
      runtime.clients.s3.middlewareStack.add(
        (next, context) => async (args) => {
          const key = (args.input as { Key?: unknown }).Key;
          if (context.commandName === 'GetObjectCommand' && typeof key === 'string' && deniedKeys.has(key)) {
            throw Object.assign(new Error('Access Denied'), {
              name: 'AccessDenied',
              $metadata: { httpStatusCode: 403 },
            });
          }
          return next(args);
        },
        { step: 'initialize', name: 'e2eDenyObjects' },
      );
    }
    return handlers(runtime);
  },
  onInvocation: (stage, report) => reports.push({ stage, report }),
});
beforeAll(() => ({ stack, tracker } = tracked()));

async function drop(key: string, body: Uint8Array | string): Promise<DroppedObject> {
  tracker.expect(stack.dropBucket, key);
  return dropObject(stack, key, body);
}

async function settle(objects: readonly { key: string }[]): Promise<FileResult[]> {
  return tracker.waitFor(
    objects.map((o) => ({ bucket: stack.dropBucket, key: o.key })),
    WAIT_MS,
  );
}

async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await stack.clients.doc.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function objectItem(key: string): Promise<Record<string, unknown> | undefined> {
  const out = await stack.clients.doc.send(
    new GetCommand({ TableName: stack.tableName, Key: keys.object(stack.dropBucket, key) }),
  );
  return out.Item;
}

/** What the domain makes of a file, computed in-process: the table must hold exactly this. */
function expectedArticle(key: string, bytes: Uint8Array): { article: ArticleRecord; contentKeys: string[] } {
  const outcome = parseArticleFile({
    bytes,
    source: { bucket: stack.dropBucket, key, versionId: null, etag: null, size: bytes.byteLength },
    maxBytes: 10 * 1024 * 1024,
  });
  if (outcome.kind !== 'articles' || outcome.articles.length !== 1)
    throw new Error(`${key} does not parse to one article`);
  const article = outcome.articles[0]!;
  const items = buildArticleItems({
    article,
    enrichment: enrichArticle(article),
    revision: { pipelineVersion: PIPELINE_VERSION, sequencer: null, eventTime: new Date().toISOString() },
  });
  return { article, contentKeys: items.content.map((i) => i.sk).sort() };
}

/** A short, distinct, well-formed news article (distinct text → distinct article id). */
function article(n: number, place: string): string {
  return [
    `${place} council approves budget number ${n}`,
    '',
    'By Jane Fielding',
    `March ${(n % 27) + 1}, 2024`,
    '',
    `The ${place} council approved its spending plan number ${n} on Monday after a three-hour debate, officials said.`,
    '',
    `"We have balanced the books without closing a single library," said the treasurer, Alan Pritchard, after the vote on plan ${n}.`,
    '',
    `Opposition councillors criticised the plan. "This budget raises parking charges by ${n} per cent," said councillor Maria Gomez.`,
  ].join('\n');
}

async function queueDepth(url: string): Promise<number> {
  const out = await stack.clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(out.Attributes?.['ApproximateNumberOfMessages']);
}

async function until(condition: () => Promise<boolean>, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the pipeline on the local stack', () => {
  it('turns the five seeds into five article items with exactly the quotes and events the domain extracts', async () => {
    const files = SEEDS.map((name) => ({
      key: `e2e/seeds/${name}`,
      bytes: readFileSync(join(SAMPLES, name)),
    }));
    for (const f of files) await drop(f.key, f.bytes);
    const results = await settle(files);
    expect(results.map((r) => r.outcome)).toStrictEqual(['stored', 'stored', 'stored', 'stored', 'stored']);

    const ids = new Set<string>();
    for (const f of files) {
      const expected = expectedArticle(f.key, f.bytes);
      ids.add(expected.article.id);
      const items = await partition(keys.articlePartition(expected.article.id));
      const articleItem = items.find((i) => i['sk'] === keys.article(expected.article.id).sk);
      expect(articleItem).toMatchObject({ type: 'article', title: expected.article.title });
      const content = items.filter((i) => ['quote', 'event', 'event-actor'].includes(String(i['type'])));
      expect(content.map((i) => String(i['sk'])).sort()).toStrictEqual(expected.contentKeys);
      expect(content.filter((i) => i['type'] === 'quote').length).toBeGreaterThan(0);
      expect(content.filter((i) => i['type'] === 'event').length).toBeGreaterThan(0);
      expect(await objectItem(f.key)).toMatchObject({ state: 'articles', articleIds: [expected.article.id] });
    }
    expect(ids.size).toBe(5);
  });

  it('writes no duplicate items when a file is uploaded twice and an S3 event is delivered twice', async () => {
    const key = 'e2e/twice/harbour-council-vote.md';
    const bytes = readFileSync(join(SAMPLES, 'formats', 'harbour-council-vote.md'));
    const first = await drop(key, bytes);
    await settle([first]);
    const { article: expected } = expectedArticle(key, bytes);
    const snapshot = async (): Promise<string[]> =>
      [
        ...(await partition(keys.articlePartition(expected.id))),
        ...(await partition(keys.object(stack.dropBucket, key).pk)),
      ]
        .map((i) => `${String(i['pk'])} ${String(i['sk'])}`)
        .sort();
    const before = await snapshot();
    expect(before.filter((k) => k.endsWith(' ARTICLE'))).toHaveLength(1);

    const second = await drop(key, bytes);
    expect(second.sequencer > first.sequencer).toBe(true);
    await settle([second]);
    tracker.expect(stack.dropBucket, key);
    await deliverS3Event(stack, first.eventBody);
    await settle([first]);

    expect(await snapshot()).toStrictEqual(before);
    const object = await objectItem(key);
    expect(object).toMatchObject({ state: 'articles', articleIds: [expected.id] });
    expect((object?.['revision'] as { sequencer?: string }).sequencer).toBe(second.sequencer);
  });

  it('dead-letters a file that always fails after the configured receives, logs why, and completes the rest of its batch', async () => {
    const maxReceiveCount = stack.stages.parse.queue.spec.redrive?.maxReceiveCount;
    expect(maxReceiveCount).toBe(3);
    const poison = 'e2e/dlq/always-fails.txt';
    deniedKeys.add(poison);
    const errors = jest.spyOn(parseObservability.logger, 'error');
    await stack.stopPollers(['parse']);
    const dropped = [
      await drop('e2e/dlq/ok-1.txt', article(1, 'Ashford')),
      await drop(poison, article(2, 'Ashford')),
      await drop('e2e/dlq/ok-2.txt', article(3, 'Ashford')),
    ];
    const reportsBefore = reports.length;
    stack.startPollers(['parse']);
    const results = await settle(dropped);

    expect(results.map((r) => [r.key, r.outcome])).toStrictEqual([
      ['e2e/dlq/ok-1.txt', 'stored'],
      [poison, 'dead-lettered'],
      ['e2e/dlq/ok-2.txt', 'stored'],
    ]);
    expect(results[1]!.detail).toMatch(/^parse DLQ/);
    expect(await queueDepth(stack.stages.parse.deadLetterQueue!.url)).toBe(1);
    const logged = errors.mock.calls.filter(([message]) => message === 'Record failed; it will be retried');
    expect(logged).toHaveLength(maxReceiveCount!);
    for (const [, extra] of logged) expect((extra as { error: Error }).error.name).toBe('AccessDenied');
    // The first batch held all three; only the poison message was left for redelivery.
    const firstBatch = reports.slice(reportsBefore).find((r) => r.stage === 'parse')!.report;
    expect(firstBatch.records).toHaveLength(3);
    expect(firstBatch.failedMessageIds).toHaveLength(1);
    errors.mockRestore();
  });

  it('redelivers only the message a handler fails in a batch of ten', async () => {
    await stack.stopPollers(['store']);
    const dropped: DroppedObject[] = [];
    for (let n = 0; n < 10; n++)
      dropped.push(await drop(`e2e/batch/article-${n}.txt`, article(100 + n, 'Bexley')));
    await until(async () => (await queueDepth(stack.stages.store.queue.url)) === 10);
    const victim = 'e2e/batch/article-6.txt';
    failStoreOnce.add(victim);
    const reportsBefore = reports.length;
    stack.startPollers(['store']);
    const results = await settle(dropped);
    expect(results.every((r) => r.outcome === 'stored')).toBe(true);

    const storeBatches = reports
      .slice(reportsBefore)
      .filter((r) => r.stage === 'store')
      .map((r) => r.report);
    expect(storeBatches[0]!.records).toHaveLength(10);
    expect(storeBatches[0]!.failedMessageIds).toHaveLength(1);
    const deliveries = storeBatches.flatMap((b) =>
      b.records.map((r) => [sourceKeyOfStoreRecord(r), r.attributes.ApproximateReceiveCount]),
    );
    expect(deliveries.filter(([key]) => key === victim)).toStrictEqual([
      [victim, '1'],
      [victim, '2'],
    ]);
    const others = deliveries.filter(([key]) => key !== victim);
    expect(others).toHaveLength(9);
    expect(others.every(([, count]) => count === '1')).toBe(true);
  });

  it.each([
    ['a key with spaces', 'e2e/keys/with some spaces.txt', 201],
    ['a key with a plus', 'e2e/keys/one+one=two.txt', 202],
    ['a unicode key', 'e2e/keys/Zürich/café ünïcødé ✓.txt', 203],
    ['a deep prefix', 'e2e/keys/a/b/c/d/e/f/g/h/deep.txt', 204],
  ])('processes %s, decoding the event key exactly once', async (_label, key, n) => {
    const dropped = await drop(key, article(n, 'Camden'));
    const [result] = await settle([dropped]);
    expect(result!.outcome).toBe('stored');
    const object = await objectItem(key);
    expect(object).toMatchObject({ key, state: 'articles' });
    const carrier = (await partition(keys.articlePartition(String((object?.['articleIds'] as string[])[0]))))
      .flatMap((i) => (i['sk'] === 'HEAD' ? Object.keys(i) : []))
      .filter((name) => name.startsWith('SRC#'));
    expect(carrier).toStrictEqual([keys.carrier('x', stack.dropBucket, key).sk]);
  });
});
