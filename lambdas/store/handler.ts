/** Lambda entry of the store stage. Configuration is read and checked once, at init: a missing variable fails the cold start. */
import { getStringFromEnv } from '@aws-lambda-powertools/commons/utils/env';
import { createDocumentClient } from '../aws/clients/dynamodb';
import { lazyS3Client } from '../aws/clients/s3';
import { ENV } from '../aws/environment';
import { createStoreHandler, storeStageDeps } from './store-stage';

export const handler = createStoreHandler(
  storeStageDeps({
    s3: lazyS3Client(),
    doc: createDocumentClient(),
    tableName: getStringFromEnv({ key: ENV.tableName }),
    artifactsBucket: getStringFromEnv({ key: ENV.artifactsBucket }),
  }),
);
