/**
 * Environment variables the stage handlers read at init. One definition: the CDK stack sets them, the handlers
 * read them, and the local stack reads them from the synthesized template.
 */
export const ENV = {
  /** URL of the queue the stage sends its output to (parse → enrich queue, enrich → store queue). */
  nextQueueUrl: 'NEXT_QUEUE_URL',
  /** Private bucket for claim-check payloads. */
  artifactsBucket: 'ARTIFACTS_BUCKET',
  /** Largest dropped file the parse stage downloads (bytes). */
  maxFileBytes: 'MAX_FILE_BYTES',
  /** The article table (store stage). */
  tableName: 'TABLE_NAME',
  /**
   * `true` makes the S3 client use path-style URLs (http://host:port/bucket/key). Not an AWS SDK variable: our
   * client module reads it, for S3 emulators such as fauxqs that do not serve virtual-hosted bucket names.
   */
  s3ForcePathStyle: 'AWS_S3_FORCE_PATH_STYLE',
} as const;

/** CloudWatch namespace of the pipeline's business metrics. */
export const METRICS_NAMESPACE = 'Dateline';
