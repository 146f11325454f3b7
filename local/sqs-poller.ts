/**
 * Lambda's SQS event source, locally: per stage, workers (as many as the mapping's maximum concurrency)
 * long-poll the queue, gather up to the batch size within the batching window, invoke the handler with a
 * real SQS event and Lambda context, delete what succeeded and leave the rest for redelivery. The queue's
 * redrive policy (enforced by fauxqs on receive) moves poison messages to the dead-letter queue.
 */
import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';

/** The signature every stage handler has (Lambda's SQSHandler, promise style). */
export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface InvocationReport {
  readonly functionName: string;
  /** The records the handler was given. */
  readonly records: SQSRecord[];
  readonly messageIds: string[];
  /** Messages left on the queue for redelivery (failed items, or the whole batch on an error/timeout). */
  readonly failedMessageIds: string[];
  readonly durationMs: number;
  /** Set when the handler threw or timed out. */
  readonly error: Error | null;
}

export interface SqsPollerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  readonly functionName: string;
  readonly handler: SqsBatchHandler;
  readonly batchSize: number;
  readonly maximumBatchingWindowSeconds: number;
  /** Concurrent invocations (ScalingConfig.MaximumConcurrency); 1 when the mapping sets none. */
  readonly maximumConcurrency: number;
  /** FunctionResponseTypes includes ReportBatchItemFailures; otherwise a response's failures are ignored. */
  readonly reportBatchItemFailures: boolean;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /**
   * Local override: failed messages become visible again after this many seconds instead of the queue's full
   * visibility timeout (which AWS sizes at 6 × the function timeout), so retries and dead-lettering take
   * seconds. Receives still use the queue's timeout, so a slow batch is never redelivered mid-flight.
   * Undefined keeps AWS behaviour.
   */
  readonly retryDelaySeconds?: number;
  readonly onInvocation?: (report: InvocationReport) => void;
}

const LAMBDA_MESSAGE_SYSTEM_ATTRIBUTES = [
  'ApproximateReceiveCount',
  'SentTimestamp',
  'SenderId',
  'ApproximateFirstReceiveTimestamp',
] as const;

function lambdaMessageAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined,
): SQSMessageAttributes {
  const result: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    result[name] = {
      dataType: value.DataType ?? 'String',
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      ...(value.StringValue !== undefined && { stringValue: value.StringValue }),
      ...(value.BinaryValue !== undefined && {
        binaryValue: Buffer.from(value.BinaryValue).toString('base64'),
      }),
    };
  }
  return result;
}

/** A received message as Lambda's event source hands it to the function. */
export function sqsEventRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attrs = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attrs['ApproximateReceiveCount'] ?? '1',
      SentTimestamp: attrs['SentTimestamp'] ?? String(Date.now()),
      SenderId: attrs['SenderId'] ?? '000000000000',
      ApproximateFirstReceiveTimestamp: attrs['ApproximateFirstReceiveTimestamp'] ?? String(Date.now()),
    },
    messageAttributes: lambdaMessageAttributes(message.MessageAttributes),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

export interface LambdaContextOptions {
  readonly functionName: string;
  readonly region: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
}

