// The read API's Lambda entry and handler factory, without DynamoDB: environment at init, a server fault's
// answer, and that no request, however garbled, gets a 500 or leaks a stack. Routes against a real table are
// in test/integration/api.
import fc from 'fast-check';
import { type ApiDeps, type ApiEvent, createApiHandler } from '../../../lambdas/api/api-routes';

const empty = { items: [], cursor: null };
const fakeQueries = (): ApiDeps['queries'] => ({
  getArticle: async () => null,
  articlesByDay: async () => empty,
  articlesByPublisher: async () => empty,
  quotesBySpeaker: async () => empty,
  eventsBetween: async () => empty,
  eventsByActor: async () => empty,
  top: async () => [],
  rejections: async () => empty,
});

const event = (method: string, rawPath: string, query?: Record<string, string>): ApiEvent => ({
  rawPath,
  queryStringParameters: query,
  requestContext: { http: { method } },
});

describe('lambdas/api/handler', () => {
  const load = (env: Record<string, string>) => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_REGION: 'us-east-1' }, env);
    try {
      let mod: { handler?: unknown } = {};
      jest.isolateModules(() => {
        mod = jest.requireActual('../../../lambdas/api/handler');
      });
      return mod;
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  };
  it('exports a handler with TABLE_NAME set', () => {
    expect(typeof load({ TABLE_NAME: 'articles' }).handler).toBe('function');
  });
  it('refuses to initialise without TABLE_NAME', () => {
    const saved = process.env['TABLE_NAME'];
    delete process.env['TABLE_NAME'];
    try {
      expect(() => load({})).toThrow('TABLE_NAME');
    } finally {
      if (saved !== undefined) process.env['TABLE_NAME'] = saved;
    }
  });
});

describe('createApiHandler', () => {
  it('answers a server fault with a generic 500, reporting the details only to onError', async () => {
    const faults: unknown[] = [];
    const handler = createApiHandler({
      queries: {
        ...fakeQueries(),
        rejections: async () => {
          throw new Error('ProvisionedThroughputExceededException at /var/task/index.js:1:2');
        },
      },
      onError: (err) => faults.push(err),
    });
    const result = await handler(event('GET', '/api/rejections'));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({ error: expect.stringMatching(/^internal error/) });
    expect(result.body).not.toMatch(/index\.js|Exception/);
    expect(faults).toHaveLength(1);
  });

  it('never answers a garbled request with a 500, and every error is JSON', async () => {
    const handler = createApiHandler({ queries: fakeQueries(), onError: () => undefined });
    const segment = fc.oneof(
      fc.constantFrom(
        'api',
        'articles',
        'quotes',
        'events',
        'top',
        'speakers',
        'actors',
        'overview',
        'roots',
        'rejections',
      ),
      fc.string({ maxLength: 12 }),
    );
    const params = fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          'day',
          'month',
          'from',
          'to',
          'root',
          'actor',
          'speaker',
          'publisher',
          'limit',
          'cursor',
          'q',
        ),
        fc.string({ maxLength: 6 }),
      ),
      fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('2016-09', '2016-09-07', '19', '10', 'Russia')),
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        params,
        async (method, segments, query) => {
          const result = await handler(event(method, `/${segments.join('/')}`, query));
          expect(result.statusCode).not.toBe(500);
          expect(result.headers['content-type']).toBe('application/json; charset=utf-8');
          if (result.statusCode >= 400) expect(Object.keys(JSON.parse(result.body))).toEqual(['error']);
        },
      ),
      { numRuns: 400 },
    );
  });
});
