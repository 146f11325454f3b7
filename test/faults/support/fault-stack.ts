/**
 * What every fault-injection case needs: the real local stack (DynamoDB Local + fauxqs over HTTP, the real
 * stage handlers) with hooks to inject faults, queue settings shrunk for the test, a wait for the pipeline
 * to go quiet (polled, with a deadline), and the table read whole and compared with what the pipeline's own
 * builders say it must hold.
 */
import { GetQueueAttributesCommand, PurgeQueueCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { PipelineStageName } from '../../../lib/config';
import { parseArticleFile } from '../../../lambdas/core/article/parse-article';
import type { ArticleRecord } from '../../../lambdas/core/article/record';
import { enrichArticle } from '../../../lambdas/core/enrich/enrich-article';
import { buildArticleItems, keys, sumTallies, type TableItem } from '../../../lambdas/core/items';
import { PIPELINE_VERSION } from '../../../lambdas/core/messages';
import { type DroppedObject, dropObject } from '../../../local/drop';
import { type LocalStack, type StageRuntime, startLocalStack } from '../../../local/local-stack';
import { PipelineTracker } from '../../../local/pipeline-tracker';
import type { InvocationReport } from '../../../local/sqs-poller';
import { type PipelineHandlerOptions, pipelineHandlers } from '../../../local/stage-handlers';

export const STAGES: readonly PipelineStageName[] = ['parse', 'enrich', 'store'];
export const WAIT_MS = 60_000;

export interface Invocation {
  readonly stage: PipelineStageName;
  readonly report: InvocationReport;
  readonly endedAt: number;
}

export interface FaultStack {
  readonly stack: LocalStack;
  readonly tracker: PipelineTracker;
  readonly invocations: Invocation[];
}

export interface FaultStackOptions extends Pick<PipelineHandlerOptions, 'wrap' | 'observability'> {
  readonly persistDir?: string;
  /** Called with each stage's runtime before its handler is made: add SDK middleware to its clients here. */
  readonly beforeHandler?: (runtime: StageRuntime) => void;
}

export async function startFaultStack(options: FaultStackOptions = {}): Promise<FaultStack> {
  const handlers = pipelineHandlers({
    logLevel: 'SILENT',
    ...(options.wrap && { wrap: options.wrap }),
    ...(options.observability && { observability: options.observability }),
  });
  const invocations: Invocation[] = [];
  let tracker: PipelineTracker | null = null;
  const stack = await startLocalStack({
    ...(options.persistDir && { persistDir: options.persistDir }),
    handlerFactory: (runtime) => {
      options.beforeHandler?.(runtime);
      return handlers(runtime);
    },
    onInvocation: (stage, report) => {
      invocations.push({ stage, report, endedAt: Date.now() });
      tracker?.observe(stage, report);
    },
    startPollers: false,
  });
  tracker = new PipelineTracker(stack);
  stack.startPollers();
  return { stack, tracker, invocations };
}

export async function stopFaultStack(f: FaultStack | undefined): Promise<void> {
  f?.tracker.stop();
  await f?.stack.stop();
}

/** Shrinks a stage queue's settings for a test (fauxqs applies them on the next receive). */
export async function configureQueue(
  stack: LocalStack,
  stage: PipelineStageName,
  settings: { readonly visibilityTimeoutSeconds?: number; readonly maxReceiveCount?: number },
): Promise<void> {
  const queue = stack.stages[stage].queue;
  const attributes: Record<string, string> = {};
  if (settings.visibilityTimeoutSeconds !== undefined)
    attributes['VisibilityTimeout'] = String(settings.visibilityTimeoutSeconds);
  if (settings.maxReceiveCount !== undefined) {
    const dlq = stack.stages[stage].deadLetterQueue;
    if (!dlq) throw new Error(`${stage} has no dead-letter queue`);
    attributes['RedrivePolicy'] = JSON.stringify({
      deadLetterTargetArn: dlq.arn,
      maxReceiveCount: settings.maxReceiveCount,
    });
  }
  await stack.clients.sqs.send(
    new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: attributes }),
  );
}

