import { createHash } from 'node:crypto';
import type { ClaimCheck } from '../core/messages';
import { ARTIFACT_PREFIXES } from './artifact-keys';
import { resolveS3Client, type S3ClientSource } from './clients/s3';

/**
 * Stage messages too large for SQS travel as a claim check: the body is stored in the private artifacts
 * bucket and the queue carries a reference. Keys are the body's SHA-256, so a retried send rewrites the same
 * object instead of adding one. The bucket's lifecycle rule deletes them; readers never do (a message may be
 * delivered again, or redriven from its dead-letter queue).
 * The S3 SDK is loaded on the first claim check, not at init (see lazyS3Client).
 */
export interface ClaimCheckStore {
  put(body: string): Promise<ClaimCheck>;
  get(claim: ClaimCheck): Promise<string>;
}

export const CLAIM_CHECK_PREFIX = ARTIFACT_PREFIXES.claimChecks;

/** The body a claim check points to is gone (expired, deleted): retries cannot help, the message dead-letters. */
export class ClaimCheckMissingError extends Error {
  constructor(claim: ClaimCheck) {
    super(
      `Claim check s3://${claim.bucket}/${claim.key} (${claim.bytes} bytes) is missing: the message body was ` +
        'deleted or expired, so the message cannot be processed; it goes to the dead-letter queue after its retries',
    );
    this.name = 'ClaimCheckMissingError';
  }
}

export function createS3ClaimCheckStore(s3Source: S3ClientSource, bucket: string): ClaimCheckStore {
  const sdk = () => import('@aws-sdk/client-s3');
  return {
    async put(body) {
      const key = `${CLAIM_CHECK_PREFIX}${createHash('sha256').update(body).digest('hex')}.json`;
      const [{ PutObjectCommand }, s3] = await Promise.all([sdk(), resolveS3Client(s3Source)]);
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
      );
      return { v: 1, type: 'claim-check', bucket, key, bytes: Buffer.byteLength(body) };
    },
    async get(claim) {
      // The reference arrives in a message: never follow it out of our own artifacts bucket.
      if (claim.bucket !== bucket) {
        throw new Error(`Claim check points to bucket '${claim.bucket}', expected '${bucket}'`);
      }
      const [{ GetObjectCommand }, s3] = await Promise.all([sdk(), resolveS3Client(s3Source)]);
      let response;
      try {
        response = await s3.send(new GetObjectCommand({ Bucket: claim.bucket, Key: claim.key }));
      } catch (err) {
        if (err instanceof Error && err.name === 'NoSuchKey') throw new ClaimCheckMissingError(claim);
        throw err;
      }
      if (!response.Body) throw new Error(`Claim check s3://${claim.bucket}/${claim.key} has no body`);
      return response.Body.transformToString('utf-8');
    },
  };
}
