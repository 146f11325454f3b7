import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LogLevel, StageFunctionConfig } from './config';
import { PipelineFunction } from './pipeline-function';

/** SQS retention maximum: a message nobody could process stays inspectable for two weeks. */
const RETENTION = Duration.days(14);
/** Explicit, so the limit does not depend on the account's default (256 KiB before 2025, 1 MiB since). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Visibility timeout AWS recommends for an SQS event source: 6 × function timeout + batching window. */
export function visibilityTimeoutFor(timeout: Duration, maxBatchingWindow: Duration): Duration {
  return Duration.seconds(6 * timeout.toSeconds() + maxBatchingWindow.toSeconds());
}

export interface PipelineStageProps {
  /** 'parse', 'enrich' or 'store': names the function, the Powertools service and the alarms. */
  readonly stageName: string;
  readonly entry: string;
  readonly description: string;
  readonly settings: StageFunctionConfig;
  readonly dlqMaxReceiveCount: number;
  readonly logLevel: LogLevel;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly metricsNamespace: string;
  readonly oldestMessageAgeAlarm: Duration;
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * One pipeline stage: its input queue (SSE-SQS, TLS-only) with a dead-letter queue, the function consuming it
 * with partial batch responses, and the stage's alarms. SSE-SQS rather than the AWS-managed KMS key: S3 cannot
 * send notifications to a queue encrypted with alias/aws/sqs.
 */
export class PipelineStage extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly handler: PipelineFunction;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: PipelineStageProps) {
    super(scope, id);
    const { settings } = props;

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: RETENTION,
      maxMessageSizeBytes: MAX_MESSAGE_BYTES,
      removalPolicy: props.removalPolicy,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: RETENTION,
      maxMessageSizeBytes: MAX_MESSAGE_BYTES,
      visibilityTimeout: visibilityTimeoutFor(settings.timeout, settings.maxBatchingWindow),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.dlqMaxReceiveCount },
      removalPolicy: props.removalPolicy,
    });

    this.handler = new PipelineFunction(this, 'Handler', {
      entry: props.entry,
      description: props.description,
      memoryMiB: settings.memoryMiB,
      timeout: settings.timeout,
      logLevel: props.logLevel,
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      serviceName: props.stageName,
      metricsNamespace: props.metricsNamespace,
      environment: props.environment,
    });
    this.handler.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: settings.batchSize,
        maxBatchingWindow: settings.maxBatchingWindow,
        maxConcurrency: settings.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );

    this.alarms = this.createAlarms(props);
  }

  get function(): NodejsFunction {
    return this.handler.function;
  }

  private createAlarms(props: PipelineStageProps): cloudwatch.Alarm[] {
    const name = props.stageName;
    const fn = this.handler.function;
    return [
      new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
        alarmDescription: `${name}: messages in the dead-letter queue (inspect, fix, then redrive)`,
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'OldestMessageAlarm', {
        alarmDescription: `${name}: oldest message older than ${props.oldestMessageAgeAlarm.toHumanString()} (stage stalled or falling behind)`,
        metric: this.queue.metricApproximateAgeOfOldestMessage({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        threshold: props.oldestMessageAgeAlarm.toSeconds(),
        evaluationPeriods: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'ErrorsAlarm', {
        alarmDescription: `${name}: function invocations failed`,
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'ThrottlesAlarm', {
        alarmDescription: `${name}: function invocations throttled`,
        metric: fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
  }
}
