import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Observability } from './observability';
import type { StageQueueSender } from './stage-queue';

/** The Lambda signature of every stage. */
export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * Wraps a record handler into an SQS handler with partial batch responses: a record whose handler throws is
 * reported in `batchItemFailures` and redelivered alone. When every record fails the response lists them all
 * (rather than Powertools' default of throwing), so the outcome is the same and explicit.
 *
 * With `outbox` (the next stage's queue), what the records send is held until every record is handled and
 * then sent together: one SendMessageBatch per ten messages of the batch instead of one per record (SQS bills
 * per request). A record counts as done only once its messages are sent: if the send fails, the records whose
 * messages it carried are reported failed and redelivered (downstream writes are idempotent, so messages that
 * did go through are harmless duplicates).
 *
 * A fresh BatchProcessor per invocation: it holds per-batch state, and the local stack may run several
 * batches of one handler concurrently.
 */
export function createSqsBatchHandler<T = never>(
  recordHandler: (record: SQSRecord, next: StageQueueSender<T>) => Promise<void>,
  { logger, metrics }: Observability,
  outbox?: StageQueueSender<T>,
): SqsBatchHandler {
  return async (event, context) => {
    logger.addContext(context);
    const held = new Map<string, T[]>();
    const handleRecord = async (record: SQSRecord): Promise<void> => {
      const messages: T[] = [];
      try {
        await recordHandler(record, {
          send: async (batch) => {
            if (!outbox) throw new Error('this stage has no next queue to send to');
            messages.push(...batch);
          },
        });
        held.set(record.messageId, messages);
      } catch (error) {
        logger.error('Record failed; it will be retried', {
          messageId: record.messageId,
          error: error as Error,
        });
        throw error;
      }
    };
    try {
      const response = await processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), {
        context,
        throwOnFullBatchFailure: false,
      });
      const sending = [...held.entries()].filter(([, messages]) => messages.length > 0);
      if (!outbox || sending.length === 0) return response;
      try {
        await outbox.send(sending.flatMap(([, messages]) => messages));
        return response;
      } catch (error) {
        logger.error('Sending to the next stage failed; the records will be retried', {
          messageIds: sending.map(([id]) => id),
          error: error as Error,
        });
        return {
          batchItemFailures: [
            ...response.batchItemFailures,
            ...sending.map(([itemIdentifier]) => ({ itemIdentifier })),
          ],
        };
      }
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
