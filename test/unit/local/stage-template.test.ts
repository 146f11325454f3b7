import {
  bucketNotifications,
  bucketSpecs,
  type CfnTemplate,
  eventSourceMappings,
  functionSpecs,
  loadStageTemplate,
  localName,
  queueSpecs,
  referencedLogicalId,
  tableSpec,
} from '../../../local/stage-template';
import { pipelineStageOf, resolveEnvironment } from '../../../local/local-stack';

const path = (p: string) => ({ 'aws:cdk:path': p });

/** The shapes CDK synthesizes (trimmed): TableV2, a queue with its DLQ, a notified bucket, a function and its mapping. */
const TEMPLATE: CfnTemplate = {
  Resources: {
    IngestDlq1: { Type: 'AWS::SQS::Queue', Metadata: path('App-Dev/Ingest/DeadLetterQueue/Resource') },
    IngestQueue2: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        VisibilityTimeout: 181,
        MessageRetentionPeriod: 1209600,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['IngestDlq1', 'Arn'] }, maxReceiveCount: 4 },
      },
      Metadata: path('App-Dev/Ingest/Queue/Resource'),
    },
    Drop3: {
      Type: 'AWS::S3::Bucket',
      Properties: { VersioningConfiguration: { Status: 'Enabled' } },
      Metadata: path('App-Dev/Drop/Bucket/Resource'),
    },
    DropNotifications4: {
      Type: 'Custom::S3BucketNotifications',
      Properties: {
        BucketName: { Ref: 'Drop3' },
        NotificationConfiguration: {
          QueueConfigurations: [
            {
              Events: ['s3:ObjectCreated:*'],
              QueueArn: { 'Fn::GetAtt': ['IngestQueue2', 'Arn'] },
              Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/' }] } },
            },
          ],
        },
      },
    },
    Table5: {
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: {
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'g1', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byG1',
            KeySchema: [{ AttributeName: 'g1', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      },
      Metadata: path('App-Dev/Data/Table/Resource'),
    },
    Fn6: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Timeout: 30,
        MemorySize: 512,
        Environment: {
          Variables: {
            POWERTOOLS_SERVICE_NAME: 'parse',
            QUEUE: { Ref: 'IngestQueue2' },
            TABLE: { Ref: 'Table5' },
            LIMIT: '10',
          },
        },
      },
      Metadata: path('App-Dev/Parse/Handler/Function/Resource'),
    },
    Mapping7: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['IngestQueue2', 'Arn'] },
        FunctionName: { Ref: 'Fn6' },
        BatchSize: 5,
        MaximumBatchingWindowInSeconds: 2,
        ScalingConfig: { MaximumConcurrency: 3 },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    },
  },
};

