/**
 * The read API over HTTP against DynamoDB Local: the local dashboard server (node:http → the same handler
 * factory the Lambda runs) over a table holding the five seed articles. Every route answers what the query
 * module answers for the same question; every class of bad input gets a 4xx with a JSON error, never a 500.
 */
import { request } from 'node:http';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createArticleStore } from '../../../lambdas/aws/article-store';
import { ArticleQueries } from '../../../lambdas/aws/article-queries';
import { type DashboardServer, startDashboardServer } from '../../../local/dashboard-server';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../../local/dynamodb-local';
import { createTable, localClients, seedMessages } from '../store/local-table';

jest.setTimeout(90_000);

let ddb: DynamoDbLocal;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let server: DashboardServer;
let queries: ArticleQueries;
const faults: unknown[] = [];

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  ({ raw, doc } = localClients(ddb.endpoint));
  const tableName = await createTable(raw);
  const store = createArticleStore(doc, tableName);
  for (const message of seedMessages()) await store.saveArticle(message);
  await store.saveRejection({
    type: 'rejection',
    v: 1,
    revision: { pipelineVersion: 1, sequencer: '0001', eventTime: '2026-01-02T03:04:05.000Z' },
    rejection: {
      source: {
        bucket: 'dateline-drop',
        key: 'inbox/empty.txt',
        versionId: null,
        etag: null,
        size: 0,
        part: 0,
      },
      reason: 'empty',
      message: 'The file is empty.',
    },
  });
  queries = new ArticleQueries(doc, tableName);
  server = await startDashboardServer({ doc, tableName, port: 0, onError: (err) => faults.push(err) });
}, 60_000);

afterAll(async () => {
  await server?.close();
  raw?.destroy();
  await ddb?.stop();
});

afterEach(() => expect(faults).toEqual([]));

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

