/**
 * Reads the synthesized CloudFormation template of a stage: the one source of truth for the local stack's
 * buckets, queues, table and event source mappings. Pure functions over the template, except
 * loadStageTemplate, which synthesizes the CDK app in-process without bundling.
 *
 *   loadStageTemplate(stage = 'dev'): CfnTemplate
 *   tableSpec(template, logicalId?): TableSpec            (AWS::DynamoDB::Table or ::GlobalTable)
 *   queueSpecs(template): QueueSpec[]                      (dead-letter queues first)
 *   bucketSpecs(template): BucketSpec[]
 *   bucketNotifications(template): BucketNotificationSpec[] (which bucket's events go to which queue)
 *   eventSourceMappings(template): EventSourceMappingSpec[] (which queue feeds which function, and how)
 *   functionSpecs(template): FunctionSpec[]
 *   localName(template, logicalId, kind): string          (stable local physical name from the construct path)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { stackId, stageConfig } from '../lib/config';
import { DatelineStack } from '../lib/dateline-stack';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
}

export interface KeyElement {
  readonly AttributeName: string;
  readonly KeyType: 'HASH' | 'RANGE';
}

export interface AttributeDefinition {
  readonly AttributeName: string;
  readonly AttributeType: 'S' | 'N' | 'B';
}

export interface IndexSpec {
  readonly IndexName: string;
  readonly KeySchema: KeyElement[];
  readonly Projection: {
    readonly ProjectionType?: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
    readonly NonKeyAttributes?: string[];
  };
}

export interface TableSpec {
  readonly logicalId: string;
  readonly name: string;
  readonly keySchema: KeyElement[];
  readonly attributeDefinitions: AttributeDefinition[];
  readonly globalSecondaryIndexes: IndexSpec[];
  readonly localSecondaryIndexes: IndexSpec[];
  /** The TTL attribute, when TTL is enabled. */
  readonly ttlAttribute: string | null;
  readonly streamViewType: string | null;
}

export interface QueueSpec {
  readonly logicalId: string;
  readonly name: string;
  /** SQS attributes as CloudFormation sets them (strings, as the SQS API takes them), redrive excluded. */
  readonly attributes: Record<string, string>;
  readonly visibilityTimeoutSeconds: number;
  readonly redrive: { readonly deadLetterQueueLogicalId: string; readonly maxReceiveCount: number } | null;
}

export interface BucketSpec {
  readonly logicalId: string;
  readonly name: string;
  readonly versioned: boolean;
}

export interface BucketNotificationSpec {
  readonly bucketLogicalId: string;
  readonly queueLogicalId: string;
  /** e.g. s3:ObjectCreated:* */
  readonly events: string[];
  readonly prefix: string | null;
  readonly suffix: string | null;
}

export interface EventSourceMappingSpec {
  readonly logicalId: string;
  readonly functionLogicalId: string;
  readonly queueLogicalId: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowSeconds: number;
  /** ScalingConfig.MaximumConcurrency; null when the mapping does not cap it. */
  readonly maximumConcurrency: number | null;
  readonly reportBatchItemFailures: boolean;
}

export interface FunctionSpec {
  readonly logicalId: string;
  /** The construct path without the stack name and the trailing /Resource, e.g. "Parse/Function". */
  readonly path: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Environment variables as written in the template (values may be intrinsics such as { Ref }). */
  readonly environment: Record<string, unknown>;
}

/** Defaults AWS applies when a property is absent. */
const SQS_DEFAULT_VISIBILITY_SECONDS = 30;
const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
const LAMBDA_DEFAULT_MEMORY_MB = 128;
const SQS_DEFAULT_BATCH_SIZE = 10;

/** The feature flags in cdk.json: the CLI passes them to the app, an in-process App must be given them. */
function cdkJsonContext(): Record<string, unknown> {
  const file = join(__dirname, '..', 'cdk.json');
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { context?: Record<string, unknown> };
  return parsed.context ?? {};
}

/**
 * Synthesizes the stage's stack in-process without bundling (fast, no esbuild) and returns its template.
 * Path metadata is switched on so local resources get readable, stable names.
 */
export function loadStageTemplate(stage = 'dev'): CfnTemplate {
  const app = new App({
    // The CloudFormation rule check (a WebAssembly validator, seconds of CPU) belongs to `cdk synth`/deploy;
    // the local stack only reads resource shapes.
    builtinCloudFormationValidation: false,
    context: {
      ...cdkJsonContext(),
      'aws:cdk:bundling-stacks': [],
      'aws:cdk:enable-path-metadata': true,
    },
  });
  const config = stageConfig(stage); // an unknown stage throws with the list of valid ones
  const stack = new DatelineStack(app, stackId(config.stage), { config });
  return Template.fromStack(stack).toJSON() as CfnTemplate;
}

