/** Lambda entry of the parse stage. Configuration is read and checked once, at init: a missing variable fails the cold start. */
import { getNumberFromEnv, getStringFromEnv } from '@aws-lambda-powertools/commons/utils/env';
import { S3Client } from '@aws-sdk/client-s3';
import { withoutUnreadCallLogs } from '../aws/clients/call-logging';
import { s3ClientConfig } from '../aws/clients/s3';
import { createSqsClient } from '../aws/clients/sqs';
import { ENV } from '../aws/environment';
import { createParseHandler, parseStageDeps } from './parse-stage';

const maxFileBytes = getNumberFromEnv({ key: ENV.maxFileBytes });
if (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0) {
  throw new Error(`${ENV.maxFileBytes} must be a positive integer, got '${process.env[ENV.maxFileBytes]}'`);
}

export const handler = createParseHandler(
  parseStageDeps({
    s3: withoutUnreadCallLogs(new S3Client(s3ClientConfig())), // every parse reads S3: created at init
    sqs: createSqsClient(),
    nextQueueUrl: getStringFromEnv({ key: ENV.nextQueueUrl }),
    artifactsBucket: getStringFromEnv({ key: ENV.artifactsBucket }),
    maxFileBytes,
  }),
);
