/**
 * AWS list prices the cost model uses: us-east-1, on-demand, no free tier, as published on the AWS pricing
 * pages (Lambda, SQS, S3, DynamoDB, CloudWatch) — DynamoDB's on-demand figures are those of its November 2024
 * price cut. Recorded on PRICES_AS_OF; not fetched at run time (no network). docs/benchmarks.md lists them.
 */
export const PRICES_AS_OF = '2026-12-01';

export const PRICES = {
  /** Lambda, arm64: per GB-second of billed duration (first 7.5 billion GB-s a month). */
  lambdaArmGbSecond: 0.0000133334,
  /** Lambda: per request (invocation). */
  lambdaRequest: 0.2 / 1e6,
  /** SQS standard queue: per request; each 64 KB chunk of a payload counts as one request. */
  sqsRequest: 0.4 / 1e6,
  /** S3 Standard: PUT, COPY, POST, LIST requests. */
  s3Put: 0.005 / 1000,
  /** S3 Standard: GET and all other requests. */
  s3Get: 0.0004 / 1000,
  /** S3 Standard storage, per GB-month (first 50 TB). */
  s3StorageGbMonth: 0.023,
  /** DynamoDB on-demand: per write request unit. */
  dynamoWru: 0.625 / 1e6,
  /** DynamoDB on-demand: per read request unit. */
  dynamoRru: 0.125 / 1e6,
  /** DynamoDB Standard table class storage, per GB-month (first 25 GB free: not counted). */
  dynamoStorageGbMonth: 0.25,
  /** CloudWatch Logs standard class: per GB ingested. */
  logsIngestGb: 0.5,
  /** CloudWatch Logs: per GB-month archived. */
  logsStorageGbMonth: 0.03,
} as const;

/** CloudWatch Logs bills 26 bytes of metadata per log event on top of its message. */
export const LOG_EVENT_OVERHEAD_BYTES = 26;
/** What Lambda itself logs per invocation (START, END and REPORT lines), measured on arm64 Node.js functions. */
export const LAMBDA_PLATFORM_LOG_BYTES = 3 * 26 + 300;
/** SQS bills every 64 KB chunk of a request's payload as one request. */
export const SQS_CHUNK_BYTES = 64 * 1024;
