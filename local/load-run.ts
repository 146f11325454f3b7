/**
 * `npm run load`: N generated articles through the embedded local stack, then an exact count from the table.
 *
 * The run: start the stack (like `npm start -- --once`), upload every file (a few uploads in parallel, each
 * followed by its S3 notification), wait until every stage queue is empty (dead-letter queues are counted,
 * not drained), then read each input's fate by key — object head, rejection, article partitions — with
 * GetItem/Query. The pipeline's own counters are not trusted: every number comes from the table.
 */
import { availableParallelism } from 'node:os';
import { PIPELINE_STAGES, type PipelineStageName } from '../lib/config';
import { duplicatesIn, type ObjectFate, ObjectFates } from '../lambdas/aws/ops/object-fate';
import { isEmpty, queueDepth, type QueueDepth } from '../lambdas/aws/ops/queue-ops';
import { generateLoadFiles, type LoadFile } from '../tools/load/articles';
import { dropObject } from './drop';
import { type LocalStack, startLocalStack } from './local-stack';
import { countRequests } from './request-counter';
import { pool } from './pool';
import { CLOCK_TICKS, cpuByName, processTree, threadCpuSeconds } from './process-tree';
import { pipelineHandlers } from './stage-handlers';

/** The --json object: the first nine keys are the command's contract; the rest explain the figures. */
export interface LoadReport {
  readonly articles: number;
  readonly stored: number;
  readonly rejected: number;
  readonly dead_lettered: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly seconds: number;
  readonly articles_per_s: number;
  readonly rss_mb_max: number;
  /** Article files plus the junk files that must end as rejections. */
  readonly files: number;
  /** Inputs whose fate differs from what the generator made them for (an article rejected, junk stored). */
  readonly unexpected: number;
  /** Up to five inputs that were lost, duplicated or unexpected, with what the table holds for them. */
  readonly examples: readonly string[];
  readonly quotes: number;
  readonly events: number;
  /** Peak RSS of this process and the emulators (DynamoDB Local, fauxqs) together. */
  readonly rss_mb_max_total: number;
  readonly stack_start_s: number;
  readonly upload_s: number;
  readonly count_s: number;
  /** Where the time goes: CPU seconds per process over the run, and per stage the handler time and batching. */
  readonly cpu_s: Readonly<Record<string, number>>;
  readonly stages: Readonly<Record<PipelineStageName, StageFigures>>;
  /** API requests the pipeline (and the upload) sent per article during the run, by service and command. */
  readonly requests_per_article: Readonly<Record<string, number>>;
  /**
   * How the load process's CPU (`cpu_s['load (handlers)']`) splits: this thread (upload, progress, the
   * counting) and each handler thread; the rest is V8's and libuv's helper threads (GC, compiler, I/O).
   */
  readonly threads: {
    readonly handler_threads: number;
    readonly main_cpu_s: number;
    readonly handler_cpu_s: readonly number[];
  };
  readonly template_stage: string;
}

export interface StageFigures {
  readonly invocations: number;
  readonly records: number;
  readonly mean_batch: number;
  /** Sum of invocation durations (wall time with concurrency counted once per invocation). */
  readonly handler_s: number;
  readonly max_concurrency: number;
  readonly batch_size: number;
}

export interface LoadRunOptions {
  readonly articles: number;
  readonly seed?: number;
  readonly junkPercent?: number;
  /** Which stage's template (batch sizes, windows, concurrency) the local stack mirrors (default dev). */
  readonly templateStage?: string;
  readonly uploadConcurrency?: number;
  /** Worker threads running the stage handlers (default: one per core, at least 2); 0 runs them in this thread. */
  readonly handlerThreads?: number;
  readonly timeoutSeconds?: number;
  readonly onProgress?: (line: string) => void;
}

/** This process's name in `cpu_s`: the handler threads run in it. */
const LOAD_PROCESS = 'load (handlers)';

/** One handler thread per core (the emulators share them), and at least two so a stage's invocations overlap. */
const DEFAULT_HANDLER_THREADS = Math.max(2, availableParallelism());

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

async function depths(
  stack: LocalStack,
): Promise<{ stage: Record<PipelineStageName, QueueDepth>; dlq: number }> {
  const stage = {} as Record<PipelineStageName, QueueDepth>;
  let dlq = 0;
  await Promise.all(
    PIPELINE_STAGES.map(async (name) => {
      const wiring = stack.stages[name];
      stage[name] = await queueDepth(stack.clients.sqs, wiring.queue.url);
      if (wiring.deadLetterQueue) {
        const d = await queueDepth(stack.clients.sqs, wiring.deadLetterQueue.url);
        dlq += d.visible + d.inFlight + d.delayed;
      }
    }),
  );
  return { stage, dlq };
}