describe('stage template readers', () => {
  it('reads the table from an AWS::DynamoDB::GlobalTable: keys, indexes, TTL', () => {
    expect(tableSpec(TEMPLATE)).toStrictEqual({
      logicalId: 'Table5',
      name: 'App-Dev-Data-Table',
      keySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      attributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'g1', AttributeType: 'S' },
      ],
      globalSecondaryIndexes: [
        {
          IndexName: 'byG1',
          KeySchema: [{ AttributeName: 'g1', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      localSecondaryIndexes: [],
      ttlAttribute: 'ttl',
      streamViewType: null,
    });
  });

  it('lists dead-letter queues first and resolves the redrive target to a logical id', () => {
    expect(queueSpecs(TEMPLATE)).toStrictEqual([
      {
        logicalId: 'IngestDlq1',
        name: 'App-Dev-Ingest-DeadLetterQueue',
        attributes: {},
        visibilityTimeoutSeconds: 30,
        redrive: null,
      },
      {
        logicalId: 'IngestQueue2',
        name: 'App-Dev-Ingest-Queue',
        attributes: { VisibilityTimeout: '181', MessageRetentionPeriod: '1209600' },
        visibilityTimeoutSeconds: 181,
        redrive: { deadLetterQueueLogicalId: 'IngestDlq1', maxReceiveCount: 4 },
      },
    ]);
  });

  it('names buckets by their construct path in lower case', () => {
    expect(bucketSpecs(TEMPLATE)).toStrictEqual([
      { logicalId: 'Drop3', name: 'app-dev-drop-bucket', versioned: true },
    ]);
  });

  it('reads which bucket notifies which queue, with filters', () => {
    expect(bucketNotifications(TEMPLATE)).toStrictEqual([
      {
        bucketLogicalId: 'Drop3',
        queueLogicalId: 'IngestQueue2',
        events: ['s3:ObjectCreated:*'],
        prefix: 'in/',
        suffix: null,
      },
    ]);
  });

  it('reads event source mappings: batch size, window, concurrency, partial batch responses', () => {
    expect(eventSourceMappings(TEMPLATE)).toStrictEqual([
      {
        logicalId: 'Mapping7',
        functionLogicalId: 'Fn6',
        queueLogicalId: 'IngestQueue2',
        batchSize: 5,
        maximumBatchingWindowSeconds: 2,
        maximumConcurrency: 3,
        reportBatchItemFailures: true,
      },
    ]);
  });

  it('reads functions and resolves their environment references to local values', () => {
    const [fn] = functionSpecs(TEMPLATE);
    expect(fn).toMatchObject({
      logicalId: 'Fn6',
      path: 'Parse/Handler/Function',
      timeoutSeconds: 30,
      memoryMb: 512,
    });
    expect(pipelineStageOf(fn!)).toBe('parse');
    const refs = new Map([
      ['IngestQueue2', 'http://local/queue'],
      ['Table5', 'local-table'],
    ]);
    expect(resolveEnvironment(fn!, refs)).toStrictEqual({
      POWERTOOLS_SERVICE_NAME: 'parse',
      QUEUE: 'http://local/queue',
      TABLE: 'local-table',
      LIMIT: '10',
    });
    expect(() => resolveEnvironment(fn!, new Map())).toThrow(/Cannot resolve QUEUE/);
  });

  it('understands both Ref and Fn::GetAtt forms', () => {
    expect(referencedLogicalId({ Ref: 'A' })).toBe('A');
    expect(referencedLogicalId({ 'Fn::GetAtt': ['B', 'Arn'] })).toBe('B');
    expect(referencedLogicalId({ 'Fn::GetAtt': 'C.Arn' })).toBe('C');
    expect(referencedLogicalId('literal')).toBeNull();
  });

  it('shapes names to each service: bucket names lower case and at most 63 characters', () => {
    const long: CfnTemplate = {
      Resources: {
        B: { Type: 'AWS::S3::Bucket', Metadata: path(`App/${'Very'.repeat(20)}_Long/Bucket/Resource`) },
      },
    };
    const name = localName(long, 'B', 'bucket');
    expect(name).toMatch(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
  });

  it('fails clearly when the template has no table or several', () => {
    expect(() => tableSpec({ Resources: {} })).toThrow('Expected exactly one DynamoDB table, found 0');
  });
});

describe('the dev stage template', () => {
  const template = loadStageTemplate('dev');

  it('wires drop bucket → parse → enrich → store, each queue with a dead-letter queue', () => {
    const queues = new Map(queueSpecs(template).map((q) => [q.logicalId, q]));
    const functions = new Map(functionSpecs(template).map((f) => [f.logicalId, f]));
    const stages = eventSourceMappings(template).map((m) => ({
      stage: pipelineStageOf(functions.get(m.functionLogicalId)!),
      queue: queues.get(m.queueLogicalId)!,
      mapping: m,
    }));
    expect(stages.map((s) => s.stage).sort()).toEqual(['enrich', 'parse', 'store']);
    for (const { queue, mapping } of stages) {
      expect(queue.redrive).not.toBeNull();
      expect(mapping.reportBatchItemFailures).toBe(true);
      expect(mapping.maximumConcurrency).toBeGreaterThanOrEqual(2);
    }
    const parseQueue = stages.find((s) => s.stage === 'parse')!.queue;
    const notification = bucketNotifications(template).find((n) => n.events.includes('s3:ObjectCreated:*'));
    expect(notification?.queueLogicalId).toBe(parseQueue.logicalId);
  });

  it('has one table keyed pk/sk with the three GSIs and TTL', () => {
    const table = tableSpec(template);
    expect(table.keySchema).toStrictEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table.globalSecondaryIndexes.map((i) => i.IndexName)).toStrictEqual(['gsi1', 'gsi2', 'gsi3']);
    expect(table.ttlAttribute).toBe('expiresAt');
  });

  it('rejects an unknown stage with the list of valid ones', () => {
    expect(() => loadStageTemplate('qa')).toThrow(/Unknown stage 'qa'/);
  });
});
