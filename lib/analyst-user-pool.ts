import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface AnalystUserPoolProps {
  /** `destroy` deletes the pool (and its users) with the stack (dev); `retain` keeps it. */
  readonly removal: 'destroy' | 'retain';
  /** Refuses deletion of the pool until turned off (prod, like the table). */
  readonly deletionProtection: boolean;
  /** Hosted-UI domain prefix; the account id is appended (prefixes are unique per region across AWS). */
  readonly domainPrefix: string;
  /** Where invited users sign in: named in the invitation e-mail. */
  readonly dashboardUrl: string;
}

/** The hosted-UI domain's prefix in an account: `<prefix>-<account id>`. */
function accountDomainPrefix(scope: Construct, prefix: string): string {
  return `${prefix}-${Stack.of(scope).account}`;
}

/**
 * The analysts who may sign in to the dashboard. Administrators create every account (no self sign-up); a new
 * user gets an e-mailed temporary password, sets a password of the policy below and enrols an authenticator
 * app (TOTP) on first sign-in in the Cognito hosted UI.
 *
 * MFA is required, TOTP only: the table holds what an organisation chose to ingest and analyse, a leaked
 * password alone must not expose it, and TOTP needs neither an SMS role nor per-message charges.
 * Plus feature plan with threat protection enforced: compromised-credential checks and adaptive
 * authentication block risky sign-ins, at $0.02 per monthly active user (a few analysts: cents).
 */
export class AnalystUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: AnalystUserPoolProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      userInvitation: {
        emailSubject: 'Your Dateline dashboard account',
        emailBody: `You can now sign in to the Dateline dashboard at ${props.dashboardUrl} with the user name {username} and the temporary password {####}. You will choose a new password and set up an authenticator app on first sign-in; the temporary password expires in 3 days.`,
      },
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removal === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: accountDomainPrefix(this, props.domainPrefix) },
    });
    this.baseUrl = AnalystUserPool.baseUrlOf(this, props.domainPrefix);
  }

  /** `https://<prefix>.auth.<region>.amazoncognito.com`: the hosted UI and the OAuth endpoints. */
  readonly baseUrl: string;

  /**
   * The hosted-UI URL a prefix gets, known before the pool exists: the distribution's security headers name it,
   * and the pool's invitation names the distribution, so neither may reference the other's resource.
   */
  static baseUrlOf(scope: Construct, prefix: string): string {
    const stack = Stack.of(scope);
    return `https://${accountDomainPrefix(scope, prefix)}.auth.${stack.region}.amazoncognito.com`;
  }

  /**
   * The dashboard's app client: a public browser client (no secret), authorization-code grant only, which the
   * app runs with PKCE; sign-in and sign-out both return to the dashboard URL. Short-lived tokens: an access
   * token an hour, a refresh token a working day; revocable on sign-out.
   */
  addDashboardClient(id: string, dashboardUrl: string): cognito.UserPoolClient {
    return this.userPool.addClient(id, {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [dashboardUrl],
        logoutUrls: [dashboardUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
  }
}
