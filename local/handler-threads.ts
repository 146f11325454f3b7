/**
 * The stage pollers and handlers in worker threads, so a busy local stack uses every core: one Node thread
 * runs JavaScript on one core, and the handlers (parsing, enrichment, the store's compression, the SDK's
 * serialization) are CPU-bound. Each thread makes its own SDK clients and the same handlers
 * (pipelineHandlers, from plain options) and runs its share of every stage's concurrency, so a stage never
 * runs more invocations at once than its event source mapping allows. Invocation reports come back to the
 * thread that started the stack.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PipelineStageName } from '../lib/config';
import type { LocalStage } from './local-stack';
import type { InvocationReport } from './sqs-poller';
import type { LocalLogLevel } from './stage-handlers';

/** What a thread needs to build the handlers: pipelineHandlers' options that survive a postMessage. */
export interface ThreadHandlerOptions {
  readonly logLevel?: LocalLogLevel;
  readonly metrics?: boolean;
}

/** Set on a handler factory that a thread can rebuild from these options (see pipelineHandlers). */
export const THREAD_HANDLER_OPTIONS = Symbol.for('dateline.threadHandlerOptions');

export function threadHandlerOptions(factory: object): ThreadHandlerOptions | undefined {
  return (factory as { [THREAD_HANDLER_OPTIONS]?: ThreadHandlerOptions })[THREAD_HANDLER_OPTIONS];
}

/** One stage as a thread runs it: the wiring, and how many of the mapping's concurrent invocations are its. */
export interface ThreadStage {
  readonly wiring: LocalStage;
  readonly concurrency: number;
}

/** workerData of a handler thread. */
export interface ThreadSpec {
  readonly endpoints: { readonly dynamodb: string; readonly s3: string; readonly sqs: string };
  readonly handlers: ThreadHandlerOptions;
  readonly retryDelaySeconds: number;
  readonly stages: readonly ThreadStage[];
}

/** What a thread has done so far. */
export interface ThreadStats {
  /** Requests its SDK clients sent, by `service:Command` (e.g. `dynamodb:PutItem`). */
  readonly requests: Readonly<Record<string, number>>;
  /** CPU seconds of the thread itself (Linux; 0 elsewhere). */
  readonly cpuSeconds: number;
}

export type ToThread =
  | { readonly type: 'start'; readonly id: number; readonly stages: readonly PipelineStageName[] }
  | {
      readonly type: 'stop';
      readonly id: number;
      readonly stages: readonly PipelineStageName[];
      readonly abandonReceives: boolean;
    }
  | { readonly type: 'stats'; readonly id: number };

export type FromThread =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly stats?: ThreadStats }
  | { readonly type: 'invocation'; readonly stage: PipelineStageName; readonly report: InvocationReport };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A stage's concurrency split over the threads, the first threads taking the remainder. */
export function concurrencyShare(concurrency: number, threads: number, thread: number): number {
  return Math.floor(concurrency / threads) + (thread < concurrency % threads ? 1 : 0);
}

/** Each thread's stages and concurrency; threads left with nothing to run are dropped. */
export function threadPlans(stages: readonly LocalStage[], threads: number): ThreadStage[][] {
  const count = Math.max(1, Math.floor(threads));
  const plans: ThreadStage[][] = [];
  for (let i = 0; i < count; i++) {
    const plan = stages
      .map((wiring) => ({
        wiring,
        concurrency: concurrencyShare(wiring.mapping.maximumConcurrency ?? 1, count, i),
      }))
      .filter((s) => s.concurrency > 0);
    if (plan.length > 0) plans.push(plan);
  }
  return plans;
}

export interface HandlerThreadsOptions {
  readonly threads: number;
  readonly endpoints: ThreadSpec['endpoints'];
  readonly stages: readonly LocalStage[];
  readonly handlers: ThreadHandlerOptions;
  readonly retryDelaySeconds: number;
  readonly onInvocation?: (stage: PipelineStageName, report: InvocationReport) => void;
}

export interface HandlerThreads {
  readonly count: number;
  start(stages: readonly PipelineStageName[]): Promise<void>;
  /** Resolves once every thread has stopped polling them and finished its invocations in flight. */
  stop(stages: readonly PipelineStageName[], options?: { readonly abandonReceives?: boolean }): Promise<void>;
  /** Each thread's figures so far. */
  stats(): Promise<ThreadStats[]>;
  /** Ends the threads (after stop). */
  terminate(): Promise<void>;
}

interface Pending {
  readonly replies: (ThreadStats | undefined)[];
  left: number;
  readonly resolve: (replies: (ThreadStats | undefined)[]) => void;
  readonly reject: (err: Error) => void;
}

/** Starts the threads; resolves once each has built its handlers (pollers not started yet). */
export async function startHandlerThreads(options: HandlerThreadsOptions): Promise<HandlerThreads> {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let started = false;
  let terminating = false;
  const workers: Worker[] = [];
  const ready: Promise<void>[] = [];
  const failAll = (error: Error): void => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  for (const [index, stages] of threadPlans(options.stages, options.threads).entries()) {
    const spec: ThreadSpec = {
      endpoints: options.endpoints,
      handlers: options.handlers,
      retryDelaySeconds: options.retryDelaySeconds,
      stages,
    };
    // A plain-JS entry that registers the TypeScript loader itself: the same under tsx, jest and plain node.
    const worker = new Worker(join(__dirname, 'handler-thread.cjs'), { workerData: spec, execArgv: [] });
    workers.push(worker);
    ready.push(
      new Promise<void>((resolve, reject) => {
        const failed = (error: Error): void => {
          if (terminating) return;
          failAll(error);
          if (!started) reject(error);
          // Once running, a thread that dies is a bug of the local stack: as loud as an uncaught error here.
          else
            process.nextTick(() => {
              throw error;
            });
        };
        worker.on('message', (message: FromThread) => {
          if (message.type === 'ready') resolve();
          else if (message.type === 'invocation') options.onInvocation?.(message.stage, message.report);
          else {
            const p = pending.get(message.id);
            if (!p) return;
            p.replies[index] = message.stats;
            if (--p.left === 0) {
              pending.delete(message.id);
              p.resolve(p.replies);
            }
          }
        });
        worker.on('error', failed);
        worker.on('exit', (code) => failed(new Error(`handler thread ${index} exited with code ${code}`)));
      }),
    );
  }
  try {
    await Promise.all(ready);
    started = true;
  } catch (err) {
    terminating = true;
    await Promise.all(workers.map((w) => w.terminate()));
    throw err;
  }
  const broadcast = (message: WithoutId<ToThread>): Promise<(ThreadStats | undefined)[]> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { replies: [], left: workers.length, resolve, reject });
      for (const w of workers) w.postMessage({ ...message, id });
    });
  return {
    count: workers.length,
    start: async (stages) => {
      await broadcast({ type: 'start', stages });
    },
    stop: async (stages, stopOptions = {}) => {
      await broadcast({ type: 'stop', stages, abandonReceives: stopOptions.abandonReceives ?? false });
    },
    stats: async () => (await broadcast({ type: 'stats' })).map((s) => s ?? { requests: {}, cpuSeconds: 0 }),
    async terminate() {
      terminating = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
