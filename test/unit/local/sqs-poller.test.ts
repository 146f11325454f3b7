import { failedMessageIds, lambdaContext, sqsEventRecord } from '../../../local/sqs-poller';

describe('failedMessageIds (Lambda partial batch response rules)', () => {
  const ids = ['m1', 'm2', 'm3'];

  it('returns nothing to retry when the handler succeeded without failures', () => {
    expect(failedMessageIds(ids, { error: null, response: { batchItemFailures: [] } }, true)).toStrictEqual(
      [],
    );
    expect(failedMessageIds(ids, { error: null, response: undefined }, true)).toStrictEqual([]);
  });

  it('retries exactly the reported items', () => {
    const response = { batchItemFailures: [{ itemIdentifier: 'm2' }] };
    expect(failedMessageIds(ids, { error: null, response }, true)).toStrictEqual(['m2']);
  });

  it('retries the whole batch when the handler threw', () => {
    expect(failedMessageIds(ids, { error: new Error('boom'), response: undefined }, true)).toStrictEqual(ids);
  });

  it('retries the whole batch when an identifier is empty or unknown', () => {
    expect(
      failedMessageIds(ids, { error: null, response: { batchItemFailures: [{ itemIdentifier: '' }] } }, true),
    ).toStrictEqual(ids);
    expect(
      failedMessageIds(
        ids,
        { error: null, response: { batchItemFailures: [{ itemIdentifier: 'x' }] } },
        true,
      ),
    ).toStrictEqual(ids);
  });

  it('ignores reported failures when the mapping does not enable ReportBatchItemFailures', () => {
    const response = { batchItemFailures: [{ itemIdentifier: 'm2' }] };
    expect(failedMessageIds(ids, { error: null, response }, false)).toStrictEqual([]);
  });
});

describe('sqsEventRecord', () => {
  it('maps a received message to the record Lambda delivers', () => {
    const record = sqsEventRecord(
      {
        MessageId: 'id-1',
        ReceiptHandle: 'rh-1',
        Body: '{"a":1}',
        MD5OfBody: 'md5',
        Attributes: {
          ApproximateReceiveCount: '2',
          SentTimestamp: '1700000000000',
          SenderId: 'S',
          ApproximateFirstReceiveTimestamp: '1700000000100',
        },
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'x' },
          blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2, 3]) },
        },
      },
      'arn:aws:sqs:us-east-1:000000000000:q',
      'us-east-1',
    );
    expect(record).toStrictEqual({
      messageId: 'id-1',
      receiptHandle: 'rh-1',
      body: '{"a":1}',
      attributes: {
        ApproximateReceiveCount: '2',
        SentTimestamp: '1700000000000',
        SenderId: 'S',
        ApproximateFirstReceiveTimestamp: '1700000000100',
      },
      messageAttributes: {
        kind: { dataType: 'String', stringValue: 'x', stringListValues: [], binaryListValues: [] },
        blob: { dataType: 'Binary', binaryValue: 'AQID', stringListValues: [], binaryListValues: [] },
      },
      md5OfBody: 'md5',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
      awsRegion: 'us-east-1',
    });
  });
});

describe('lambdaContext', () => {
  it('describes the function and counts down from its timeout', () => {
    const context = lambdaContext({
      functionName: 'dateline-parse',
      region: 'us-east-1',
      memoryMb: 1024,
      timeoutSeconds: 60,
    });
    expect(context.functionName).toBe('dateline-parse');
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:dateline-parse');
    expect(context.memoryLimitInMB).toBe('1024');
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    const remaining = context.getRemainingTimeInMillis();
    expect(remaining).toBeLessThanOrEqual(60_000);
    expect(remaining).toBeGreaterThan(59_000);
  });
});
