import { App, Stack } from 'aws-cdk-lib';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INDEXES } from '../../../lambdas/core/table-schema';
import { ENV } from '../../../lambdas/aws/environment';
import { QUERY_ACTIONS } from '../../../lib/article-table';
import { stageConfig } from '../../../lib/config';
import { DashboardSite } from '../../../lib/dashboard-site';
import { API_ROUTE } from '../../../lib/query-api';
import { CDK_CONTEXT, logicalId, synthStage, type Synthesized } from './synth';

type Resource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string };
type Resources = Record<string, Resource>;
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown };

const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
/** CloudFront's managed policies, by their fixed ids. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe.each(['dev', 'prod'] as const)('the dashboard in the %s stack', (stageName) => {
  const config = stageConfig(stageName);
  let synth: Synthesized;
  let resources: Resources;
  beforeAll(() => {
    synth = synthStage(stageName);
    resources = synth.template.toJSON().Resources as Resources;
  });
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const only = (type: string): [string, Resource] => {
    const found = ofType(type);
    expect(found).toHaveLength(1);
    return found[0] as [string, Resource];
  };
  const id = (construct: { node: { defaultChild?: unknown } }) => logicalId(synth.stack, construct);
  const distributionConfig = () =>
    only('AWS::CloudFront::Distribution')[1].Properties?.DistributionConfig as Record<string, unknown>;

  describe('read API', () => {
    it('is an HTTP API whose $default stage is throttled from config and access-logged as JSON', () => {
      expect(only('AWS::ApiGatewayV2::Api')[1].Properties).toMatchObject({ ProtocolType: 'HTTP' });
      const stage = only('AWS::ApiGatewayV2::Stage')[1].Properties;
      expect(stage).toMatchObject({
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingRateLimit: config.dashboard.apiRateLimit,
          ThrottlingBurstLimit: config.dashboard.apiBurstLimit,
        },
        AccessLogSettings: { DestinationArn: arnOf(id(synth.stack.queryApi.accessLogs)) },
      });
      const format = JSON.parse((stage?.AccessLogSettings as { Format: string }).Format) as Record<
        string,
        string
      >;
      expect(format).toMatchObject({
        requestId: '$context.requestId',
        status: '$context.status',
        routeKey: '$context.routeKey',
        authorizerError: '$context.authorizer.error',
      });
      expect(resources[id(synth.stack.queryApi.accessLogs)]?.Properties).toStrictEqual({
        RetentionInDays: config.logRetention,
      });
    });

    it('puts a JWT authorizer on every route: issuer the user pool, audience the dashboard client', () => {
      const [authorizerId, authorizer] = only('AWS::ApiGatewayV2::Authorizer');
      expect(authorizer.Properties).toMatchObject({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Audience: [{ Ref: id(synth.stack.dashboardClient) }] },
      });
      const issuer = JSON.stringify((authorizer.Properties?.JwtConfiguration as { Issuer: unknown }).Issuer);
      expect(issuer).toContain('https://cognito-idp.');
      expect(issuer).toContain(JSON.stringify({ Ref: id(synth.stack.users.userPool) }));

      const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties ?? {});
      expect(routes.map((r) => r.RouteKey).sort()).toStrictEqual([`GET ${API_ROUTE}`, `HEAD ${API_ROUTE}`]);
      for (const route of routes) {
        expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      }
    });

    it('sends every route to the query function with payload v2', () => {
      const [integrationId, integration] = only('AWS::ApiGatewayV2::Integration');
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: arnOf(id(synth.stack.queryApi.handler.function)),
      });
      for (const [, route] of ofType('AWS::ApiGatewayV2::Route')) {
        expect(JSON.stringify(route.Properties?.Target)).toContain(integrationId);
      }
    });
  });

  it('alarms on API 5xx and on failed or throttled query invocations, shown on the ops dashboard', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, r]) => r.Properties ?? {});
    const on = (metricName: string, dimension: unknown) =>
      alarms.filter(
        (a) =>
          a.MetricName === metricName && JSON.stringify(a.Dimensions).includes(JSON.stringify(dimension)),
      );
    const atLeastOnce = expect.objectContaining({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Period: 300,
    });
    expect(on('5xx', { Ref: id(synth.stack.queryApi.api) })).toEqual([atLeastOnce]);
    const fnRef = { Ref: id(synth.stack.queryApi.handler.function) };
    expect(on('Errors', fnRef)).toEqual([atLeastOnce]);
    expect(on('Throttles', fnRef)).toEqual([atLeastOnce]);
    const body = JSON.stringify(only('AWS::CloudWatch::Dashboard')[1].Properties?.DashboardBody);
    expect(body).toContain('Dashboard API requests, 4xx, 5xx');
  });

  describe('query function', () => {
    it('runs on Node.js 24 arm64 with tracing and JSON logs, and reads the table named in TABLE_NAME', () => {
      const fn = resources[id(synth.stack.queryApi.handler.function)]?.Properties;
      expect(fn).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: config.dashboard.queryFunction.memoryMiB,
        Timeout: config.dashboard.queryFunction.timeout.toSeconds(),
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
        Environment: {
          Variables: expect.objectContaining({
            [ENV.tableName]: { Ref: id(synth.stack.table.table) },
            POWERTOOLS_SERVICE_NAME: 'api',
          }),
        },
      });
      // API Gateway gives up on an integration after 30 s.
      expect(config.dashboard.queryFunction.timeout.toSeconds()).toBeLessThanOrEqual(29);
    });

    it('may only Query and GetItem the table and its named indexes, besides its logs and traces', () => {
      const role = id(synth.stack.queryApi.handler.role);
      const statements = ofType('AWS::IAM::Policy')
        .filter(([, r]) => JSON.stringify(r.Properties?.Roles) === JSON.stringify([{ Ref: role }]))
        .flatMap(([, r]) => (r.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
      const table = arnOf(id(synth.stack.table.table));
      expect(statements).toStrictEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: arnOf(id(synth.stack.queryApi.handler.logGroup)),
        },
        {
          Effect: 'Allow',
          Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:Query'],
          Resource: [
            table,
            ...Object.values(INDEXES).map((i) => ({ 'Fn::Join': ['', [table, `/index/${i.name}`]] })),
          ],
        },
      ]);
      expect(QUERY_ACTIONS).toStrictEqual(['dynamodb:GetItem', 'dynamodb:Query']);
      const managed = resources[role]?.Properties?.ManagedPolicyArns;
      expect(managed).toBeUndefined();
    });

    it('can be invoked by this API only', () => {
      const permissions = ofType('AWS::Lambda::Permission')
        .map(([, r]) => r.Properties ?? {})
        .filter(
          (p) =>
            JSON.stringify(p.FunctionName) ===
            JSON.stringify(arnOf(id(synth.stack.queryApi.handler.function))),
        );
      // One per route (CDK adds each route's, all for the same path).
      expect(permissions.length).toBeGreaterThan(0);
      for (const permission of permissions) {
        expect(permission).toMatchObject({ Principal: 'apigateway.amazonaws.com' });
        expect(JSON.stringify(permission.SourceArn)).toContain(id(synth.stack.queryApi.api));
        expect(JSON.stringify(permission.SourceArn)).toContain('/*/*/api/{proxy+}');
      }
    });
  });

  describe('distribution', () => {
    it('serves the private bucket through origin access control, redirecting HTTP to HTTPS', () => {
      const dist = distributionConfig();
      const origins = dist.Origins as { Id: string; DomainName: unknown; OriginAccessControlId?: unknown }[];
      const s3Origin = origins.find((o) =>
        JSON.stringify(o.DomainName).includes(id(synth.stack.site.bucket)),
      );
      const [oacId, oac] = only('AWS::CloudFront::OriginAccessControl');
      expect(s3Origin?.OriginAccessControlId).toStrictEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
      expect(oac.Properties?.OriginAccessControlConfig).toMatchObject({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      });
      expect(dist).toMatchObject({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: {
          TargetOriginId: s3Origin?.Id,
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: ['GET', 'HEAD'],
          ResponseHeadersPolicyId: { Ref: id(synth.stack.site.securityHeaders) },
        },
        Logging: {
          Bucket: { 'Fn::GetAtt': [id(synth.stack.site.accessLogs), 'RegionalDomainName'] },
        },
      });
    });

    it('lets only this distribution read the bucket, which blocks public access', () => {
      const bucket = id(synth.stack.site.bucket);
      expect(resources[bucket]?.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: id(synth.stack.site.accessLogs) } },
      });
      const policy = ofType('AWS::S3::BucketPolicy').find(
        ([, r]) => JSON.stringify(r.Properties?.Bucket) === JSON.stringify({ Ref: bucket }),
      );
      const allows = (policy?.[1].Properties?.PolicyDocument as { Statement: Statement[] }).Statement.filter(
        (s) =>
          s.Effect === 'Allow' &&
          JSON.stringify(s.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }),
      );
      expect(allows).toHaveLength(1);
      expect(allows[0]).toMatchObject({ Action: 's3:GetObject' });
      expect(JSON.stringify(allows[0])).toContain(JSON.stringify({ Ref: id(synth.stack.site.distribution) }));
    });

    it('sends /api/* to the HTTP API over TLS 1.2, uncached, forwarding Authorization but not Host', () => {
      const dist = distributionConfig();
      const origins = dist.Origins as {
        Id: string;
        DomainName: unknown;
        CustomOriginConfig?: unknown;
      }[];
      const apiOrigin = origins.find((o) =>
        JSON.stringify(o.DomainName).includes(id(synth.stack.queryApi.api)),
      );
      expect(apiOrigin?.CustomOriginConfig).toStrictEqual({
        OriginProtocolPolicy: 'https-only',
        OriginSSLProtocols: ['TLSv1.2'],
      });
      expect(dist.CacheBehaviors).toStrictEqual([
        expect.objectContaining({
          PathPattern: '/api/*',
          TargetOriginId: apiOrigin?.Id,
          ViewerProtocolPolicy: 'https-only',
          CachePolicyId: CACHING_DISABLED,
          OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
          ResponseHeadersPolicyId: { Ref: id(synth.stack.site.apiHeaders) },
        }),
      ]);
    });

    it('adds HSTS, a CSP of self plus the sign-in domain, nosniff, no framing and no referrer', () => {
      const headers = (
        resources[id(synth.stack.site.securityHeaders)]?.Properties?.ResponseHeadersPolicyConfig as {
          SecurityHeadersConfig: Record<string, Record<string, unknown>>;
        }
      ).SecurityHeadersConfig;
      expect(headers.StrictTransportSecurity?.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31536000);
      expect(headers).toMatchObject({
        StrictTransportSecurity: { IncludeSubdomains: true, Override: true },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      });
      const csp = JSON.stringify(headers.ContentSecurityPolicy?.ContentSecurityPolicy);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain(`connect-src 'self' https://${config.dashboard.authDomainPrefix}-`);
      expect(csp).toContain('.amazoncognito.com');
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      const api = (
        resources[id(synth.stack.site.apiHeaders)]?.Properties?.ResponseHeadersPolicyConfig as {
          SecurityHeadersConfig: Record<string, Record<string, unknown>>;
        }
      ).SecurityHeadersConfig;
      expect(api.ContentSecurityPolicy?.ContentSecurityPolicy).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(api).toMatchObject({
        StrictTransportSecurity: { IncludeSubdomains: true },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY' },
      });
    });
  });

  describe('user pool', () => {
    it('admits only users an administrator creates, with a strong password and TOTP MFA', () => {
      const [poolId, pool] = only('AWS::Cognito::UserPool');
      expect(poolId).toBe(id(synth.stack.users.userPool));
      expect(pool.Properties).toMatchObject({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          },
        },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: config.deletionProtection ? 'ACTIVE' : 'INACTIVE',
      });
      expect(pool.DeletionPolicy).toBe(config.removal === 'destroy' ? 'Delete' : 'Retain');
      expect(JSON.stringify(pool.Properties?.AdminCreateUserConfig)).toContain(
        id(synth.stack.site.distribution),
      );
    });

    it('has a hosted-UI domain of the stage prefix and the account', () => {
      expect(only('AWS::Cognito::UserPoolDomain')[1].Properties).toStrictEqual({
        Domain: `${config.dashboard.authDomainPrefix}-123456789012`,
        UserPoolId: { Ref: id(synth.stack.users.userPool) },
      });
    });

    it('has a public app client: authorization code only, returning to the dashboard URL', () => {
      const [clientId, client] = only('AWS::Cognito::UserPoolClient');
      expect(clientId).toBe(id(synth.stack.dashboardClient));
      const dashboardUrl = {
        'Fn::Join': [
          '',
          ['https://', { 'Fn::GetAtt': [id(synth.stack.site.distribution), 'DomainName'] }, '/'],
        ],
      };
      expect(client.Properties).toMatchObject({
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        CallbackURLs: [dashboardUrl],
        LogoutURLs: [dashboardUrl],
        SupportedIdentityProviders: ['COGNITO'],
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: true,
      });
      expect(client.Properties?.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    });
  });

  describe('site content', () => {
    it('deploys the app and a config.json of the client, the sign-in domain and the dashboard URL', () => {
      const deployments = ofType('Custom::CDKBucketDeployment').map(([, r]) => r.Properties ?? {});
      expect(deployments).toHaveLength(2);
      for (const d of deployments)
        expect(d.DestinationBucketName).toStrictEqual({ Ref: id(synth.stack.site.bucket) });
      const entry = deployments.find((d) => d.DistributionPaths !== undefined);
      expect(entry?.DistributionPaths).toStrictEqual(['/', '/index.html', '/config.json']);
      const markers = JSON.stringify(entry?.SourceMarkers);
      expect(markers).toContain(JSON.stringify({ Ref: id(synth.stack.dashboardClient) }));
      expect(markers).toContain(
        JSON.stringify({ 'Fn::GetAtt': [id(synth.stack.site.distribution), 'DomainName'] }),
      );
    });
  });

  it('outputs the dashboard URL, the user pool and the command that creates a user', () => {
    const outputs = synth.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.DashboardUrl?.Value).toStrictEqual({
      'Fn::Join': [
        '',
        ['https://', { 'Fn::GetAtt': [id(synth.stack.site.distribution), 'DomainName'] }, '/'],
      ],
    });
    expect(outputs.UserPoolId?.Value).toStrictEqual({ Ref: id(synth.stack.users.userPool) });
    const command = JSON.stringify(outputs.CreateUserCommand?.Value);
    expect(command).toContain('aws cognito-idp admin-create-user');
    expect(command).toContain(JSON.stringify({ Ref: id(synth.stack.users.userPool) }));
  });
});

