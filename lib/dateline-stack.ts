import { CfnOutput, Fn, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { buildDashboardSync } from '../dashboard/build';
import { ARTIFACT_PREFIXES } from '../lambdas/aws/artifact-keys';
import { ENV } from '../lambdas/aws/environment';
import { AnalystUserPool } from './analyst-user-pool';
import { ArticleTable } from './article-table';
import { ArtifactsBucket } from './artifacts-bucket';
import type { PipelineStageName, StageConfig } from './config';
import { DashboardSite } from './dashboard-site';
import { DropBucket } from './drop-bucket';
import { OpsDashboard } from './ops-dashboard';
import { PipelineStage } from './pipeline-stage';
import { QueryApi } from './query-api';

export interface DatelineStackProps extends StackProps {
  readonly config: StageConfig;
}

const LAMBDAS = join(__dirname, '..', 'lambdas');
const DASHBOARD = join(__dirname, '..', 'dashboard');

/**
 * One complete, independent pipeline: drop bucket → parse → enrich → store → table, each stage behind its own
 * queue with a dead-letter queue, plus alarms and a CloudWatch dashboard; and the analysts' dashboard over the
 * table: a static app behind CloudFront, a read-only API behind a Cognito sign-in. Physical names are generated
 * by CloudFormation, so several stages can share an account; the stage lives in the stack id only.
 */
export class DatelineStack extends Stack {
  readonly drop: DropBucket;
  readonly artifacts: ArtifactsBucket;
  readonly table: ArticleTable;
  readonly parse: PipelineStage;
  readonly enrich: PipelineStage;
  readonly store: PipelineStage;
  readonly ops: OpsDashboard;
  readonly users: AnalystUserPool;
  readonly queryApi: QueryApi;
  readonly site: DashboardSite;
  readonly dashboardClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: DatelineStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.removal === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const metricsNamespace = 'Dateline';

    this.drop = new DropBucket(this, 'Drop', {
      removal: config.removal,
      noncurrentVersionExpiration: config.noncurrentVersionExpiration,
    });
    this.artifacts = new ArtifactsBucket(this, 'Artifacts', {
      removal: config.removal,
      expiration: config.claimCheckExpiration,
    });
    this.table = new ArticleTable(this, 'Articles', {
      removal: config.removal,
      pointInTimeRecovery: config.pointInTimeRecovery,
      deletionProtection: config.deletionProtection,
    });

    const stage = (name: PipelineStageName, description: string, environment: Record<string, string>) =>
      new PipelineStage(this, `${name.charAt(0).toUpperCase()}${name.slice(1)}`, {
        stageName: name,
        entry: join(LAMBDAS, name, 'handler.ts'),
        description,
        settings: config.functions[name],
        dlqMaxReceiveCount: config.dlqMaxReceiveCount,
        logLevel: config.logLevel,
        logRetention: config.logRetention,
        removalPolicy,
        metricsNamespace,
        oldestMessageAgeAlarm: config.oldestMessageAgeAlarm,
        environment,
      });

    // Built from the end of the pipeline backwards: each stage needs the next one's queue URL.
    this.store = stage(
      'store',
      'Dateline store: writes articles, quotes, events and rejections to the table',
      {
        [ENV.tableName]: this.table.table.tableName,
        [ENV.artifactsBucket]: this.artifacts.bucket.bucketName,
      },
    );
    this.enrich = stage('enrich', 'Dateline enrich: entities, quotes, events and dates of each article', {
      [ENV.nextQueueUrl]: this.store.queue.queueUrl,
      [ENV.artifactsBucket]: this.artifacts.bucket.bucketName,
    });
    this.parse = stage('parse', 'Dateline parse: turns dropped files into articles or rejections', {
      [ENV.nextQueueUrl]: this.enrich.queue.queueUrl,
      [ENV.artifactsBucket]: this.artifacts.bucket.bucketName,
      [ENV.maxFileBytes]: String(config.maxFileBytes),
    });

    this.drop.notifyIngestQueue(this.parse.queue);
    this.grantLeastPrivilege();

    // The analysts' dashboard. Built in dependency order: API → distribution (its /api/* origin) → user pool
    // (its invitation names the dashboard) and app client (the distribution URL is its callback) → the
    // authorizer on the API's route and the app's config.json.
    this.queryApi = new QueryApi(this, 'QueryApi', {
      entry: join(LAMBDAS, 'api', 'handler.ts'),
      settings: config.dashboard,
      logLevel: config.logLevel,
      logRetention: config.logRetention,
      removalPolicy,
      metricsNamespace,
      environment: { [ENV.tableName]: this.table.table.tableName },
    });
    this.table.grantQueryAccess(this.queryApi.handler.role);
    this.site = new DashboardSite(this, 'Dashboard', {
      removal: config.removal,
      apiDomainName: this.queryApi.domainName,
      authBaseUrl: AnalystUserPool.baseUrlOf(this, config.dashboard.authDomainPrefix),
      ...(config.dashboard.customDomain && { customDomain: config.dashboard.customDomain }),
    });
    this.users = new AnalystUserPool(this, 'Analysts', {
      removal: config.removal,
      deletionProtection: config.deletionProtection,
      domainPrefix: config.dashboard.authDomainPrefix,
      dashboardUrl: this.site.url,
    });
    this.dashboardClient = this.users.addDashboardClient('DashboardClient', this.site.url);
    this.queryApi.requireSignIn(this.users.userPool, this.dashboardClient);
    this.site.deploy({
      sourceDir: DASHBOARD,
      build: buildDashboardSync,
      config: {
        apiBase: '/api',
        auth: {
          domain: this.users.baseUrl,
          clientId: this.dashboardClient.userPoolClientId,
          redirectUri: this.site.url,
        },
      },
    });

    this.ops = new OpsDashboard(this, 'Ops', {
      stages: [
        { name: 'parse', stage: this.parse },
        { name: 'enrich', stage: this.enrich },
        { name: 'store', stage: this.store },
      ],
      table: this.table.table,
      queryApi: this.queryApi,
      alarmEmail: config.alarmEmail,
    });

    this.acknowledgeFindings();
    this.addOutputs();
  }

  /** Each stage gets exactly what it uses; no wildcard actions. */
  private grantLeastPrivilege(): void {
    const parseRole = this.parse.handler.role;
    const drop = this.drop.bucket;
    // GetObject(Version) to read the exact version an event names; ListBucket so a deleted key answers
    // NoSuchKey (404) rather than AccessDenied (403).
    parseRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [drop.arnForObjects('*')],
      }),
    );
    parseRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [drop.bucketArn] }),
    );
    this.enrich.queue.grantSendMessages(parseRole);
    this.store.queue.grantSendMessages(this.enrich.handler.role);
    this.table.grantStoreAccess(this.store.handler.role);

    // Claim checks: parse and enrich write payloads too large for SQS; enrich and store read them. Store also
    // keeps article bodies too large for one table item.
    const artifacts = this.artifacts;
    const allow = (role: iam.IRole, actions: string[], resource: string) =>
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [resource] }));
    allow(parseRole, ['s3:PutObject'], artifacts.arnFor('claimChecks'));
    allow(this.enrich.handler.role, ['s3:GetObject', 's3:PutObject'], artifacts.arnFor('claimChecks'));
    allow(this.store.handler.role, ['s3:GetObject'], artifacts.arnFor('claimChecks'));
    allow(this.store.handler.role, ['s3:DeleteObject', 's3:PutObject'], artifacts.arnFor('articleBodies'));
  }

  private acknowledgeFindings(): void {
    const objectsOf = (bucket: s3.Bucket): string =>
      `AwsSolutions-IAM5[Resource::<${this.resolve(this.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)) as string}.Arn>/*]`;
    Validations.of(this.parse.handler.role).acknowledge({
      id: objectsOf(this.drop.bucket),
      reason:
        'Users drop files under any key: parse reads whichever object an S3 event names (GetObject/GetObjectVersion only).',
    });
    const artifactsId = this.resolve(
      this.getLogicalId(this.artifacts.bucket.node.defaultChild as s3.CfnBucket),
    ) as string;
    const underPrefix = (prefix: keyof typeof ARTIFACT_PREFIXES) =>
      `AwsSolutions-IAM5[Resource::<${artifactsId}.Arn>/${ARTIFACT_PREFIXES[prefix]}*]`;
    for (const stage of [this.parse, this.enrich, this.store]) {
      Validations.of(stage.handler.role).acknowledge({
        id: underPrefix('claimChecks'),
        reason:
          'Claim-check keys are content hashes generated per message, all under claim-checks/ of the private artifacts bucket.',
      });
    }
    Validations.of(this.store.handler.role).acknowledge({
      id: underPrefix('articleBodies'),
      reason:
        'Oversized article bodies are keyed by article id under article-bodies/ of the private artifacts bucket.',
    });
    for (const fn of [this.parse.handler, this.enrich.handler, this.store.handler, this.queryApi.handler]) {
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments/PutTelemetryRecords accept no resource other than "*" (active tracing).',
      });
    }
  }

  private addOutputs(): void {
    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('DropBucketName', this.drop.bucket.bucketName, 'Drop article files here');
    output('ArtifactsBucketName', this.artifacts.bucket.bucketName, 'Claim-check payloads (transient)');
    output('TableName', this.table.table.tableName, 'Articles, quotes, events and rejections');
    output('ParseQueueUrl', this.parse.queue.queueUrl, 'Ingest queue: S3 events for the parse stage');
    output('EnrichQueueUrl', this.enrich.queue.queueUrl, 'Parsed articles for the enrich stage');
    output('StoreQueueUrl', this.store.queue.queueUrl, 'Enriched articles for the store stage');
    output('ParseDeadLetterQueueUrl', this.parse.deadLetterQueue.queueUrl, 'Failed ingest messages');
    output('EnrichDeadLetterQueueUrl', this.enrich.deadLetterQueue.queueUrl, 'Failed parsed messages');
    output('StoreDeadLetterQueueUrl', this.store.deadLetterQueue.queueUrl, 'Failed enriched messages');
    output('DashboardName', this.ops.dashboard.dashboardName, 'CloudWatch dashboard of the pipeline');
    output('DashboardUrl', this.site.url, "The analysts' dashboard (sign in with a user of the pool)");
    output(
      'DistributionDomainName',
      this.site.distribution.distributionDomainName,
      "The distribution's own name (DNS target of a custom dashboard domain)",
    );
    output('UserPoolId', this.users.userPool.userPoolId, 'Cognito user pool of the dashboard');
    output('UserPoolClientId', this.dashboardClient.userPoolClientId, "The dashboard's app client");
    output('SignInDomain', this.users.baseUrl, 'Cognito hosted UI (sign-in) domain');
    output('ApiEndpoint', this.queryApi.api.apiEndpoint, 'The read API (also at <DashboardUrl>api/)');
    output(
      'CreateUserCommand',
      Fn.join('', [
        'aws cognito-idp admin-create-user --region ',
        this.region,
        ' --user-pool-id ',
        this.users.userPool.userPoolId,
        ' --username analyst@example.com --user-attributes Name=email,Value=analyst@example.com Name=email_verified,Value=true --desired-delivery-mediums EMAIL',
      ]),
      'Creates a dashboard user: Cognito e-mails a temporary password (replace the address)',
    );
  }
}
