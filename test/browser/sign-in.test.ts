/// <reference lib="dom" />
/**
 * Sign-in as deployed, in headless Chromium: the built app with an `auth` config, a stand-in for the Cognito
 * hosted UI and token endpoint (another origin, as Cognito is), and an API that wants the bearer token. Checks
 * the authorization-code flow with PKCE (the verifier must hash to the challenge), that the view survives
 * the round trip, that API calls carry the access token, and that a 401 signs in again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { buildDashboardDetailed } from '../../dashboard/build';

jest.setTimeout(120_000);

const CHROMIUM = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => !!p && existsSync(p),
);

let site: Server;
let idp: Server;
let siteUrl: string;
let idpUrl: string;
let browser: Browser;
let dir: string;
let validToken = 'token-1';
const authorizations: URLSearchParams[] = [];
const tokenRequests: URLSearchParams[] = [];
const apiAuthorizations: (string | undefined)[] = [];
/** code → PKCE challenge and redirect. */
const codes = new Map<string, { challenge: string; redirect: string }>();

const base64url = (buf: Buffer) => buf.toString('base64url');

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    }),
  );
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => resolve(data));
  });
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(value));
}

beforeAll(async () => {
  if (!CHROMIUM) throw new Error('Chromium not found: install it with `sudo apt-get install -y chromium`.');
  dir = mkdtempSync(join(tmpdir(), 'dateline-signin-'));
  const built = buildDashboardDetailed(dir);
  idp = createServer((req, res) => {
    const url = new URL(req.url ?? '/', idpUrl);
    const cors = { 'access-control-allow-origin': siteUrl };
    if (url.pathname === '/oauth2/authorize') {
      authorizations.push(url.searchParams);
      const code = randomUUID();
      codes.set(code, {
        challenge: url.searchParams.get('code_challenge') ?? '',
        redirect: url.searchParams.get('redirect_uri') ?? '',
      });
      const back = new URL(url.searchParams.get('redirect_uri') ?? siteUrl);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/oauth2/token' && req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-headers': 'content-type' });
      return res.end();
    }
    if (url.pathname === '/oauth2/token' && req.method === 'POST') {
      void body(req).then((text) => {
        const form = new URLSearchParams(text);
        tokenRequests.push(form);
        const grant = codes.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const ok =
          form.get('grant_type') === 'authorization_code' &&
          form.get('client_id') === 'test-client' &&
          grant !== undefined &&
          grant.redirect === form.get('redirect_uri') &&
          base64url(createHash('sha256').update(verifier).digest()) === grant.challenge;
        if (!ok) return json(res, 400, { error: 'invalid_grant' }, cors);
        codes.delete(form.get('code') ?? '');
        json(
          res,
          200,
          { access_token: validToken, id_token: 'id', token_type: 'Bearer', expires_in: 3600 },
          cors,
        );
      });
      return;
    }
    json(res, 404, { error: 'not here' });
  });
  site = createServer((req, res) => {
    const url = new URL(req.url ?? '/', siteUrl);
    if (url.pathname === '/config.json')
      return json(res, 200, {
        apiBase: '/api',
        auth: { domain: idpUrl, clientId: 'test-client', redirectUri: `${siteUrl}/` },
      });
    if (url.pathname === '/api/rejections') {
      apiAuthorizations.push(req.headers.authorization);
      if (req.headers.authorization !== `Bearer ${validToken}`)
        return json(res, 401, { message: 'Unauthorized' });
      return json(res, 200, {
        items: [
          {
            bucket: 'b',
            key: 'inbox/secret.bin',
            reason: 'binary',
            message: 'Binary.',
            eventTime: '2026-01-01T00:00:00Z',
          },
        ],
        cursor: null,
      });
    }
    const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    if (![built.js, built.css, 'index.html'].includes(file)) return json(res, 404, { error: 'no file' });
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
    res.writeHead(200, { 'content-type': type });
    res.end(readFileSync(join(dir, file)));
  });
  idpUrl = await listen(idp);
  siteUrl = await listen(site);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  site?.close();
  idp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('signs in with the authorization code + PKCE, comes back to the view, sends the token, and re-signs in on 401', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${siteUrl}/#/rejections`);
  await page.waitForSelector('table.data tbody tr', { timeout: 30_000 });

  expect(authorizations).toHaveLength(1);
  const asked = authorizations[0] as URLSearchParams;
  expect(asked.get('response_type')).toBe('code');
  expect(asked.get('client_id')).toBe('test-client');
  expect(asked.get('redirect_uri')).toBe(`${siteUrl}/`);
  expect(asked.get('code_challenge_method')).toBe('S256');
  expect(asked.get('state')).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  expect(tokenRequests).toHaveLength(1);
  expect(page.url()).toBe(`${siteUrl}/#/rejections`);
  expect(await page.locator('table.data tbody td:nth-child(2)').textContent()).toBe('inbox/secret.bin');
  expect(apiAuthorizations.at(-1)).toBe('Bearer token-1');
  expect(await page.evaluate(() => sessionStorage.getItem('dateline.tokens'))).toContain('token-1');

  // The API stops accepting the token: the app signs in again and carries on.
  validToken = 'token-2';
  await page.reload();
  await page.waitForSelector('table.data tbody tr', { timeout: 30_000 });
  expect(authorizations).toHaveLength(2);
  expect(apiAuthorizations.slice(-2)).toEqual(['Bearer token-1', 'Bearer token-2']);
  expect(page.url()).toBe(`${siteUrl}/#/rejections`);
  expect(errors).toEqual([]);
});
