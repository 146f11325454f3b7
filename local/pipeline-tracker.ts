/**
 * Knows, for every file dropped into the local stack, when it is accounted for: all its articles (or its
 * rejection) written to the table, or one of its messages in a dead-letter queue. It watches what the local
 * pollers report (records in, which succeeded, how long each stage took), confirms each completion by
 * reading the item from DynamoDB with the store's own key builders, and inspects the dead-letter queues.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import type { PipelineStageName } from '../lib/config';
import { createS3ClaimCheckStore } from '../lambdas/aws/claim-check';
import { ENV } from '../lambdas/aws/environment';
import { keys } from '../lambdas/core/items';
import {
  ClaimCheckSchema,
  type EnrichedMessage,
  EnrichedMessageSchema,
  type ParsedMessage,
  ParsedMessageSchema,
} from '../lambdas/core/messages';
import type { LocalStack } from './local-stack';
import type { InvocationReport } from './sqs-poller';

export type FileOutcome = 'stored' | 'rejected' | 'dead-lettered';

export interface FileResult {
  readonly bucket: string;
  readonly key: string;
  readonly outcome: FileOutcome;
  readonly articles: number;
  readonly quotes: number;
  readonly events: number;
  /** Rejection reason, or the stage whose dead-letter queue holds the file's message (and the error if known). */
  readonly detail: string | null;
  /** Longest invocation of each stage that processed the file's messages. */
  readonly stageMs: Readonly<Partial<Record<PipelineStageName, number>>>;
  /** Upload → last item written (or dead-lettered). */
  readonly totalMs: number;
}

interface Pending {
  readonly bucket: string;
  readonly key: string;
  readonly uploadedAt: number;
  readonly stageMs: Partial<Record<PipelineStageName, number>>;
  expectedArticles: Set<string> | null;
  readonly storedArticles: Map<string, { quotes: number; events: number }>;
}

/** What a message says about the file it came from. */
interface MessageSubject {
  readonly bucket: string;
  readonly key: string;
  readonly message: ParsedMessage | EnrichedMessage | null;
}

const fileId = (bucket: string, key: string): string => `${bucket}/${key}`;

