import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ARTIFACT_PREFIXES } from '../lambdas/aws/artifact-keys';
import { SECURE_BUCKET_DEFAULTS } from './bucket-defaults';

export interface ArtifactsBucketProps {
  readonly removal: 'destroy' | 'retain';
  /** Claim-check objects are deleted after this long (article bodies are not). */
  readonly expiration: Duration;
}

/**
 * Private bucket for pipeline artifacts: claim checks (stage messages too large for SQS; they expire) and
 * article bodies too large for one table item (kept until the store deletes the article). Separate from the
 * drop bucket and without notifications, so nothing written here can re-enter the pipeline as a dropped file.
 */
export class ArtifactsBucket extends Construct {
  readonly bucket: s3.Bucket;

  /** ARN pattern of the objects under one prefix of the bucket. */
  arnFor(prefix: keyof typeof ARTIFACT_PREFIXES): string {
    return this.bucket.arnForObjects(`${ARTIFACT_PREFIXES[prefix]}*`);
  }

  constructor(scope: Construct, id: string, props: ArtifactsBucketProps) {
    super(scope, id);
    const destroy = props.removal === 'destroy';
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...SECURE_BUCKET_DEFAULTS,
      removalPolicy: destroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      autoDeleteObjects: destroy,
      lifecycleRules: [
        { id: 'expire-claim-checks', prefix: ARTIFACT_PREFIXES.claimChecks, expiration: props.expiration },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Written and read only by the pipeline roles (claim checks, oversized article bodies), all derived from dropped files, whose bucket is access-logged.',
    });
  }
}
