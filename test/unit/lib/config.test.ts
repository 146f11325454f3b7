import { Duration } from 'aws-cdk-lib';
import { LEASE_MS } from '../../../lambdas/aws/article-store';
import { PIPELINE_STAGES, STAGE_NAMES, stackId, stageConfig } from '../../../lib/config';
import { visibilityTimeoutFor } from '../../../lib/pipeline-stage';

describe('stage config', () => {
  it('names the valid stages when asked for an unknown one', () => {
    expect(() => stageConfig('qa')).toThrow("Unknown stage 'qa'. Valid stages: dev, staging, prod.");
  });

  it('tears dev down cleanly and keeps prod data, protected from deletion', () => {
    expect(stageConfig('dev')).toMatchObject({
      removal: 'destroy',
      deletionProtection: false,
      pointInTimeRecovery: false,
    });
    expect(stageConfig('staging')).toMatchObject({ removal: 'retain', pointInTimeRecovery: true });
    expect(stageConfig('prod')).toMatchObject({
      removal: 'retain',
      deletionProtection: true,
      pointInTimeRecovery: true,
    });
  });

  it('has no alarm e-mail unless one is given', () => {
    expect(stageConfig('prod').alarmEmail).toBeUndefined();
    expect(stageConfig('prod', { alarmEmail: 'ops@example.com' }).alarmEmail).toBe('ops@example.com');
    expect(() => stageConfig('prod', { alarmEmail: 'ops-at-example' })).toThrow(
      "alarmEmail 'ops-at-example' is not an e-mail address.",
    );
  });

  it('takes a custom dashboard domain with its us-east-1 ACM certificate, both or neither', () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8899-aabbccddeeff';
    expect(stageConfig('prod').dashboard.customDomain).toBeUndefined();
    expect(
      stageConfig('prod', { dashboardDomain: ' Dash.Example.com ', dashboardCertificateArn: arn }).dashboard
        .customDomain,
    ).toStrictEqual({ domainName: 'dash.example.com', certificateArn: arn });
    expect(() => stageConfig('prod', { dashboardDomain: 'dash.example.com' })).toThrow(
      'dashboardDomain and dashboardCertificateArn go together: give both or neither.',
    );
    expect(() =>
      stageConfig('prod', { dashboardDomain: 'https://dash.example.com/', dashboardCertificateArn: arn }),
    ).toThrow("dashboardDomain 'https://dash.example.com/' is not a host name.");
    expect(() =>
      stageConfig('prod', {
        dashboardDomain: 'dash.example.com',
        dashboardCertificateArn: arn.replace('us-east-1', 'eu-west-1'),
      }),
    ).toThrow(/is not an ACM certificate ARN in us-east-1/);
  });

  it.each(STAGE_NAMES)(
    'keeps the %s dashboard API within what API Gateway and the sign-in accept',
    (stage) => {
      const { dashboard } = stageConfig(stage);
      expect(dashboard.apiBurstLimit).toBeGreaterThanOrEqual(dashboard.apiRateLimit);
      expect(dashboard.queryFunction.timeout.toSeconds()).toBeLessThan(30);
      // Cognito domain prefixes: lower-case letters, digits, hyphens; never "aws", "amazon" or "cognito".
      expect(dashboard.authDomainPrefix).toMatch(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
      expect(dashboard.authDomainPrefix).not.toMatch(/aws|amazon|cognito/);
      // With the 12-digit account id and its hyphen appended, within Cognito's 63 characters.
      expect(dashboard.authDomainPrefix.length + 13).toBeLessThanOrEqual(63);
    },
  );

  it.each(STAGE_NAMES)('keeps every %s event source within the limits SQS and Lambda accept', (stage) => {
    for (const name of PIPELINE_STAGES) {
      const fn = stageConfig(stage).functions[name];
      expect(fn.maxConcurrency).toBeGreaterThanOrEqual(2);
      expect(fn.maxConcurrency).toBeLessThanOrEqual(1000);
      expect(fn.batchSize).toBeGreaterThanOrEqual(1);
      // Above 10 records a batching window is mandatory; the window is at most 5 minutes.
      if (fn.batchSize > 10) expect(fn.maxBatchingWindow.toSeconds()).toBeGreaterThan(0);
      expect(fn.maxBatchingWindow.toSeconds()).toBeLessThanOrEqual(300);
      // 6 × timeout + window must fit SQS's 12-hour visibility ceiling.
      expect(6 * fn.timeout.toSeconds() + fn.maxBatchingWindow.toSeconds()).toBeLessThanOrEqual(
        Duration.hours(12).toSeconds(),
      );
    }
  });

  it('keeps claim checks longer than a message can live in a queue and its dead-letter queue (14 days)', () => {
    for (const stage of STAGE_NAMES)
      expect(stageConfig(stage).claimCheckExpiration.toDays()).toBeGreaterThan(14);
  });

  it.each(STAGE_NAMES)(
    "lets a %s store message outlive a crashed writer's article lease before it is dead-lettered",
    (stage) => {
      const config = stageConfig(stage);
      const store = config.functions.store;
      // A live writer finishes within its timeout, so it never loses the lease mid-write…
      expect(store.timeout.toMilliseconds()).toBeLessThan(LEASE_MS);
      // …and a revision blocked by a dead writer's lease is still receivable after the lease expires.
      const receivableMs =
        config.dlqMaxReceiveCount *
        visibilityTimeoutFor(store.timeout, store.maxBatchingWindow).toMilliseconds();
      expect(receivableMs).toBeGreaterThan(LEASE_MS);
    },
  );

  it('puts the stage in the stack id only', () => {
    expect(STAGE_NAMES.map(stackId)).toStrictEqual(['Dateline-Dev', 'Dateline-Staging', 'Dateline-Prod']);
  });
});
