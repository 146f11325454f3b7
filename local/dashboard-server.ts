/**
 * The dashboard on this machine: one node:http server on 127.0.0.1 that serves the built app, /config.json
 * (no sign-in locally) and /api/* through the SAME handler factory the Lambda runs, with API Gateway
 * v2-shaped events. Every API call reads DynamoDB Local afresh, so newly ingested files show on reload.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { buildDashboardDetailed } from '../dashboard/build';
import { createApiHandler, type ApiEvent, type ApiHandler } from '../lambdas/api/api-routes';
import { ArticleQueries } from '../lambdas/aws/article-queries';

export const DEFAULT_DASHBOARD_PORT = 8080;
export const DASHBOARD_HOST = '127.0.0.1';

export interface DashboardServerOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** 0 = any free port. */
  readonly port: number;
  /** Take a free port when `port` is in use (for the default port only; an explicit --port must be honoured). */
  readonly fallbackToFreePort?: boolean;
  readonly onError?: (err: unknown, route: string) => void;
}

export interface DashboardServer {
  readonly url: string;
  readonly port: number;
  /** True when the asked-for port was taken and another was used. */
  readonly fellBack: boolean;
  close(): Promise<void>;
}

/** Headers of the app's files: scripts and styles from this origin only, nothing framed or sniffed. */
const SITE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

interface StaticFile {
  readonly body: Buffer;
  readonly headers: Record<string, string>;
}

/** The built site in memory: three files, so a path can only ever name one of them. */
function buildSite(): Map<string, StaticFile> {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-dashboard-'));
  try {
    const built = buildDashboardDetailed(dir);
    const file = (path: string, cache: string): StaticFile => ({
      body: readFileSync(join(dir, path)),
      headers: {
        ...SITE_HEADERS,
        'content-type': TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
        'cache-control': cache,
      },
    });
    const config = Buffer.from(JSON.stringify({ apiBase: '/api', auth: null }));
    return new Map([
      ['/', file('index.html', 'no-cache')],
      ['/index.html', file('index.html', 'no-cache')],
      [`/${built.js}`, file(built.js, 'public, max-age=31536000, immutable')],
      [`/${built.css}`, file(built.css, 'public, max-age=31536000, immutable')],
      [
        '/config.json',
        {
          body: config,
          headers: { ...SITE_HEADERS, 'content-type': TYPES['json']!, 'cache-control': 'no-store' },
        },
      ],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The API Gateway HTTP API (payload v2) event for a request: raw path, decoded query, method. */
export function apiEventOf(method: string, url: URL): ApiEvent {
  const query: Record<string, string> = {};
  // API Gateway joins a repeated parameter's values with commas.
  for (const [key, value] of url.searchParams) query[key] = key in query ? `${query[key]},${value}` : value;
  return {
    rawPath: url.pathname,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    requestContext: { http: { method } },
  };
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
  head: boolean,
) {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(head ? undefined : body);
}

const jsonError = (status: number, error: string, extra: Record<string, string> = {}) => ({
  status,
  headers: { ...SITE_HEADERS, 'content-type': TYPES['json']!, 'cache-control': 'no-store', ...extra },
  body: JSON.stringify({ error }),
});

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  site: Map<string, StaticFile>,
  api: ApiHandler,
  port: number,
) {
  const method = (req.method ?? 'GET').toUpperCase();
  // Only this machine's names: a page elsewhere that rebinds its DNS name to 127.0.0.1 gets nothing.
  if (![`${DASHBOARD_HOST}:${port}`, `localhost:${port}`].includes(req.headers.host ?? '')) {
    const e = jsonError(421, `this server answers only http://${DASHBOARD_HOST}:${port}/`);
    return send(res, e.status, e.headers, e.body, false);
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${DASHBOARD_HOST}`);
  } catch {
    const e = jsonError(400, 'malformed request URL');
    return send(res, e.status, e.headers, e.body, false);
  }
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    const result = await api(apiEventOf(method, url));
    return send(res, result.statusCode, result.headers, result.body, method === 'HEAD');
  }
  const file = site.get(url.pathname);
  if (!file) {
    const e = jsonError(404, `no file ${url.pathname.slice(0, 200)}`);
    return send(res, e.status, e.headers, e.body, method === 'HEAD');
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const e = jsonError(405, `${method} is not allowed here`, { allow: 'GET, HEAD' });
    return send(res, e.status, e.headers, e.body, false);
  }
  return send(res, 200, file.headers, file.body, method === 'HEAD');
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, DASHBOARD_HOST, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const site = buildSite();
  const api = createApiHandler({
    queries: new ArticleQueries(options.doc, options.tableName),
    ...(options.onError && { onError: options.onError }),
  });
  let port = options.port;
  const server = createServer((req, res) => {
    handle(req, res, site, api, port).catch((err: unknown) => {
      options.onError?.(err, req.url ?? '');
      if (res.headersSent) return void res.destroy();
      const e = jsonError(500, 'internal error');
      send(res, e.status, e.headers, e.body, false);
    });
  });
  server.keepAliveTimeout = 5000;
  let fellBack = false;
  try {
    port = await listen(server, options.port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    if (!options.fallbackToFreePort)
      throw new Error(`port ${options.port} on ${DASHBOARD_HOST} is in use: choose another with --port N`, {
        cause: err,
      });
    port = await listen(server, 0);
    fellBack = true;
  }
  return {
    url: `http://${DASHBOARD_HOST}:${port}/`,
    port,
    fellBack,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
