/**
 * A poison file: a stage's handler fails on it every time, so after the queue's receives it sits in that
 * stage's dead-letter queue while other files flow past. The fault is then removed and `redrive` moves it
 * back; it is stored exactly once and every queue ends empty. One case per stage (parse, enrich, store), so
 * each stage's dead-letter queue and its redrive are exercised.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import { PIPELINE_STAGES, type PipelineStageName } from '../../lib/config';
import { keys } from '../../lambdas/core/items';
import { ObjectFates } from '../../lambdas/aws/ops/object-fate';
import { queueDepth } from '../../lambdas/aws/ops/queue-ops';
import { dropObject } from '../../local/drop';
import { type LocalStack, startLocalStack } from '../../local/local-stack';
import { localStackTarget } from '../../local/ops-target';
import { redrive } from '../../local/redrive-command';
import { pipelineHandlers } from '../../local/stage-handlers';
import type { SqsBatchHandler } from '../../local/sqs-poller';
import { generateLoadFiles, type LoadFile } from '../../tools/load/articles';

jest.setTimeout(180_000);

let stack: LocalStack;
/** Object keys the faulty stage fails on while the fault is in place. */
const poisoned = new Set<string>();
const faultyCalls: Record<PipelineStageName, number> = { parse: 0, enrich: 0, store: 0 };

/** The source key a record of any stage is about (S3 event, parsed or enriched message). */
function keyOf(record: SQSRecord): string | null {
  const body = JSON.parse(record.body) as {
    Records?: { s3?: { object?: { key?: string } } }[];
    article?: { source?: { key?: string } };
    rejection?: { source?: { key?: string } };
  };
  const raw = body.Records?.[0]?.s3?.object?.key;
  if (raw !== undefined) return decodeURIComponent(raw.replace(/\+/g, ' '));
  return body.article?.source?.key ?? body.rejection?.source?.key ?? null;
}

/** The stage's real handler, except that records of poisoned keys fail (the whole record, as a bug would). */
function faulty(stage: PipelineStageName) {
  return (handler: SqsBatchHandler): SqsBatchHandler =>
    async (event, context) => {
      const poison = event.Records.filter((r) => poisoned.has(`${stage}:${keyOf(r) ?? ''}`));
      faultyCalls[stage] += poison.length;
      const rest = event.Records.filter((r) => !poison.includes(r));
      const response = rest.length > 0 ? await handler({ Records: rest }, context) : undefined;
      return {
        batchItemFailures: [
          ...(response?.batchItemFailures ?? []),
          ...poison.map((r) => ({ itemIdentifier: r.messageId })),
        ],
      };
    };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function depths(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of PIPELINE_STAGES) {
    const stage = stack.stages[name];
    for (const [label, url] of [
      [name, stage.queue.url],
      [`${name}-dlq`, stage.deadLetterQueue?.url ?? ''],
    ] as const) {
      const d = await queueDepth(stack.clients.sqs, url);
      out[label] = d.visible + d.inFlight + d.delayed;
    }
  }
  return out;
}

const allEmpty = async (): Promise<boolean> => Object.values(await depths()).every((n) => n === 0);

beforeAll(async () => {
  stack = await startLocalStack({
    handlerFactory: pipelineHandlers({
      logLevel: 'SILENT',
      wrap: { parse: faulty('parse'), enrich: faulty('enrich'), store: faulty('store') },
    }),
  });
});

afterAll(async () => {
  await stack?.stop();
});

const files = generateLoadFiles({ count: 6, seed: 4242, junkPercent: 0, prefix: 'poison/' });

describe.each(PIPELINE_STAGES.map((stage, i) => [stage, i] as const))('a poison file in %s', (stage, i) => {
  const poison = files[2 * i] as LoadFile;
  const healthy = files[2 * i + 1] as LoadFile;

  it('dead-letters, is redriven after the fault is removed, and is stored exactly once', async () => {
    const fates = new ObjectFates(stack.clients.doc, stack.tableName);
    poisoned.add(`${stage}:${poison.key}`);
    const callsBefore = faultyCalls[stage];
    await dropObject(stack, poison.key, poison.body, poison.metadata ? { metadata: poison.metadata } : {});
    await dropObject(
      stack,
      healthy.key,
      healthy.body,
      healthy.metadata ? { metadata: healthy.metadata } : {},
    );

    // The healthy file flows past; the poison one ends in this stage's DLQ after maxReceiveCount attempts.
    const healthyFate = await until('the healthy file', async () => {
      const f = await fates.fate(stack.dropBucket, healthy.key);
      return f.outcome === 'articles' && f.articles.every((a) => a.stored) ? f : null;
    });
    expect(healthyFate.articles).toHaveLength(1);
    await until('the poison message in the DLQ', async () => {
      const d = await depths();
      return d[`${stage}-dlq`] === 1 && d[stage] === 0;
    });
    const maxReceives = stack.stages[stage].queue.spec.redrive?.maxReceiveCount ?? 0;
    expect(faultyCalls[stage] - callsBefore).toBe(maxReceives);
    const before = await fates.fate(stack.dropBucket, poison.key);
    expect(before.articles.filter((a) => a.stored)).toHaveLength(0);
    // Nothing else is stuck: every other queue and DLQ is empty.
    expect(await depths()).toEqual({
      parse: 0,
      'parse-dlq': 0,
      enrich: 0,
      'enrich-dlq': 0,
      store: 0,
      'store-dlq': 0,
      [`${stage}-dlq`]: 1,
    });

    // The fix is deployed; the operator redrives.
    poisoned.delete(`${stage}:${poison.key}`);
    const report = await redrive(localStackTarget(stack), stage);
    expect(report).toMatchObject({ queue: stage, found: 1, moved: 1, method: 'receive-send-delete' });

    const after = await until('the redriven file', async () => {
      const f = await fates.fate(stack.dropBucket, poison.key);
      return f.outcome === 'articles' && f.articles.length > 0 && f.articles.every((a) => a.stored)
        ? f
        : null;
    });
    await until('every queue and DLQ empty', allEmpty);

    // Stored exactly once: one article item, its quotes and events each once, as many as the article says.
    expect(after.articles).toHaveLength(1);
    const article = after.articles[0]!;
    expect(article.articleItems).toBe(1);
    expect(article.quotes).toBe(article.quoteCount);
    expect(article.events).toBe(article.eventCount);
    expect(article.title).toBe(poison.title);
    const partition = await stack.clients.doc.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.articlePartition(article.articleId) },
      }),
    );
    const sortKeys = (partition.Items ?? []).map((item) => String(item['sk']));
    expect(new Set(sortKeys).size).toBe(sortKeys.length);
    // One carrier, recorded on the article's HEAD.
    const carriers = (partition.Items ?? [])
      .filter((item) => item['sk'] === 'HEAD')
      .flatMap((item) => Object.keys(item).filter((name) => name.startsWith('SRC#')));
    expect(carriers).toEqual([`SRC#${stack.dropBucket}/${poison.key}`]);
    const head = await stack.clients.doc.send(
      new GetCommand({ TableName: stack.tableName, Key: keys.object(stack.dropBucket, poison.key) }),
    );
    expect(head.Item?.['articleIds']).toEqual([article.articleId]);
    // The healthy file is untouched by the redrive.
    expect(await fates.fate(stack.dropBucket, healthy.key)).toEqual(healthyFate);
  });
});