export async function runLoad(options: LoadRunOptions): Promise<LoadReport> {
  const progress = options.onProgress ?? (() => undefined);
  const templateStage = options.templateStage ?? 'dev';
  const files = generateLoadFiles({
    count: options.articles,
    seed: options.seed ?? 1,
    ...(options.junkPercent !== undefined && { junkPercent: options.junkPercent }),
  });
  const figures = new Map<PipelineStageName, { invocations: number; records: number; ms: number }>(
    PIPELINE_STAGES.map((s) => [s, { invocations: 0, records: 0, ms: 0 }]),
  );
  let rssMax = 0;
  let rssTotalMax = 0;
  const sampleMemory = (): void => {
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
    const tree = processTree(LOAD_PROCESS);
    rssTotalMax = Math.max(
      rssTotalMax,
      tree.reduce((n, p) => n + p.rssKb * 1024, 0),
    );
  };
  const memoryTimer = setInterval(sampleMemory, 500);
  memoryTimer.unref();

  const stackStarted = Date.now();
  const stack = await startLocalStack({
    stage: templateStage,
    // Tens of thousands of requests: the JVM's optimizing JIT pays for itself within the first minute.
    dynamoDbJit: 'throughput',
    handlerFactory: pipelineHandlers({ logLevel: 'ERROR' }),
    handlerThreads: options.handlerThreads ?? DEFAULT_HANDLER_THREADS,
    onInvocation: (stage, report) => {
      const f = figures.get(stage);
      if (!f) return;
      f.invocations += 1;
      f.records += report.records.length;
      f.ms += report.durationMs;
    },
  });
  let countingRequests = false;
  const requests = countRequests(stack.clients, () => countingRequests);
  try {
    const stackStartS = (Date.now() - stackStarted) / 1000;
    countingRequests = true;
    const cpuBefore = cpuByName(processTree(LOAD_PROCESS));
    const threadsBefore = await stack.handlerThreadStats();
    const mainCpuBefore = threadCpuSeconds();
    const started = Date.now();
    let uploaded = 0;
    let last = { stage: {} as Record<PipelineStageName, QueueDepth>, dlq: 0 };
    const show = (): void => {
      const queued = PIPELINE_STAGES.map((s) => {
        const d = last.stage[s];
        return `${s} ${d ? d.visible + d.inFlight : '?'}`;
      }).join(' · ');
      const stored = figures.get('store')?.records ?? 0;
      progress(
        `load: uploaded ${uploaded}/${files.length} · queued ${queued} · DLQ ${last.dlq} · store records ${stored} · ${round((Date.now() - started) / 1000)} s`,
      );
    };
    // Progress while uploading; afterwards the settle loop below reads the depths (and shows them).
    let polling = true;
    const poller = (async () => {
      while (polling) {
        last = await depths(stack).catch(() => last);
        show();
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();

    await pool(files, options.uploadConcurrency ?? 8, async (file: LoadFile) => {
      await dropObject(stack, file.key, file.body, {
        ...(file.metadata && { metadata: file.metadata }),
      });
      uploaded += 1;
    });
    const uploadS = (Date.now() - started) / 1000;
    polling = false;
    await poller;

    // Settled = every stage queue empty on two reads in a row (a message moves to the next queue before it is
    // deleted from its own, so an empty pipeline cannot look empty while work remains). Busy: read every
    // 500 ms (each read is six GetQueueAttributes, which the emulator serves on the pipeline's CPU); empty:
    // confirm 100 ms later.
    const deadline = Date.now() + (options.timeoutSeconds ?? 3600) * 1000;
    let emptyReads = 0;
    while (emptyReads < 2) {
      if (Date.now() > deadline) throw new Error('load: the queues did not drain before the timeout');
      last = await depths(stack);
      show();
      emptyReads = PIPELINE_STAGES.every((s) => isEmpty(last.stage[s])) ? emptyReads + 1 : 0;
      await new Promise((r) => setTimeout(r, emptyReads > 0 ? 100 : 500));
    }
    const seconds = (Date.now() - started) / 1000;
    countingRequests = false;
    const cpuAfter = cpuByName(processTree(LOAD_PROCESS));
    const threadsAfter = await stack.handlerThreadStats();
    const mainCpuS = threadCpuSeconds() - mainCpuBefore;
    // The handler threads' own clients: their requests add to those of this thread's clients.
    threadsAfter.forEach((after, i) => {
      for (const [name, n] of Object.entries(after.requests)) {
        const sent = n - (threadsBefore[i]?.requests[name] ?? 0);
        requests.set(name, (requests.get(name) ?? 0) + sent);
      }
    });
    sampleMemory();
    const finalDepths = await depths(stack);

    const countStarted = Date.now();
    const fates = new ObjectFates(stack.clients.doc, stack.tableName);
    let counted = 0;
    const results: ObjectFate[] = await pool(files, 16, async (file) => {
      const fate = await fates.fate(stack.dropBucket, file.key);
      counted += 1;
      if (counted % 500 === 0) progress(`load: counting ${counted}/${files.length}`);
      return fate;
    });
    const countS = (Date.now() - countStarted) / 1000;

    let stored = 0;
    let rejected = 0;
    let lost = 0;
    let unexpected = 0;
    let duplicated = 0;
    let quotes = 0;
    let events = 0;
    const articleOwners = new Map<string, number>();
    const examples: string[] = [];
    const example = (text: string): void => {
      if (examples.length < 5) examples.push(text);
    };
    results.forEach((fate, i) => {
      const file = files[i] as LoadFile;
      const articles = fate.articles.filter((a) => a.stored);
      if (fate.outcome === 'articles' && articles.length > 0 && articles.length === fate.articles.length) {
        stored += 1;
        if (file.expected !== 'article') {
          unexpected += 1;
          example(`${file.key}: expected a rejection, stored as an article`);
        }
      } else if (fate.outcome === 'rejected' && fate.rejection) {
        rejected += 1;
        if (file.expected !== 'rejection') {
          unexpected += 1;
          example(`${file.key}: rejected (${fate.rejection.reason}: ${fate.rejection.message})`);
        }
      } else {
        lost += 1;
        example(
          `${file.key}: lost (object state ${fate.outcome}, ${articles.length}/${fate.articles.length} articles)`,
        );
      }
      for (const a of articles) {
        articleOwners.set(a.articleId, (articleOwners.get(a.articleId) ?? 0) + 1);
        const twice = duplicatesIn(a);
        if (twice > 0)
          example(
            `${file.key}: article ${a.articleId} has ${a.quotes} quote items (${a.repeatedQuotes} repeated, quoteCount ${a.quoteCount}) and ${a.events} event items (${a.repeatedEvents} repeated, eventCount ${a.eventCount})`,
          );
        duplicated += twice;
        quotes += a.quotes;
        events += a.events;
      }
    });
    // Every generated article is distinct: one article id claimed by two inputs is an article stored twice.
    for (const owners of articleOwners.values()) duplicated += owners - 1;

    const cpu: Record<string, number> = {};
    for (const [name, ticks] of cpuAfter) {
      cpu[name] = round((ticks - (cpuBefore.get(name) ?? 0)) / CLOCK_TICKS);
    }
    const stages = {} as Record<PipelineStageName, StageFigures>;
    for (const s of PIPELINE_STAGES) {
      const f = figures.get(s) ?? { invocations: 0, records: 0, ms: 0 };
      stages[s] = {
        invocations: f.invocations,
        records: f.records,
        mean_batch: round(f.records / Math.max(1, f.invocations)),
        handler_s: round(f.ms / 1000),
        max_concurrency: stack.stages[s].mapping.maximumConcurrency ?? 1,
        batch_size: stack.stages[s].mapping.batchSize,
      };
    }
    const requestsPerArticle: Record<string, number> = {};
    for (const [name, n] of [...requests].sort((a, b) => b[1] - a[1])) {
      requestsPerArticle[name] = round(n / options.articles, 2);
    }
    return {
      articles: options.articles,
      stored,
      rejected,
      dead_lettered: finalDepths.dlq,
      lost,
      duplicated,
      seconds: round(seconds),
      articles_per_s: round(options.articles / seconds),
      rss_mb_max: Math.round(rssMax / 2 ** 20),
      files: files.length,
      unexpected,
      examples,
      quotes,
      events,
      rss_mb_max_total: Math.round(rssTotalMax / 2 ** 20),
      stack_start_s: round(stackStartS),
      upload_s: round(uploadS),
      count_s: round(countS),
      cpu_s: cpu,
      stages,
      requests_per_article: requestsPerArticle,
      threads: {
        handler_threads: threadsAfter.length,
        main_cpu_s: round(mainCpuS),
        handler_cpu_s: threadsAfter.map((t, i) => round(t.cpuSeconds - (threadsBefore[i]?.cpuSeconds ?? 0))),
      },
      template_stage: templateStage,
    };
  } finally {
    clearInterval(memoryTimer);
    await stack.stop();
  }
}
