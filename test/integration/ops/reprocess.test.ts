/**
 * `reprocess` on the local stack: after a rule change (a changed extractor injected into the enrich stage),
 * re-running the stored objects replaces exactly the affected items and writes nothing for the rest — proven
 * by comparing every item before and after and by counting the write requests per partition. Aggregates stay
 * exact (top speakers recomputed from the stored quotes). A finished run is not repeated; an interrupted one
 * resumes after its last batch and sends every object exactly once. Events stored in the layout before are
 * re-filed by a run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PIPELINE_STAGES } from '../../../lib/config';
import { ArticleQueries } from '../../../lambdas/aws/article-queries';
import { ENV } from '../../../lambdas/aws/environment';
import { ObjectFates } from '../../../lambdas/aws/ops/object-fate';
import { isEmpty, queueDepth } from '../../../lambdas/aws/ops/queue-ops';
import type { ArticleRecord } from '../../../lambdas/core/article/record';
import { enrichArticle } from '../../../lambdas/core/enrich/enrich-article';
import type { Enrichment } from '../../../lambdas/core/enrich/model';
import { canonicalJson, keys, nameKey, type TableItem } from '../../../lambdas/core/items';
import { createEnrichHandler, enrichStageDeps } from '../../../lambdas/enrich/enrich-stage';
import { dropObject } from '../../../local/drop';
import { type LocalStack, startLocalStack } from '../../../local/local-stack';
import { localStackTarget } from '../../../local/ops-target';
import { fileCheckpoints, REPROCESS_CONFIGURATION_ID, reprocess } from '../../../local/reprocess-command';
import { localObservability, pipelineHandlers } from '../../../local/stage-handlers';
import { generateLoadFiles } from '../../../tools/load/articles';
import { toLegacyLayout } from '../store/legacy-events';

jest.setTimeout(180_000);

let stack: LocalStack;
let stateDir: string;
let extractor: (article: ArticleRecord) => Enrichment = enrichArticle;
let storeRecords = 0;
/** Keys of reprocess events the parse stage received. */
const reprocessed: string[] = [];
/** Write requests per partition key, while counting is on. */
const writes = new Map<string, number>();
let counting = false;

const files = generateLoadFiles({ count: 6, seed: 777, junkPercent: 20, prefix: 'reprocess/' });

function pkOf(value: unknown): string {
  const pk = (value as { pk?: unknown } | undefined)?.pk;
  return typeof pk === 'string' ? pk : String((pk as { S?: string } | undefined)?.S ?? '?');
}

/** The partition keys a write request touches (Put/Update/Delete, batches and transactions). */
function writtenPartitions(command: string, input: Record<string, unknown>): string[] {
  const name = command.replace(/Command$/, '');
  if (name === 'Put' || name === 'PutItem') return [pkOf(input['Item'])];
  if (['Update', 'UpdateItem', 'Delete', 'DeleteItem'].includes(name)) return [pkOf(input['Key'])];
  if (name === 'BatchWrite' || name === 'BatchWriteItem') {
    const requests = Object.values(input['RequestItems'] as Record<string, unknown[]>).flat() as {
      PutRequest?: { Item: unknown };
      DeleteRequest?: { Key: unknown };
    }[];
    return requests.map((r) => pkOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key));
  }
  if (name === 'TransactWrite' || name === 'TransactWriteItems') {
    const items = input['TransactItems'] as {
      Put?: { Item: unknown };
      Update?: { Key: unknown };
      Delete?: { Key: unknown };
    }[];
    return items.flatMap((t) =>
      t.Put ? [pkOf(t.Put.Item)] : t.Update ? [pkOf(t.Update.Key)] : t.Delete ? [pkOf(t.Delete.Key)] : [],
    );
  }
  return [];
}

async function partition(pk: string): Promise<TableItem[]> {
  const out = await stack.clients.doc.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    }),
  );
  return (out.Items ?? []) as TableItem[];
}

