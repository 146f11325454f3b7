import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** The deployable stages. Only bin/ picks one (from `-c stage=`); constructs receive its config as props. */
export const STAGE_NAMES = ['dev', 'staging', 'prod'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** The three pipeline stages, in the order messages flow. */
export const PIPELINE_STAGES = ['parse', 'enrich', 'store'] as const;
export type PipelineStageName = (typeof PIPELINE_STAGES)[number];

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** One stage function and its SQS event source. */
export interface StageFunctionConfig {
  readonly memoryMiB: number;
  readonly timeout: Duration;
  /** Records per invocation (1–10 000; above 10 a batching window is required). */
  readonly batchSize: number;
  /**
   * How long the event source waits to fill a batch. dev is interactive: 0 (a message is handed over as soon
   * as it is received). staging/prod wait to fill batches: fewer invocations and SQS receives per message, at
   * up to one window of latency per stage (docs/benchmarks.md "Latency and batching windows").
   */
  readonly maxBatchingWindow: Duration;
  /** Concurrent invocations the event source may run (2–1000). Throttles consumption without DLQ-ing messages. */
  readonly maxConcurrency: number;
}

/** The analysts' dashboard of a stage: the read API, its query function and the sign-in domain. */
export interface DashboardConfig {
  /** Steady-state requests per second the HTTP API accepts across all callers; above it, 429s. */
  readonly apiRateLimit: number;
  /** Requests the HTTP API accepts in a burst above the steady rate. */
  readonly apiBurstLimit: number;
  /** The read-only query function behind the API (API Gateway gives up on an integration after 30 s). */
  readonly queryFunction: { readonly memoryMiB: number; readonly timeout: Duration };
  /**
   * Prefix of the Cognito hosted-UI domain (`<prefix>-<account>.auth.<region>.amazoncognito.com`). Prefixes are
   * unique per region across all of AWS, so the stack appends the account id.
   */
  readonly authDomainPrefix: string;
  /**
   * Serve the dashboard on your own host name instead of its `*.cloudfront.net` one: the distribution then
   * enforces TLS 1.2+ (a default certificate cannot). The certificate is an ACM one in us-east-1 covering the
   * name; point the name's DNS at the `DistributionDomainName` output. From `-c dashboardDomain=` and
   * `-c dashboardCertificateArn=`.
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
}

/** Settings given at deploy time (`-c key=value`) rather than per stage in code. */
export interface StageOverrides {
  readonly alarmEmail?: string;
  readonly dashboardDomain?: string;
  readonly dashboardCertificateArn?: string;
}

export interface StageConfig {
  readonly stage: StageName;
  readonly functions: Readonly<Record<PipelineStageName, StageFunctionConfig>>;
  /** Receives before a message moves to its stage's dead-letter queue. */
  readonly dlqMaxReceiveCount: number;
  /** Largest dropped file accepted (bytes, compressed and decompressed); larger files become 'too-large' rejections. */
  readonly maxFileBytes: number;
  readonly logLevel: LogLevel;
  readonly logRetention: RetentionDays;
  /** dev: `destroy` (buckets emptied, table deleted with the stack); staging/prod: `retain`. */
  readonly removal: 'destroy' | 'retain';
  readonly pointInTimeRecovery: boolean;
  readonly deletionProtection: boolean;
  /** Noncurrent versions of dropped files expire after this many days. */
  readonly noncurrentVersionExpiration: Duration;
  /**
   * Claim-check objects expire after this many days. Longer than the 14-day queue retention so a message
   * redriven from a DLQ on its last day still finds its payload.
   */
  readonly claimCheckExpiration: Duration;
  /** Alarm when the oldest message in a stage queue is older than this. */
  readonly oldestMessageAgeAlarm: Duration;
  /** Alarm notifications go to this address through an SNS topic; no topic when absent. */
  readonly alarmEmail?: string;
  readonly dashboard: DashboardConfig;
}

const shared = {
  dlqMaxReceiveCount: 5,
  maxFileBytes: 10 * 1024 * 1024,
  noncurrentVersionExpiration: Duration.days(30),
  claimCheckExpiration: Duration.days(15),
} as const;

const CONFIGS: Readonly<Record<StageName, StageConfig>> = {
  dev: {
    ...shared,
    stage: 'dev',
    functions: {
      parse: {
        memoryMiB: 1024,
        timeout: Duration.seconds(60),
        batchSize: 5,
        maxBatchingWindow: Duration.seconds(0),
        maxConcurrency: 2,
      },
      enrich: {
        memoryMiB: 1024,
        timeout: Duration.seconds(60),
        batchSize: 5,
        maxBatchingWindow: Duration.seconds(0),
        maxConcurrency: 2,
      },
      store: {
        memoryMiB: 512,
        timeout: Duration.seconds(30),
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(0),
        maxConcurrency: 2,
      },
    },
    dlqMaxReceiveCount: 3,
    noncurrentVersionExpiration: Duration.days(7),
    logLevel: 'DEBUG',
    logRetention: RetentionDays.ONE_WEEK,
    removal: 'destroy',
    pointInTimeRecovery: false,
    deletionProtection: false,
    oldestMessageAgeAlarm: Duration.minutes(30),
    dashboard: {
      apiRateLimit: 10,
      apiBurstLimit: 20,
      queryFunction: { memoryMiB: 512, timeout: Duration.seconds(10) },
      authDomainPrefix: 'dateline-dev',
    },
  },
  staging: {
    ...shared,
    stage: 'staging',
    functions: {
      parse: {
        memoryMiB: 1024,
        timeout: Duration.seconds(60),
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(2),
        maxConcurrency: 5,
      },
      enrich: {
        memoryMiB: 1536,
        timeout: Duration.seconds(90),
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(2),
        maxConcurrency: 5,
      },
      store: {
        memoryMiB: 512,
        timeout: Duration.seconds(30),
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(2),
        maxConcurrency: 5,
      },
    },
    logLevel: 'INFO',
    logRetention: RetentionDays.ONE_MONTH,
    removal: 'retain',
    pointInTimeRecovery: true,
    deletionProtection: false,
    oldestMessageAgeAlarm: Duration.minutes(15),
    dashboard: {
      apiRateLimit: 25,
      apiBurstLimit: 50,
      queryFunction: { memoryMiB: 1024, timeout: Duration.seconds(10) },
      authDomainPrefix: 'dateline-staging',
    },
  },
  prod: {
    ...shared,
    stage: 'prod',
    functions: {
      parse: {
        memoryMiB: 1536,
        timeout: Duration.seconds(60),
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(5),
        maxConcurrency: 20,
      },
      enrich: {
        // 1,769 MB is where Lambda gives a whole vCPU; enrichment runs on one thread, so more buys no speed.
        memoryMiB: 1769,
        timeout: Duration.seconds(90),
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(5),
        maxConcurrency: 20,
      },
      store: {
        memoryMiB: 1024,
        timeout: Duration.seconds(30),
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(5),
        maxConcurrency: 20,
      },
    },
    logLevel: 'INFO',
    logRetention: RetentionDays.THREE_MONTHS,
    removal: 'retain',
    pointInTimeRecovery: true,
    deletionProtection: true,
    oldestMessageAgeAlarm: Duration.minutes(10),
    dashboard: {
      apiRateLimit: 50,
      apiBurstLimit: 100,
      queryFunction: { memoryMiB: 1024, timeout: Duration.seconds(10) },
      authDomainPrefix: 'dateline-prod',
    },
  },
};

export function isStageName(name: string): name is StageName {
  return (STAGE_NAMES as readonly string[]).includes(name);
}

/** The config of a stage; an unknown name fails synth with the list of valid ones. */
export function stageConfig(name: string, overrides: StageOverrides = {}): StageConfig {
  if (!isStageName(name)) {
    throw new Error(`Unknown stage '${name}'. Valid stages: ${STAGE_NAMES.join(', ')}.`);
  }
  let config = CONFIGS[name];
  const email = overrides.alarmEmail?.trim();
  if (email) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      throw new Error(`alarmEmail '${email}' is not an e-mail address.`);
    }
    config = { ...config, alarmEmail: email };
  }
  const customDomain = dashboardDomain(overrides);
  return customDomain ? { ...config, dashboard: { ...config.dashboard, customDomain } } : config;
}

/** The dashboard's own host name and certificate: both or neither, each well-formed. */
function dashboardDomain(overrides: StageOverrides): DashboardConfig['customDomain'] {
  const domainName = overrides.dashboardDomain?.trim().toLowerCase();
  const certificateArn = overrides.dashboardCertificateArn?.trim();
  if (!domainName && !certificateArn) return undefined;
  if (!domainName || !certificateArn) {
    throw new Error('dashboardDomain and dashboardCertificateArn go together: give both or neither.');
  }
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domainName)) {
    throw new Error(`dashboardDomain '${domainName}' is not a host name.`);
  }
  // CloudFront takes certificates from ACM in us-east-1 only.
  if (!/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) {
    throw new Error(
      `dashboardCertificateArn '${certificateArn}' is not an ACM certificate ARN in us-east-1 (CloudFront uses only those).`,
    );
  }
  return { domainName, certificateArn };
}

/** 'dev' → 'Dev': the stage as it appears in the stack id `Dateline-Dev`. */
export function stackId(stage: StageName): string {
  return `Dateline-${stage.charAt(0).toUpperCase()}${stage.slice(1)}`;
}