async function get(path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(new URL(path, server.url), init);
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const items = (a: Answer): Record<string, unknown>[] => a.body['items'] as Record<string, unknown>[];

describe('routes', () => {
  it('GET /api/articles?day= lists the day’s articles, as the query module does', async () => {
    const answer = await get('/api/articles?day=2016-09-07');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(await queries.articlesByDay('2016-09-07'))));
    expect(items(answer).map((a) => a['articleId'])).toEqual(['cd07a4053353b156']);
  });

  it('GET /api/articles?publisher= pages newest first with the cursor, to the end', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const answer: Answer = await get(
        `/api/articles?publisher=${encodeURIComponent('World Socialist Web Site')}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(answer.status).toBe(200);
      expect(items(answer).length).toBeLessThanOrEqual(2);
      seen.push(...items(answer).map((a) => a['articleId'] as string));
      cursor = answer.body['cursor'] as string | null;
    } while (cursor);
    const all = await queries.articlesByPublisher('World Socialist Web Site', { limit: 100 });
    expect(seen).toEqual(all.items.map((a) => a.articleId));
    expect(seen).toHaveLength(5);
    const ranged = await get(
      '/api/articles?publisher=world%20socialist%20web%20site&from=2016-09&to=2016-09',
    );
    expect(items(ranged).map((a) => a['published'])).toEqual(['2016-09-29', '2016-09-07']);
  });

  it('GET /api/articles/{id} gives the article with its body, quotes and events (source and target)', async () => {
    const answer = await get('/api/articles/cd07a4053353b156');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(await queries.getArticle('cd07a4053353b156'))));
    expect((answer.body['paragraphs'] as string[]).length).toBeGreaterThan(5);
    const quotes = answer.body['quotes'] as { paragraph: number; start: number; end: number }[];
    expect(quotes).toHaveLength(10);
    expect(quotes.every((q) => typeof q.paragraph === 'number' && q.end > q.start)).toBe(true);
    const events = answer.body['events'] as Record<string, unknown>[];
    expect(events).toHaveLength(4);
    expect(events[0]).toHaveProperty('source');
    expect(events[0]).toHaveProperty('target');
  });

  it('GET /api/articles/{unknown} is a 404 with a JSON error', async () => {
    const answer = await get('/api/articles/0000000000000000');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: 'no article 0000000000000000' });
  });

  it('GET /api/quotes?speaker= gives the speaker’s quotes in time order, within a range', async () => {
    const answer = await get('/api/quotes?speaker=John%20Kerry&from=2016-01&to=2016-12');
    expect(answer.status).toBe(200);
    expect(items(answer).map((q) => q['text'])).toEqual(['Plan B', 'important statement']);
    expect(answer.body).toEqual(
      JSON.parse(
        JSON.stringify(await queries.quotesBySpeaker('John Kerry', { from: '2016-01', to: '2016-12' })),
      ),
    );
  });

  it('GET /api/speakers suggests the speakers quoted in the months, by prefix of any word', async () => {
    const all = await get('/api/speakers?from=2016-01&to=2016-12&limit=100');
    expect(all.status).toBe(200);
    const names = items(all).map((s) => s['name']);
    expect(names).toEqual(expect.arrayContaining(['John Kerry', 'Barack Obama', 'Ban Ki-moon']));
    const kerry = await get('/api/speakers?from=2016-07&q=ker');
    expect(items(kerry)).toEqual([{ name: 'John Kerry', count: 2 }]);
    const byFirst = await get('/api/speakers?from=2016-07&to=2016-07&q=JOHN');
    expect(items(byFirst).map((s) => s['name'])).toEqual(['John Kerry']);
  });

  it('GET /api/quotes?speaker= pages quote by quote with the cursor, and refuses another speaker’s cursor', async () => {
    const all = await queries.quotesBySpeaker('Barack Obama', { limit: 100 });
    expect(all.items.length).toBeGreaterThan(2);
    const seen: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await get(
        `/api/quotes?speaker=Barack%20Obama&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...items(page));
      cursor = page.body['cursor'] as string | null;
      pages += 1;
      if (pages === 1 && cursor) {
        const foreign = await get(`/api/quotes?speaker=John%20Kerry&limit=1&cursor=${cursor}`);
        expect(foreign.status).toBe(400);
        expect(foreign.body['error']).toMatch(/cursor: does not belong to this query/);
      }
    } while (cursor && pages < 100);
    expect(seen).toEqual(JSON.parse(JSON.stringify(all.items)));
    // One page per quote, and at most one empty last page (as DynamoDB's own paging may end).
    expect(pages).toBeGreaterThanOrEqual(all.items.length);
    expect(pages).toBeLessThanOrEqual(all.items.length + 1);
  });

  it('GET /api/events?from=&to=&root= pages the range’s events with the query module’s cursor', async () => {
    const first = await get('/api/events?from=2016-09-01&to=2016-09-30&root=19&limit=1');
    expect(first.status).toBe(200);
    const expected = await queries.eventsBetween({
      from: '2016-09-01',
      to: '2016-09-30',
      root: '19',
      limit: 1,
    });
    expect(first.body).toEqual(JSON.parse(JSON.stringify(expected)));
    const all = await queries.eventsBetween({ from: '2016-09-01', to: '2016-09-30', root: '19', limit: 100 });
    const seen = [...items(first)];
    let cursor = first.body['cursor'] as string | null;
    while (cursor) {
      const next = await get(`/api/events?from=2016-09-01&to=2016-09-30&root=19&limit=1&cursor=${cursor}`);
      seen.push(...items(next));
      cursor = next.body['cursor'] as string | null;
    }
    expect(seen).toEqual(JSON.parse(JSON.stringify(all.items)));
    const anyRoot = await get('/api/events?from=2016-09&limit=100');
    expect(items(anyRoot).length).toBeGreaterThan(seen.length);
  });

  it('GET /api/events?actor= lists an actor’s events, optionally of one root', async () => {
    const answer = await get('/api/events?actor=Russia&limit=100');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(
      JSON.parse(JSON.stringify(await queries.eventsByActor('Russia', { limit: 100 }))),
    );
    expect(items(answer).length).toBeGreaterThan(0);
    const fights = await get('/api/events?actor=Russia&root=19&limit=100');
    expect(items(fights).length).toBeGreaterThan(0);
    expect(items(fights).every((e) => e['root'] === '19')).toBe(true);
    expect(items(fights)).toEqual(items(answer).filter((e) => e['root'] === '19'));
  });

  it('GET /api/top/speakers|actors per day and per month, as the query module counts', async () => {
    const month = await get('/api/top/speakers?month=2016-09');
    expect(month.status).toBe(200);
    expect(items(month)).toEqual(await queries.top('speaker', 'month', '2016-09', 10));
    expect(items(month).length).toBeGreaterThan(2);
    const day = await get('/api/top/actors?day=2016-09-29&limit=3');
    expect(items(day)).toEqual(await queries.top('actor', 'day', '2016-09-29', 3));
    const actorsMonth = await get('/api/top/actors?month=2016-09');
    expect(items(actorsMonth)).toEqual(await queries.top('actor', 'month', '2016-09', 10));
  });

  it('GET /api/rejections lists the rejected files with reason, key and time', async () => {
    const answer = await get('/api/rejections');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      items: [
        {
          bucket: 'dateline-drop',
          key: 'inbox/empty.txt',
          reason: 'empty',
          message: 'The file is empty.',
          eventTime: '2026-01-02T03:04:05.000Z',
        },
      ],
      cursor: null,
    });
  });

  it('GET /api/overview?month= counts the month’s articles per day, quotes, events, rejections', async () => {
    const answer = await get('/api/overview?month=2016-09');
    expect(answer.status).toBe(200);
    const days = answer.body['days'] as { day: string; articles: number }[];
    expect(days).toHaveLength(30);
    for (const d of days)
      expect(d.articles).toBe((await queries.articlesByDay(d.day, { limit: 100 })).items.length);
    expect(answer.body).toMatchObject({
      month: '2016-09',
      articles: 2,
      quotes: 19,
      events: 8,
      rejections: 1,
    });
    expect((answer.body['latest'] as { articleId: string }[]).map((a) => a.articleId)).toEqual([
      '5dcffcdd57560b81',
      'cd07a4053353b156',
    ]);
  });

  it('GET /api/roots lists the 20 CAMEO roots in code order', async () => {
    const answer = await get('/api/roots');
    expect(items(answer)).toHaveLength(20);
    expect(items(answer)[0]).toEqual({ root: '01', label: 'make public statement' });
    expect(items(answer)[18]).toEqual({ root: '19', label: 'fight' });
  });

  it('HEAD answers like GET without a body; responses carry security and cache headers', async () => {
    const head = await fetch(new URL('/api/roots', server.url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const answer = await get('/api/roots');
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('bad input: a 4xx with a JSON error that says what is wrong, never a 500', () => {
  const forged = Buffer.from(
    JSON.stringify({
      s: { after: { pk: 'ART#x', sk: 'Q#0000', gsi1pk: 'SPK#someone else', gsi1sk: 'zzz' } },
    }),
  ).toString('base64url');

  it.each([
    ['malformed date', '/api/articles?day=2016-9-7', /day: must be a calendar date YYYY-MM-DD/],
    ['impossible date', '/api/articles?day=2016-02-30', /day: must be a calendar date/],
    ['malformed range end', '/api/quotes?speaker=John%20Kerry&to=yesterday', /to: must be/],
    ['range backwards', '/api/events?from=2016-09-10&to=2016-09-01', /from: must not be after to/],
    ['range too long', '/api/events?from=2000-01&to=2016-01', /at most 120 months/],
    ['month expected', '/api/overview?month=2016-09-01', /month: must be a calendar date YYYY-MM/],
    ['missing parameter', '/api/quotes', /speaker: is required/],
    ['missing overview month', '/api/overview', /month: is required/],
    ['unknown root', '/api/events?from=2016-09&root=21', /root: must be a CAMEO root code 01..20/],
    ['unknown root with actor', '/api/events?actor=Russia&root=7', /root: must be a CAMEO root/],
    ['over-long name', `/api/quotes?speaker=${'a'.repeat(201)}`, /speaker: must be at most 200 characters/],
    ['empty name', '/api/events?actor=%20%20', /actor: must not be empty/],
    [
      'control characters',
      '/api/quotes?speaker=John%00Kerry',
      /speaker: must not contain control characters/,
    ],
    ['limit not a number', '/api/rejections?limit=ten', /limit: must be an integer 1..100/],
    ['limit too large', '/api/rejections?limit=1000', /limit: must be at most 100/],
    ['garbled cursor', '/api/rejections?cursor=%%%not-base64', /cursor: is not a cursor this API returned/],
    [
      'cursor not JSON',
      `/api/rejections?cursor=${Buffer.from('hello').toString('base64url')}`,
      /cursor: is not/,
    ],
    [
      'cursor of the wrong shape',
      `/api/rejections?cursor=${Buffer.from('{"r":{"after":"x"}}').toString('base64url')}`,
      /cursor: is not/,
    ],
    [
      'forged cursor',
      `/api/quotes?speaker=John%20Kerry&cursor=${forged}`,
      /cursor: does not belong to this query/,
    ],
    ['unknown parameter', '/api/rejections?sort=asc', /unknown parameter sort/],
    ['both day and publisher', '/api/articles?day=2016-09-07&publisher=X', /unknown parameter/],
    ['repeated parameter', '/api/articles?day=2016-09-07&day=2016-09-08', /day: must be/],
    ['bad article id', '/api/articles/not%20an%20id', /article id must be/],
    ['bad percent-encoding', '/api/articles/%E0%A4%A', /percent-encoding/],
    ['top of what', '/api/top/speakers?week=2016-09', /unknown parameter week|day: is required/],
  ])('%s → 400', async (_what, path, message) => {
    const answer = await get(path);
    expect(answer.status).toBe(400);
    expect(answer.body['error']).toMatch(message);
    expect(Object.keys(answer.body)).toEqual(['error']);
  });

  it.each([
    ['/api/nothing-here', /no route \/api\/nothing-here/],
    ['/api/top/publishers?month=2016-09', /use \/api\/top\/speakers or \/api\/top\/actors/],
    ['/api/articles/a/b', /no route/],
  ])('unknown route %s → 404', async (path, message) => {
    const answer = await get(path);
    expect(answer.status).toBe(404);
    expect(answer.body['error']).toMatch(message);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s → 405 with Allow', async (method) => {
    const answer = await get('/api/rejections', { method });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
    expect(answer.body['error']).toMatch(/read-only/);
  });
});

describe('the site', () => {
  it('serves the app, its assets and config.json with security headers', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const js = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(js).toBeDefined();
    const script = await fetch(new URL(js as string, server.url));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(await (await fetch(new URL('/config.json', server.url))).json()).toEqual({
      apiBase: '/api',
      auth: null,
    });
    expect((await fetch(new URL('/../../etc/passwd', server.url))).status).toBe(404);
    expect((await fetch(new URL('/assets/other.js', server.url))).status).toBe(404);
  });

  it('answers only requests addressed to 127.0.0.1 or localhost (no DNS rebinding)', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: server.port, path: '/api/roots', headers: { host } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await status(`127.0.0.1:${server.port}`)).toBe(200);
    expect(await status(`localhost:${server.port}`)).toBe(200);
    expect(await status(`attacker.example:${server.port}`)).toBe(421);
  });

  it('refuses a taken --port, and takes a free one when only the default was taken', async () => {
    await expect(startDashboardServer({ doc, tableName: 'unused', port: server.port })).rejects.toThrow(
      `port ${server.port} on 127.0.0.1 is in use: choose another with --port N`,
    );
    const other = await startDashboardServer({
      doc,
      tableName: 'unused',
      port: server.port,
      fallbackToFreePort: true,
    });
    try {
      expect(other.fellBack).toBe(true);
      expect(other.port).not.toBe(server.port);
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    } finally {
      await other.close();
    }
  });
});