/** The template's settings, put back after a case changed them. */
export async function restoreQueue(stack: LocalStack, stage: PipelineStageName): Promise<void> {
  const spec = stack.stages[stage].queue.spec;
  await configureQueue(stack, stage, {
    visibilityTimeoutSeconds: spec.visibilityTimeoutSeconds,
    ...(spec.redrive && { maxReceiveCount: spec.redrive.maxReceiveCount }),
  });
}

/** Messages on a queue: visible, in flight (received, not yet deleted) and delayed. */
export async function queueCount(stack: LocalStack, url: string): Promise<number> {
  const out = await stack.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  const a = out.Attributes ?? {};
  return (
    Number(a['ApproximateNumberOfMessages'] ?? 0) +
    Number(a['ApproximateNumberOfMessagesNotVisible'] ?? 0) +
    Number(a['ApproximateNumberOfMessagesDelayed'] ?? 0)
  );
}

/** Messages in every queue and DLQ, by name ("parse", "parse DLQ", …). */
export async function allQueueCounts(stack: LocalStack): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const stage of STAGES) {
    const { queue, deadLetterQueue } = stack.stages[stage];
    counts[stage] = await queueCount(stack, queue.url);
    if (deadLetterQueue) counts[`${stage} DLQ`] = await queueCount(stack, deadLetterQueue.url);
  }
  if (!STAGES.some((s) => stack.stages[s].queue.url === stack.ingestQueue.url))
    counts['ingest'] = await queueCount(stack, stack.ingestQueue.url);
  return counts;
}

