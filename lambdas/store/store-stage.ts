import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type ArticleStore, createArticleStore, createS3BodyStore } from '../aws/article-store';
import { type ClaimCheckStore, createS3ClaimCheckStore } from '../aws/claim-check';
import type { S3ClientSource } from '../aws/clients/s3';
import { createObservability, type Observability } from '../aws/observability';
import { type SqsBatchHandler, createSqsBatchHandler } from '../aws/sqs-batch';
import { readStageMessage } from '../aws/stage-queue';
import { CapacityMeter } from '../aws/table-writer';
import { EnrichedMessageSchema } from '../core/messages';

/** What the store stage needs. Build it from SDK clients with {@link storeStageDeps}. */
export interface StoreStageDeps {
  /** Resolves incoming claim checks. */
  readonly claimChecks: ClaimCheckStore;
  /** The table adapter (idempotent writes ordered by revision). */
  readonly store: ArticleStore;
  readonly observability: Observability;
}

export interface StoreStageSettings {
  /** For claim checks and oversized article bodies: a client, or lazyS3Client() to load the S3 SDK on first use. */
  readonly s3: S3ClientSource;
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly artifactsBucket: string;
  /** Defaults to a Powertools logger and metrics for service 'store'. */
  readonly observability?: Observability;
}

export function storeStageDeps(settings: StoreStageSettings): StoreStageDeps {
  return {
    claimChecks: createS3ClaimCheckStore(settings.s3, settings.artifactsBucket),
    // Article bodies too large for one item go to the artifacts bucket too (under article-bodies/).
    store: createArticleStore(settings.doc, settings.tableName, {
      bodyStore: createS3BodyStore(settings.s3, settings.artifactsBucket),
      // Nothing reads the stage's meter: totals only, without sizing every item to split them by type.
      meter: new CapacityMeter({ byItemType: false }),
    }),
    observability: settings.observability ?? createObservability('store'),
  };
}

/**
 * The store stage: a validated EnrichedMessage in, table items out. The ArticleStore makes every write
 * idempotent and keeps an older revision from overwriting a newer one, so redelivery is harmless.
 */
export function createStoreHandler(deps: StoreStageDeps): SqsBatchHandler {
  const { logger, metrics } = deps.observability;

  return createSqsBatchHandler(async (record) => {
    const message = await readStageMessage(record.body, EnrichedMessageSchema, deps.claimChecks);
    switch (message.type) {
      case 'enriched':
        await deps.store.saveArticle(message);
        logger.info('Article stored', { articleId: message.article.id, key: message.article.source.key });
        metrics.addMetric('ArticlesStored', MetricUnit.Count, 1);
        metrics.addMetric('QuotesStored', MetricUnit.Count, message.enrichment.quotes.length);
        metrics.addMetric('EventsStored', MetricUnit.Count, message.enrichment.events.length);
        return;
      case 'rejection':
        await deps.store.saveRejection(message);
        logger.info('Rejection stored', {
          key: message.rejection.source.key,
          reason: message.rejection.reason,
        });
        metrics
          .singleMetric()
          .addDimension('reason', message.rejection.reason)
          .addMetric('RejectionsStored', MetricUnit.Count, 1);
        return;
      case 'removal':
        await deps.store.removeObject(message);
        logger.info('Object removed from the table', {
          key: message.object.key,
          versionId: message.object.versionId,
        });
        metrics.addMetric('ObjectsRemoved', MetricUnit.Count, 1);
        return;
    }
  }, deps.observability);
}