describe('the dashboard on a custom domain', () => {
  const certificateArn =
    'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8899-aabbccddeeff';
  let synth: Synthesized;
  beforeAll(() => {
    // cdk-nag runs here too: with a certificate, AwsSolutions-CFR4 passes unacknowledged.
    synth = synthStage('prod', {
      dashboardDomain: 'Dateline.Example.com',
      dashboardCertificateArn: certificateArn,
    });
  });

  it('enforces TLS 1.2 with the certificate (SNI) and answers on the name', () => {
    const dist = Object.values(synth.template.findResources('AWS::CloudFront::Distribution'))[0]?.Properties
      ?.DistributionConfig as Record<string, unknown>;
    expect(dist).toMatchObject({
      Aliases: ['dateline.example.com'],
      ViewerCertificate: {
        AcmCertificateArn: certificateArn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
    });
  });

  it('signs users in and out on the name, and outputs it as the dashboard URL', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://dateline.example.com/'],
      LogoutURLs: ['https://dateline.example.com/'],
    });
    const outputs = synth.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.DashboardUrl?.Value).toBe('https://dateline.example.com/');
    expect(outputs.DistributionDomainName?.Value).toStrictEqual({
      'Fn::GetAtt': [logicalId(synth.stack, synth.stack.site.distribution), 'DomainName'],
    });
  });
});