function resourcesOfType(template: CfnTemplate, ...types: string[]): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, r]) => types.includes(r.Type));
}

function resource(template: CfnTemplate, logicalId: string): CfnResource {
  const found = template.Resources[logicalId];
  if (!found) throw new Error(`The template has no resource ${logicalId}`);
  return found;
}

/** The logical id an intrinsic { Ref: X } or { Fn::GetAtt: [X, attr] } points at. */
export function referencedLogicalId(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const ref = (value as { Ref?: unknown }).Ref;
  if (typeof ref === 'string') return ref;
  const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0] ?? null;
  return null;
}

function mustReference(value: unknown, what: string): string {
  const id = referencedLogicalId(value);
  if (!id)
    throw new Error(`${what} is not a reference to a resource in the template: ${JSON.stringify(value)}`);
  return id;
}

function numberOr(value: unknown, fallback: number): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return fallback;
}

function constructPath(res: CfnResource): string | null {
  const path = res.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path.replace(/\/Resource$/, '') : null;
}

export type NameKind = 'table' | 'queue' | 'bucket';

/**
 * A stable local physical name: an explicit name in the template wins; otherwise the construct path
 * ("Dateline-dev/Pipeline/ParseQueue" → "Dateline-dev-Pipeline-ParseQueue"), shaped to the service's rules.
 * The logical id suffix keeps names unique and stable across runs (a persisted table is found again).
 */
export function localName(template: CfnTemplate, logicalId: string, kind: NameKind): string {
  const res = resource(template, logicalId);
  const explicit = { table: 'TableName', queue: 'QueueName', bucket: 'BucketName' }[kind];
  const given = res.Properties?.[explicit];
  if (typeof given === 'string') return given;
  const path = constructPath(res) ?? logicalId;
  const base = path.replace(/\//g, '-');
  switch (kind) {
    case 'table':
      return base.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 255);
    case 'queue': {
      const fifo = res.Properties?.['FifoQueue'] === true || res.Properties?.['FifoQueue'] === 'true';
      const name = base.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, fifo ? 75 : 80);
      return fifo ? `${name}.fifo` : name;
    }
    case 'bucket':
      return base
        .toLowerCase()
        .replace(/[^a-z0-9.-]/g, '-')
        .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
        .slice(0, 63)
        .replace(/[^a-z0-9]+$/, '');
  }
}

/** The table (AWS::DynamoDB::Table or the GlobalTable TableV2 emits); logicalId picks one if there are several. */
export function tableSpec(template: CfnTemplate, logicalId?: string): TableSpec {
  const tables = resourcesOfType(template, 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable').filter(
    ([id]) => logicalId === undefined || id === logicalId,
  );
  const only = tables[0];
  if (!only || tables.length > 1) {
    throw new Error(
      `Expected exactly one DynamoDB table${logicalId ? ` with logical id ${logicalId}` : ''}, found ${tables.length}`,
    );
  }
  const [id, res] = only;
  const props = res.Properties ?? {};
  const ttl = props['TimeToLiveSpecification'] as { AttributeName?: string; Enabled?: boolean } | undefined;
  const stream = props['StreamSpecification'] as { StreamViewType?: string } | undefined;
  const indexes = (key: string): IndexSpec[] =>
    ((props[key] as IndexSpec[] | undefined) ?? []).map((index) => ({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema,
      Projection: index.Projection ?? { ProjectionType: 'ALL' },
    }));
  return {
    logicalId: id,
    name: localName(template, id, 'table'),
    keySchema: props['KeySchema'] as KeyElement[],
    attributeDefinitions: props['AttributeDefinitions'] as AttributeDefinition[],
    globalSecondaryIndexes: indexes('GlobalSecondaryIndexes'),
    localSecondaryIndexes: indexes('LocalSecondaryIndexes'),
    ttlAttribute: ttl?.Enabled && ttl.AttributeName ? ttl.AttributeName : null,
    streamViewType: stream?.StreamViewType ?? null,
  };
}

/** SQS attributes CloudFormation passes through unchanged (RedrivePolicy is resolved separately). */
const QUEUE_ATTRIBUTES = [
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'MaximumMessageSize',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'FifoQueue',
  'ContentBasedDeduplication',
] as const;

