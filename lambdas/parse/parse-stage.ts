import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { createS3ClaimCheckStore } from '../aws/claim-check';
import { createObservability, type Observability } from '../aws/observability';
import { createS3ObjectReader, type ObjectReader } from '../aws/object-reader';
import { type SqsBatchHandler, createSqsBatchHandler } from '../aws/sqs-batch';
import { createStageQueueSender, type StageQueueSender } from '../aws/stage-queue';
import { parseArticleFile } from '../core/article/parse-article';
import type {
  ObjectMetadataOverrides,
  ParseInput,
  ParseOutcome,
  Rejection,
  SourceRef,
} from '../core/article/record';
import { PIPELINE_VERSION, type ParsedMessage, type Revision } from '../core/messages';
import { parseS3Notification, type S3ObjectEvent } from '../core/s3-event';

/** What the parse stage needs. Build it from SDK clients with {@link parseStageDeps}. */
export interface ParseStageDeps {
  /** Reads the dropped file an S3 event names. */
  readonly objects: ObjectReader;
  /** Sends to the enrich queue (claim check for oversized messages). */
  readonly next: StageQueueSender<ParsedMessage>;
  /** Files larger than this (bytes) become 'too-large' rejections without being downloaded. */
  readonly maxFileBytes: number;
  readonly observability: Observability;
  /** The parser; the domain's parseArticleFile unless a test substitutes one. */
  readonly parseFile?: (input: ParseInput) => ParseOutcome;
}

/** The settings of a parse stage, as the Lambda (from its environment) and the local stack have them. */
export interface ParseStageSettings {
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  /** The enrich stage's queue. */
  readonly nextQueueUrl: string;
  readonly artifactsBucket: string;
  readonly maxFileBytes: number;
  /** Defaults to a Powertools logger and metrics for service 'parse'. */
  readonly observability?: Observability;
}

export function parseStageDeps(settings: ParseStageSettings): ParseStageDeps {
  return {
    objects: createS3ObjectReader(settings.s3),
    next: createStageQueueSender<ParsedMessage>({
      sqs: settings.sqs,
      queueUrl: settings.nextQueueUrl,
      claimChecks: createS3ClaimCheckStore(settings.s3, settings.artifactsBucket),
    }),
    maxFileBytes: settings.maxFileBytes,
    observability: settings.observability ?? createObservability('parse'),
  };
}

/** x-amz-meta-* keys a user may set to override what the parser finds (SDK returns them lower-cased). */
const OVERRIDE_KEYS = ['published', 'title', 'author', 'publisher', 'url', 'language'] as const;

function overridesFrom(metadata: Readonly<Record<string, string>>): ObjectMetadataOverrides | undefined {
  const overrides: Record<string, string> = {};
  for (const key of OVERRIDE_KEYS) {
    const value = metadata[key]?.trim();
    if (value) overrides[key] = value;
  }
  return Object.keys(overrides).length > 0 ? overrides : undefined;
}

function tooLarge(source: SourceRef, maxBytes: number): Rejection {
  return {
    source,
    reason: 'too-large',
    message: `The file is ${source.size} bytes; the largest accepted file is ${maxBytes} bytes.`,
  };
}

/**
 * The parse stage: S3 events in, one ParsedMessage per article (or one rejection, or one removal) out.
 *
 * - `s3:TestEvent` is acknowledged and skipped.
 * - A created object over the size limit is rejected from the event's size alone, without downloading it.
 * - A created object that no longer exists ("gone": NoSuchKey/NoSuchVersion) needs nothing: the object
 *   version is permanently deleted, and that deletion sent its own ObjectRemoved event, which yields the
 *   removal. (Deleting without a version id only adds a delete marker; the version named in the event stays
 *   readable, so the article is parsed and the later removal, ordered by sequencer, wins in the store.)
 * - S3 and SQS errors (throttling, outages) throw: the record is reported failed and redelivered.
 */
