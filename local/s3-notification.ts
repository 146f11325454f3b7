/**
 * The event notification S3 sends to a queue, built locally because fauxqs has no bucket notifications.
 * Shape as documented in "Event message structure" (eventVersion 2.1); keys encoded the way S3 encodes them.
 */
import { randomBytes } from 'node:crypto';
import type { S3EventRecord } from 'aws-lambda';

export type S3EventName =
  'ObjectCreated:Put' | 'ObjectCreated:CompleteMultipartUpload' | 'ObjectRemoved:Delete';

export interface S3ObjectChange {
  readonly eventName: S3EventName;
  readonly bucket: string;
  /** The object key as stored (not encoded). */
  readonly key: string;
  readonly region: string;
  /** Present for creations. */
  readonly size?: number;
  /** The ETag as S3 returns it (quotes are removed: events carry it bare). */
  readonly eTag?: string;
  /** Only versioned buckets have version ids. */
  readonly versionId?: string;
  readonly sequencer: string;
  readonly eventTime?: Date;
  /** The notification's configuration id (CDK generates one per notification). */
  readonly configurationId?: string;
}

/**
 * Encodes a key as S3 writes it into event notifications: form encoding (space → '+', everything outside
 * A–Z a–z 0–9 - _ . * percent-encoded as UTF-8, like Java's URLEncoder), with '/' left as is.
 * Consumers must decode once: decodeURIComponent(key.replace(/\+/g, ' ')).
 */
export function encodeS3EventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/');
}

/**
 * Hands out S3-style sequencers: fixed-width upper-case hex that grows with every event, so the ordering
 * consumers do for one key (compare as equal-length hex strings) holds for every event this process sends.
 */
export class SequencerClock {
  private last = 0n;

  next(now: number = Date.now()): string {
    // Milliseconds × 2^20 leaves room for a million events per millisecond before the clock runs ahead.
    const candidate = BigInt(now) << 20n;
    this.last = candidate > this.last ? candidate : this.last + 1n;
    return this.last.toString(16).toUpperCase().padStart(18, '0');
  }
}

const OWNER = 'A3NL1KOZZKExample';

export interface S3NotificationObject {
  readonly key: string;
  /** Creations only. */
  readonly size?: number;
  /** Creations only. */
  readonly eTag?: string;
  readonly versionId?: string;
  readonly sequencer: string;
}

/** aws-lambda's S3EventRecord, except that removals carry no size and eTag (as S3 sends them). */
export type S3NotificationRecord = Omit<S3EventRecord, 's3'> & {
  readonly s3: Omit<S3EventRecord['s3'], 'object'> & { readonly object: S3NotificationObject };
};

export interface S3NotificationMessage {
  readonly Records: S3NotificationRecord[];
}

export function s3EventRecord(change: S3ObjectChange): S3NotificationRecord {
  const created = change.eventName.startsWith('ObjectCreated');
  const object: S3NotificationObject = {
    key: encodeS3EventKey(change.key),
    ...(created && { size: change.size ?? 0, eTag: (change.eTag ?? '').replace(/"/g, '') }),
    ...(change.versionId !== undefined && { versionId: change.versionId }),
    sequencer: change.sequencer,
  };
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: change.region,
    eventTime: (change.eventTime ?? new Date()).toISOString(),
    eventName: change.eventName,
    userIdentity: { principalId: `AWS:${OWNER}` },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: {
      'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-amz-id-2': randomBytes(48).toString('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: change.configurationId ?? 'local-notification',
      bucket: {
        name: change.bucket,
        ownerIdentity: { principalId: OWNER },
        arn: `arn:aws:s3:::${change.bucket}`,
      },
      object,
    },
  };
}

/** One notification message as S3 puts it on the queue: one record per message. */
export function s3EventMessage(change: S3ObjectChange): S3NotificationMessage {
  return { Records: [s3EventRecord(change)] };
}
