import { SQSClient, type SQSClientConfig } from '@aws-sdk/client-sqs';

/** The SQS client of a stage; the endpoint follows AWS_ENDPOINT_URL_SQS when set (local stack). */
export function createSqsClient(config: SQSClientConfig = {}): SQSClient {
  return new SQSClient(config);
}
