/**
 * Queue operations for operators: how many messages a queue holds, and moving a dead-letter queue's messages
 * back to their source queue.
 *
 *   queueDepth(sqs, url): Promise<QueueDepth>
 *   startMessageMove(sqs, { sourceArn, destinationArn? }): Promise<MoveResult>   (AWS: StartMessageMoveTask, waited on)
 *   moveMessages(sqs, { fromUrl, toUrl }): Promise<MoveResult>                   (any SQS: receive → send → delete)
 *
 * moveMessages is the stand-in for StartMessageMoveTask where the service lacks it (fauxqs does): bodies and
 * message attributes travel unchanged; a message is deleted from the source only after its copy was sent, so a
 * crash in between can duplicate a message but never lose one (the pipeline is idempotent under redelivery).
 */
import {
  CancelMessageMoveTaskCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';

export interface QueueDepth {
  /** Ready to be received. */
  readonly visible: number;
  /** Received and not yet deleted (in flight). */
  readonly inFlight: number;
  readonly delayed: number;
}

export const isEmpty = (d: QueueDepth): boolean => d.visible + d.inFlight + d.delayed === 0;

export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<QueueDepth> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  const attributes: Record<string, string | undefined> = out.Attributes ?? {};
  const n = (name: string): number => Number(attributes[name] ?? 0);
  return {
    visible: n('ApproximateNumberOfMessages'),
    inFlight: n('ApproximateNumberOfMessagesNotVisible'),
    delayed: n('ApproximateNumberOfMessagesDelayed'),
  };
}

export interface MoveResult {
  readonly moved: number;
  /** The AWS move task's handle (StartMessageMoveTask only). */
  readonly taskHandle?: string;
  /** Final status of the AWS move task (COMPLETED, FAILED, CANCELLED). */
  readonly status?: string;
  readonly failureReason?: string;
}

export interface MoveOptions {
  readonly fromUrl: string;
  readonly toUrl: string;
  /** Stop after this many (default: everything). */
  readonly limit?: number;
  /** Called after each batch. */
  readonly onProgress?: (moved: number) => void;
  /**
   * How long a received message stays hidden while its copy is sent (default 30 s): long enough for the
   * send, short enough that a crashed move leaves the message back in the DLQ soon.
   */
  readonly visibilitySeconds?: number;
}

function sendEntry(message: Message, id: string) {
  return {
    Id: id,
    MessageBody: message.Body ?? '',
    ...(message.MessageAttributes &&
      Object.keys(message.MessageAttributes).length > 0 && { MessageAttributes: message.MessageAttributes }),
  };
}

/** Moves every message from one queue to another: receive, send a copy, delete the original. */
export async function moveMessages(sqs: SQSClient, options: MoveOptions): Promise<MoveResult> {
  const limit = options.limit ?? Infinity;
  let moved = 0;
  // Messages received again in this run (a send that failed and came back) are not counted twice.
  const seen = new Set<string>();
  while (moved < limit) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.fromUrl,
        MaxNumberOfMessages: Math.min(10, limit - moved),
        WaitTimeSeconds: 0,
        VisibilityTimeout: options.visibilitySeconds ?? 30,
        MessageAttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) break;
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: options.toUrl,
        Entries: messages.map((m, i) => sendEntry(m, String(i))),
      }),
    );
    const ok = new Set((sent.Successful ?? []).map((s) => s.Id));
    const copied = messages.filter((_, i) => ok.has(String(i)));
    if (copied.length > 0) {
      const deleted = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.fromUrl,
          Entries: copied.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
        }),
      );
      if ((deleted.Failed ?? []).length > 0) {
        throw new Error(
          `moved ${copied.length} messages but could not delete ${deleted.Failed?.length} from the source: ` +
            (deleted.Failed ?? []).map((f) => f.Message ?? f.Code).join('; '),
        );
      }
    }
    for (const m of copied) {
      if (!seen.has(m.MessageId ?? '')) moved += 1;
      seen.add(m.MessageId ?? '');
    }
    options.onProgress?.(moved);
    if ((sent.Failed ?? []).length > 0) {
      throw new Error(
        `could not send ${sent.Failed?.length} messages to the destination: ` +
          (sent.Failed ?? []).map((f) => f.Message ?? f.Code).join('; '),
      );
    }
  }
  return { moved };
}

export interface MessageMoveTaskOptions {
  readonly sourceArn: string;
  /** Default: the queue(s) the messages came from, as StartMessageMoveTask does. */
  readonly destinationArn?: string;
  /** Messages per second; default: SQS's own pace. */
  readonly maxPerSecond?: number;
  readonly pollMs?: number;
  readonly onProgress?: (moved: number, toMove: number | null) => void;
  readonly signal?: AbortSignal;
}

/** StartMessageMoveTask, then waits until the task is no longer RUNNING. Ctrl-C (signal) cancels it. */
export async function startMessageMove(sqs: SQSClient, options: MessageMoveTaskOptions): Promise<MoveResult> {
  const started = await sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: options.sourceArn,
      ...(options.destinationArn && { DestinationArn: options.destinationArn }),
      ...(options.maxPerSecond && { MaxNumberOfMessagesPerSecond: options.maxPerSecond }),
    }),
  );
  const handle = started.TaskHandle;
  let cancelled = false;
  for (;;) {
    if (options.signal?.aborted && handle && !cancelled) {
      cancelled = true;
      await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: handle }));
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 2000));
    const tasks = await sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: options.sourceArn, MaxResults: 10 }),
    );
    const task = tasks.Results?.find((t) => t.TaskHandle === handle) ?? tasks.Results?.[0];
    if (!task) return { moved: 0, ...(handle && { taskHandle: handle }), status: 'UNKNOWN' };
    options.onProgress?.(
      task.ApproximateNumberOfMessagesMoved ?? 0,
      task.ApproximateNumberOfMessagesToMove ?? null,
    );
    if (task.Status !== 'RUNNING' && task.Status !== 'CANCELLING') {
      return {
        moved: task.ApproximateNumberOfMessagesMoved ?? 0,
        ...(handle && { taskHandle: handle }),
        ...(task.Status && { status: task.Status }),
        ...(task.FailureReason && { failureReason: task.FailureReason }),
      };
    }
  }
}
