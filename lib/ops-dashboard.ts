import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { QueryApi } from './query-api';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { PipelineStage } from './pipeline-stage';

export interface OpsDashboardProps {
  /** The stages in pipeline order, each with its alarms. */
  readonly stages: ReadonlyArray<{ readonly name: string; readonly stage: PipelineStage }>;
  readonly table: dynamodb.TableV2;
  /** The dashboard's read API: its alarms notify like the stages', and it gets a row of graphs. */
  readonly queryApi?: QueryApi;
  /** When set, every alarm notifies this address through an SNS topic. */
  readonly alarmEmail?: string;
}

const PERIOD = Duration.minutes(1);

/** Alarm notifications (optional e-mail) and one dashboard: queue depths and ages, function health, table throttles. */
export class OpsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly topic?: sns.Topic;

  constructor(scope: Construct, id: string, props: OpsDashboardProps) {
    super(scope, id);
    const alarms = [...props.stages.flatMap(({ stage }) => stage.alarms), ...(props.queryApi?.alarms ?? [])];

    if (props.alarmEmail) {
      this.topic = new sns.Topic(this, 'AlarmTopic', { enforceSSL: true, displayName: 'Dateline alarms' });
      Validations.of(this.topic).acknowledge({
        id: 'AwsSolutions-SNS2',
        reason:
          'Alarm notifications carry only alarm names and states. CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer key would cost more than the data is worth.',
      });
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
      const action = new actions.SnsAction(this.topic);
      for (const alarm of alarms) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
    }

    const byStage = <T>(pick: (stage: PipelineStage) => T) =>
      props.stages.map(({ name, stage }) => ({ name, value: pick(stage) }));
    const labelled = (metrics: Array<{ name: string; value: cloudwatch.IMetric }>): cloudwatch.IMetric[] =>
      metrics.map(({ name, value }) =>
        value instanceof cloudwatch.Metric ? value.with({ label: name }) : value,
      );

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Queue depth (visible messages)',
            left: labelled(
              byStage((s) =>
                s.queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
              ),
            ),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Oldest message age (s)',
            left: labelled(
              byStage((s) =>
                s.queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum' }),
              ),
            ),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Dead-letter queue depth',
            left: labelled(
              byStage((s) =>
                s.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
                  period: PERIOD,
                  statistic: 'Maximum',
                }),
              ),
            ),
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Function errors and throttles',
            left: labelled(byStage((s) => s.function.metricErrors({ period: PERIOD, statistic: 'Sum' }))),
            right: labelled(byStage((s) => s.function.metricThrottles({ period: PERIOD, statistic: 'Sum' }))),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Function duration p95 (ms)',
            left: labelled(byStage((s) => s.function.metricDuration({ period: PERIOD, statistic: 'p95' }))),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Concurrent executions',
            left: labelled(
              byStage((s) =>
                s.function.metric('ConcurrentExecutions', { period: PERIOD, statistic: 'Maximum' }),
              ),
            ),
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Table throttled requests',
            left: [
              props.table.metricThrottledRequestsForOperations({ period: PERIOD }),
              props.table.metric('WriteThrottleEvents', { period: PERIOD, statistic: 'Sum' }),
              props.table.metric('ReadThrottleEvents', { period: PERIOD, statistic: 'Sum' }),
            ],
            width: 12,
          }),
          new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms, width: 12 }),
        ],
        ...(props.queryApi ? [queryApiRow(props.queryApi)] : []),
      ],
    });
  }
}

/** The dashboard API: requests and errors by class, latency, and the query function's health. */
function queryApiRow(queryApi: QueryApi): cloudwatch.IWidget[] {
  const sum = { period: PERIOD, statistic: 'Sum' } as const;
  const fn = queryApi.handler.function;
  return [
    new cloudwatch.GraphWidget({
      title: 'Dashboard API requests, 4xx, 5xx',
      left: [
        queryApi.api.metricCount({ ...sum, label: 'requests' }),
        queryApi.api.metricClientError({ ...sum, label: '4xx' }),
        queryApi.api.metricServerError({ ...sum, label: '5xx' }),
      ],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Dashboard API latency p95 (ms)',
      left: [
        queryApi.api.metricLatency({ period: PERIOD, statistic: 'p95', label: 'API' }),
        queryApi.api.metricIntegrationLatency({ period: PERIOD, statistic: 'p95', label: 'query function' }),
      ],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Query function errors and throttles',
      left: [fn.metricErrors({ ...sum, label: 'errors' })],
      right: [fn.metricThrottles({ ...sum, label: 'throttles' })],
      width: 8,
    }),
  ];
}
