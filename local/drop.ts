/**
 * Dropping files into the local drop bucket: the upload, then the notification S3 would send (fauxqs has no
 * bucket notifications), honouring the template's event types and prefix/suffix filters.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { LocalStack } from './local-stack';
import { s3EventMessage, type S3EventName, SequencerClock } from './s3-notification';
import { bucketNotifications } from './stage-template';

export interface DroppedObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly eTag: string;
  readonly versionId?: string;
  readonly sequencer: string;
  /** When the upload started (epoch ms): the start of the file's end-to-end latency. */
  readonly uploadedAt: number;
  /** The notification body sent to the ingest queue (tests deliver it again). */
  readonly eventBody: string;
}

export interface DropOptions {
  readonly contentType?: string;
  readonly contentEncoding?: string;
  /** x-amz-meta-* user metadata (published, title, author, …). */
  readonly metadata?: Record<string, string>;
}

/** One clock per process: sequencers grow across every event we send, as S3's do per key. */
const sequencers = new SequencerClock();

const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.ndjson': 'application/x-ndjson',
  '.gz': 'application/gzip',
};

/** Content-Type the way `aws s3 cp` guesses it: from the extension. */
export function contentTypeFor(key: string): string {
  const ext = /\.[^./]+$/.exec(key.toLowerCase())?.[0] ?? '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/** Does the template send this bucket's events of this kind for this key to the ingest queue? */
function notified(stack: LocalStack, eventName: S3EventName, key: string): boolean {
  const kind = eventName.split(':')[0] ?? '';
  return bucketNotifications(stack.template).some((n) => {
    const bucket = stack.buckets.get(n.bucketLogicalId);
    return (
      bucket === stack.dropBucket &&
      n.queueLogicalId === stack.ingestQueue.spec.logicalId &&
      n.events.some((e) => e === `s3:${eventName}` || e === `s3:${kind}:*`) &&
      (n.prefix === null || key.startsWith(n.prefix)) &&
      (n.suffix === null || key.endsWith(n.suffix))
    );
  });
}

/** Sends a notification body to the ingest queue, as S3 would (again, when a test wants a duplicate). */
export async function deliverS3Event(stack: LocalStack, eventBody: string): Promise<void> {
  await stack.clients.sqs.send(
    new SendMessageCommand({ QueueUrl: stack.ingestQueue.url, MessageBody: eventBody }),
  );
}

/** Uploads an object to the drop bucket and notifies the ingest queue. */
export async function dropObject(
  stack: LocalStack,
  key: string,
  body: Uint8Array | string,
  options: DropOptions = {},
): Promise<DroppedObject> {
  const uploadedAt = Date.now();
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const put = await stack.clients.s3.send(
    new PutObjectCommand({
      Bucket: stack.dropBucket,
      Key: key,
      Body: bytes,
      ContentType: options.contentType ?? contentTypeFor(key),
      ...(options.contentEncoding && { ContentEncoding: options.contentEncoding }),
      ...(options.metadata && { Metadata: options.metadata }),
    }),
  );
  const sequencer = sequencers.next();
  const eventBody = JSON.stringify(
    s3EventMessage({
      eventName: 'ObjectCreated:Put',
      bucket: stack.dropBucket,
      key,
      region: stack.region,
      size: bytes.byteLength,
      eTag: put.ETag ?? '',
      ...(put.VersionId && { versionId: put.VersionId }),
      sequencer,
    }),
  );
  if (notified(stack, 'ObjectCreated:Put', key)) await deliverS3Event(stack, eventBody);
  return {
    bucket: stack.dropBucket,
    key,
    size: bytes.byteLength,
    eTag: (put.ETag ?? '').replace(/"/g, ''),
    ...(put.VersionId && { versionId: put.VersionId }),
    sequencer,
    uploadedAt,
    eventBody,
  };
}

/** Deletes an object from the drop bucket and notifies the ingest queue. */
export async function removeObject(stack: LocalStack, key: string): Promise<void> {
  const deleted = await stack.clients.s3.send(
    new DeleteObjectCommand({ Bucket: stack.dropBucket, Key: key }),
  );
  const body = s3EventMessage({
    eventName: 'ObjectRemoved:Delete',
    bucket: stack.dropBucket,
    key,
    region: stack.region,
    ...(deleted.VersionId && { versionId: deleted.VersionId }),
    sequencer: sequencers.next(),
  });
  if (notified(stack, 'ObjectRemoved:Delete', key)) await deliverS3Event(stack, JSON.stringify(body));
}

export interface LocalFile {
  readonly path: string;
  /** Object key: the path relative to the working directory (posix separators), or to the given folder's parent. */
  readonly key: string;
}

function toKey(path: string, base: string): string {
  return relative(base, path).split(sep).join('/');
}

/** Every file under the given files and folders (recursively, hidden files skipped), in a stable order. */
export function collectFiles(paths: readonly string[], cwd: string = process.cwd()): LocalFile[] {
  const files: LocalFile[] = [];
  const seen = new Set<string>();
  const add = (path: string, base: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, key: toKey(path, base) });
  };
  const walk = (dir: string, base: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full, base);
      else if (entry.isFile()) add(full, base);
    }
  };
  for (const given of paths) {
    const path = resolve(cwd, given);
    const inside = !relative(cwd, path).startsWith('..');
    const stat = statSync(path);
    if (stat.isDirectory()) walk(path, inside ? cwd : dirname(path));
    else if (stat.isFile()) add(path, inside ? cwd : dirname(path));
    else throw new Error(`Not a file or folder: ${given}`);
  }
  return files;
}

export async function dropFile(stack: LocalStack, file: LocalFile): Promise<DroppedObject> {
  return dropObject(stack, file.key, readFileSync(file.path));
}
