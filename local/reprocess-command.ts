/**
 * `npm run reprocess`: re-runs stored objects through the current pipeline version (the backfill after a rule
 * change). It lists the drop bucket (optionally under a prefix, modified since a day) and sends, per current
 * object, an S3-shaped ObjectCreated event to the parse queue, exactly as S3 would notify it.
 *
 * Each event carries the revision the table already records for the object (its S3 sequencer and event
 * time), so the store orders it as the same S3 event again: with the same PIPELINE_VERSION it rewrites only
 * the items whose content changed and writes nothing for unchanged articles; after a PIPELINE_VERSION bump
 * it is newer and replaces the whole result. A newer upload meanwhile keeps its newer sequencer and wins. An
 * object the table has never seen gets the object's LastModified as event time and no sequencer. Events name
 * no versionId (ListObjectsV2 lists current objects; fauxqs has no ListObjectVersions), so parse reads the
 * current version.
 *
 * Resumable: a checkpoint (the last key sent, in ListObjectsV2's key order) is saved after every batch —
 * under the local state folder, or in the artifacts bucket on AWS — so a run interrupted (Ctrl-C, crash)
 * continues after the last batch sent; a finished run is not repeated unless asked (--restart). A crash
 * between a send and its checkpoint re-sends at most one batch, which the idempotent store absorbs.
 * Rate-limited (messages per second), so live uploads keep their share of the parse stage.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { keys } from '../lambdas/core/items';
import type { OpsTarget } from './ops-target';
import { s3EventRecord } from './s3-notification';

/** The S3 notification configuration id reprocess events carry (S3 sends the notification's id there). */
export const REPROCESS_CONFIGURATION_ID = 'dateline-reprocess';

export interface ReprocessParams {
  readonly prefix?: string;
  /** YYYY-MM-DD: only objects last modified on or after this day (UTC). */
  readonly since?: string;
}

export interface Checkpoint {
  readonly v: 1;
  readonly bucket: string;
  readonly prefix: string;
  readonly since: string | null;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** The last key sent; the next run lists after it. */
  readonly lastKey: string | null;
  readonly sent: number;
  readonly done: boolean;
}

export interface CheckpointStore {
  readonly where: string;
  load(): Promise<Checkpoint | null>;
  save(checkpoint: Checkpoint): Promise<void>;
}

/** The run's identity: one checkpoint per bucket, prefix and since. */
export function checkpointId(bucket: string, params: ReprocessParams): string {
  return createHash('sha256')
    .update(JSON.stringify([bucket, params.prefix ?? '', params.since ?? null]))
    .digest('hex')
    .slice(0, 16);
}

export function fileCheckpoints(path: string): CheckpointStore {
  return {
    where: path,
    async load() {
      if (!existsSync(path)) return null;
      return JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
    },
    async save(checkpoint) {
      mkdirSync(dirname(path), { recursive: true });
      // Write then rename: an interruption never leaves a half-written checkpoint.
      writeFileSync(`${path}.tmp`, `${JSON.stringify(checkpoint, null, 2)}\n`);
      renameSync(`${path}.tmp`, path);
    },
  };
}

export function s3Checkpoints(s3: S3Client, bucket: string, key: string): CheckpointStore {
  return {
    where: `s3://${bucket}/${key}`,
    async load() {
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return JSON.parse(
          await (out.Body?.transformToString() ?? Promise.resolve('null')),
        ) as Checkpoint | null;
      } catch (err) {
        if (err instanceof NoSuchKey) return null;
        throw err;
      }
    },
    async save(checkpoint) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: JSON.stringify(checkpoint),
          ContentType: 'application/json',
        }),
      );
    },
  };
}

/** Local: <state dir>/reprocess/<id>.json; AWS: s3://<artifacts bucket>/reprocess/<id>.json. */
export function checkpointsFor(target: OpsTarget, params: ReprocessParams): CheckpointStore {
  const id = checkpointId(target.dropBucket, params);
  if (target.kind === 'aws') {
    if (!target.artifactsBucket) throw new Error('the stack names no artifacts bucket for the checkpoint');
    return s3Checkpoints(target.s3, target.artifactsBucket, `reprocess/${id}.json`);
  }
  return fileCheckpoints(join(target.stateDir ?? '.local', 'reprocess', `${id}.json`));
}

