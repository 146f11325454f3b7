import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';

/** One version of an object (the latest when `versionId` is null). */
export interface ObjectVersionRef {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string | null;
}

export type ReadObjectResult =
  | {
      readonly kind: 'object';
      readonly bytes: Uint8Array;
      readonly size: number;
      readonly etag: string | null;
      readonly versionId: string | null;
      /** User metadata (x-amz-meta-*), keys lower-cased without the prefix. */
      readonly metadata: Readonly<Record<string, string>>;
      readonly contentType?: string;
      readonly contentEncoding?: string;
    }
  /** Larger than allowed: the body was not downloaded. */
  | {
      readonly kind: 'too-large';
      readonly size: number;
      readonly etag: string | null;
      readonly versionId: string | null;
    }
  /** The key or version no longer exists (deleted after the event was sent). */
  | { readonly kind: 'gone' };

/** Reads dropped files. Throws on infrastructure errors (throttling, outages) so the caller's record is retried. */
export interface ObjectReader {
  read(ref: ObjectVersionRef, maxBytes: number): Promise<ReadObjectResult>;
}

const GONE = new Set(['NoSuchKey', 'NoSuchVersion', 'NotFound']);

function isGone(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return GONE.has(error.name) || status === 404;
}

/** S3's ETag header is quoted; S3 events carry it bare. Store one form. */
function bareEtag(etag: string | undefined): string | null {
  return etag ? etag.replace(/^"|"$/g, '') : null;
}

function discard(body: GetObjectCommandOutput['Body']): void {
  if (body && 'destroy' in body && typeof body.destroy === 'function') body.destroy();
}

export function createS3ObjectReader(s3: S3Client): ObjectReader {
  return {
    async read(ref, maxBytes) {
      let response: GetObjectCommandOutput;
      try {
        response = await s3.send(
          new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId ?? undefined }),
        );
      } catch (error) {
        if (isGone(error)) return { kind: 'gone' };
        throw error;
      }
      const etag = bareEtag(response.ETag);
      const versionId = response.VersionId ?? ref.versionId;
      const declared = response.ContentLength;
      if (declared !== undefined && declared > maxBytes) {
        discard(response.Body);
        return { kind: 'too-large', size: declared, etag, versionId };
      }
      if (!response.Body) throw new Error(`GetObject s3://${ref.bucket}/${ref.key} returned no body`);
      const bytes = await response.Body.transformToByteArray();
      return {
        kind: 'object',
        bytes,
        size: bytes.byteLength,
        etag,
        versionId,
        metadata: response.Metadata ?? {},
        contentType: response.ContentType,
        contentEncoding: response.ContentEncoding,
      };
    },
  };
}