describe('DashboardSite content', () => {
  it('builds the app at synth with the given build function and stages its output with config.json', () => {
    // Bundling on (no skip list): the asset's local bundler must run the build, without Docker.
    const app = new App({ context: CDK_CONTEXT });
    const stack = new Stack(app, 'Site', { env: { account: '123456789012', region: 'us-east-1' } });
    const site = new DashboardSite(stack, 'Site', {
      removal: 'destroy',
      apiDomainName: 'abc.execute-api.us-east-1.amazonaws.com',
      authBaseUrl: 'https://example.auth.us-east-1.amazoncognito.com',
    });
    let builds = 0;
    site.deploy({
      sourceDir: join(__dirname, '..', '..', '..', 'dashboard'),
      build: (outDir) => {
        builds++;
        writeFileSync(join(outDir, 'index.html'), '<!doctype html><title>built</title>');
      },
      config: {
        apiBase: '/api',
        auth: {
          domain: 'https://example.auth.us-east-1.amazoncognito.com',
          clientId: 'c',
          redirectUri: site.url,
        },
      },
    });
    const assembly = app.synth();
    // One build serves both deployments (same source, same options: CDK stages it once).
    expect(builds).toBe(1);
    const staged = readdirSync(assembly.directory)
      .map((name) => join(assembly.directory, name))
      .filter((dir) => existsSync(join(dir, 'index.html')));
    expect(staged).toHaveLength(1);
    expect(readFileSync(join(staged[0] as string, 'index.html'), 'utf8')).toContain('built');
  });
});