export function createParseHandler(deps: ParseStageDeps): SqsBatchHandler {
  const { logger, metrics } = deps.observability;
  const parseFile = deps.parseFile ?? parseArticleFile;

  const sendRejection = async (
    next: StageQueueSender<ParsedMessage>,
    revision: Revision,
    rejection: Rejection,
  ): Promise<void> => {
    await next.send([{ v: 1, type: 'rejection', revision, rejection }]);
    logger.info('File rejected', { source: rejection.source, reason: rejection.reason });
    metrics
      .singleMetric()
      .addDimension('reason', rejection.reason)
      .addMetric('FilesRejected', MetricUnit.Count, 1);
  };

  const handleCreated = async (
    next: StageQueueSender<ParsedMessage>,
    event: S3ObjectEvent,
    revision: Revision,
  ): Promise<void> => {
    const fromEvent: SourceRef = {
      bucket: event.bucket,
      key: event.key,
      versionId: event.versionId,
      etag: event.etag,
      size: event.size ?? 0,
      part: 0,
    };
    if (event.size !== null && event.size > deps.maxFileBytes) {
      return sendRejection(next, revision, tooLarge(fromEvent, deps.maxFileBytes));
    }
    const read = await deps.objects.read(event, deps.maxFileBytes);
    if (read.kind === 'gone') {
      logger.info('Object no longer exists; its removal event removes it', {
        bucket: event.bucket,
        key: event.key,
        versionId: event.versionId,
      });
      metrics.addMetric('ObjectsGone', MetricUnit.Count, 1);
      return;
    }
    if (read.kind === 'too-large') {
      const source = {
        ...fromEvent,
        size: read.size,
        etag: read.etag ?? fromEvent.etag,
        versionId: read.versionId,
      };
      return sendRejection(next, revision, tooLarge(source, deps.maxFileBytes));
    }
    const outcome = parseFile({
      bytes: read.bytes,
      source: {
        bucket: event.bucket,
        key: event.key,
        versionId: read.versionId,
        etag: read.etag ?? event.etag,
        size: read.size,
      },
      metadata: overridesFrom(read.metadata),
      contentType: read.contentType,
      contentEncoding: read.contentEncoding,
      maxBytes: deps.maxFileBytes,
    });
    if (outcome.kind === 'rejection') return sendRejection(next, revision, outcome.rejection);

    const fileArticleIds = outcome.articles.map((article) => article.id);
    await next.send(
      outcome.articles.map((article) => ({ v: 1, type: 'article', revision, article, fileArticleIds })),
    );
    logger.info('File parsed', { bucket: event.bucket, key: event.key, articles: fileArticleIds });
    metrics.addMetric('FilesParsed', MetricUnit.Count, 1);
    metrics.addMetric('ArticlesParsed', MetricUnit.Count, outcome.articles.length);
    metrics.addMetric('BytesParsed', MetricUnit.Bytes, read.size);
  };

  const handleRemoved = async (
    next: StageQueueSender<ParsedMessage>,
    event: S3ObjectEvent,
    revision: Revision,
  ): Promise<void> => {
    await next.send([
      {
        v: 1,
        type: 'removal',
        revision,
        object: { bucket: event.bucket, key: event.key, versionId: event.versionId },
      },
    ]);
    logger.info('Object removed', { bucket: event.bucket, key: event.key, versionId: event.versionId });
    metrics.addMetric('ObjectsRemoved', MetricUnit.Count, 1);
  };

  return createSqsBatchHandler<ParsedMessage>(
    async (record: SQSRecord, next) => {
      const notification = parseS3Notification(JSON.parse(record.body));
      if (notification.kind === 'test') {
        logger.info('S3 test event acknowledged', { messageId: record.messageId });
        return;
      }
      if (notification.ignored > 0)
        logger.warn('Ignored S3 records of other event types', { count: notification.ignored });
      // In order: one message may (rarely) hold several events for the same key.
      for (const event of notification.records) {
        const revision: Revision = {
          pipelineVersion: PIPELINE_VERSION,
          sequencer: event.sequencer,
          eventTime: event.eventTime,
        };
        if (event.action === 'created') await handleCreated(next, event, revision);
        else await handleRemoved(next, event, revision);
      }
    },
    deps.observability,
    deps.next,
  );
}
