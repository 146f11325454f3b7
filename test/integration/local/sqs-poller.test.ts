import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type FauxqsLocal, startFauxqsLocal } from '../../../local/fauxqs-local';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../local/local-stack';
import {
  type InvocationReport,
  type SqsBatchHandler,
  SqsPoller,
  type SqsPollerOptions,
} from '../../../local/sqs-poller';

let fauxqs: FauxqsLocal;
let sqs: SQSClient;
let queueCounter = 0;

beforeAll(async () => {
  fauxqs = await startFauxqsLocal();
  sqs = new SQSClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: fauxqs.endpoint });
});

afterAll(async () => {
  sqs.destroy();
  await fauxqs.stop();
});

interface TestQueue {
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl: string;
}

async function queueWithDlq(maxReceiveCount: number): Promise<TestQueue> {
  const name = `poller-${++queueCounter}`;
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const dlqArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes!['QueueArn']!;
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: '181',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
      },
    }),
  );
  const arn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes!['QueueArn']!;
  return { url: queue.QueueUrl!, arn, dlqUrl: dlq.QueueUrl! };
}

async function send(url: string, bodies: string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: bodies.slice(i, i + 10).map((body, j) => ({ Id: String(j), MessageBody: body })),
      }),
    );
  }
}

async function counts(url: string): Promise<{ visible: number; inFlight: number }> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return {
    visible: Number(out.Attributes?.['ApproximateNumberOfMessages']),
    inFlight: Number(out.Attributes?.['ApproximateNumberOfMessagesNotVisible']),
  };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function poller(
  queue: TestQueue,
  handler: SqsBatchHandler,
  overrides: Partial<SqsPollerOptions> = {},
): SqsPoller {
  return new SqsPoller({
    sqs,
    queueUrl: queue.url,
    queueArn: queue.arn,
    region: LOCAL_REGION,
    functionName: 'test-fn',
    handler,
    batchSize: 10,
    maximumBatchingWindowSeconds: 0,
    maximumConcurrency: 1,
    reportBatchItemFailures: true,
    timeoutSeconds: 30,
    memoryMb: 128,
    retryDelaySeconds: 0,
    ...overrides,
  });
}

