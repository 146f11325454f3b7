import * as z from 'zod';

/**
 * S3 event notifications as they arrive in the ingest queue: either the one-off `s3:TestEvent` S3 sends when a
 * notification is configured, or a `Records` array. Keys arrive URL-encoded with `+` for spaces.
 */

/** Decodes an S3 event key exactly once ("my+file%2B1.txt" → "my file+1.txt"). */
export function decodeS3Key(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

const TestEventSchema = z.object({ Event: z.literal('s3:TestEvent') });

const RecordSchema = z.object({
  eventName: z.string(),
  eventTime: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({
      key: z.string(),
      size: z.number().int().nonnegative().optional(),
      eTag: z.string().optional(),
      versionId: z.string().optional(),
      sequencer: z.string().optional(),
    }),
  }),
});

const RecordsSchema = z.object({ Records: z.array(RecordSchema) });

export type S3ObjectAction = 'created' | 'removed';

/** One object event, key decoded; `size` and `etag` are only known for created objects. */
export interface S3ObjectEvent {
  readonly action: S3ObjectAction;
  /** e.g. "ObjectCreated:Put", "ObjectRemoved:DeleteMarkerCreated". */
  readonly eventName: string;
  readonly bucket: string;
  readonly key: string;
  readonly size: number | null;
  readonly etag: string | null;
  readonly versionId: string | null;
  /** Orders events for one key (hex; compare after left-padding to equal length). */
  readonly sequencer: string | null;
  readonly eventTime: string;
}

export type S3Notification =
  | { readonly kind: 'test' }
  /** `ignored` counts records of other event types (restore, replication…), which the pipeline does not act on. */
  | { readonly kind: 'records'; readonly records: S3ObjectEvent[]; readonly ignored: number };

function actionOf(eventName: string): S3ObjectAction | null {
  if (eventName.startsWith('ObjectCreated:')) return 'created';
  if (eventName.startsWith('ObjectRemoved:')) return 'removed';
  return null;
}

/** Reads one ingest message body (already JSON-parsed). Throws a ZodError/URIError on anything else. */
export function parseS3Notification(body: unknown): S3Notification {
  if (TestEventSchema.safeParse(body).success) return { kind: 'test' };
  const { Records } = RecordsSchema.parse(body);
  const records: S3ObjectEvent[] = [];
  for (const record of Records) {
    const action = actionOf(record.eventName);
    if (!action) continue;
    const object = record.s3.object;
    records.push({
      action,
      eventName: record.eventName,
      bucket: record.s3.bucket.name,
      key: decodeS3Key(object.key),
      size: object.size ?? null,
      etag: object.eTag ?? null,
      versionId: object.versionId ?? null,
      sequencer: object.sequencer ?? null,
      eventTime: record.eventTime,
    });
  }
  return { kind: 'records', records, ignored: Records.length - records.length };
}
