/**
 * A local stack whose invocation reports feed a PipelineTracker, started before a suite and stopped after it:
 * the lifecycle the end-to-end suites share. Pollers start once the tracker listens, so no report is missed.
 */
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../local/local-stack';
import { PipelineTracker } from '../../local/pipeline-tracker';

export interface TrackedStack {
  readonly stack: LocalStack;
  readonly tracker: PipelineTracker;
}

/** `options.onInvocation` still sees every report, after the tracker. Call inside a describe or at file level. */
export function useTrackedStack(options: Omit<LocalStackOptions, 'startPollers'>): () => TrackedStack {
  let started: TrackedStack | undefined;
  let tracker: PipelineTracker | undefined;
  beforeAll(async () => {
    const stack = await startLocalStack({
      ...options,
      onInvocation: (stage, report) => {
        tracker?.observe(stage, report);
        options.onInvocation?.(stage, report);
      },
      startPollers: false,
    });
    tracker = new PipelineTracker(stack);
    started = { stack, tracker };
    stack.startPollers();
  });
  afterAll(async () => {
    tracker?.stop();
    await started?.stack.stop();
  });
  return () => {
    if (!started) throw new Error('the tracked stack has not started (use it inside a test)');
    return started;
  };
}
