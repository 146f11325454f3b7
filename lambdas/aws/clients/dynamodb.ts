import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withoutUnreadCallLogs } from './call-logging';

/** A DynamoDB client; the endpoint follows AWS_ENDPOINT_URL_DYNAMODB when set (local stack). */
export function createDynamoDbClient(config: DynamoDBClientConfig = {}): DynamoDBClient {
  return withoutUnreadCallLogs(new DynamoDBClient(config), config.logger);
}

/**
 * The document client over a DynamoDB client. `removeUndefinedValues`: optional fields of our records are
 * `undefined` rather than absent, and DynamoDB rejects undefined attributes.
 */
export function documentClientOf(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** The document client of the store and API stages. */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return documentClientOf(createDynamoDbClient(config));
}
