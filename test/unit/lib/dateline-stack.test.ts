import { Match } from 'aws-cdk-lib/assertions';
import { INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../../lambdas/core/table-schema';
import { ENV } from '../../../lambdas/aws/environment';
import { PIPELINE_STAGES, stageConfig } from '../../../lib/config';
import { MAX_MESSAGE_BYTES } from '../../../lib/pipeline-stage';
import { logicalId, synthStage, type Synthesized } from './synth';

type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }
>;

const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

describe.each(['dev', 'prod'] as const)('Dateline stack (%s)', (stageName) => {
  const config = stageConfig(stageName);
  let synth: Synthesized;
  let resources: Resources;
  beforeAll(() => {
    synth = synthStage(stageName);
    resources = synth.template.toJSON().Resources as Resources;
  });
  const stageOf = (name: (typeof PIPELINE_STAGES)[number]) => synth.stack[name];

  describe('drop bucket', () => {
    it('is private, encrypted, versioned, owner-enforced and logs access to its own log bucket', () => {
      synth.template.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: logicalId(synth.stack, synth.stack.drop.accessLogs) },
        },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({
              NoncurrentVersionExpiration: { NoncurrentDays: config.noncurrentVersionExpiration.toDays() },
              Status: 'Enabled',
            }),
          ]),
        },
      });
    });

    it('denies every request not made over TLS 1.2 or later', () => {
      synth.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalId(synth.stack, synth.stack.drop.bucket) },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
            }),
          ]),
        },
      });
    });

    it('sends ObjectCreated and ObjectRemoved events to the parse queue, and S3 may send to it', () => {
      const parseQueue = logicalId(synth.stack, stageOf('parse').queue);
      synth.template.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: logicalId(synth.stack, synth.stack.drop.bucket) },
        NotificationConfiguration: {
          QueueConfigurations: [
            { Events: ['s3:ObjectCreated:*'], QueueArn: arnOf(parseQueue) },
            { Events: ['s3:ObjectRemoved:*'], QueueArn: arnOf(parseQueue) },
          ],
        },
      });
      synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: parseQueue }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 's3.amazonaws.com' },
              Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
              Condition: {
                ArnLike: { 'aws:SourceArn': arnOf(logicalId(synth.stack, synth.stack.drop.bucket)) },
              },
            }),
          ]),
        },
      });
    });

    it(`is ${config.removal === 'destroy' ? 'emptied and deleted' : 'retained'} with the stack`, () => {
      const drop = resources[logicalId(synth.stack, synth.stack.drop.bucket)];
      expect(drop?.DeletionPolicy).toBe(config.removal === 'destroy' ? 'Delete' : 'Retain');
      const autoDelete = Object.values(resources).filter((r) => r.Type === 'Custom::S3AutoDeleteObjects');
      expect(autoDelete.map((r) => r.Properties?.BucketName)).toStrictEqual(
        config.removal === 'destroy'
          ? [
              { Ref: logicalId(synth.stack, synth.stack.drop.accessLogs) },
              { Ref: logicalId(synth.stack, synth.stack.drop.bucket) },
              { Ref: logicalId(synth.stack, synth.stack.artifacts.bucket) },
              { Ref: logicalId(synth.stack, synth.stack.site.accessLogs) },
              { Ref: logicalId(synth.stack, synth.stack.site.bucket) },
            ]
          : [],
      );
    });
  });

  describe('artifacts bucket', () => {
    it('is private, expires claim checks (not article bodies), and has no notifications', () => {
      const id = logicalId(synth.stack, synth.stack.artifacts.bucket);
      expect(resources[id]?.Properties).toMatchObject({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
        LifecycleConfiguration: {
          Rules: [
            expect.objectContaining({
              Prefix: 'claim-checks/',
              ExpirationInDays: config.claimCheckExpiration.toDays(),
              Status: 'Enabled',
            }),
            expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
          ],
        },
      });
      const notified = Object.values(resources)
        .filter((r) => r.Type === 'Custom::S3BucketNotifications')
        .map((r) => r.Properties?.BucketName);
      expect(notified).toStrictEqual([{ Ref: logicalId(synth.stack, synth.stack.drop.bucket) }]);
    });
  });

  describe.each(PIPELINE_STAGES)('%s stage', (name) => {
    const settings = config.functions[name];

    it('has an SSE-SQS, TLS-only queue that dead-letters after the configured receives', () => {
      const stage = stageOf(name);
      synth.template.hasResourceProperties('AWS::SQS::Queue', {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
        MaximumMessageSize: MAX_MESSAGE_BYTES,
        VisibilityTimeout: 6 * settings.timeout.toSeconds() + settings.maxBatchingWindow.toSeconds(),
        RedrivePolicy: {
          deadLetterTargetArn: arnOf(logicalId(synth.stack, stage.deadLetterQueue)),
          maxReceiveCount: config.dlqMaxReceiveCount,
        },
      });
      const dlq = resources[logicalId(synth.stack, stage.deadLetterQueue)]?.Properties;
      expect(dlq).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
      synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalId(synth.stack, stage.queue) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('consumes its queue with partial batch responses, batch size, window and max concurrency from config', () => {
      const stage = stageOf(name);
      synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: arnOf(logicalId(synth.stack, stage.queue)),
        FunctionName: { Ref: logicalId(synth.stack, stage.function) },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: settings.batchSize,
        MaximumBatchingWindowInSeconds: settings.maxBatchingWindow.toSeconds(),
        ScalingConfig: { MaximumConcurrency: settings.maxConcurrency },
      });
    });

    it('runs on Node.js 24 arm64 with tracing, JSON logs and source maps', () => {
      const stage = stageOf(name);
      const fn = resources[logicalId(synth.stack, stage.function)]?.Properties;
      expect(fn).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: settings.memoryMiB,
        Timeout: settings.timeout.toSeconds(),
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: {
          LogFormat: 'JSON',
          ApplicationLogLevel: config.logLevel,
          LogGroup: { Ref: logicalId(synth.stack, stage.handler.logGroup) },
        },
        Environment: {
          Variables: expect.objectContaining({
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_SERVICE_NAME: name,
            POWERTOOLS_METRICS_NAMESPACE: 'Dateline',
          }),
        },
      });
      expect(resources[logicalId(synth.stack, stage.handler.logGroup)]?.Properties).toStrictEqual({
        RetentionInDays: config.logRetention,
      });
    });

    it('alarms on dead letters, message age, errors and throttles', () => {
      const stage = stageOf(name);
      const alarms = Object.values(resources)
        .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
        .map((r) => r.Properties ?? {});
      const on = (metricName: string, dimension: Record<string, unknown>) =>
        alarms.filter(
          (a) =>
            a.MetricName === metricName && JSON.stringify(a.Dimensions).includes(JSON.stringify(dimension)),
        );
      expect(
        on('ApproximateNumberOfMessagesVisible', {
          'Fn::GetAtt': [logicalId(synth.stack, stage.deadLetterQueue), 'QueueName'],
        }),
      ).toEqual([
        expect.objectContaining({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }),
      ]);
      expect(
        on('ApproximateAgeOfOldestMessage', {
          'Fn::GetAtt': [logicalId(synth.stack, stage.queue), 'QueueName'],
        }),
      ).toEqual([expect.objectContaining({ Threshold: config.oldestMessageAgeAlarm.toSeconds() })]);
      const fnRef = { Ref: logicalId(synth.stack, stage.function) };
      expect(on('Errors', fnRef)).toEqual([expect.objectContaining({ Threshold: 1 })]);
      expect(on('Throttles', fnRef)).toEqual([expect.objectContaining({ Threshold: 1 })]);
    });
  });

  describe('least privilege', () => {
    type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
    const statementsOf = (stage: (typeof PIPELINE_STAGES)[number]): Statement[] => {
      const role = logicalId(synth.stack, synth.stack[stage].handler.role);
      return Object.values(resources)
        .filter(
          (r) =>
            r.Type === 'AWS::IAM::Policy' &&
            JSON.stringify(r.Properties?.Roles) === JSON.stringify([{ Ref: role }]),
        )
        .flatMap((r) => (r.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
    };
    const actionsOf = (stage: (typeof PIPELINE_STAGES)[number]) =>
      statementsOf(stage).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

    it("grants no wildcard action to any role of the stack but CDK's own BucketDeployment function", () => {
      // CDK's BucketDeployment singleton gets CDK's bucket grants (s3:GetObject*, s3:List*, …); see
      // dashboard.test.ts for what it may touch.
      const actions = Object.entries(resources)
        .filter(([id, r]) => r.Type === 'AWS::IAM::Policy' && !id.startsWith('CustomCDKBucketDeployment'))
        .map(([, r]) => r)
        .flatMap((r) => (r.Properties?.PolicyDocument as { Statement: Statement[] }).Statement)
        .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
      expect(actions.filter((a) => a.includes('*'))).toStrictEqual([]);
    });

    it('lets parse read the drop bucket and send to the enrich queue, and nothing of the table', () => {
      const statements = statementsOf('parse');
      const drop = logicalId(synth.stack, synth.stack.drop.bucket);
      expect(statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Resource: { 'Fn::Join': ['', [arnOf(drop), '/*']] },
          }),
          expect.objectContaining({ Action: 's3:ListBucket', Resource: arnOf(drop) }),
          expect.objectContaining({
            Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
            Resource: arnOf(logicalId(synth.stack, synth.stack.enrich.queue)),
          }),
        ]),
      );
      expect(actionsOf('parse').filter((a) => a.startsWith('dynamodb:'))).toStrictEqual([]);
      expect(actionsOf('parse')).not.toContain('s3:PutObject*');
    });

    it('lets enrich send to the store queue only, and neither read the drop bucket nor touch the table', () => {
      expect(statementsOf('enrich')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
            Resource: arnOf(logicalId(synth.stack, synth.stack.store.queue)),
          }),
        ]),
      );
      const dropArn = JSON.stringify(arnOf(logicalId(synth.stack, synth.stack.drop.bucket)));
      expect(JSON.stringify(statementsOf('enrich'))).not.toContain(dropArn);
      expect(actionsOf('enrich').filter((a) => a.startsWith('dynamodb:'))).toStrictEqual([]);
    });

    it('lets store write the table and its named indexes, and send to no queue', () => {
      const table = arnOf(logicalId(synth.stack, synth.stack.table.table));
      expect(statementsOf('store')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Action: expect.arrayContaining([
              'dynamodb:PutItem',
              'dynamodb:UpdateItem',
              'dynamodb:DeleteItem',
              'dynamodb:BatchWriteItem',
            ]),
            Resource: [
              table,
              ...Object.values(INDEXES).map((i) => ({ 'Fn::Join': ['', [table, `/index/${i.name}`]] })),
            ],
          }),
        ]),
      );
      expect(actionsOf('store').filter((a) => a.startsWith('sqs:Send'))).toStrictEqual([]);
    });

    it('lets parse and enrich write claim checks, enrich and store read them, and store keep article bodies', () => {
      const artifacts = arnOf(logicalId(synth.stack, synth.stack.artifacts.bucket));
      const under = (prefix: string) => ({ 'Fn::Join': ['', [artifacts, `/${prefix}*`]] });
      const s3Statements = (stage: (typeof PIPELINE_STAGES)[number]) =>
        statementsOf(stage)
          .filter((st) => JSON.stringify(st.Resource).includes(JSON.stringify(artifacts)))
          .map((st) => ({ Action: st.Action, Resource: st.Resource }));
      expect(s3Statements('parse')).toStrictEqual([
        { Action: 's3:PutObject', Resource: under('claim-checks/') },
      ]);
      expect(s3Statements('enrich')).toStrictEqual([
        { Action: ['s3:GetObject', 's3:PutObject'], Resource: under('claim-checks/') },
      ]);
      expect(s3Statements('store')).toStrictEqual([
        { Action: 's3:GetObject', Resource: under('claim-checks/') },
        { Action: ['s3:DeleteObject', 's3:PutObject'], Resource: under('article-bodies/') },
      ]);
    });

    it('gives each stage the environment its handler reads', () => {
      const env = (stage: (typeof PIPELINE_STAGES)[number]) =>
        (
          resources[logicalId(synth.stack, synth.stack[stage].function)]?.Properties?.Environment as {
            Variables: Record<string, unknown>;
          }
        ).Variables;
      const artifacts = { Ref: logicalId(synth.stack, synth.stack.artifacts.bucket) };
      expect(env('parse')).toMatchObject({
        [ENV.nextQueueUrl]: { Ref: logicalId(synth.stack, synth.stack.enrich.queue) },
        [ENV.artifactsBucket]: artifacts,
        [ENV.maxFileBytes]: String(config.maxFileBytes),
      });
      expect(env('enrich')).toMatchObject({
        [ENV.nextQueueUrl]: { Ref: logicalId(synth.stack, synth.stack.store.queue) },
        [ENV.artifactsBucket]: artifacts,
      });
      expect(env('store')).toMatchObject({
        [ENV.tableName]: { Ref: logicalId(synth.stack, synth.stack.table.table) },
        [ENV.artifactsBucket]: artifacts,
      });
    });
  });

  describe('table', () => {
    it('takes its keys, indexes and TTL attribute from the shared table schema, on demand and encrypted', () => {
      synth.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: [
          { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        GlobalSecondaryIndexes: Object.values(INDEXES).map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      });
    });

    it(`has point-in-time recovery ${config.pointInTimeRecovery ? 'on' : 'off'} and deletion protection ${config.deletionProtection ? 'on' : 'off'}`, () => {
      synth.template.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: config.removal === 'destroy' ? 'Delete' : 'Retain',
        Properties: Match.objectLike({
          Replicas: [
            Match.objectLike({
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: config.pointInTimeRecovery },
              DeletionProtectionEnabled: config.deletionProtection,
            }),
          ],
        }),
      });
    });
  });

  describe('ops', () => {
    it('has one dashboard and no alarm topic without an e-mail', () => {
      expect(Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard')).toHaveLength(1);
      expect(Object.values(resources).filter((r) => r.Type === 'AWS::SNS::Topic')).toStrictEqual([]);
    });

    it('outputs the bucket, table, queue URLs and dashboard name', () => {
      const outputs = synth.template.toJSON().Outputs as Record<string, { Value: unknown }>;
      expect(outputs).toMatchObject({
        DropBucketName: { Value: { Ref: logicalId(synth.stack, synth.stack.drop.bucket) } },
        TableName: { Value: { Ref: logicalId(synth.stack, synth.stack.table.table) } },
        ParseQueueUrl: { Value: { Ref: logicalId(synth.stack, synth.stack.parse.queue) } },
        EnrichQueueUrl: { Value: { Ref: logicalId(synth.stack, synth.stack.enrich.queue) } },
        StoreQueueUrl: { Value: { Ref: logicalId(synth.stack, synth.stack.store.queue) } },
        DashboardName: { Value: { Ref: logicalId(synth.stack, synth.stack.ops.dashboard) } },
      });
    });

    it('hard-codes no physical names, so two stages can share an account', () => {
      const named = Object.values(resources).filter(
        (r) =>
          (r.Type === 'AWS::S3::Bucket' && r.Properties?.BucketName) ||
          (r.Type === 'AWS::SQS::Queue' && r.Properties?.QueueName) ||
          (r.Type === 'AWS::DynamoDB::GlobalTable' && r.Properties?.TableName) ||
          (r.Type === 'AWS::Lambda::Function' && r.Properties?.FunctionName) ||
          (r.Type === 'AWS::CloudWatch::Dashboard' && r.Properties?.DashboardName),
      );
      expect(named).toStrictEqual([]);
    });
  });
});

describe('alarm notifications', () => {
  it('send every alarm and its recovery to an SNS topic with an e-mail subscription when an address is configured', () => {
    const { template } = synthStage('prod', { alarmEmail: 'ops@example.com' });
    const topics = template.findResources('AWS::SNS::Topic');
    const [topicId] = Object.keys(topics);
    expect(topicId).toBeDefined();
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: topicId },
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        AlarmActions: [{ Ref: topicId }],
        OKActions: [{ Ref: topicId }],
      });
    }
  });
});
