/**
 * Where the operator commands (`npm run redrive`, `npm run reprocess`) act: the running local stack (found
 * through the stack.json `npm start` writes, in .local/ or the --persist folder), or a deployed stage (the
 * queues, buckets and table named by its CloudFormation outputs, as `npm run query -- --stage` finds them).
 */
import { dirname } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isStageName, PIPELINE_STAGES, type PipelineStageName, stackId } from '../lib/config';
import { ENV } from '../lambdas/aws/environment';
import { LOCAL_CREDENTIALS, LOCAL_REGION, type LocalStack } from './local-stack';
import { readStackFile, stackFilePath } from './stack-file';

export interface StageQueues {
  readonly url: string;
  readonly deadLetterUrl: string;
}

export interface OpsTarget {
  readonly kind: 'local' | 'aws';
  /** What to call it in messages: "the local stack" or the stack id. */
  readonly label: string;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly dropBucket: string;
  /** AWS: where reprocess keeps its checkpoint. */
  readonly artifactsBucket: string | null;
  readonly queues: Readonly<Record<PipelineStageName, StageQueues>>;
  /** For local checkpoints: the folder stack.json lives in. */
  readonly stateDir: string | null;
  close(): void;
}

export class OpsTargetError extends Error {}

export async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = out.Attributes?.QueueArn;
  if (!arn) throw new Error(`no ARN for queue ${url}`);
  return arn;
}

const OUTPUT_PREFIX: Record<PipelineStageName, string> = { parse: 'Parse', enrich: 'Enrich', store: 'Store' };

async function deployed(stage: string): Promise<OpsTarget> {
  if (!isStageName(stage)) throw new OpsTargetError(`--stage must be dev, staging or prod, got "${stage}"`);
  const cfn = new CloudFormationClient({});
  let outputs: Map<string, string>;
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stackId(stage) }));
    outputs = new Map((out.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } finally {
    cfn.destroy();
  }
  const need = (key: string): string => {
    const value = outputs.get(key);
    if (!value) throw new Error(`stack ${stackId(stage)} has no ${key} output (deploy the current version)`);
    return value;
  };
  const queues = {} as Record<PipelineStageName, StageQueues>;
  for (const name of PIPELINE_STAGES) {
    const prefix = OUTPUT_PREFIX[name];
    queues[name] = { url: need(`${prefix}QueueUrl`), deadLetterUrl: need(`${prefix}DeadLetterQueueUrl`) };
  }
  const dynamodb = new DynamoDBClient({});
  const sqs = new SQSClient({});
  const s3 = new S3Client({});
  return {
    kind: 'aws',
    label: `stack ${stackId(stage)}`,
    sqs,
    s3,
    doc: DynamoDBDocumentClient.from(dynamodb),
    tableName: need('TableName'),
    dropBucket: need('DropBucketName'),
    artifactsBucket: need('ArtifactsBucketName'),
    queues,
    stateDir: null,
    close: () => {
      sqs.destroy();
      s3.destroy();
      dynamodb.destroy();
    },
  };
}

function local(persistDir: string | undefined): OpsTarget {
  const path = stackFilePath(persistDir);
  const file = readStackFile(path);
  if (!file) {
    throw new OpsTargetError(
      `No local stack found (${path} is missing). Start one with \`npm start\` in another terminal, ` +
        'or pass --stage dev|staging|prod for a deployed stage.',
    );
  }
  let alive = true;
  try {
    process.kill(file.pid, 0);
  } catch {
    alive = false;
  }
  if (!alive) {
    throw new OpsTargetError(
      `The local stack recorded in ${path} (pid ${file.pid}) is not running. Start it with \`npm start\`` +
        `${persistDir ? ` -- --persist ${persistDir}` : ''} first.`,
    );
  }
  const recorded = file.queues;
  if (!recorded)
    throw new OpsTargetError(`${path} records no queues: restart \`npm start\` with this version.`);
  const queues = {} as Record<PipelineStageName, StageQueues>;
  for (const name of PIPELINE_STAGES) {
    const q = recorded[name];
    if (!q?.deadLetterUrl) throw new OpsTargetError(`${path} records no ${name} queue and dead-letter queue`);
    queues[name] = { url: q.url, deadLetterUrl: q.deadLetterUrl };
  }
  const base = { region: file.region || LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const dynamodb = new DynamoDBClient({ ...base, endpoint: file.endpoints.dynamodb });
  const sqs = new SQSClient({ ...base, endpoint: file.endpoints.sqs });
  const s3 = new S3Client({ ...base, endpoint: file.endpoints.s3, forcePathStyle: true });
  return {
    kind: 'local',
    label: 'the local stack',
    sqs,
    s3,
    doc: DynamoDBDocumentClient.from(dynamodb),
    tableName: file.tableName,
    dropBucket: file.dropBucket,
    artifactsBucket: file.artifactsBucket ?? null,
    queues,
    stateDir: dirname(path),
    close: () => {
      sqs.destroy();
      s3.destroy();
      dynamodb.destroy();
    },
  };
}

/** --stage S → the deployed stage; otherwise the running local stack (in --persist DIR when given). */
export async function opsTarget(options: {
  readonly stage?: string;
  readonly persist?: string;
}): Promise<OpsTarget> {
  if (options.stage !== undefined && options.persist !== undefined)
    throw new OpsTargetError('use --persist or --stage, not both');
  return options.stage !== undefined ? deployed(options.stage) : local(options.persist);
}

/** An in-process local stack as a target (tests, `npm run load`): its own clients, not closed by close(). */
export function localStackTarget(stack: LocalStack, stateDir: string | null = null): OpsTarget {
  const queues = {} as Record<PipelineStageName, StageQueues>;
  for (const name of PIPELINE_STAGES) {
    const stage = stack.stages[name];
    if (!stage.deadLetterQueue) throw new Error(`the ${name} stage has no dead-letter queue`);
    queues[name] = { url: stage.queue.url, deadLetterUrl: stage.deadLetterQueue.url };
  }
  return {
    kind: 'local',
    label: 'the local stack',
    sqs: stack.clients.sqs,
    s3: stack.clients.s3,
    doc: stack.clients.doc,
    tableName: stack.tableName,
    dropBucket: stack.dropBucket,
    artifactsBucket: stack.stages.parse.environment[ENV.artifactsBucket] ?? null,
    queues,
    stateDir,
    close: () => undefined,
  };
}