/** Every queue, dead-letter queues before the queues that redrive into them. */
export function queueSpecs(template: CfnTemplate): QueueSpec[] {
  const specs = resourcesOfType(template, 'AWS::SQS::Queue').map(([id, res]): QueueSpec => {
    const props = res.Properties ?? {};
    const attributes: Record<string, string> = {};
    for (const name of QUEUE_ATTRIBUTES) {
      const value = props[name];
      if (value !== undefined) attributes[name] = String(value);
    }
    const policy = props['RedrivePolicy'] as
      { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown } | undefined;
    return {
      logicalId: id,
      name: localName(template, id, 'queue'),
      attributes,
      visibilityTimeoutSeconds: numberOr(props['VisibilityTimeout'], SQS_DEFAULT_VISIBILITY_SECONDS),
      redrive: policy
        ? {
            deadLetterQueueLogicalId: mustReference(policy.deadLetterTargetArn, `RedrivePolicy of ${id}`),
            maxReceiveCount: numberOr(policy.maxReceiveCount, 10),
          }
        : null,
    };
  });
  const isDlq = (spec: QueueSpec): boolean =>
    specs.some((s) => s.redrive?.deadLetterQueueLogicalId === spec.logicalId);
  return [...specs.filter(isDlq), ...specs.filter((s) => !isDlq(s))];
}

export function bucketSpecs(template: CfnTemplate): BucketSpec[] {
  return resourcesOfType(template, 'AWS::S3::Bucket').map(([id, res]) => {
    const versioning = res.Properties?.['VersioningConfiguration'] as { Status?: string } | undefined;
    return {
      logicalId: id,
      name: localName(template, id, 'bucket'),
      versioned: versioning?.Status === 'Enabled',
    };
  });
}

interface FilterRule {
  readonly Name?: string;
  readonly Value?: string;
}

/** The S3 → SQS notifications CDK writes through its Custom::S3BucketNotifications resource. */
export function bucketNotifications(template: CfnTemplate): BucketNotificationSpec[] {
  return resourcesOfType(template, 'Custom::S3BucketNotifications').flatMap(([id, res]) => {
    const bucketLogicalId = mustReference(res.Properties?.['BucketName'], `BucketName of ${id}`);
    const config = res.Properties?.['NotificationConfiguration'] as
      { QueueConfigurations?: { Events?: string[]; QueueArn?: unknown; Filter?: unknown }[] } | undefined;
    return (config?.QueueConfigurations ?? []).map((queueConfig) => {
      const rules =
        (queueConfig.Filter as { Key?: { FilterRules?: FilterRule[] } } | undefined)?.Key?.FilterRules ?? [];
      const rule = (name: string): string | null =>
        rules.find((r) => r.Name?.toLowerCase() === name)?.Value ?? null;
      return {
        bucketLogicalId,
        queueLogicalId: mustReference(queueConfig.QueueArn, `QueueArn in ${id}`),
        events: queueConfig.Events ?? [],
        prefix: rule('prefix'),
        suffix: rule('suffix'),
      };
    });
  });
}

export function eventSourceMappings(template: CfnTemplate): EventSourceMappingSpec[] {
  return resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').flatMap(([id, res]) => {
    const props = res.Properties ?? {};
    const sourceId = mustReference(props['EventSourceArn'], `EventSourceArn of ${id}`);
    if (resource(template, sourceId).Type !== 'AWS::SQS::Queue') return [];
    const scaling = props['ScalingConfig'] as { MaximumConcurrency?: unknown } | undefined;
    const responseTypes = props['FunctionResponseTypes'];
    return [
      {
        logicalId: id,
        functionLogicalId: mustReference(props['FunctionName'], `FunctionName of ${id}`),
        queueLogicalId: sourceId,
        batchSize: numberOr(props['BatchSize'], SQS_DEFAULT_BATCH_SIZE),
        maximumBatchingWindowSeconds: numberOr(props['MaximumBatchingWindowInSeconds'], 0),
        maximumConcurrency:
          scaling?.MaximumConcurrency === undefined ? null : numberOr(scaling.MaximumConcurrency, 0),
        reportBatchItemFailures:
          Array.isArray(responseTypes) && responseTypes.includes('ReportBatchItemFailures'),
      },
    ];
  });
}

export function functionSpecs(template: CfnTemplate): FunctionSpec[] {
  return resourcesOfType(template, 'AWS::Lambda::Function').map(([id, res]) => {
    const props = res.Properties ?? {};
    const path = constructPath(res) ?? id;
    const environment = (props['Environment'] as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables;
    return {
      logicalId: id,
      path: path.split('/').slice(1).join('/') || path,
      timeoutSeconds: numberOr(props['Timeout'], LAMBDA_DEFAULT_TIMEOUT_SECONDS),
      memoryMb: numberOr(props['MemorySize'], LAMBDA_DEFAULT_MEMORY_MB),
      environment: environment ?? {},
    };
  });
}
