/**
 * The stage handlers the local stack runs: the very factories the Lambda entry points use, given SDK clients
 * pointed at the emulators and the settings read from the function's environment in the template (so the
 * local wiring follows the CDK code). No stage logic lives here.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { PipelineStageName } from '../lib/config';
import { ENV, METRICS_NAMESPACE } from '../lambdas/aws/environment';
import type { Observability } from '../lambdas/aws/observability';
import { createEnrichHandler, enrichStageDeps } from '../lambdas/enrich/enrich-stage';
import { createParseHandler, parseStageDeps } from '../lambdas/parse/parse-stage';
import { createStoreHandler, storeStageDeps } from '../lambdas/store/store-stage';
import { THREAD_HANDLER_OPTIONS, type ThreadHandlerOptions } from './handler-threads';
import type { StageHandlerFactory, StageRuntime } from './local-stack';
import type { SqsBatchHandler } from './sqs-poller';

export type LocalLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

export interface PipelineHandlerOptions {
  /** Powertools log level of the handlers (default WARN: failures and warnings only). */
  readonly logLevel?: LocalLogLevel;
  /** Emit Powertools metrics (EMF JSON on stdout, as CloudWatch would ingest them); default false. */
  readonly metrics?: boolean;
  /** Per-stage observability (tests use it to capture what a handler logs). */
  readonly observability?: Partial<Record<PipelineStageName, Observability>>;
  /** Wraps a stage's real handler (tests inject a failure for one message). */
  readonly wrap?: Partial<Record<PipelineStageName, (handler: SqsBatchHandler) => SqsBatchHandler>>;
}

function setting(runtime: StageRuntime, name: string): string {
  const value = runtime.environment[name];
  if (value === undefined || value === '') {
    throw new Error(`The ${runtime.stage} function has no ${name} in the template's environment`);
  }
  return value;
}

export function localObservability(
  stage: PipelineStageName,
  options: PipelineHandlerOptions = {},
): Observability {
  const given = options.observability?.[stage];
  if (given) return given;
  // Metrics can only be switched off through the environment; locally they are off unless asked for.
  if (!options.metrics) process.env['POWERTOOLS_METRICS_DISABLED'] ??= 'true';
  return {
    logger: new Logger({ serviceName: stage, logLevel: options.logLevel ?? 'WARN' }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: stage }),
  };
}

function createHandler(runtime: StageRuntime, observability: Observability): SqsBatchHandler {
  const { s3, sqs, doc } = runtime.clients;
  switch (runtime.stage) {
    case 'parse':
      return createParseHandler(
        parseStageDeps({
          s3,
          sqs,
          nextQueueUrl: setting(runtime, ENV.nextQueueUrl),
          artifactsBucket: setting(runtime, ENV.artifactsBucket),
          maxFileBytes: Number(setting(runtime, ENV.maxFileBytes)),
          observability,
        }),
      );
    case 'enrich':
      return createEnrichHandler(
        enrichStageDeps({
          s3,
          sqs,
          nextQueueUrl: setting(runtime, ENV.nextQueueUrl),
          artifactsBucket: setting(runtime, ENV.artifactsBucket),
          observability,
        }),
      );
    case 'store':
      return createStoreHandler(
        storeStageDeps({
          s3,
          doc,
          tableName: setting(runtime, ENV.tableName),
          artifactsBucket: setting(runtime, ENV.artifactsBucket),
          observability,
        }),
      );
  }
}

/**
 * The factory startLocalStack needs: each stage's real handler, optionally wrapped. Without `observability`
 * and `wrap` (functions a thread cannot receive) it carries its options, so handler threads can build the same.
 */
export function pipelineHandlers(options: PipelineHandlerOptions = {}): StageHandlerFactory {
  const factory: StageHandlerFactory = (runtime) => {
    const handler = createHandler(runtime, localObservability(runtime.stage, options));
    const wrap = options.wrap?.[runtime.stage];
    return wrap ? wrap(handler) : handler;
  };
  if (options.observability || options.wrap) return factory;
  const portable: ThreadHandlerOptions = {
    ...(options.logLevel !== undefined && { logLevel: options.logLevel }),
    ...(options.metrics !== undefined && { metrics: options.metrics }),
  };
  return Object.assign(factory, { [THREAD_HANDLER_OPTIONS]: portable });
}
