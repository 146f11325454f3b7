/**
 * `npm run bench -- --only e2e-local`: the pipeline on the embedded local stack.
 * - stack_start_ms: startLocalStack() until it takes files (template synth, DynamoDB Local + fauxqs boot,
 *   provisioning, handlers created; their modules are already loaded in this process), median of the runs;
 * - e2e_local_ms_p50 / _p99: per file, upload start → its last item written (the store invocation that wrote
 *   it has returned and the item is readable), over every samples/ file in ROUNDS rounds per run.
 * Each stage waits its configured batching window (1 s in dev), so a lone file spends ~3 s in windows.
 */
import { join } from 'node:path';
import { collectFiles, dropFile } from '../../local/drop';
import { type LocalStack, startLocalStack } from '../../local/local-stack';
import { PipelineTracker } from '../../local/pipeline-tracker';
import { pipelineHandlers } from '../../local/stage-handlers';

export const name = 'e2e-local';

const ROOT = join(__dirname, '..', '..');
const RUNS = 2;
/** Round 1 meets cold handlers and a cold JVM; later rounds show the steady state. */
const ROUNDS = 3;

/** Nearest-rank percentile. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? Number.NaN;
}

async function measureRun(latencies: number[]): Promise<number> {
  let tracker: PipelineTracker | undefined;
  const stack: LocalStack = await startLocalStack({
    handlerFactory: pipelineHandlers({ logLevel: 'SILENT' }),
    onInvocation: (stage, report) => tracker?.observe(stage, report),
  });
  try {
    tracker = new PipelineTracker(stack);
    const files = collectFiles([join(ROOT, 'samples')], ROOT);
    for (let round = 0; round < ROUNDS; round++) {
      const keys = files.map((f) => ({ ...f, key: `bench/${Date.now()}-${round}/${f.key}` }));
      for (const file of keys) {
        tracker.expect(stack.dropBucket, file.key);
        await dropFile(stack, file);
      }
      const results = await tracker.waitFor(
        keys.map((f) => ({ bucket: stack.dropBucket, key: f.key })),
        120_000,
      );
      latencies.push(...results.map((r) => r.totalMs));
    }
    return stack.startMs;
  } finally {
    tracker?.stop();
    await stack.stop();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const starts: number[] = [];
  const latencies: number[] = [];
  for (let i = 0; i < RUNS; i++) starts.push(await measureRun(latencies));
  starts.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  return {
    stack_start_ms: Math.round(percentile(starts, 50)),
    e2e_local_ms_p50: Math.round(percentile(latencies, 50)),
    e2e_local_ms_p99: Math.round(percentile(latencies, 99)),
  };
}