/** A Lambda context whose remaining time counts down from the function timeout. */
export function lambdaContext(options: LambdaContextOptions): Context {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const requestId = randomUUID();
  const unsupported = (): never => {
    throw new Error('Callback-style completion is not supported; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:000000000000:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${requestId.replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

class InvocationTimeout extends Error {
  constructor(functionName: string, seconds: number) {
    super(`${functionName} timed out after ${seconds} s`);
    this.name = 'InvocationTimeout';
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/** Which messages of a batch go back to the queue, following Lambda's partial batch response rules. */
export function failedMessageIds(
  messageIds: readonly string[],
  outcome: { readonly error: Error | null; readonly response: SQSBatchResponse | void },
  reportBatchItemFailures: boolean,
): string[] {
  if (outcome.error) return [...messageIds];
  if (!reportBatchItemFailures || !outcome.response) return [];
  const failures = outcome.response.batchItemFailures ?? [];
  const ids = failures.map((f) => f.itemIdentifier);
  // Lambda treats an empty, null or unknown identifier as a failure of the whole batch.
  if (ids.some((id) => !id || !messageIds.includes(id))) return [...messageIds];
  return messageIds.filter((id) => ids.includes(id));
}

/** Long polls are cut into slices this long, so a paused poller leaves no receive pending on the queue. */
const POLL_SLICE_SECONDS = 1;

export class SqsPoller {
  /** Hard stop: abandons receives in flight (the whole stack is going away). */
  private abort = new AbortController();
  /** Soft stop: no new receive starts; batches already received are still processed. */
  private stopping = false;
  private workers: Promise<void>[] = [];

  constructor(private readonly options: SqsPollerOptions) {}

  start(): void {
    if (this.workers.length > 0) throw new Error('SqsPoller already started');
    this.abort = new AbortController();
    this.stopping = false;
    const concurrency = Math.max(1, this.options.maximumConcurrency);
    for (let i = 0; i < concurrency; i++) this.workers.push(this.work());
  }

  /**
   * Stops polling and waits for invocations in flight to finish (their messages are then deleted or left).
   * A receive in progress is awaited (at most one poll slice), because an abandoned long poll would still
   * take the next message off the queue and hide it for a whole visibility timeout; `abandonReceives` skips
   * that wait when the emulator is about to stop anyway.
   */
  async stop(options: { readonly abandonReceives?: boolean } = {}): Promise<void> {
    this.stopping = true;
    if (options.abandonReceives) this.abort.abort();
    await Promise.all(this.workers);
    this.workers = [];
  }

  private async work(): Promise<void> {
    const signal = this.abort.signal;
    while (!this.stopping) {
      try {
        const batch = await this.gather(signal);
        if (batch.length > 0) await this.invoke(batch);
      } catch (err) {
        if (this.stopping) break;
        // The emulator being briefly unreachable must not kill the worker; Lambda's pollers retry too.
        process.stderr.write(`[${this.options.functionName}] poll failed: ${(err as Error).message}\n`);
        await sleep(500, signal);
      }
    }
  }

  /**
   * Up to batchSize messages: waits for the first, then fills the batch until the window closes. No fixed
   * sleep on the delivery path: whole seconds of the window are long polls (which return as soon as a message arrives);
   * for the sub-second rest SQS cannot long-poll, so one immediate receive decides — nothing there means the
   * queue is drained for now and the batch goes to the handler at once rather than idling out the window.
   */
  private async gather(signal: AbortSignal): Promise<Message[]> {
    const { batchSize, maximumBatchingWindowSeconds } = this.options;
    const batch: Message[] = [];
    let windowEnd: number | null = null;
    while (batch.length < batchSize && !this.stopping) {
      let wait = POLL_SLICE_SECONDS;
      if (windowEnd !== null) {
        const remainingMs = windowEnd - Date.now();
        if (remainingMs <= 0) break;
        wait = Math.min(POLL_SLICE_SECONDS, Math.floor(remainingMs / 1000));
      }
      const received = await this.receive(Math.min(10, batchSize - batch.length), wait, signal);
      batch.push(...received);
      if (batch.length > 0 && windowEnd === null) {
        if (maximumBatchingWindowSeconds <= 0) break;
        windowEnd = Date.now() + maximumBatchingWindowSeconds * 1000;
      }
      if (received.length === 0 && wait === 0) break;
    }
    return batch;
  }

  private async receive(max: number, waitSeconds: number, signal: AbortSignal): Promise<Message[]> {
    try {
      const out = await this.options.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.options.queueUrl,
          MaxNumberOfMessages: max,
          WaitTimeSeconds: waitSeconds,
          MessageSystemAttributeNames: [...LAMBDA_MESSAGE_SYSTEM_ATTRIBUTES],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: signal },
      );
      return out.Messages ?? [];
    } catch (err) {
      if (signal.aborted) return [];
      throw err;
    }
  }

  private async invoke(messages: Message[]): Promise<void> {
    const o = this.options;
    const event: SQSEvent = { Records: messages.map((m) => sqsEventRecord(m, o.queueArn, o.region)) };
    const context = lambdaContext(o);
    const started = Date.now();
    let error: Error | null = null;
    let response: SQSBatchResponse | void = undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      response = await Promise.race([
        o.handler(event, context),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new InvocationTimeout(o.functionName, o.timeoutSeconds)),
            o.timeoutSeconds * 1000,
          );
        }),
      ]);
    } catch (err) {
      error = err instanceof Error ? err : new Error(String(err));
      process.stderr.write(`[${o.functionName}] invocation failed: ${error.message}\n`);
    } finally {
      clearTimeout(timer);
    }
    const ids = event.Records.map((r) => r.messageId);
    const failed = failedMessageIds(ids, { error, response }, o.reportBatchItemFailures);
    const succeeded = event.Records.filter((r) => !failed.includes(r.messageId));
    for (const part of chunks(succeeded, 10)) {
      await o.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: o.queueUrl,
          Entries: part.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
        }),
      );
    }
    const retry = event.Records.filter((r) => failed.includes(r.messageId));
    if (o.retryDelaySeconds !== undefined) {
      for (const part of chunks(retry, 10)) {
        await o.sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: o.queueUrl,
            Entries: part.map((r, i) => ({
              Id: String(i),
              ReceiptHandle: r.receiptHandle,
              VisibilityTimeout: o.retryDelaySeconds,
            })),
          }),
        );
      }
    }
    o.onInvocation?.({
      functionName: o.functionName,
      records: event.Records,
      messageIds: ids,
      failedMessageIds: failed,
      durationMs: Date.now() - started,
      error,
    });
  }
}
