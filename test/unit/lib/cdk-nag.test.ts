import { Stack } from 'aws-cdk-lib';
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

  it('pass with the alarm topic configured', () => {
    expect(() => synthStage('prod', { alarmEmail: 'ops@example.com' })).not.toThrow();
  });
});
