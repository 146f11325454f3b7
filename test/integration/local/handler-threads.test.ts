/**
 * The local stack with its pollers and handlers in worker threads (what `npm run load` runs): the same
 * outcomes and table items as the in-process stack, invocation reports back on this thread, stages that stop and
 * start on request, and per-thread request counts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PipelineStageName } from '../../../lib/config';
import { parseArticleFile } from '../../../lambdas/core/article/parse-article';
import { enrichArticle } from '../../../lambdas/core/enrich/enrich-article';
import { buildArticleItems, keys } from '../../../lambdas/core/items';
import { PIPELINE_VERSION } from '../../../lambdas/core/messages';
import { dropObject } from '../../../local/drop';
import { type LocalStack, startLocalStack } from '../../../local/local-stack';
import type { PipelineTracker } from '../../../local/pipeline-tracker';
import { pipelineHandlers } from '../../../local/stage-handlers';
import { useTrackedStack } from '../tracked-stack';

const SAMPLES = join(__dirname, '..', '..', '..', 'samples');
const SEEDS = ['000_ba08ca261a50fb30.txt', '001_3710ffddfe33e132.txt', '002_5dcffcdd57560b81.txt'];
jest.setTimeout(120_000);

let stack: LocalStack;
let tracker: PipelineTracker;
const invocations: { stage: PipelineStageName; records: number }[] = [];

const tracked = useTrackedStack({
  handlerFactory: pipelineHandlers({ logLevel: 'SILENT' }),
  handlerThreads: 2,
  onInvocation: (stage, report) => invocations.push({ stage, records: report.records.length }),
});
beforeAll(() => ({ stack, tracker } = tracked()));

async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const out = await stack.clients.doc.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    }),
  );
  return out.Items ?? [];
}

describe('the local stack with handler threads', () => {
  it('stores the seeds with exactly the items the domain builds, and a junk file as a rejection', async () => {
    const files = SEEDS.map((name) => ({ key: `threads/${name}`, bytes: readFileSync(join(SAMPLES, name)) }));
    const junk = { key: 'threads/empty.txt', bytes: new Uint8Array() };
    for (const f of [...files, junk]) {
      tracker.expect(stack.dropBucket, f.key);
      await dropObject(stack, f.key, f.bytes);
    }
    const results = await tracker.waitFor(
      [...files, junk].map((f) => ({ bucket: stack.dropBucket, key: f.key })),
      60_000,
    );
    expect(results.map((r) => r.outcome)).toStrictEqual(['stored', 'stored', 'stored', 'rejected']);

    for (const f of files) {
      const outcome = parseArticleFile({
        bytes: f.bytes,
        source: { bucket: stack.dropBucket, key: f.key, versionId: null, etag: null, size: f.bytes.length },
        maxBytes: 10 * 1024 * 1024,
      });
      if (outcome.kind !== 'articles') throw new Error(`${f.key} does not parse`);
      const article = outcome.articles[0]!;
      const built = buildArticleItems({
        article,
        enrichment: enrichArticle(article),
        revision: { pipelineVersion: PIPELINE_VERSION, sequencer: null, eventTime: new Date().toISOString() },
      });
      const items = await partition(keys.articlePartition(article.id));
      const stored = items.find((i) => i['sk'] === built.article['sk']);
      // The body is compressed in the thread: the same bytes as here (the encoding is deterministic).
      expect(Buffer.from(stored?.['body'] as Uint8Array)).toStrictEqual(
        Buffer.from(built.article['body'] as Uint8Array),
      );
      expect(
        items
          .filter((i) => ['quote', 'event', 'event-actor'].includes(String(i['type'])))
          .map((i) => String(i['sk']))
          .sort(),
      ).toStrictEqual(built.content.map((i) => i.sk).sort());
    }
    // Every stage reported its invocations here, with the records it was given.
    for (const stage of ['parse', 'enrich', 'store'] as const) {
      expect(invocations.filter((i) => i.stage === stage).reduce((n, i) => n + i.records, 0)).toBe(4);
    }
  });

  it('holds a stopped stage back until it is started again', async () => {
    await stack.stopPollers(['store']);
    const key = 'threads/held.txt';
    tracker.expect(stack.dropBucket, key);
    await dropObject(stack, key, readFileSync(join(SAMPLES, SEEDS[0]!)).toString().replace('the', 'a'));
    const enriched = (): number =>
      invocations.filter((i) => i.stage === 'enrich').reduce((n, i) => n + i.records, 0);
    const deadline = Date.now() + 60_000;
    while (enriched() < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(enriched()).toBe(5);
    const stored = invocations.filter((i) => i.stage === 'store').length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(invocations.filter((i) => i.stage === 'store').length).toBe(stored);

    stack.startPollers(['store']);
    const [result] = await tracker.waitFor([{ bucket: stack.dropBucket, key }], 60_000);
    expect(result?.outcome).toBe('stored');
  });

  it('reports what each thread sent and its CPU time', async () => {
    const stats = await stack.handlerThreadStats();
    expect(stats).toHaveLength(2);
    const sent = (name: string): number => stats.reduce((n, s) => n + (s.requests[name] ?? 0), 0);
    expect(sent('s3:GetObject')).toBe(5);
    expect(sent('dynamodb:BatchWriteItem')).toBeGreaterThan(0);
    expect(sent('sqs:ReceiveMessage')).toBeGreaterThan(0);
    for (const s of stats) expect(s.cpuSeconds).toBeGreaterThan(0);
  });
});

describe('handler threads need handlers a thread can rebuild', () => {
  it('refuses a factory with functions in its options', async () => {
    await expect(
      startLocalStack({
        handlerFactory: pipelineHandlers({ wrap: { store: (h) => h } }),
        handlerThreads: 2,
        startPollers: false,
      }),
    ).rejects.toThrow(/handlerThreads needs pipelineHandlers\(\) without observability or wrap/);
  });
});
