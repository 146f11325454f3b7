/** Record factories and in-memory fakes for the stage handler tests (no AWS, no network). */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ClaimCheckStore } from '../../../lambdas/aws/claim-check';
import type { Observability } from '../../../lambdas/aws/observability';
import type { ObjectReader, ObjectVersionRef, ReadObjectResult } from '../../../lambdas/aws/object-reader';
import type { StageQueueSender } from '../../../lambdas/aws/stage-queue';
import type { ArticleRecord } from '../../../lambdas/core/article/record';
import type { ClaimCheck, Revision } from '../../../lambdas/core/messages';

let nextId = 0;

export function sqsRecord(body: unknown, overrides: Partial<SQSRecord> = {}): SQSRecord {
  nextId += 1;
  return {
    messageId: `message-${nextId}`,
    receiptHandle: `receipt-${nextId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1763890000000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1763890000001',
    },
    messageAttributes: {},
    md5OfBody: 'unused',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:queue',
    awsRegion: 'us-east-1',
    ...overrides,
  };
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'dateline-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:dateline-test',
    memoryLimitInMB: '1024',
    awsRequestId: 'request-1',
    logGroupName: '/aws/lambda/dateline-test',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface S3RecordInput {
  readonly eventName: string;
  readonly key: string;
  readonly bucket?: string;
  readonly size?: number;
  readonly versionId?: string;
  readonly sequencer?: string;
  readonly eTag?: string;
  readonly eventTime?: string;
}

/** An S3 notification record as S3 writes it (key URL-encoded by the caller where it matters). */
export function s3Record(input: S3RecordInput): Record<string, unknown> {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: input.eventTime ?? '2026-11-23T10:00:00.000Z',
    eventName: input.eventName,
    userIdentity: { principalId: 'AWS:EXAMPLE' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'req', 'x-amz-id-2': 'id2' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'notification',
      bucket: {
        name: input.bucket ?? 'drop-bucket',
        ownerIdentity: { principalId: 'OWNER' },
        arn: 'arn:aws:s3:::drop-bucket',
      },
      object: {
        key: input.key,
        ...(input.size !== undefined ? { size: input.size } : {}),
        ...(input.eTag !== undefined ? { eTag: input.eTag } : {}),
        ...(input.versionId !== undefined ? { versionId: input.versionId } : {}),
        sequencer: input.sequencer ?? '0065F1A2B3C4D5E6F7',
      },
    },
  };
}

export function s3Notification(...records: Record<string, unknown>[]): {
  Records: Record<string, unknown>[];
} {
  return { Records: records };
}

export const S3_TEST_EVENT = {
  Service: 'Amazon S3',
  Event: 's3:TestEvent',
  Time: '2026-11-23T09:59:00.000Z',
  Bucket: 'drop-bucket',
  RequestId: 'REQ',
  HostId: 'HOST',
};

/** Logger and metrics that write nothing, with the metrics calls recorded. */
export function quietObservability(): Observability & {
  readonly recorded: Array<{ name: string; value: number }>;
} {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const metrics = new Metrics({ namespace: 'DatelineTest', serviceName: 'test' });
  const recorded: Array<{ name: string; value: number }> = [];
  const record = (target: Metrics): Metrics => {
    const add = target.addMetric.bind(target);
    target.addMetric = (name, unit, value) => {
      recorded.push({ name, value });
      return add(name, unit, value);
    };
    const single = target.singleMetric.bind(target);
    target.singleMetric = () => record(single());
    return target;
  };
  return { logger, metrics: record(metrics), recorded };
}

/** Collects what a stage sends to the next queue; can be told to fail like an SQS outage. */
export class FakeQueue<T> implements StageQueueSender<T> {
  readonly sent: T[] = [];
  /** Messages per send call. */
  readonly calls: number[] = [];
  failWith: Error | null = null;

  async send(messages: readonly T[]): Promise<void> {
    this.calls.push(messages.length);
    if (this.failWith) throw this.failWith;
    this.sent.push(...messages);
  }
}

/** Objects by "bucket/key"; a key mapped to an Error throws it (an S3 outage). */
export class FakeObjects implements ObjectReader {
  readonly reads: ObjectVersionRef[] = [];
  constructor(private readonly objects: Record<string, ReadObjectResult | Error> = {}) {}

  async read(ref: ObjectVersionRef): Promise<ReadObjectResult> {
    this.reads.push(ref);
    const found = this.objects[`${ref.bucket}/${ref.key}`];
    if (found instanceof Error) throw found;
    return found ?? { kind: 'gone' };
  }
}

export class FakeClaimChecks implements ClaimCheckStore {
  readonly objects = new Map<string, string>();

  async put(body: string): Promise<ClaimCheck> {
    const key = `claim-checks/${this.objects.size}.json`;
    this.objects.set(key, body);
    return { v: 1, type: 'claim-check', bucket: 'artifacts', key, bytes: Buffer.byteLength(body) };
  }

  async get(claim: ClaimCheck): Promise<string> {
    const body = this.objects.get(claim.key);
    if (body === undefined) throw new Error(`no claim check ${claim.key}`);
    return body;
  }
}

export function objectResult(
  text: string,
  overrides: Partial<Extract<ReadObjectResult, { kind: 'object' }>> = {},
): ReadObjectResult {
  const bytes = new TextEncoder().encode(text);
  return {
    kind: 'object',
    bytes,
    size: bytes.byteLength,
    etag: 'etag-1',
    versionId: 'v1',
    metadata: {},
    ...overrides,
  };
}

export const REVISION: Revision = {
  pipelineVersion: 1,
  sequencer: '0065F1A2B3C4D5E6F7',
  eventTime: '2026-11-23T10:00:00.000Z',
};

export function article(overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: 'a1b2c3d4e5f60718',
    title: 'Ministers meet in Geneva',
    subtitle: null,
    authors: ['Jane Doe'],
    published: '2026-11-20',
    publishedSource: 'byline',
    publisher: 'Example News',
    language: 'en',
    url: null,
    paragraphs: ['GENEVA — Ministers met on Thursday.', '"We agreed," the minister said.'],
    wordCount: 10,
    format: 'txt',
    source: {
      bucket: 'drop-bucket',
      key: 'news/geneva.txt',
      versionId: 'v1',
      etag: 'etag-1',
      size: 64,
      part: 0,
    },
    ...overrides,
  };
}
