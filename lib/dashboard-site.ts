import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { Construct } from 'constructs';
import { SECURE_BUCKET_DEFAULTS } from './bucket-defaults';

export interface DashboardSiteProps {
  readonly removal: 'destroy' | 'retain';
  /** Host name of the read API (its execute-api domain); CloudFront sends `/api/*` there. */
  readonly apiDomainName: string;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: the only other origin the app may talk to. */
  readonly authBaseUrl: string;
  /** Your own host name and its ACM certificate (us-east-1); without, the `*.cloudfront.net` name. */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
}

/** What the app reads from `/config.json` at start (the dashboard engineer's contract). */
export interface DashboardRuntimeConfig {
  readonly apiBase: string;
  readonly auth: { readonly domain: string; readonly clientId: string; readonly redirectUri: string };
}

export interface DashboardContent {
  /** The app's source folder: the asset hash covers the built output, the folder marks what it is built from. */
  readonly sourceDir: string;
  /** Writes the static app (index.html, JS, CSS) into `outDir`; runs at synth, in-process, without Docker. */
  readonly build: (outDir: string) => void;
  readonly config: DashboardRuntimeConfig;
}

/**
 * The dashboard's origin: a private S3 bucket (the project's secure bucket defaults) that only this CloudFront
 * distribution can read (origin access control), and the read API under the same origin at `/api/*`, so the
 * browser needs no CORS. HTTPS only (HTTP redirects), HTTP/2 and 3, security headers on every response, access
 * logs for the distribution and the bucket. No SPA fallback: the app routes in the URL fragment (`/#/…`), so
 * every page is `/`, and an error-response rule would also turn the API's 404s into pages.
 */
