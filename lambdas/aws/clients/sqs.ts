import { SQSClient, type SQSClientConfig } from '@aws-sdk/client-sqs';
import { withoutUnreadCallLogs } from './call-logging';

/** The SQS client of a stage; the endpoint follows AWS_ENDPOINT_URL_SQS when set (local stack). */
export function createSqsClient(config: SQSClientConfig = {}): SQSClient {
  return withoutUnreadCallLogs(new SQSClient(config), config.logger);
}
