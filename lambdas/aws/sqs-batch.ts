import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Observability } from './observability';

/** The Lambda signature of every stage. */
export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * Wraps a record handler into an SQS handler with partial batch responses: a record whose handler throws is
 * reported in `batchItemFailures` and redelivered alone. When every record fails the response lists them all
 * (rather than Powertools' default of throwing), so the outcome is the same and explicit.
 * A fresh BatchProcessor per invocation: it holds per-batch state, and the local stack may run several
 * batches of one handler concurrently.
 */
export function createSqsBatchHandler(
  recordHandler: (record: SQSRecord) => Promise<void>,
  { logger, metrics }: Observability,
): SqsBatchHandler {
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    try {
      await recordHandler(record);
    } catch (error) {
      logger.error('Record failed; it will be retried', {
        messageId: record.messageId,
        error: error as Error,
      });
      throw error;
    }
  };
  return async (event, context) => {
    logger.addContext(context);
    try {
      return await processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), {
        context,
        throwOnFullBatchFailure: false,
      });
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