export interface ReprocessOptions extends ReprocessParams {
  readonly dryRun?: boolean;
  /** Messages per second (default 25). */
  readonly rate?: number;
  /** Start over even if a checkpoint says the run is done or part done. */
  readonly restart?: boolean;
  readonly checkpoints: CheckpointStore;
  readonly onProgress?: (line: string) => void;
  /** Dry run: called with each object that would be sent. */
  readonly onObject?: (object: PlannedObject) => void;
  /** Stops after the batch in flight (its checkpoint is saved). */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

export interface PlannedObject {
  readonly key: string;
  readonly size: number;
  readonly lastModified: string;
  /** The revision the event carries: the table's (reused) or a fresh one for an object it has not seen. */
  readonly revision: 'reused' | 'new';
}

export interface ReprocessReport {
  readonly bucket: string;
  readonly listed: number;
  /** Sent in this run (dry run: would be sent). */
  readonly sent: number;
  /** Sent over the whole run, across resumptions. */
  readonly sentTotal: number;
  readonly resumedAfter: string | null;
  readonly alreadyDone: boolean;
  readonly interrupted: boolean;
  readonly dryRun: boolean;
  readonly seconds: number;
  readonly checkpoint: string;
}

interface Listed {
  readonly Key: string;
  readonly Size: number;
  readonly ETag: string;
  readonly LastModified: Date;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function validateSince(since: string | undefined): void {
  if (since === undefined) return;
  if (!DAY.test(since) || Number.isNaN(Date.parse(`${since}T00:00:00Z`)))
    throw new Error(`--since expects YYYY-MM-DD, got "${since}"`);
}

async function* listObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
  startAfter: string | null,
): AsyncGenerator<Listed[]> {
  let token: string | undefined;
  do {
    const out = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        ...(prefix && { Prefix: prefix }),
        ...(token ? { ContinuationToken: token } : startAfter ? { StartAfter: startAfter } : {}),
      }),
    );
    const page = (out.Contents ?? []).filter((o): o is Listed => typeof o.Key === 'string') as Listed[];
    if (page.length > 0) yield page;
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
}