/** Polls until a condition holds; fails with the last state after the deadline. */
export async function until(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs = WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Waits until no stage queue holds a message, visible or in flight, twice in a row. A message exists
 * somewhere for as long as a file is in the pipeline: each stage sends on before it deletes its input.
 */
export async function quiesce(stack: LocalStack, timeoutMs = WAIT_MS): Promise<void> {
  let quietOnce = false;
  await until(
    'the pipeline going quiet',
    async () => {
      const counts = await Promise.all(STAGES.map((s) => queueCount(stack, stack.stages[s].queue.url)));
      const quiet = counts.every((n) => n === 0);
      const done = quiet && quietOnce;
      quietOnce = quiet;
      return done;
    },
    timeoutMs,
  );
}

export async function purgeDeadLetters(stack: LocalStack, stage: PipelineStageName): Promise<void> {
  const dlq = stack.stages[stage].deadLetterQueue;
  if (dlq) await stack.clients.sqs.send(new PurgeQueueCommand({ QueueUrl: dlq.url }));
}

export async function scanTable(stack: LocalStack): Promise<TableItem[]> {
  const items: TableItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await stack.clients.doc.send(
      new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...((page.Items ?? []) as TableItem[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** What the pipeline makes of a file, computed in-process with its own parser, enricher and item builders. */
export function expectedArticles(bucket: string, key: string, bytes: Uint8Array): ArticleRecord[] {
  const outcome = parseArticleFile({
    bytes,
    source: { bucket, key, versionId: null, etag: null, size: bytes.byteLength },
    maxBytes: 10 * 1024 * 1024,
  });
  if (outcome.kind !== 'articles') throw new Error(`${key} does not parse to articles`);
  return outcome.articles;
}

function builtItems(article: ArticleRecord) {
  return buildArticleItems({
    article,
    enrichment: enrichArticle(article),
    revision: { pipelineVersion: PIPELINE_VERSION, sequencer: null, eventTime: new Date().toISOString() },
  });
}

const itemId = (i: { pk: string; sk: string }): string => `${i.pk} | ${i.sk}`;

/** The table's article, quote and event items and aggregate counts, in a form tests compare whole. */
export interface TableContent {
  /** Keys of article, quote, event (and per-actor event) items, sorted. */
  readonly articleItems: string[];
  /** Item type → count, for those types. */
  readonly counts: Record<string, number>;
  /** `metric|period|value|name` → the count the top-N rankings sum from the tally items. */
  readonly aggregates: Record<string, number>;
}

/** What the table must hold for exactly these articles (each stored once). */
export function expectedContent(articles: readonly ArticleRecord[]): TableContent {
  const items: TableItem[] = [];
  const aggregates: Record<string, number> = {};
  for (const article of articles) {
    const built = builtItems(article);
    items.push(built.article, ...built.content);
    addTallies(aggregates, built.tallies);
  }
  return summarize(items, aggregates);
}

/** Adds tally items' counts per metric, period, value and folded name. */
function addTallies(into: Record<string, number>, tallies: readonly Record<string, unknown>[]): void {
  for (const tally of tallies) {
    for (const metric of ['speaker', 'actor'] as const) {
      for (const [name, count] of sumTallies([tally], metric)) {
        const id = `${metric}|${String(tally['period'])}|${String(tally['value'])}|${name}`;
        into[id] = (into[id] ?? 0) + count.count;
      }
    }
  }
}

/** The item types the builders produce for articles and their content (so a new layout needs no edit here). */
let contentTypes: ReadonlySet<string> | null = null;
function articleItemTypes(): ReadonlySet<string> {
  if (contentTypes) return contentTypes;
  const sample = expectedArticles('b', 'sample.txt', Buffer.from(sampleArticle(0, 'Sampleton')));
  const built = builtItems(sample[0]!);
  contentTypes = new Set([built.article, ...built.content].map((i) => String(i['type'])));
  return contentTypes;
}

function summarize(items: readonly TableItem[], aggregates: Record<string, number>): TableContent {
  const counts: Record<string, number> = {};
  for (const t of articleItemTypes()) counts[t] = 0;
  for (const item of items) counts[String(item['type'])] = (counts[String(item['type'])] ?? 0) + 1;
  return { articleItems: items.map(itemId).sort(), counts, aggregates };
}

/** The table's content as read. */
export async function tableContent(stack: LocalStack): Promise<TableContent> {
  const all = await scanTable(stack);
  const types = articleItemTypes();
  const items = all.filter((i) => types.has(String(i['type'])));
  const aggregates: Record<string, number> = {};
  addTallies(
    aggregates,
    all.filter((i) => i['type'] === 'tally'),
  );
  return summarize(items, aggregates);
}

/** The object item of a dropped key (the file's fate), read with the store's key builder. */
export async function objectItem(stack: LocalStack, key: string): Promise<TableItem | undefined> {
  const all = await scanTable(stack);
  const k = keys.object(stack.dropBucket, key);
  return all.find((i) => i.pk === k.pk && i.sk === k.sk);
}

/** A distinct, realistic short article with quotes and events (distinct n → distinct article). */
export function sampleArticle(n: number, place: string): string {
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

/** Drops a file and registers it with the tracker. */
export async function drop(f: FaultStack, key: string, body: string | Uint8Array): Promise<DroppedObject> {
  f.tracker.expect(f.stack.dropBucket, key);
  return dropObject(f.stack, key, body);
}

export async function settle(f: FaultStack, dropped: readonly { key: string }[]) {
  return f.tracker.waitFor(
    dropped.map((d) => ({ bucket: f.stack.dropBucket, key: d.key })),
    WAIT_MS,
  );
}

/** Records a stage handled (first receive or again), with their receive counts. */
export function deliveries(
  invocations: readonly Invocation[],
  stage: PipelineStageName,
): { messageId: string; receiveCount: number; failed: boolean; endedAt: number; startedAt: number }[] {
  return invocations
    .filter((i) => i.stage === stage)
    .flatMap((i) =>
      i.report.records.map((r) => ({
        messageId: r.messageId,
        receiveCount: Number(r.attributes.ApproximateReceiveCount),
        failed: i.report.failedMessageIds.includes(r.messageId),
        endedAt: i.endedAt,
        startedAt: i.endedAt - i.report.durationMs,
      })),
    );
}
