/** Lambda entry of the enrich stage. Configuration is read and checked once, at init: a missing variable fails the cold start. */
import { getStringFromEnv } from '@aws-lambda-powertools/commons/utils/env';
import { lazyS3Client } from '../aws/clients/s3';
import { createSqsClient } from '../aws/clients/sqs';
import { ENV } from '../aws/environment';
import { createEnrichHandler, enrichStageDeps } from './enrich-stage';

export const handler = createEnrichHandler(
  enrichStageDeps({
    s3: lazyS3Client(),
    sqs: createSqsClient(),
    nextQueueUrl: getStringFromEnv({ key: ENV.nextQueueUrl }),
    artifactsBucket: getStringFromEnv({ key: ENV.artifactsBucket }),
  }),
);
