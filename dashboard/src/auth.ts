/**
 * Sign-in through the Cognito hosted UI: OAuth 2 authorization code flow with PKCE (RFC 7636), WebCrypto for
 * the challenge. Tokens live in sessionStorage (gone with the tab). The flow is short and fixed, so a library
 * (amplify, oidc-client) would add far more code than it saves.
 */
import type { AuthConfig } from './config';

const TOKENS = 'dateline.tokens';
const PENDING = 'dateline.pkce';
const ATTEMPT = 'dateline.signin-attempt';

interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  /** Epoch ms. */
  readonly expiresAt: number;
}

interface Pending {
  readonly state: string;
  readonly verifier: string;
  /** The view to come back to after sign-in. */
  readonly hash: string;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const random = (n: number): string => base64url(crypto.getRandomValues(new Uint8Array(n)));

async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function readTokens(): Tokens | null {
  try {
    const raw = sessionStorage.getItem(TOKENS);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

async function tokenRequest(auth: AuthConfig, body: Record<string, string>): Promise<Tokens> {
  const res = await fetch(`${auth.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: auth.clientId, ...body }).toString(),
  });
  if (!res.ok) throw new Error(`sign-in failed: the token endpoint answered HTTP ${res.status}`);
  const t = (await res.json()) as { access_token: string; refresh_token?: string; expires_in: number };
  const tokens: Tokens = {
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? body['refresh_token'] ?? null,
    expiresAt: Date.now() + (t.expires_in - 60) * 1000,
  };
  sessionStorage.setItem(TOKENS, JSON.stringify(tokens));
  return tokens;
}

/** Leaves for the hosted UI; resolves never (the page unloads). */
export async function signIn(auth: AuthConfig): Promise<never> {
  const attempts = Number(sessionStorage.getItem(ATTEMPT) ?? '0');
  if (attempts >= 3) {
    sessionStorage.removeItem(ATTEMPT);
    throw new Error('signed in, but the API keeps refusing the token (HTTP 401): ask an administrator');
  }
  sessionStorage.setItem(ATTEMPT, String(attempts + 1));
  sessionStorage.removeItem(TOKENS);
  const pending: Pending = { state: random(16), verifier: random(48), hash: location.hash };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(`${auth.domain}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: 'openid',
    state: pending.state,
    code_challenge_method: 'S256',
    code_challenge: await challengeOf(pending.verifier),
  }).toString();
  location.assign(url.toString());
  return new Promise<never>(() => undefined);
}

/** Finishes a redirect back from the hosted UI, if this page load is one. */
async function completeRedirect(auth: AuthConfig): Promise<Tokens | null> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `${location.pathname}${pending?.hash ?? ''}`);
  if (error) throw new Error(`sign-in failed: ${params.get('error_description') ?? error}`);
  if (!pending || params.get('state') !== pending.state) return null;
  return tokenRequest(auth, {
    grant_type: 'authorization_code',
    code: code as string,
    redirect_uri: auth.redirectUri,
    code_verifier: pending.verifier,
  });
}

/** A valid access token: from this tab's session, a refresh, a finished redirect, or a new sign-in. */
export async function accessToken(auth: AuthConfig): Promise<string> {
  const redirected = await completeRedirect(auth);
  if (redirected) return redirected.accessToken;
  const tokens = readTokens();
  if (tokens && tokens.expiresAt > Date.now()) return tokens.accessToken;
  if (tokens?.refreshToken) {
    try {
      return (await tokenRequest(auth, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken }))
        .accessToken;
    } catch {
      // An expired or revoked refresh token: sign in again.
    }
  }
  return signIn(auth);
}

/** The API accepted the token: a later 401 may sign in again. */
export function signInSucceeded(): void {
  sessionStorage.removeItem(ATTEMPT);
}