export class PipelineTracker {
  private readonly pending = new Map<string, Pending>();
  private readonly finished = new Map<string, FileResult>();
  private readonly waiters = new Set<() => void>();
  private readonly lastError = new Map<string, string>();
  private readonly seenDeadLetters = new Set<string>();
  private readonly claimChecks;
  private dlqTimer: NodeJS.Timeout | null = null;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly stack: LocalStack,
    private readonly onFile?: (result: FileResult) => void,
  ) {
    const artifacts = stack.stages.parse.environment[ENV.artifactsBucket] ?? '';
    this.claimChecks = createS3ClaimCheckStore(stack.clients.s3, artifacts);
  }

  /** Registers a file just uploaded; its (previous) result is forgotten. */
  expect(bucket: string, key: string, uploadedAt: number = Date.now()): void {
    const id = fileId(bucket, key);
    this.finished.delete(id);
    this.pending.set(id, {
      bucket,
      key,
      uploadedAt,
      stageMs: {},
      expectedArticles: null,
      storedArticles: new Map(),
    });
    this.scheduleDeadLetterScan();
  }

  result(bucket: string, key: string): FileResult | undefined {
    return this.finished.get(fileId(bucket, key));
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Feed every poller report here (LocalStackOptions.onInvocation). Processing is serialized. */
  observe(stage: PipelineStageName, report: InvocationReport): void {
    this.work = this.work
      .then(() => this.handleReport(stage, report))
      .catch((err: unknown) => {
        process.stderr.write(`tracker: ${(err as Error).message}\n`);
      });
  }

  /** Resolves with the results of these files once all are accounted for; rejects after timeoutMs. */
  async waitFor(files: readonly { bucket: string; key: string }[], timeoutMs: number): Promise<FileResult[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const results = files.map((f) => this.finished.get(fileId(f.bucket, f.key)));
      if (results.every((r) => r !== undefined)) return results as FileResult[];
      const left = deadline - Date.now();
      if (left <= 0) {
        const missing = files.filter((_, i) => !results[i]).map((f) => f.key);
        throw new Error(`Not accounted for after ${timeoutMs} ms: ${missing.join(', ')}`);
      }
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 1000));
        this.waiters.add(wake);
      });
    }
  }

  stop(): void {
    if (this.dlqTimer) clearTimeout(this.dlqTimer);
    this.dlqTimer = null;
  }

  private finish(p: Pending, outcome: FileOutcome, detail: string | null): void {
    const id = fileId(p.bucket, p.key);
    if (!this.pending.has(id)) return;
    this.pending.delete(id);
    let quotes = 0;
    let events = 0;
    for (const counts of p.storedArticles.values()) {
      quotes += counts.quotes;
      events += counts.events;
    }
    const result: FileResult = {
      bucket: p.bucket,
      key: p.key,
      outcome,
      articles: outcome === 'rejected' ? 0 : p.storedArticles.size,
      quotes,
      events,
      detail,
      stageMs: { ...p.stageMs },
      totalMs: Date.now() - p.uploadedAt,
    };
    this.finished.set(id, result);
    this.onFile?.(result);
    for (const wake of [...this.waiters]) wake();
  }

  private async subjectOf(stage: PipelineStageName, body: string): Promise<MessageSubject[]> {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return [];
    }
    if (stage === 'parse') {
      const records = (
        json as { Records?: { s3?: { bucket?: { name?: string }; object?: { key?: string } } }[] }
      ).Records;
      return (records ?? []).flatMap((r) => {
        const bucket = r.s3?.bucket?.name;
        const key = r.s3?.object?.key;
        return bucket && key
          ? [{ bucket, key: decodeURIComponent(key.replace(/\+/g, ' ')), message: null }]
          : [];
      });
    }
    const claim = ClaimCheckSchema.safeParse(json);
    if (claim.success) json = JSON.parse(await this.claimChecks.get(claim.data));
    const parsed = (stage === 'store' ? EnrichedMessageSchema : ParsedMessageSchema).safeParse(json);
    if (!parsed.success) return [];
    const message = parsed.data;
    const object =
      message.type === 'rejection'
        ? message.rejection.source
        : message.type === 'removal'
          ? message.object
          : message.article.source;
    return [{ bucket: object.bucket, key: object.key, message }];
  }

  private async handleReport(stage: PipelineStageName, report: InvocationReport): Promise<void> {
    for (const record of report.records) {
      if (report.error) this.lastError.set(record.messageId, `${stage}: ${report.error.message}`);
      else if (!report.failedMessageIds.includes(record.messageId)) this.lastError.delete(record.messageId);
    }
    if (this.pending.size === 0) return;
    const succeeded = report.records.filter((r) => !report.failedMessageIds.includes(r.messageId));
    for (const record of succeeded) await this.handleSuccess(stage, record, report.durationMs);
  }

  private async handleSuccess(
    stage: PipelineStageName,
    record: SQSRecord,
    durationMs: number,
  ): Promise<void> {
    for (const subject of await this.subjectOf(stage, record.body)) {
      const p = this.pending.get(fileId(subject.bucket, subject.key));
      if (!p) continue;
      p.stageMs[stage] = Math.max(p.stageMs[stage] ?? 0, durationMs);
      if (stage !== 'store' || !subject.message) continue;
      const message = subject.message as EnrichedMessage;
      const doc = this.stack.clients.doc;
      const TableName = this.stack.tableName;
      if (message.type === 'rejection') {
        const item = await doc.send(
          new GetCommand({ TableName, Key: keys.rejection(subject.bucket, subject.key) }),
        );
        if (item.Item) this.finish(p, 'rejected', message.rejection.reason);
      } else if (message.type === 'enriched') {
        const item = await doc.send(new GetCommand({ TableName, Key: keys.article(message.article.id) }));
        if (!item.Item) continue;
        p.expectedArticles ??= new Set(message.fileArticleIds);
        p.storedArticles.set(message.article.id, {
          quotes: message.enrichment.quotes.length,
          events: message.enrichment.events.length,
        });
        if ([...p.expectedArticles].every((id) => p.storedArticles.has(id))) this.finish(p, 'stored', null);
      }
    }
  }

  /** Dead-letter queues are inspected without receiving (fauxqs's inspection endpoint), so nothing moves. */
  private scheduleDeadLetterScan(): void {
    if (this.dlqTimer) return;
    this.dlqTimer = setTimeout(() => {
      this.dlqTimer = null;
      void this.scanDeadLetters().finally(() => {
        if (this.pending.size > 0) this.scheduleDeadLetterScan();
      });
    }, 250);
    this.dlqTimer.unref();
  }

  private async scanDeadLetters(): Promise<void> {
    for (const stage of Object.values(this.stack.stages)) {
      const dlq = stage.deadLetterQueue;
      if (!dlq) continue;
      let inspected: { messages?: { ready?: { messageId: string; body: string; sentTimestamp?: number }[] } };
      try {
        const res = await fetch(
          `${this.stack.endpoints.sqs}/_fauxqs/queues/${encodeURIComponent(dlq.spec.name)}`,
        );
        if (!res.ok) continue;
        inspected = (await res.json()) as typeof inspected;
      } catch {
        continue;
      }
      for (const message of inspected.messages?.ready ?? []) {
        if (this.seenDeadLetters.has(message.messageId)) continue;
        this.seenDeadLetters.add(message.messageId);
        const subjects = await this.subjectOf(stage.name, message.body).catch(() => []);
        for (const subject of subjects) {
          const p = this.pending.get(fileId(subject.bucket, subject.key));
          // A message sent before this upload belongs to an earlier version of the file.
          if (!p || (message.sentTimestamp ?? Infinity) < p.uploadedAt) continue;
          const error = this.lastError.get(message.messageId);
          this.finish(p, 'dead-lettered', `${stage.name} DLQ${error ? ` (${error})` : ''}`);
        }
      }
    }
  }
}