async function settled(minStoreRecords: number): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const depths = await Promise.all(
      PIPELINE_STAGES.flatMap((s) => [
        stack.stages[s].queue.url,
        stack.stages[s].deadLetterQueue?.url ?? '',
      ]).map((url) => queueDepth(stack.clients.sqs, url)),
    );
    if (storeRecords >= minStoreRecords && depths.every(isEmpty)) return;
    if (Date.now() > deadline)
      throw new Error(
        `not settled: ${storeRecords}/${minStoreRecords} store records, ${JSON.stringify(depths)}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Snapshot {
  /** Every item of every article partition and the object records, by pk then sk. */
  readonly items: Map<string, Map<string, string>>;
  readonly articleIds: Map<string, string>;
}

async function snapshot(): Promise<Snapshot> {
  const fates = new ObjectFates(stack.clients.doc, stack.tableName);
  const items = new Map<string, Map<string, string>>();
  const articleIds = new Map<string, string>();
  for (const file of files) {
    const fate = await fates.fate(stack.dropBucket, file.key);
    const pks = [keys.object(stack.dropBucket, file.key).pk];
    for (const a of fate.articles) {
      articleIds.set(file.key, a.articleId);
      pks.push(keys.articlePartition(a.articleId));
    }
    for (const pk of pks) items.set(pk, new Map((await partition(pk)).map((i) => [i.sk, canonicalJson(i)])));
  }
  return { items, articleIds };
}

/** Top speakers per day must equal the named speakers' quotes stored for that day. */
async function expectExactSpeakerCounts(): Promise<void> {
  const queries = new ArticleQueries(stack.clients.doc, stack.tableName);
  const expected = new Map<string, Map<string, number>>();
  for (const id of new Set((await snapshot()).articleIds.values())) {
    for (const item of await partition(keys.articlePartition(id))) {
      if (item['type'] !== 'quote' || typeof item['published'] !== 'string') continue;
      // One item per speaker and article holds its quotes.
      for (const quote of item['quotes'] as Record<string, unknown>[]) {
        if (quote['speakerKind'] !== 'person' && quote['speakerKind'] !== 'organization') continue;
        const day = expected.get(item['published']) ?? new Map<string, number>();
        const name = nameKey(String(quote['speaker']));
        day.set(name, (day.get(name) ?? 0) + 1);
        expected.set(item['published'], day);
      }
    }
  }
  expect(expected.size).toBeGreaterThan(0);
  for (const [day, counts] of expected) {
    const top = await queries.top('speaker', 'day', day, 100);
    expect(new Map(top.map((e) => [nameKey(e.name), e.count]))).toEqual(counts);
  }
}

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'dateline-reprocess-'));
  const handlers = pipelineHandlers({
    logLevel: 'SILENT',
    wrap: {
      parse: (handler) => async (event, context) => {
        for (const r of event.Records) {
          if (!r.body.includes(REPROCESS_CONFIGURATION_ID)) continue;
          const key = (JSON.parse(r.body) as { Records: { s3: { object: { key: string } } }[] }).Records[0]
            ?.s3.object.key;
          reprocessed.push(decodeURIComponent(String(key).replace(/\+/g, ' ')));
        }
        return handler(event, context);
      },
    },
  });
  stack = await startLocalStack({
    handlerFactory: (runtime) =>
      runtime.stage === 'enrich'
        ? createEnrichHandler({
            ...enrichStageDeps({
              s3: runtime.clients.s3,
              sqs: runtime.clients.sqs,
              nextQueueUrl: runtime.environment[ENV.nextQueueUrl] ?? '',
              artifactsBucket: runtime.environment[ENV.artifactsBucket] ?? '',
              observability: localObservability('enrich', { logLevel: 'SILENT' }),
            }),
            enrich: (article) => extractor(article),
          })
        : handlers(runtime),
    onInvocation: (stage, report) => {
      if (stage === 'store') storeRecords += report.records.length - report.failedMessageIds.length;
    },
  });
  stack.clients.dynamodb.middlewareStack.add(
    (next, context) => async (args) => {
      if (counting) {
        for (const pk of writtenPartitions(
          String(context.commandName),
          args.input as Record<string, unknown>,
        )) {
          writes.set(pk, (writes.get(pk) ?? 0) + 1);
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'countWrites' },
  );
  for (const file of files)
    await dropObject(stack, file.key, file.body, file.metadata ? { metadata: file.metadata } : {});
  await settled(files.length);
});

afterAll(async () => {
  await stack?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

it('after a rule change, replaces exactly the affected items; unchanged articles write nothing; aggregates stay exact', async () => {
  const before = await snapshot();
  expect(before.articleIds.size).toBe(files.filter((f) => f.expected === 'article').length);
  await expectExactSpeakerCounts();
  // The rule change: the new extractor drops the last quote and the last event of two articles.
  const withBoth = [...before.articleIds.entries()].filter(([, id]) => {
    const skus = [...(before.items.get(keys.articlePartition(id))?.keys() ?? [])];
    return skus.some((sk) => sk.startsWith('Q#')) && skus.some((sk) => /^E#\d{4}$/.test(sk));
  });
  expect(withBoth.length).toBeGreaterThanOrEqual(3);
  const affected = new Set(withBoth.slice(0, 2).map(([, id]) => id));
  extractor = (article) => {
    const e = enrichArticle(article);
    return affected.has(article.id)
      ? { ...e, quotes: e.quotes.slice(0, -1), events: e.events.slice(0, -1) }
      : e;
  };

  counting = true;
  const checkpoints = fileCheckpoints(join(stateDir, 'run.json'));
  const report = await reprocess(localStackTarget(stack), { prefix: 'reprocess/', rate: 50, checkpoints });
  expect(report).toMatchObject({
    listed: files.length,
    sent: files.length,
    sentTotal: files.length,
    interrupted: false,
  });
  await settled(files.length * 2);
  counting = false;
  expect([...reprocessed].sort()).toEqual(files.map((f) => f.key).sort());

  const after = await snapshot();
  for (const [key, id] of before.articleIds) {
    const pk = keys.articlePartition(id);
    const objectPk = keys.object(stack.dropBucket, key).pk;
    const was = before.items.get(pk)!;
    const now = after.items.get(pk)!;
    if (!affected.has(id)) {
      // Unchanged: not one write request, every item identical.
      expect([writes.get(pk) ?? 0, writes.get(objectPk) ?? 0]).toEqual([0, 0]);
      expect(now).toEqual(was);
      continue;
    }
    // Quotes are grouped per speaker: the item holding the last quote loses it (or goes, if it held only it).
    const quoteGroups = [...was.entries()]
      .filter(([sk]) => sk.startsWith('Q#'))
      .map(([sk, json]) => ({ sk, quotes: (JSON.parse(json) as { quotes: { index: number }[] }).quotes }));
    const lastIndex = Math.max(...quoteGroups.flatMap((g) => g.quotes.map((q) => q.index)));
    const lastGroup = quoteGroups.find((g) => g.quotes.some((q) => q.index === lastIndex))!;
    const lastEvent = [...was.keys()]
      .filter((sk) => /^E#\d{4}$/.test(sk))
      .sort()
      .at(-1)!;
    const removed = [...was.keys()].filter(
      (sk) => (sk === lastGroup.sk && lastGroup.quotes.length === 1) || sk.startsWith(lastEvent),
    );
    // Exactly the dropped quote and event (with its per-actor items) are gone; other content is untouched.
    expect([...now.keys()].sort()).toEqual([...was.keys()].filter((sk) => !removed.includes(sk)).sort());
    for (const [sk, item] of now)
      if ((sk.startsWith('Q#') && sk !== lastGroup.sk) || sk.startsWith('E#')) expect(item).toBe(was.get(sk));
    if (lastGroup.quotes.length > 1) {
      const kept = (JSON.parse(now.get(lastGroup.sk)!) as { quotes: { index: number }[] }).quotes;
      expect(kept.map((q) => q.index)).toEqual(
        lastGroup.quotes.map((q) => q.index).filter((i) => i !== lastIndex),
      );
    }
    expect(now.get('ARTICLE')).not.toBe(was.get('ARTICLE'));
    expect(writes.get(pk) ?? 0).toBeGreaterThan(0);
    // The object record keeps its revision: the reprocess event was ordered as the same S3 event.
    expect(after.items.get(objectPk)).toEqual(before.items.get(objectPk));
  }
  // The rejected junk file stays rejected, untouched.
  const junk = files.find((f) => f.expected === 'rejection')!;
  const junkPk = keys.object(stack.dropBucket, junk.key).pk;
  expect(writes.get(junkPk) ?? 0).toBe(0);
  expect(after.items.get(junkPk)).toEqual(before.items.get(junkPk));
  await expectExactSpeakerCounts();

  // Run again: the checkpoint says it is done, nothing is sent.
  const again = await reprocess(localStackTarget(stack), { prefix: 'reprocess/', checkpoints });
  expect(again).toMatchObject({ alreadyDone: true, sent: 0, sentTotal: files.length });
});

it('resumes an interrupted run after its last batch and sends every object exactly once', async () => {
  reprocessed.length = 0;
  writes.clear();
  const before = await snapshot();
  const checkpoints = fileCheckpoints(join(stateDir, 'interrupted.json'));
  const abort = new AbortController();
  // Two messages per batch at 2/s; interrupted once the first batch is sent and checkpointed.
  const first = await reprocess(localStackTarget(stack), {
    prefix: 'reprocess/',
    rate: 2,
    restart: true,
    checkpoints,
    signal: abort.signal,
    onProgress: () => abort.abort(),
  });
  expect(first).toMatchObject({ sent: 2, interrupted: true });
  const saved = await checkpoints.load();
  expect(saved).toMatchObject({ sent: 2, done: false, lastKey: [...files.map((f) => f.key)].sort()[1] });

  const dry: string[] = [];
  const plan = await reprocess(localStackTarget(stack), {
    prefix: 'reprocess/',
    dryRun: true,
    checkpoints,
    onObject: (o) => dry.push(o.key),
  });
  expect(plan.sent).toBe(files.length - 2);
  expect(dry).toEqual([...files.map((f) => f.key)].sort().slice(2));
  expect(await checkpoints.load()).toEqual(saved);

  counting = true;
  const rest = await reprocess(localStackTarget(stack), { prefix: 'reprocess/', rate: 50, checkpoints });
  expect(rest).toMatchObject({
    sent: files.length - 2,
    sentTotal: files.length,
    resumedAfter: saved?.lastKey,
    interrupted: false,
  });
  const deadline = Date.now() + 60_000;
  while (reprocessed.length < files.length && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  await settled(0);
  counting = false;
  expect([...reprocessed].sort()).toEqual(files.map((f) => f.key).sort());
  // The extractor did not change since the last run: nothing is written, nothing differs.
  expect([...writes.values()].reduce((a, b) => a + b, 0)).toBe(0);
  expect((await snapshot()).items).toEqual(before.items);
});

it('re-files events written in the layout before: hash-sharded months, a root index, second actors as event-actor items', async () => {
  const { articleIds } = await snapshot();
  const withEvents: string[] = [];
  const current = new Map<string, string[]>();
  for (const id of new Set(articleIds.values())) {
    const events = (await partition(keys.articlePartition(id))).filter((i) => i.sk.startsWith('E#'));
    if (events.length === 0) continue;
    withEvents.push(id);
    current.set(id, events.map((i) => canonicalJson(i)).sort());
    await toLegacyLayout(stack.clients.doc, stack.tableName, id);
  }
  expect(withEvents.length).toBeGreaterThanOrEqual(3);
  const legacy = (await Promise.all(withEvents.map((id) => partition(keys.articlePartition(id))))).flat();
  expect(legacy.some((i) => String(i['gsi3pk']).startsWith('EVR#'))).toBe(true);
  expect(legacy.filter((i) => i['type'] === 'event-actor').length).toBeGreaterThan(
    [...current.values()].flat().filter((json) => json.includes('"event-actor"')).length,
  );

  const records = storeRecords;
  const checkpoints = fileCheckpoints(join(stateDir, 'relayout.json'));
  const report = await reprocess(localStackTarget(stack), { prefix: 'reprocess/', rate: 50, checkpoints });
  expect(report).toMatchObject({ sent: files.length, interrupted: false });
  await settled(records + files.length);
  for (const id of withEvents) {
    const events = (await partition(keys.articlePartition(id))).filter((i) => i.sk.startsWith('E#'));
    expect(events.map((i) => canonicalJson(i)).sort()).toEqual(current.get(id));
  }
});
