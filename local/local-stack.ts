/**
 * The whole pipeline on this machine: DynamoDB Local (java) and fauxqs (S3 + SQS) in supervised child
 * processes, resources created from the dev stage's synthesized template, and one SQS poller per event
 * source mapping calling the stage handlers in-process. stop() (or this process dying) leaves no process
 * and no port behind.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PIPELINE_STAGES, type PipelineStageName } from '../lib/config';
import { withoutUnreadCallLogs } from '../lambdas/aws/clients/call-logging';
import { createDynamoDbClient, documentClientOf } from '../lambdas/aws/clients/dynamodb';
import { createSqsClient } from '../lambdas/aws/clients/sqs';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local';
import { type FauxqsLocal, startFauxqsLocal } from './fauxqs-local';
import { freePort } from './free-port';
import {
  type HandlerThreads,
  startHandlerThreads,
  threadHandlerOptions,
  type ThreadStats,
} from './handler-threads';
import { type InvocationReport, type SqsBatchHandler, SqsPoller, type SqsPollerOptions } from './sqs-poller';
import {
  bucketNotifications,
  type CfnTemplate,
  eventSourceMappings,
  type EventSourceMappingSpec,
  type FunctionSpec,
  functionSpecs,
  loadStageTemplate,
  referencedLogicalId,
  tableSpec,
} from './stage-template';
import { type LocalQueue, provisionBuckets, provisionQueues, provisionTable } from './template-resources';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** Failed messages come back after this long locally instead of the queue's 6 × timeout (see SqsPoller). */
export const LOCAL_RETRY_DELAY_SECONDS = 1;

export interface LocalClients {
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
}

/** What a stage handler is built from: its resolved environment (as Lambda would see it) and SDK clients. */
export interface StageRuntime {
  readonly stage: PipelineStageName;
  /** The function's environment from the template, references resolved to local names and URLs. */
  readonly environment: Readonly<Record<string, string>>;
  readonly clients: LocalClients;
}

export type StageHandlerFactory = (runtime: StageRuntime) => SqsBatchHandler | Promise<SqsBatchHandler>;

/** A stage as wired in the template: its function, input queue, dead-letter queue and event source mapping. */
export interface LocalStage {
  readonly name: PipelineStageName;
  readonly function: FunctionSpec;
  readonly mapping: EventSourceMappingSpec;
  readonly queue: LocalQueue;
  readonly deadLetterQueue: LocalQueue | null;
  readonly environment: Readonly<Record<string, string>>;
}

export interface LocalStackOptions {
  readonly stage?: string;
  /** Keep the table in this folder (DynamoDB Local -dbPath); in memory when omitted. */
  readonly persistDir?: string;
  readonly dynamoDbPort?: number;
  /** DynamoDB Local's JIT (see DynamoDbLocalOptions.jit); 'startup' by default. */
  readonly dynamoDbJit?: 'startup' | 'throughput';
  readonly fauxqsPort?: number;
  /** Local override of the retry delay; undefined = LOCAL_RETRY_DELAY_SECONDS. */
  readonly retryDelaySeconds?: number;
  /** How each stage's handler is made; tests wrap the real factories. */
  readonly handlerFactory: StageHandlerFactory;
  /**
   * Run the pollers and handlers in this many worker threads instead of this one (default 0: here), so the
   * handlers use more than one core (`npm run load`). Each stage's concurrency is split between the threads.
   * Needs handlerFactory to be pipelineHandlers() without `observability` or `wrap` (each thread rebuilds it).
   */
  readonly handlerThreads?: number;
  readonly onInvocation?: (stage: PipelineStageName, report: InvocationReport) => void;
  /** Start polling at once (default true). */
  readonly startPollers?: boolean;
  /** Runs while the emulators boot, e.g. importing the handler modules. */
  readonly preload?: () => Promise<unknown>;
  /** A template already synthesized (saves a synth when the caller has one). */
  readonly template?: CfnTemplate;
}

