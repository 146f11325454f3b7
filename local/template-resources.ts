/**
 * Creates the stage's table, queues and buckets on the local emulators from the synthesized template, so a
 * change to the CDK code changes the local stack with it. All functions are idempotent (a persisted table is
 * reused when its shape matches).
 *
 *   loadStageTemplate(stage = 'dev'): CfnTemplate                                  (re-exported from stage-template)
 *   provisionTable(client: DynamoDBClient, template: CfnTemplate, options?: { tableName?: string; logicalId?: string })
 *     : Promise<string>                                                             (the table name)
 *   provisionQueues(sqs: SQSClient, template: CfnTemplate): Promise<Map<string, LocalQueue>>   (by logical id)
 *   provisionBuckets(s3: S3Client, template: CfnTemplate): Promise<Map<string, LocalBucket>>   (by logical id)
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  bucketSpecs,
  type BucketSpec,
  type CfnTemplate,
  type IndexSpec,
  queueSpecs,
  type QueueSpec,
  tableSpec,
  type TableSpec,
} from './stage-template';

export { loadStageTemplate } from './stage-template';
export type { CfnTemplate } from './stage-template';

export interface LocalQueue {
  readonly spec: QueueSpec;
  readonly url: string;
  readonly arn: string;
}

export interface LocalBucket {
  readonly spec: BucketSpec;
  readonly name: string;
}

function createTableInput(spec: TableSpec, tableName: string): CreateTableCommandInput {
  const index = (i: IndexSpec) => ({
    IndexName: i.IndexName,
    KeySchema: i.KeySchema,
    Projection: i.Projection,
  });
  return {
    TableName: tableName,
    KeySchema: spec.keySchema,
    AttributeDefinitions: spec.attributeDefinitions,
    // Capacity has no meaning on DynamoDB Local; on-demand needs no throughput numbers.
    BillingMode: 'PAY_PER_REQUEST',
    ...(spec.globalSecondaryIndexes.length > 0 && {
      GlobalSecondaryIndexes: spec.globalSecondaryIndexes.map(index),
    }),
    ...(spec.localSecondaryIndexes.length > 0 && {
      LocalSecondaryIndexes: spec.localSecondaryIndexes.map(index),
    }),
    ...(spec.streamViewType && {
      StreamSpecification: {
        StreamEnabled: true,
        StreamViewType: spec.streamViewType as 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY',
      },
    }),
  };
}

function keySignature(keys: readonly { AttributeName?: string; KeyType?: string }[] | undefined): string {
  return (keys ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(',');
}

async function describeTable(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? null;
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return null;
    throw err;
  }
}

/**
 * Creates the template's table (keys, GSIs, TTL) and waits until it is ACTIVE. An existing table (a persisted
 * one) is kept if its keys and indexes match the template; otherwise this fails rather than mix two shapes.
 */
export async function provisionTable(
  client: DynamoDBClient,
  template: CfnTemplate,
  options: { readonly tableName?: string; readonly logicalId?: string } = {},
): Promise<string> {
  const spec = tableSpec(template, options.logicalId);
  const tableName = options.tableName ?? spec.name;
  const existing = await describeTable(client, tableName);
  if (existing) {
    const want = [
      keySignature(spec.keySchema),
      ...spec.globalSecondaryIndexes.map((i) => `${i.IndexName}(${keySignature(i.KeySchema)})`).sort(),
    ];
    const have = [
      keySignature(existing.KeySchema),
      ...(existing.GlobalSecondaryIndexes ?? [])
        .map((i) => `${i.IndexName}(${keySignature(i.KeySchema)})`)
        .sort(),
    ];
    if (want.join(' ') !== have.join(' ')) {
      throw new Error(
        `Table ${tableName} exists with another shape (${have.join(' ')}) than the template's (${want.join(' ')}). ` +
          'Delete the persisted data folder to start over.',
      );
    }
    return tableName;
  }
  await client.send(new CreateTableCommand(createTableInput(spec, tableName)));
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: tableName });
  if (spec.ttlAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true },
      }),
    );
  }
  return tableName;
}

/**
 * Creates every queue with the template's attributes; a RedrivePolicy's Fn::GetAtt is resolved to the local
 * dead-letter queue's ARN, maxReceiveCount is kept.
 */
export async function provisionQueues(
  sqs: SQSClient,
  template: CfnTemplate,
): Promise<Map<string, LocalQueue>> {
  const queues = new Map<string, LocalQueue>();
  // queueSpecs lists dead-letter queues first, so their ARNs are known when a redrive policy needs them.
  for (const spec of queueSpecs(template)) {
    const attributes: Record<string, string> = { ...spec.attributes };
    if (spec.redrive) {
      const dlq = queues.get(spec.redrive.deadLetterQueueLogicalId);
      if (!dlq)
        throw new Error(
          `Dead-letter queue ${spec.redrive.deadLetterQueueLogicalId} of ${spec.logicalId} is missing`,
        );
      attributes['RedrivePolicy'] = JSON.stringify({
        deadLetterTargetArn: dlq.arn,
        maxReceiveCount: spec.redrive.maxReceiveCount,
      });
    }
    const created = await sqs.send(new CreateQueueCommand({ QueueName: spec.name, Attributes: attributes }));
    const url = created.QueueUrl;
    if (!url) throw new Error(`CreateQueue returned no URL for ${spec.name}`);
    const described = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
    );
    const arn = described.Attributes?.['QueueArn'];
    if (!arn) throw new Error(`GetQueueAttributes returned no ARN for ${spec.name}`);
    queues.set(spec.logicalId, { spec, url, arn });
  }
  return queues;
}

export async function provisionBuckets(
  s3: S3Client,
  template: CfnTemplate,
): Promise<Map<string, LocalBucket>> {
  const buckets = new Map<string, LocalBucket>();
  for (const spec of bucketSpecs(template)) {
    await s3.send(new CreateBucketCommand({ Bucket: spec.name }));
    buckets.set(spec.logicalId, { spec, name: spec.name });
  }
  return buckets;
}