export class DashboardSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly securityHeaders: cloudfront.ResponseHeadersPolicy;
  readonly apiHeaders: cloudfront.ResponseHeadersPolicy;
  private readonly removal: 'destroy' | 'retain';
  private readonly customDomain: string | undefined;

  constructor(scope: Construct, id: string, props: DashboardSiteProps) {
    super(scope, id);
    this.removal = props.removal;
    this.customDomain = props.customDomain?.domainName;
    const destroy = props.removal === 'destroy';
    const removal = {
      removalPolicy: destroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      autoDeleteObjects: destroy,
    };

    // CloudFront standard logs are written with an ACL: the one bucket that needs ACLs enabled.
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...SECURE_BUCKET_DEFAULTS,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      ...removal,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(90) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the access-log target of the dashboard distribution and bucket; logging it would recurse.',
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...SECURE_BUCKET_DEFAULTS,
      ...removal,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'site/',
    });

    const headers = (id: string, comment: string, csp: string) =>
      new cloudfront.ResponseHeadersPolicy(this, id, {
        comment,
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.days(730),
            includeSubdomains: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
          // The sign-in redirect lands with ?code= in the URL: never send it on as a referrer.
          referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        },
        customHeadersBehavior: {
          customHeaders: [
            {
              header: 'Permissions-Policy',
              value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
              override: true,
            },
          ],
        },
      });
    this.securityHeaders = headers(
      'SecurityHeaders',
      'Dateline dashboard: HSTS, CSP (self + the sign-in domain), nosniff, no framing, no referrer',
      contentSecurityPolicy(props.authBaseUrl),
    );
    // JSON answers load nothing: the strictest policy (the API sends the same; CloudFront makes it certain).
    this.apiHeaders = headers(
      'ApiHeaders',
      'Dateline dashboard API: HSTS, CSP none, nosniff, no framing, no referrer',
      "default-src 'none'; frame-ancestors 'none'",
    );

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Dateline dashboard (${Stack.of(this).stackName})`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      ...(props.customDomain && {
        domainNames: [props.customDomain.domainName],
        certificate: acm.Certificate.fromCertificateArn(
          this,
          'Certificate',
          props.customDomain.certificateArn,
        ),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        sslSupportMethod: cloudfront.SSLMethod.SNI,
      }),
      enableLogging: true,
      logBucket: this.accessLogs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        // Never cached. With caching disabled, the AllViewerExceptHostHeader origin-request policy forwards the
        // Authorization header (a policy cannot name it explicitly); the Host header stays out, or API Gateway
        // answers 403 for a host it does not serve.
        '/api/*': {
          origin: new origins.HttpOrigin(props.apiDomainName, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.apiHeaders,
          compress: true,
        },
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Analysts sign in from wherever they work; access is decided by the Cognito sign-in, not by country.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'The static app holds no data and every /api/ request needs a valid JWT and is throttled at the API stage; a WAF web ACL ($5/month plus rules and requests) would guard no further data.',
    });
    if (!props.customDomain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Served on its *.cloudfront.net name, whose default certificate has a fixed security policy (TLSv1); deploy with -c dashboardDomain= and -c dashboardCertificateArn= to enforce TLSv1.2_2021.',
      });
    }
  }

  /** `https://<custom domain or distribution domain>/`: the dashboard, and the sign-in redirect target. */
  get url(): string {
    return `https://${this.customDomain ?? this.distribution.distributionDomainName}/`;
  }

  /**
   * Deploys the built app and its `config.json` (deploy-time values: the app client and sign-in domain). The
   * bundles under `assets/` carry content hashes: cached for a year, and the previous build's removed. Then
   * index.html and config.json, revalidated on every load, and the edge copies of both invalidated, so a
   * deployment is live at once and index.html never names a bundle that is not there yet.
   */
  deploy(content: DashboardContent): void {
    const built = (): s3deploy.ISource =>
      s3deploy.Source.asset(content.sourceDir, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: the local build below succeeds or throws.
          image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24-slim'),
          local: {
            tryBundle(outputDir: string): boolean {
              content.build(outputDir);
              return true;
            },
          },
        },
      });
    const common = {
      destinationBucket: this.bucket,
      memoryLimit: 256,
      retainOnDelete: this.removal === 'retain',
    };
    const bundles = new s3deploy.BucketDeployment(this, 'Bundles', {
      ...common,
      sources: [built()],
      exclude: ['*'],
      include: ['assets/*'],
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
    });
    const entry = new s3deploy.BucketDeployment(this, 'Entry', {
      ...common,
      sources: [built(), s3deploy.Source.jsonData('config.json', content.config)],
      exclude: ['assets/*'],
      prune: false,
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/', '/index.html', '/config.json'],
    });
    entry.node.addDependency(bundles);
    this.acknowledgeDeploymentFunction();
  }

  /**
   * CDK's BucketDeployment function (a stack-level singleton) is CDK's code with CDK's grants: acknowledged by
   * the exact findings its policy produces, computed from that policy so they hold in every account and region.
   */
  private acknowledgeDeploymentFunction(): void {
    const stack = Stack.of(this);
    for (const helper of stack.node.children) {
      if (!helper.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      Validations.of(helper).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's own BucketDeployment function; it uses the policy only to write its logs.",
      });
      Validations.of(helper).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          "CDK's own BucketDeployment function: CDK pins its runtime to the one its AWS CLI layer supports.",
      });
      const policy = helper.node.tryFindChild('ServiceRole')?.node.tryFindChild('DefaultPolicy');
      if (!(policy instanceof iam.Policy)) continue;
      const document = stack.resolve(policy.document) as {
        Statement: { Action: string | string[]; Resource: unknown }[];
      };
      const findings = new Set<string>();
      for (const statement of document.Statement) {
        for (const action of ([] as string[]).concat(statement.Action))
          if (action.includes('*')) findings.add(`Action::${action}`);
        for (const resource of ([] as unknown[]).concat(statement.Resource)) {
          const flat = flattenCfnReference(resource);
          if (flat.includes('*')) findings.add(`Resource::${flat}`);
        }
      }
      for (const finding of findings) {
        Validations.of(helper).acknowledge({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason:
            "CDK's own BucketDeployment grants: read the app's asset zip in the CDK staging bucket, sync (put, delete) the dashboard bucket's objects, and invalidate the distribution (CloudFront invalidations accept no narrower resource).",
        });
      }
    }
  }
}

/**
 * Scripts, styles, images and API calls from this origin only; the sign-in domain for the token exchange
 * (fetch) and the hosted UI's forms. No inline script or style, no plugins, never framed.
 */
function contentSecurityPolicy(authBaseUrl: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${authBaseUrl}`,
    `form-action 'self' ${authBaseUrl}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}