export interface LocalStack {
  readonly region: string;
  readonly endpoints: { readonly dynamodb: string; readonly s3: string; readonly sqs: string };
  readonly template: CfnTemplate;
  readonly tableName: string;
  /** The bucket whose notifications feed the pipeline. */
  readonly dropBucket: string;
  /** Buckets by logical id. */
  readonly buckets: ReadonlyMap<string, string>;
  /** The queue S3 events go to, per the template's bucket notification. */
  readonly ingestQueue: LocalQueue;
  readonly stages: Readonly<Record<PipelineStageName, LocalStage>>;
  readonly clients: LocalClients;
  /** Milliseconds from the call to a stack ready to take files. */
  readonly startMs: number;
  /** Starts polling for the given stages (all by default); tests hold a stage back to build up a batch. */
  startPollers(stages?: readonly PipelineStageName[]): void;
  /** Stops polling (all stages by default) after the invocations in flight finish. */
  stopPollers(stages?: readonly PipelineStageName[]): Promise<void>;
  /** Per handler thread (none without handlerThreads): the requests it sent and its CPU time so far. */
  handlerThreadStats(): Promise<ThreadStats[]>;
  stop(): Promise<void>;
  /**
   * Fault injection: kills DynamoDB Local (SIGKILL) while everything else runs, then, on restart, starts it
   * again on the same port and folder. Restarting needs `persistDir` (an in-memory table would be gone).
   */
  killDynamoDb(): Promise<void>;
  restartDynamoDb(): Promise<void>;
}

export function localClients(endpoints: { dynamodb: string; s3: string; sqs: string }): LocalClients {
  const base = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const dynamodb = createDynamoDbClient({ ...base, endpoint: endpoints.dynamodb });
  return {
    s3: withoutUnreadCallLogs(new S3Client({ ...base, endpoint: endpoints.s3, forcePathStyle: true })),
    sqs: createSqsClient({ ...base, endpoint: endpoints.sqs }),
    dynamodb,
    doc: documentClientOf(dynamodb),
  };
}

/** Which pipeline stage a function is: its Powertools service name, else its construct path. */
export function pipelineStageOf(fn: FunctionSpec): PipelineStageName | null {
  const service = fn.environment['POWERTOOLS_SERVICE_NAME'];
  if (typeof service === 'string' && (PIPELINE_STAGES as readonly string[]).includes(service)) {
    return service as PipelineStageName;
  }
  const segments = fn.path.toLowerCase().split('/');
  const matches = PIPELINE_STAGES.filter((stage) => segments.includes(stage));
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

/** A function's environment with { Ref } to queues, buckets and the table replaced by their local values. */
export function resolveEnvironment(
  fn: FunctionSpec,
  refs: ReadonlyMap<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.environment)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      env[name] = String(value);
      continue;
    }
    const id = referencedLogicalId(value);
    const resolved = id === null ? undefined : refs.get(id);
    if (resolved === undefined) {
      throw new Error(`Cannot resolve ${name}=${JSON.stringify(value)} of ${fn.path} on the local stack`);
    }
    env[name] = resolved;
  }
  return env;
}

/** The poller of a stage as its event source mapping and function configure it (concurrency: this poller's share). */
export function stagePollerOptions(
  wiring: LocalStage,
  run: {
    readonly sqs: SQSClient;
    readonly handler: SqsBatchHandler;
    readonly concurrency: number;
    readonly retryDelaySeconds: number;
    readonly onInvocation: ((report: InvocationReport) => void) | undefined;
  },
): SqsPollerOptions {
  return {
    sqs: run.sqs,
    queueUrl: wiring.queue.url,
    queueArn: wiring.queue.arn,
    region: LOCAL_REGION,
    functionName: `dateline-${wiring.name}`,
    handler: run.handler,
    batchSize: wiring.mapping.batchSize,
    maximumBatchingWindowSeconds: wiring.mapping.maximumBatchingWindowSeconds,
    maximumConcurrency: run.concurrency,
    reportBatchItemFailures: wiring.mapping.reportBatchItemFailures,
    timeoutSeconds: wiring.function.timeoutSeconds,
    memoryMb: wiring.function.memoryMb,
    retryDelaySeconds: run.retryDelaySeconds,
    onInvocation: run.onInvocation,
  };
}