describe('SqsPoller on fauxqs', () => {
  it('gathers up to the batch size within the batching window, invokes with SQS records and deletes successes', async () => {
    const queue = await queueWithDlq(3);
    await send(queue.url, ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    const batches: SQSEvent[] = [];
    const p = poller(
      queue,
      async (event) => {
        batches.push(event);
        return { batchItemFailures: [] };
      },
      { batchSize: 5, maximumBatchingWindowSeconds: 1 },
    );
    p.start();
    await until(() => batches.flatMap((b) => b.Records).length === 7);
    await p.stop();
    expect(batches.map((b) => b.Records.length)).toStrictEqual([5, 2]);
    const first = batches[0]!.Records[0]!;
    expect(first.eventSource).toBe('aws:sqs');
    expect(first.eventSourceARN).toBe(queue.arn);
    expect(first.attributes.ApproximateReceiveCount).toBe('1');
    expect(first.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
    expect(batches.flatMap((b) => b.Records.map((r) => r.body)).sort()).toStrictEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
    ]);
    expect(await counts(queue.url)).toStrictEqual({ visible: 0, inFlight: 0 });
  });

  it('redelivers only the message a handler reports as failed in a batch of ten', async () => {
    const queue = await queueWithDlq(5);
    const bodies = Array.from({ length: 10 }, (_, i) => `message-${i}`);
    await send(queue.url, bodies);
    const seen: SQSRecord[] = [];
    let failedOnce = false;
    const p = poller(
      queue,
      async (event): Promise<SQSBatchResponse> => {
        seen.push(...event.Records);
        const victim = event.Records.find((r) => r.body === 'message-7' && !failedOnce);
        if (victim) failedOnce = true;
        return { batchItemFailures: victim ? [{ itemIdentifier: victim.messageId }] : [] };
      },
      { maximumBatchingWindowSeconds: 1 },
    );
    p.start();
    await until(() => seen.length === 11);
    await until(async () => (await counts(queue.url)).inFlight === 0);
    await p.stop();
    const deliveries = new Map<string, string[]>();
    for (const r of seen)
      deliveries.set(r.body, [...(deliveries.get(r.body) ?? []), r.attributes.ApproximateReceiveCount]);
    expect(deliveries.get('message-7')).toStrictEqual(['1', '2']);
    for (const body of bodies.filter((b) => b !== 'message-7'))
      expect(deliveries.get(body)).toStrictEqual(['1']);
    expect(await counts(queue.url)).toStrictEqual({ visible: 0, inFlight: 0 });
  });

  it('moves a message that always fails to the dead-letter queue after maxReceiveCount receives; its batch completes', async () => {
    const queue = await queueWithDlq(3);
    await send(queue.url, ['good-1', 'poison', 'good-2']);
    const receives: string[] = [];
    const p = poller(
      queue,
      async (event) => {
        receives.push(...event.Records.map((r) => `${r.body}#${r.attributes.ApproximateReceiveCount}`));
        const poison = event.Records.filter((r) => r.body === 'poison');
        return { batchItemFailures: poison.map((r) => ({ itemIdentifier: r.messageId })) };
      },
      { maximumBatchingWindowSeconds: 1 },
    );
    p.start();
    await until(async () => (await counts(queue.dlqUrl)).visible === 1);
    await p.stop();
    expect(receives.filter((r) => r.startsWith('poison')).sort()).toStrictEqual([
      'poison#1',
      'poison#2',
      'poison#3',
    ]);
    expect(receives.filter((r) => r.startsWith('good')).sort()).toStrictEqual(['good-1#1', 'good-2#1']);
    expect(await counts(queue.url)).toStrictEqual({ visible: 0, inFlight: 0 });
  });

  it('leaves the whole batch for redelivery when the handler throws, and reports the error', async () => {
    const queue = await queueWithDlq(5);
    await send(queue.url, ['x', 'y']);
    const reports: InvocationReport[] = [];
    let calls = 0;
    const p = poller(
      queue,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database unavailable');
        return { batchItemFailures: [] };
      },
      { maximumBatchingWindowSeconds: 1, onInvocation: (r) => reports.push(r) },
    );
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    p.start();
    await until(
      () =>
        reports.flatMap((r) => r.messageIds).length >= 4 ||
        reports.some((r) => !r.error && r.messageIds.length === 2),
    );
    await p.stop();
    stderr.mockRestore();
    expect(reports[0]!.error?.message).toBe('database unavailable');
    expect(reports[0]!.failedMessageIds.sort()).toStrictEqual(reports[0]!.messageIds.sort());
    const retried = reports
      .slice(1)
      .flatMap((r) => r.records.map((rec) => rec.attributes.ApproximateReceiveCount));
    expect(retried).toStrictEqual(['2', '2']);
    expect(await counts(queue.url)).toStrictEqual({ visible: 0, inFlight: 0 });
  });

  it('runs at most maximumConcurrency invocations at once', async () => {
    const queue = await queueWithDlq(3);
    await send(
      queue.url,
      Array.from({ length: 8 }, (_, i) => `m${i}`),
    );
    let running = 0;
    let peak = 0;
    let handled = 0;
    const p = poller(
      queue,
      async (event) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 200));
        running -= 1;
        handled += event.Records.length;
        return { batchItemFailures: [] };
      },
      { batchSize: 1, maximumConcurrency: 2 },
    );
    p.start();
    await until(() => handled === 8);
    await p.stop();
    expect(peak).toBe(2);
  });

  it('treats an invocation that outlives the function timeout as failed', async () => {
    const queue = await queueWithDlq(5);
    await send(queue.url, ['slow']);
    const reports: InvocationReport[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const p = poller(queue, () => new Promise(() => undefined), {
      timeoutSeconds: 1,
      onInvocation: (r) => reports.push(r),
    });
    p.start();
    await until(() => reports.length >= 1);
    await p.stop();
    stderr.mockRestore();
    expect(reports[0]!.error?.message).toBe('test-fn timed out after 1 s');
    expect(reports[0]!.failedMessageIds).toHaveLength(1);
  });
});
