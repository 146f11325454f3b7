/**
 * `npm run redrive -- --queue parse|enrich|store [--stage S]`: moves a stage's dead-letter messages back to
 * the stage's queue, after the cause is fixed. On AWS: SQS StartMessageMoveTask (DLQ → its source queue),
 * waited on until it finishes. Locally (fauxqs has no message move tasks): receive → send → delete, bodies
 * and message attributes unchanged, until the DLQ is empty.
 */
import { PIPELINE_STAGES, type PipelineStageName } from '../lib/config';
import { type MoveResult, moveMessages, queueDepth, startMessageMove } from '../lambdas/aws/ops/queue-ops';
import { type OpsTarget, queueArn } from './ops-target';

export interface RedriveReport {
  readonly queue: PipelineStageName;
  readonly from: string;
  readonly to: string;
  /** Messages in the DLQ when the move started. */
  readonly found: number;
  readonly moved: number;
  readonly method: 'StartMessageMoveTask' | 'receive-send-delete';
  readonly status?: string;
  readonly failureReason?: string;
}

export function isPipelineStage(name: string): name is PipelineStageName {
  return (PIPELINE_STAGES as readonly string[]).includes(name);
}

export async function redrive(
  target: OpsTarget,
  queue: PipelineStageName,
  onProgress: (line: string) => void = () => undefined,
  signal?: AbortSignal,
): Promise<RedriveReport> {
  const { url, deadLetterUrl } = target.queues[queue];
  const before = await queueDepth(target.sqs, deadLetterUrl);
  const found = before.visible + before.inFlight + before.delayed;
  let result: MoveResult;
  if (target.kind === 'aws') {
    if (found === 0) result = { moved: 0 };
    else {
      const [sourceArn, destinationArn] = await Promise.all([
        queueArn(target.sqs, deadLetterUrl),
        queueArn(target.sqs, url),
      ]);
      result = await startMessageMove(target.sqs, {
        sourceArn,
        destinationArn,
        ...(signal && { signal }),
        onProgress: (moved, toMove) =>
          onProgress(`redrive ${queue}: moved ${moved}${toMove !== null ? `/${toMove}` : ''}`),
      });
    }
  } else {
    result = await moveMessages(target.sqs, {
      fromUrl: deadLetterUrl,
      toUrl: url,
      onProgress: (moved) => onProgress(`redrive ${queue}: moved ${moved}/${found}`),
    });
  }
  return {
    queue,
    from: deadLetterUrl,
    to: url,
    found,
    moved: result.moved,
    method: target.kind === 'aws' ? 'StartMessageMoveTask' : 'receive-send-delete',
    ...(result.status && { status: result.status }),
    ...(result.failureReason && { failureReason: result.failureReason }),
  };
}