/** Spawns both emulators at once (synchronously, so the caller's CPU work overlaps their boot). */
async function startServices(
  options: LocalStackOptions,
  dynamoDbPort: number,
): Promise<[DynamoDbLocal, FauxqsLocal]> {
  const dynamo = startDynamoDbLocal({
    port: dynamoDbPort,
    dbPath: options.persistDir,
    jit: options.dynamoDbJit,
  });
  const fauxqs = startFauxqsLocal({ port: options.fauxqsPort });
  const [d, f] = await Promise.allSettled([dynamo, fauxqs]);
  if (d.status === 'fulfilled' && f.status === 'fulfilled') return [d.value, f.value];
  // One failed: stop the other before reporting, so nothing is left behind.
  if (d.status === 'fulfilled') await d.value.stop();
  if (f.status === 'fulfilled') await f.value.stop();
  throw d.status === 'rejected' ? d.reason : (f as PromiseRejectedResult).reason;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const started = Date.now();
  const services = startServices(options, options.dynamoDbPort ?? (await freePort()));
  // While java boots (~2 s): synthesize the template and load the handler modules.
  let template: CfnTemplate;
  try {
    template = options.template ?? loadStageTemplate(options.stage ?? 'dev');
    await options.preload?.();
  } catch (err) {
    await services.then(([d, f]) => Promise.all([d.stop(), f.stop()])).catch(() => undefined);
    throw err;
  }
  const [firstDynamo, fauxqs] = await services;
  let dynamo = firstDynamo;
  let dynamoDown = false;
  const endpoints = { dynamodb: dynamo.endpoint, s3: fauxqs.endpoint, sqs: fauxqs.endpoint };
  const clients = localClients(endpoints);
  const pollers = new Map<PipelineStageName, SqsPoller>();
  let threads: HandlerThreads | undefined;
  const stopServices = async (): Promise<void> => {
    await Promise.all([
      ...[...pollers.values()].map((p) => p.stop({ abandonReceives: true })),
      threads?.stop(PIPELINE_STAGES, { abandonReceives: true }).then(() => threads?.terminate()),
    ]);
    clients.s3.destroy();
    clients.sqs.destroy();
    clients.dynamodb.destroy();
    await Promise.all([dynamoDown ? Promise.resolve() : dynamo.stop(), fauxqs.stop()]);
  };
  try {
    const tableName = await provisionTable(clients.dynamodb, template);
    const [queues, buckets] = await Promise.all([
      provisionQueues(clients.sqs, template),
      provisionBuckets(clients.s3, template),
    ]);
    const refs = new Map<string, string>();
    for (const [id, q] of queues) refs.set(id, q.url);
    for (const [id, b] of buckets) refs.set(id, b.name);
    refs.set(tableSpec(template).logicalId, tableName);

    const notification = bucketNotifications(template).find((n) =>
      n.events.some((e) => e.startsWith('s3:ObjectCreated')),
    );
    if (!notification) throw new Error('The template sends no bucket notification to a queue');
    const dropBucket = buckets.get(notification.bucketLogicalId);
    const ingestQueue = queues.get(notification.queueLogicalId);
    if (!dropBucket || !ingestQueue) throw new Error('The bucket notification points at unknown resources');

    const functions = new Map(functionSpecs(template).map((f) => [f.logicalId, f]));
    const stages: Partial<Record<PipelineStageName, LocalStage>> = {};
    for (const mapping of eventSourceMappings(template)) {
      const fn = functions.get(mapping.functionLogicalId);
      const queue = queues.get(mapping.queueLogicalId);
      const name = fn ? pipelineStageOf(fn) : null;
      if (!fn || !queue || !name) continue;
      const dlqId = queue.spec.redrive?.deadLetterQueueLogicalId;
      stages[name] = {
        name,
        function: fn,
        mapping,
        queue,
        deadLetterQueue: dlqId ? (queues.get(dlqId) ?? null) : null,
        environment: resolveEnvironment(fn, refs),
      };
    }
    const missing = PIPELINE_STAGES.filter((s) => !stages[s]);
    if (missing.length > 0)
      throw new Error(`The template has no event source mapping for: ${missing.join(', ')}`);
    const complete = stages as Record<PipelineStageName, LocalStage>;

    const retryDelaySeconds = options.retryDelaySeconds ?? LOCAL_RETRY_DELAY_SECONDS;
    const threadCount = options.handlerThreads ?? 0;
    if (threadCount > 0) {
      const handlers = threadHandlerOptions(options.handlerFactory);
      if (!handlers) {
        throw new Error(
          'handlerThreads needs pipelineHandlers() without observability or wrap as handlerFactory',
        );
      }
      threads = await startHandlerThreads({
        threads: threadCount,
        endpoints,
        stages: PIPELINE_STAGES.map((s) => complete[s]),
        handlers,
        retryDelaySeconds,
        ...(options.onInvocation && { onInvocation: options.onInvocation }),
      });
    } else {
      for (const stage of PIPELINE_STAGES) {
        const wiring = complete[stage];
        const handler = await options.handlerFactory({ stage, environment: wiring.environment, clients });
        pollers.set(
          stage,
          new SqsPoller(
            stagePollerOptions(wiring, {
              sqs: clients.sqs,
              handler,
              concurrency: wiring.mapping.maximumConcurrency ?? 1,
              retryDelaySeconds,
              onInvocation: options.onInvocation
                ? (report) => options.onInvocation?.(stage, report)
                : undefined,
            }),
          ),
        );
      }
    }
    const polling = new Set<PipelineStageName>();
    const stack: LocalStack = {
      region: LOCAL_REGION,
      endpoints,
      template,
      tableName,
      dropBucket: dropBucket.name,
      buckets: new Map([...buckets].map(([id, b]) => [id, b.name])),
      ingestQueue,
      stages: complete,
      clients,
      startMs: Date.now() - started,
      startPollers(stages = PIPELINE_STAGES) {
        const starting = stages.filter((s) => !polling.has(s));
        for (const stage of starting) {
          polling.add(stage);
          pollers.get(stage)?.start();
        }
        // A thread that fails is reported by its exit (handler-threads.ts), not here.
        if (threads && starting.length > 0) threads.start(starting).catch(() => undefined);
      },
      async stopPollers(stages = PIPELINE_STAGES) {
        const stopping = stages.filter((s) => polling.has(s));
        for (const stage of stopping) polling.delete(stage);
        await Promise.all([
          ...stopping.map((s) => pollers.get(s)?.stop()),
          threads && stopping.length > 0 ? threads.stop(stopping) : undefined,
        ]);
      },
      handlerThreadStats: async () => (threads ? threads.stats() : []),
      stop: stopServices,
      async killDynamoDb() {
        if (dynamoDown) return;
        dynamoDown = true;
        await dynamo.kill();
      },
      async restartDynamoDb() {
        if (!options.persistDir) throw new Error('Restarting DynamoDB Local needs persistDir');
        if (!dynamoDown) await stack.killDynamoDb();
        dynamo = await startDynamoDbLocal({
          port: dynamo.port,
          dbPath: options.persistDir,
          jit: options.dynamoDbJit,
        });
        dynamoDown = false;
      },
    };
    if (options.startPollers !== false) stack.startPollers();
    return stack;
  } catch (err) {
    await stopServices();
    throw err;
  }
}
