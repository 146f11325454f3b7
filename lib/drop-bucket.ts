import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SECURE_BUCKET_DEFAULTS } from './bucket-defaults';

export interface DropBucketProps {
  /** `destroy` empties and deletes the buckets with the stack (dev); `retain` keeps them. */
  readonly removal: 'destroy' | 'retain';
  readonly noncurrentVersionExpiration: Duration;
}

/**
 * Where users drop article files. Versioned (an overwritten or deleted file stays recoverable for a while,
 * and every S3 event names the exact version the pipeline reads), private, TLS-only, encrypted. Server access
 * logs go to a companion bucket.
 */
export class DropBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: DropBucketProps) {
    super(scope, id);
    const destroy = props.removal === 'destroy';
    const removal = {
      removalPolicy: destroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      autoDeleteObjects: destroy,
    };

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...SECURE_BUCKET_DEFAULTS,
      ...removal,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(90) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is the server access log target of the drop bucket; logging it would recurse.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...SECURE_BUCKET_DEFAULTS,
      ...removal,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'drop/',
      lifecycleRules: [
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: props.noncurrentVersionExpiration,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
          expiredObjectDeleteMarker: true,
        },
      ],
    });
  }

  /**
   * Sends ObjectCreated and ObjectRemoved events to the ingest queue. CDK writes the bucket's whole
   * notification configuration from this stack, so no other stack may manage it.
   */
  notifyIngestQueue(queue: sqs.IQueue): void {
    const destination = new s3n.SqsDestination(queue);
    this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, destination);
    this.bucket.addEventNotification(s3.EventType.OBJECT_REMOVED, destination);
    // CDK's singleton that writes the notification configuration at deploy time.
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith('BucketNotificationsHandler')) {
        Validations.of(child).acknowledge({
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "CDK's own bucket-notifications custom resource; it only writes its logs with this policy.",
        });
      }
    }
  }
}
