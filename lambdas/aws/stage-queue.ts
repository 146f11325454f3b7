import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type * as z from 'zod';
import { ClaimCheckSchema } from '../core/messages';
import type { ClaimCheckStore } from './claim-check';

/**
 * Bodies above this many bytes go by claim check. Below the 256 KiB limit SQS queues had before 2025 (and
 * emulators still have), so the pipeline works on any queue; it also keeps a 10-record batch far below
 * Lambda's 6 MB invocation payload.
 */
export const CLAIM_CHECK_THRESHOLD_BYTES = 240 * 1024;
/** One SendMessageBatch: at most 10 entries and, to stay within the same older limit, 256 KiB in total. */
const BATCH_ENTRIES = 10;
const BATCH_BYTES = 256 * 1024;

/** Sends versioned stage messages to the next stage's queue. */
export interface StageQueueSender<T> {
  send(messages: readonly T[]): Promise<void>;
}

export interface StageQueueSenderOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly claimChecks: ClaimCheckStore;
  readonly thresholdBytes?: number;
}

/** Splits bodies into SendMessageBatch-sized groups (by count and total bytes), keeping their order. */
export function batchBodies(
  bodies: readonly string[],
  maxEntries = BATCH_ENTRIES,
  maxBytes = BATCH_BYTES,
): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const body of bodies) {
    const size = Buffer.byteLength(body);
    if (current.length > 0 && (current.length === maxEntries || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(body);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export function createStageQueueSender<T>(options: StageQueueSenderOptions): StageQueueSender<T> {
  const threshold = options.thresholdBytes ?? CLAIM_CHECK_THRESHOLD_BYTES;
  const bodyOf = async (message: T): Promise<string> => {
    const body = JSON.stringify(message);
    if (Buffer.byteLength(body) <= threshold) return body;
    return JSON.stringify(await options.claimChecks.put(body));
  };
  return {
    async send(messages) {
      const bodies = await Promise.all(messages.map(bodyOf));
      for (const batch of batchBodies(bodies)) {
        const entries: SendMessageBatchRequestEntry[] = batch.map((body, i) => ({
          Id: String(i),
          MessageBody: body,
        }));
        const result = await options.sqs.send(
          new SendMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: entries }),
        );
        const failed = result.Failed ?? [];
        // Throwing fails the incoming record, which is redelivered; downstream writes are idempotent, so the
        // entries that did go through are harmless duplicates.
        if (failed.length > 0) {
          const reasons = failed.map((f) => `${f.Id ?? '?'}: ${f.Code ?? 'error'} ${f.Message ?? ''}`.trim());
          throw new Error(
            `SendMessageBatch to ${options.queueUrl} failed for ${failed.length} entries (${reasons.join('; ')})`,
          );
        }
      }
    },
  };
}

/**
 * Decodes one stage message: resolves a claim check if the body is one, then validates against the stage's
 * schema. Throws (so the record is retried, then dead-lettered) on invalid JSON or an invalid message.
 */
export async function readStageMessage<S extends z.ZodType>(
  body: string,
  schema: S,
  claimChecks: ClaimCheckStore,
): Promise<z.output<S>> {
  let parsed: unknown = JSON.parse(body);
  const claim = ClaimCheckSchema.safeParse(parsed);
  if (claim.success) parsed = JSON.parse(await claimChecks.get(claim.data));
  return schema.parse(parsed);
}