/** The revision the table records for each object (BatchGetItem on the object head items). */
async function storedRevisions(
  target: OpsTarget,
  objects: readonly Listed[],
): Promise<Map<string, { sequencer: string | null; eventTime: string }>> {
  const found = new Map<string, { sequencer: string | null; eventTime: string }>();
  for (let i = 0; i < objects.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [target.tableName]: {
        Keys: objects.slice(i, i + 100).map((o) => ({ ...keys.object(target.dropBucket, o.Key) })),
      },
    };
    for (let attempt = 0; request && attempt < 8; attempt++) {
      const out: BatchGetCommandOutput = await target.doc.send(
        new BatchGetCommand({ RequestItems: request }),
      );
      for (const item of out.Responses?.[target.tableName] ?? []) {
        const revision = item['revision'] as { sequencer?: string | null; eventTime?: string } | undefined;
        if (item['state'] === 'removed' || !revision?.eventTime) continue;
        found.set(String(item['key']), {
          sequencer: revision.sequencer ?? null,
          eventTime: revision.eventTime,
        });
      }
      const unprocessed: { Keys?: Record<string, unknown>[] } | undefined =
        out.UnprocessedKeys?.[target.tableName];
      request = unprocessed?.Keys?.length ? { [target.tableName]: { Keys: unprocessed.Keys } } : undefined;
      if (request) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
  return found;
}

function eventBody(
  target: OpsTarget,
  region: string,
  object: Listed,
  revision: { sequencer: string | null; eventTime: string } | undefined,
): string {
  const record = s3EventRecord({
    eventName: 'ObjectCreated:Put',
    bucket: target.dropBucket,
    key: object.Key,
    region,
    size: object.Size,
    eTag: object.ETag,
    sequencer: revision?.sequencer ?? '',
    eventTime: new Date(revision?.eventTime ?? object.LastModified.toISOString()),
    configurationId: REPROCESS_CONFIGURATION_ID,
  });
  // No sequencer known: leave it out (the store then orders by event time), never invent one.
  const { sequencer, ...objectWithout } = record.s3.object;
  const s3 = sequencer ? record.s3 : { ...record.s3, object: objectWithout };
  // Keep the recorded event time exactly (Date round-trips can change its precision).
  return JSON.stringify({
    Records: [{ ...record, eventTime: revision?.eventTime ?? object.LastModified.toISOString(), s3 }],
  });
}

/** Paces sends to `rate` per second from the start of the run. */
class Pacer {
  private readonly started: number;
  private count = 0;

  constructor(
    private readonly rate: number,
    private readonly now: () => number,
  ) {
    this.started = now();
  }

  async take(n: number): Promise<void> {
    this.count += n;
    const due = this.started + (this.count / this.rate) * 1000;
    const wait = due - this.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

export async function reprocess(target: OpsTarget, options: ReprocessOptions): Promise<ReprocessReport> {
  validateSince(options.since);
  const now = options.now ?? Date.now;
  const started = now();
  const rate = options.rate ?? 25;
  if (!(rate > 0)) throw new Error(`--rate expects a positive number, got ${rate}`);
  const prefix = options.prefix ?? '';
  const since = options.since ?? null;
  const sinceMs = since ? Date.parse(`${since}T00:00:00Z`) : null;
  const region = (await target.sqs.config.region()) || 'us-east-1';
  const progress = options.onProgress ?? (() => undefined);

  const previous = options.restart ? null : await options.checkpoints.load();
  const base = {
    bucket: target.dropBucket,
    checkpoint: options.checkpoints.where,
    dryRun: options.dryRun === true,
  };
  if (previous?.done) {
    return {
      ...base,
      listed: 0,
      sent: 0,
      sentTotal: previous.sent,
      resumedAfter: previous.lastKey,
      alreadyDone: true,
      interrupted: false,
      seconds: 0,
    };
  }
  let checkpoint: Checkpoint = previous ?? {
    v: 1,
    bucket: target.dropBucket,
    prefix,
    since,
    startedAt: new Date(started).toISOString(),
    updatedAt: new Date(started).toISOString(),
    lastKey: null,
    sent: 0,
    done: false,
  };
  const resumedAfter = checkpoint.lastKey;
  const pacer = new Pacer(rate, now);
  const batchSize = Math.max(1, Math.min(10, Math.floor(rate)));
  let listed = 0;
  let sent = 0;
  let interrupted = false;

  outer: for await (const page of listObjects(target.s3, target.dropBucket, prefix, checkpoint.lastKey)) {
    listed += page.length;
    const wanted = page.filter((o) => sinceMs === null || o.LastModified.getTime() >= sinceMs);
    const revisions = await storedRevisions(target, wanted);
    for (let i = 0; i < wanted.length; i += batchSize) {
      if (options.signal?.aborted) {
        interrupted = true;
        break outer;
      }
      const batch = wanted.slice(i, i + batchSize);
      if (options.dryRun) {
        for (const o of batch) {
          options.onObject?.({
            key: o.Key,
            size: o.Size,
            lastModified: o.LastModified.toISOString(),
            revision: revisions.has(o.Key) ? 'reused' : 'new',
          });
        }
        sent += batch.length;
        continue;
      }
      await pacer.take(batch.length);
      const out = await target.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: target.queues.parse.url,
          Entries: batch.map((o, j) => ({
            Id: String(j),
            MessageBody: eventBody(target, region, o, revisions.get(o.Key)),
          })),
        }),
      );
      if ((out.Failed ?? []).length > 0) {
        throw new Error(
          `the parse queue refused ${out.Failed?.length} messages (${out.Failed?.map((f) => f.Message ?? f.Code).join('; ')}); ` +
            'run again to resume from the last checkpoint',
        );
      }
      sent += batch.length;
      checkpoint = {
        ...checkpoint,
        lastKey: batch[batch.length - 1]?.Key ?? checkpoint.lastKey,
        sent: checkpoint.sent + batch.length,
        updatedAt: new Date(now()).toISOString(),
      };
      await options.checkpoints.save(checkpoint);
      const seconds = (now() - started) / 1000;
      progress(
        `reprocess: ${checkpoint.sent} sent (${sent} this run, ${(sent / Math.max(seconds, 0.001)).toFixed(1)}/s) · last ${checkpoint.lastKey}`,
      );
    }
    if (!options.dryRun && page.length > 0 && wanted.length < page.length) {
      // Skipped objects (older than --since) still advance the checkpoint.
      checkpoint = { ...checkpoint, lastKey: page[page.length - 1]?.Key ?? checkpoint.lastKey };
      await options.checkpoints.save(checkpoint);
    }
  }
  if (!options.dryRun && !interrupted) {
    checkpoint = { ...checkpoint, done: true, updatedAt: new Date(now()).toISOString() };
    await options.checkpoints.save(checkpoint);
  }
  return {
    ...base,
    listed,
    sent,
    sentTotal: options.dryRun ? sent : checkpoint.sent,
    resumedAfter,
    alreadyDone: false,
    interrupted,
    seconds: Math.round((now() - started) / 100) / 10,
  };
}
