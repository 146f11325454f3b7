import { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '../../../lambdas/aws/clients/dynamodb';
import { createSqsClient } from '../../../lambdas/aws/clients/sqs';
import { withoutUnreadCallLogs } from '../../../lambdas/aws/clients/call-logging';

const hasLoggerMiddleware = (client: { middlewareStack: { identify(): string[] } }): boolean =>
  client.middlewareStack.identify().some((m) => m.startsWith('loggerMiddleware'));

describe('SDK call logging', () => {
  it('drops the per-call log records of a client created without a logger', () => {
    expect(hasLoggerMiddleware(new SQSClient({ region: 'us-east-1' }))).toBe(true);
    expect(hasLoggerMiddleware(createSqsClient({ region: 'us-east-1' }))).toBe(false);
    expect(hasLoggerMiddleware(createDocumentClient({ region: 'us-east-1' }))).toBe(false);
  });

  it('keeps them for a client given a logger', () => {
    const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    expect(hasLoggerMiddleware(createSqsClient({ region: 'us-east-1', logger }))).toBe(true);
    expect(hasLoggerMiddleware(withoutUnreadCallLogs(new SQSClient({ region: 'us-east-1' }), logger))).toBe(
      true,
    );
  });
});
