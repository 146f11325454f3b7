/** Calls to the read API (same origin): JSON in, `{"error"}` out as an ApiFailure, bearer token when signed in. */
import { accessToken, signIn, signInSucceeded } from './auth';
import type { AppConfig } from './config';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Page<T> {
  readonly items: T[];
  readonly cursor: string | null;
}

let config: AppConfig = { apiBase: '/api', auth: null };

export function configureApi(next: AppConfig): void {
  config = next;
}

export type Params = Record<string, string | number | undefined | null>;

export async function apiGet<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') query.set(k, String(v));
  const qs = query.toString();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (config.auth) headers['authorization'] = `Bearer ${await accessToken(config.auth)}`;
  let res: Response;
  try {
    res = await fetch(`${config.apiBase}${path}${qs ? `?${qs}` : ''}`, { headers, signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiFailure(0, 'the API cannot be reached: check the connection (is `npm start` running?)');
  }
  if (res.status === 401 && config.auth) return signIn(config.auth);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiFailure(res.status, `the API answered HTTP ${res.status} without JSON`);
  }
  if (!res.ok) {
    const message = (body as { error?: string } | null)?.error ?? `HTTP ${res.status}`;
    throw new ApiFailure(res.status, message);
  }
  if (config.auth) signInSucceeded();
  return body as T;
}

/** Every page of a list, up to `max` items (the page says when there were more). */
export async function apiAll<T>(
  path: string,
  params: Params,
  max: number,
  signal?: AbortSignal,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await apiGet<Page<T>>(path, { ...params, limit: 100, cursor }, signal);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length < max);
  return { items, truncated: cursor !== null };
}
