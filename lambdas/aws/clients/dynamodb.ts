import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withoutUnreadCallLogs } from './call-logging';

/**
 * The document client of the store stage. `removeUndefinedValues`: optional fields of our records are
 * `undefined` rather than absent, and DynamoDB rejects undefined attributes.
 */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(withoutUnreadCallLogs(new DynamoDBClient(config), config.logger), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
