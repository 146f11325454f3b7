import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SECURE_BUCKET_DEFAULTS } from './drop-bucket';

export interface ArtifactsBucketProps {
  readonly removal: 'destroy' | 'retain';
  /** Claim-check objects are deleted after this long. */
  readonly expiration: Duration;
}

/**
 * Private bucket for claim-check objects: stage messages too large for SQS. Separate from the drop bucket and
 * without notifications, so a claim check can never re-enter the pipeline as a dropped file.
 */
export class ArtifactsBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ArtifactsBucketProps) {
    super(scope, id);
    const destroy = props.removal === 'destroy';
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...SECURE_BUCKET_DEFAULTS,
      removalPolicy: destroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      autoDeleteObjects: destroy,
      lifecycleRules: [
        {
          id: 'expire-claim-checks',
          expiration: props.expiration,
          abortIncompleteMultipartUploadAfter: props.expiration,
        },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Holds only transient claim-check payloads written and read by the pipeline roles; the payloads are derived from dropped files, whose bucket is access-logged.',
    });
  }
}
