import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { synthStage, testApp } from './synth';

describe('cdk-nag AwsSolutions checks', () => {
  it('fail synthesis on an unacknowledged finding (so a passing synth means zero errors)', () => {
    const app = testApp();
    const stack = new Stack(app, 'Careless');
    new sqs.Queue(stack, 'PlainQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });

    let report = '';
    try {
      app.synth();
    } catch (error) {
      report = (error as Error).message;
    }
    expect(report.match(/AwsSolutions-SQS\d/g)).toStrictEqual([
      'AwsSolutions-SQS2',
      'AwsSolutions-SQS3',
      'AwsSolutions-SQS4',
    ]);
  });

  it.each(['dev', 'staging', 'prod'] as const)('pass for the %s stack', (stage) => {
    expect(() => synthStage(stage)).not.toThrow();
  });

  /** Every acknowledgement in the tree under `root`: rule id, where, and why. */
  const acknowledgements = (root: IConstruct) =>
    root.node.findAll().flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([rule, reason]) => ({
            rule: rule.replace(/^annotation::/i, ''),
            path: c.node.path,
            reason,
          })),
        ),
    );

  it.each(['dev', 'staging', 'prod'] as const)('give a reason for every %s acknowledgement', (stage) => {
    const found = acknowledgements(synthStage(stage).stack);
    expect(found.length).toBeGreaterThan(0);
    for (const { reason } of found) expect(reason.length).toBeGreaterThan(40);
  });

  it('acknowledge exactly these dashboard findings (a new one is a decision, made here)', () => {
    const { stack } = synthStage('prod');
    const dashboard = acknowledgements(stack)
      .filter((a) => /\/(Dashboard|Analysts|QueryApi|Custom::CDKBucketDeployment)/.test(a.path))
      .map((a) => `${a.path.split('/').slice(1).join('/')} ${a.rule}`)
      .map((line) => line.replace(/CDKBucketDeployment[0-9A-F]+/, 'CDKBucketDeployment…'))
      .sort();
    expect(dashboard).toStrictEqual([
      'Custom::CDKBucketDeployment…MiB AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'Custom::CDKBucketDeployment…MiB AwsSolutions-IAM5[Action::s3:Abort*]',
      'Custom::CDKBucketDeployment…MiB AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'Custom::CDKBucketDeployment…MiB AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'Custom::CDKBucketDeployment…MiB AwsSolutions-IAM5[Action::s3:GetObject*]',
      'Custom::CDKBucketDeployment…MiB AwsSolutions-IAM5[Action::s3:List*]',
      'Custom::CDKBucketDeployment…MiB AwsSolutions-IAM5[Resource::*]',
      'Custom::CDKBucketDeployment…MiB AwsSolutions-IAM5[Resource::<DashboardBucketA782FB5B.Arn>/*]',
      'Custom::CDKBucketDeployment…MiB AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-123456789012-us-east-1/*]',
      'Custom::CDKBucketDeployment…MiB AwsSolutions-L1',
      'Dashboard/AccessLogs AwsSolutions-S1',
      'Dashboard/Distribution AwsSolutions-CFR1',
      'Dashboard/Distribution AwsSolutions-CFR2',
      'Dashboard/Distribution AwsSolutions-CFR4',
      'QueryApi/Handler/Role AwsSolutions-IAM5[Resource::*]',
    ]);
  });

  it('pass on a custom dashboard domain, where the viewer TLS policy needs no acknowledgement', () => {
    const { stack } = synthStage('prod', {
      dashboardDomain: 'dateline.example.com',
      dashboardCertificateArn:
        'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8899-aabbccddeeff',
    });
    expect(acknowledgements(stack).map((a) => a.rule)).not.toContain('AwsSolutions-CFR4');
  });

  it('pass with the alarm topic configured', () => {
    expect(() => synthStage('prod', { alarmEmail: 'ops@example.com' })).not.toThrow();
  });
});
