/**
 * The AWS path of `npm run redrive`: SQS StartMessageMoveTask, which no local emulator implements, so the SQS
 * client is a stand-in answering the three move-task calls the way the SQS API documents them.
 */
import {
  CancelMessageMoveTaskCommand,
  ListMessageMoveTasksCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { startMessageMove } from '../../../lambdas/aws/ops/queue-ops';

const DLQ = 'arn:aws:sqs:us-east-1:123456789012:Dateline-Prod-ParseDeadLetterQueue';
const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:Dateline-Prod-ParseQueue';

function fakeSqs(
  statuses: { Status: string; ApproximateNumberOfMessagesMoved: number; FailureReason?: string }[],
) {
  const calls: { name: string; input: unknown }[] = [];
  let poll = 0;
  const client = {
    send: jest.fn(async (command: { input: unknown }) => {
      calls.push({ name: command.constructor.name, input: command.input });
      if (command instanceof StartMessageMoveTaskCommand) return { TaskHandle: 'handle-1' };
      if (command instanceof CancelMessageMoveTaskCommand) return { ApproximateNumberOfMessagesMoved: 1 };
      if (command instanceof ListMessageMoveTasksCommand) {
        const status = statuses[Math.min(poll++, statuses.length - 1)]!;
        return {
          Results: [
            { TaskHandle: 'handle-1', SourceArn: DLQ, ApproximateNumberOfMessagesToMove: 3, ...status },
          ],
        };
      }
      throw new Error(`unexpected ${command.constructor.name}`);
    }),
  };
  return { client: client as unknown as SQSClient, calls };
}

describe('startMessageMove', () => {
  it('starts a move task from the DLQ to the queue and waits until it completes', async () => {
    const { client, calls } = fakeSqs([
      { Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 1 },
      { Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 3 },
    ]);
    const progress: number[] = [];
    const result = await startMessageMove(client, {
      sourceArn: DLQ,
      destinationArn: QUEUE,
      pollMs: 1,
      onProgress: (moved) => progress.push(moved),
    });
    expect(result).toEqual({ moved: 3, taskHandle: 'handle-1', status: 'COMPLETED' });
    expect(calls[0]).toEqual({
      name: 'StartMessageMoveTaskCommand',
      input: { SourceArn: DLQ, DestinationArn: QUEUE },
    });
    expect(progress).toEqual([1, 3]);
  });

  it('reports a failed task with its reason', async () => {
    const { client } = fakeSqs([
      {
        Status: 'FAILED',
        ApproximateNumberOfMessagesMoved: 0,
        FailureReason: 'AWS.SimpleQueueService.NonExistentQueue',
      },
    ]);
    const result = await startMessageMove(client, { sourceArn: DLQ, pollMs: 1 });
    expect(result).toMatchObject({
      status: 'FAILED',
      failureReason: 'AWS.SimpleQueueService.NonExistentQueue',
    });
  });

  it('cancels the task once when interrupted, then waits for it to stop', async () => {
    const { client, calls } = fakeSqs([
      { Status: 'CANCELLING', ApproximateNumberOfMessagesMoved: 1 },
      { Status: 'CANCELLING', ApproximateNumberOfMessagesMoved: 1 },
      { Status: 'CANCELLED', ApproximateNumberOfMessagesMoved: 1 },
    ]);
    const abort = new AbortController();
    abort.abort();
    const result = await startMessageMove(client, { sourceArn: DLQ, pollMs: 1, signal: abort.signal });
    expect(result).toMatchObject({ status: 'CANCELLED', moved: 1 });
    expect(calls.filter((c) => c.name === 'CancelMessageMoveTaskCommand')).toEqual([
      { name: 'CancelMessageMoveTaskCommand', input: { TaskHandle: 'handle-1' } },
    ]);
  });
});
