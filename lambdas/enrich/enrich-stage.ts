import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { type ClaimCheckStore, createS3ClaimCheckStore } from '../aws/claim-check';
import type { S3ClientSource } from '../aws/clients/s3';
import { createObservability, type Observability } from '../aws/observability';
import { type SqsBatchHandler, createSqsBatchHandler } from '../aws/sqs-batch';
import { createStageQueueSender, readStageMessage, type StageQueueSender } from '../aws/stage-queue';
import type { ArticleRecord } from '../core/article/record';
import { enrichArticle } from '../core/enrich/enrich-article';
import type { Enrichment } from '../core/enrich/model';
import { type EnrichedMessage, ParsedMessageSchema } from '../core/messages';

/** What the enrich stage needs. Build it from SDK clients with {@link enrichStageDeps}. */
export interface EnrichStageDeps {
  /** Resolves incoming claim checks (and stores outgoing ones, through `next`). */
  readonly claimChecks: ClaimCheckStore;
  /** Sends to the store queue. */
  readonly next: StageQueueSender<EnrichedMessage>;
  readonly observability: Observability;
  /** The extractor; the domain's enrichArticle unless a test substitutes one. */
  readonly enrich?: (article: ArticleRecord) => Enrichment;
}

export interface EnrichStageSettings {
  /** For claim checks only: pass a client, or lazyS3Client() to load the S3 SDK on first use. */
  readonly s3: S3ClientSource;
  readonly sqs: SQSClient;
  /** The store stage's queue. */
  readonly nextQueueUrl: string;
  readonly artifactsBucket: string;
  /** Defaults to a Powertools logger and metrics for service 'enrich'. */
  readonly observability?: Observability;
}

export function enrichStageDeps(settings: EnrichStageSettings): EnrichStageDeps {
  const claimChecks = createS3ClaimCheckStore(settings.s3, settings.artifactsBucket);
  return {
    claimChecks,
    next: createStageQueueSender<EnrichedMessage>({
      sqs: settings.sqs,
      queueUrl: settings.nextQueueUrl,
      claimChecks,
    }),
    observability: settings.observability ?? createObservability('enrich'),
  };
}

/**
 * The enrich stage: a validated ParsedMessage in, an EnrichedMessage out. Articles get entities, quotes,
 * events and dates; rejections and removals pass through unchanged. An invalid message throws and ends in
 * the dead-letter queue after the configured receives.
 */
export function createEnrichHandler(deps: EnrichStageDeps): SqsBatchHandler {
  const { logger, metrics } = deps.observability;
  const enrich = deps.enrich ?? enrichArticle;

  return createSqsBatchHandler<EnrichedMessage>(
    async (record, next) => {
      const message = await readStageMessage(record.body, ParsedMessageSchema, deps.claimChecks);
      if (message.type !== 'article') {
        await next.send([message]);
        metrics.addMetric(
          message.type === 'rejection' ? 'RejectionsForwarded' : 'RemovalsForwarded',
          MetricUnit.Count,
          1,
        );
        return;
      }
      const enrichment = enrich(message.article);
      await next.send([
        {
          v: 1,
          type: 'enriched',
          revision: message.revision,
          article: message.article,
          fileArticleIds: message.fileArticleIds,
          enrichment,
        },
      ]);
      logger.info('Article enriched', {
        articleId: message.article.id,
        entities: enrichment.entities.length,
        quotes: enrichment.quotes.length,
        events: enrichment.events.length,
      });
      metrics.addMetric('ArticlesEnriched', MetricUnit.Count, 1);
      metrics.addMetric('EntitiesFound', MetricUnit.Count, enrichment.entities.length);
      metrics.addMetric('QuotesFound', MetricUnit.Count, enrichment.quotes.length);
      metrics.addMetric('EventsFound', MetricUnit.Count, enrichment.events.length);
    },
    deps.observability,
    deps.next,
  );
}
