/** The deployment's settings, read from /config.json at start (written by the local server or the CDK app). */
export interface AuthConfig {
  /** The Cognito hosted UI, e.g. https://prefix.auth.eu-west-1.amazoncognito.com */
  readonly domain: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

export interface AppConfig {
  readonly apiBase: string;
  readonly auth: AuthConfig | null;
}

export async function loadConfig(): Promise<AppConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`cannot read /config.json (HTTP ${res.status})`);
  const raw = (await res.json()) as Partial<AppConfig>;
  const auth = raw.auth ?? null;
  if (auth && !(auth.domain && auth.clientId && auth.redirectUri)) {
    throw new Error('config.json: auth needs domain, clientId and redirectUri');
  }
  return { apiBase: (raw.apiBase ?? '/api').replace(/\/$/, ''), auth };
}
