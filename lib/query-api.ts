import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DashboardConfig, LogLevel } from './config';
import { PipelineFunction } from './pipeline-function';

export interface QueryApiProps {
  /** The API handler module (`export const handler`, API Gateway payload v2). */
  readonly entry: string;
  readonly settings: DashboardConfig;
  readonly logLevel: LogLevel;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly metricsNamespace: string;
  readonly environment: Readonly<Record<string, string>>;
}

/** Every route of the read API lives under this prefix; CloudFront sends `/api/*` to the API. */
export const API_ROUTE = '/api/{proxy+}';

/**
 * The dashboard's read API: an HTTP API whose routes, `GET|HEAD /api/{proxy+}`, go to a read-only query
 * function. Throttled stage-wide, every request access-logged as JSON. The route exists only through
 * {@link requireSignIn}, which puts it behind the JWT authorizer: the API has no route without one. (The
 * authorizer's audience, the app client, depends on the distribution, which depends on this API, hence a
 * second step rather than a default authorizer.)
 */
export class QueryApi extends Construct {
  readonly handler: PipelineFunction;
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** Server errors of the API, failed and throttled query invocations (the ops dashboard notifies on them). */
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: QueryApiProps) {
    super(scope, id);
    this.handler = new PipelineFunction(this, 'Handler', {
      entry: props.entry,
      description: 'Dateline api: the dashboard read API (queries the table, never writes)',
      memoryMiB: props.settings.queryFunction.memoryMiB,
      timeout: props.settings.queryFunction.timeout,
      logLevel: props.logLevel,
      logRetention: props.logRetention,
      logRemovalPolicy: props.removalPolicy,
      serviceName: 'api',
      metricsNamespace: props.metricsNamespace,
      environment: props.environment,
    });
    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-dashboard-api`,
      description: 'Dateline dashboard read API',
      // The stage below carries throttling and access logs; the automatic one cannot.
      createDefaultStage: false,
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.settings.apiRateLimit, burstLimit: props.settings.apiBurstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            user: '$context.authorizer.claims.username',
          }),
        ),
      },
    });
    this.alarms = this.createAlarms();
  }

  private createAlarms(): cloudwatch.Alarm[] {
    const fn = this.handler.function;
    const every5Minutes = { period: Duration.minutes(5), statistic: 'Sum' } as const;
    const atLeastOnce = {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    };
    // Bad parameters are 400s and missing or expired tokens 401s: only 5xx are the API's own failures.
    return [
      new cloudwatch.Alarm(this, 'ServerErrorsAlarm', {
        alarmDescription: 'dashboard API: 5xx responses (query function failing, timing out or throttled)',
        metric: this.api.metricServerError(every5Minutes),
        ...atLeastOnce,
      }),
      new cloudwatch.Alarm(this, 'ErrorsAlarm', {
        alarmDescription: 'api: query function invocations failed',
        metric: fn.metricErrors(every5Minutes),
        ...atLeastOnce,
      }),
      new cloudwatch.Alarm(this, 'ThrottlesAlarm', {
        alarmDescription: 'api: query function invocations throttled',
        metric: fn.metricThrottles(every5Minutes),
        ...atLeastOnce,
      }),
    ];
  }

  /** The API's execute-api host name (CloudFront's origin). */
  get domainName(): string {
    const stack = Stack.of(this);
    return `${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  /**
   * Adds the route behind a JWT authorizer that accepts only tokens the user pool issued to the dashboard's
   * app client (issuer = the pool, audience = the client id; API Gateway checks `client_id` in access tokens,
   * which carry no `aud`).
   */
  requireSignIn(userPool: cognito.IUserPool, client: cognito.IUserPoolClient): apigwv2.HttpRoute[] {
    const stack = Stack.of(this);
    const authorizer = new HttpJwtAuthorizer(
      'Cognito',
      `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}`,
      { jwtAudience: [client.userPoolClientId], identitySource: ['$request.header.Authorization'] },
    );
    return this.api.addRoutes({
      path: API_ROUTE,
      // The handler answers both (HEAD without a body); CloudFront lets only these through.
      methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.HEAD],
      integration: new HttpLambdaIntegration('Query', this.handler.function, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      }),
      authorizer,
    });
  }
}
