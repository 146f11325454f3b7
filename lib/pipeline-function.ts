import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LogLevel } from './config';

/**
 * How every handler is bundled: local esbuild (no Docker), minified, with source maps. tools/bench/bundles.ts
 * bundles with these same options, so the measured bundle is the deployed one.
 *
 * `@aws-sdk/*` stays external: the Node.js 24 runtime ships AWS SDK v3, which keeps bundles small and is
 * patched by AWS; the code only uses long-stable S3, SQS and DynamoDB commands.
 */
export const PIPELINE_BUNDLING = {
  target: 'node24',
  format: OutputFormat.CJS,
  // ESM entry points first: better tree-shaking of zod and Powertools.
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  externalModules: ['@aws-sdk/*'],
  forceDockerBundling: false,
} as const satisfies BundlingOptions;

export interface PipelineFunctionProps {
  /** The handler module (exports `handler`). */
  readonly entry: string;
  readonly description: string;
  readonly memoryMiB: number;
  readonly timeout: Duration;
  readonly logLevel: LogLevel;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /** Powertools service name (log key `service`, metric dimension `service`). */
  readonly serviceName: string;
  readonly metricsNamespace: string;
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * The one function construct of the project: Node.js 24 on arm64, X-Ray active tracing, JSON logs in an
 * explicit log group with retention, source-mapped stack traces. Its role carries no managed policy: log
 * writes are granted on its own log group only.
 */
export class PipelineFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memoryMiB,
      timeout: props.timeout,
      role: this.role,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[props.logLevel],
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      bundling: PIPELINE_BUNDLING,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        ...props.environment,
      },
    });
  }
}
