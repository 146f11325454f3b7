import {
  ApiError,
  daysOfMonth,
  isWellFormedCursor,
  monthsOf,
  parseRoute,
} from '../../../../lambdas/core/api/routes';

const fail = (method: string, path: string, params: Record<string, string> = {}): ApiError => {
  try {
    parseRoute(method, path, params);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error(`${method} ${path} parsed`);
};

describe('parseRoute', () => {
  it.each([
    ['/api/articles', { day: '2016-09-07' }, { name: 'articlesByDay', day: '2016-09-07' }],
    [
      '/api/articles',
      { publisher: ' WSWS ', limit: '5' },
      { name: 'articlesByPublisher', publisher: 'WSWS', limit: 5 },
    ],
    ['/api/articles/abc123', {}, { name: 'article', id: 'abc123' }],
    [
      '/api/quotes/',
      { speaker: 'John Kerry', from: '2016-01', to: '2016-12-31' },
      { name: 'quotes', speaker: 'John Kerry', from: '2016-01', to: '2016-12-31' },
    ],
    ['/api/events', { from: '2016-09', root: '19' }, { name: 'eventsBetween', from: '2016-09', root: '19' }],
    ['/api/events', { actor: 'Russia', root: '19' }, { name: 'eventsByActor', actor: 'Russia', root: '19' }],
    [
      '/api/top/actors',
      { day: '2016-02-29' },
      { name: 'top', metric: 'actor', period: 'day', value: '2016-02-29' },
    ],
    [
      '/api/top/speakers',
      { month: '2016-09', limit: '3' },
      { name: 'top', metric: 'speaker', period: 'month', value: '2016-09', limit: 3 },
    ],
    ['/api/speakers', { from: '2016-01', q: 'ke' }, { name: 'speakers', from: '2016-01', q: 'ke' }],
    ['/api/overview', { month: '2016-09' }, { name: 'overview', month: '2016-09' }],
    ['/api/rejections', {}, { name: 'rejections' }],
    ['/api/roots', {}, { name: 'roots' }],
  ])('GET %s %j', (path, params, route) => {
    expect(parseRoute('GET', path, params)).toEqual(route);
  });

  it.each([
    [{ day: '2015-02-29' }, /day: must be a calendar date YYYY-MM-DD/],
    [{ day: '2016-09' }, /day: must be a calendar date YYYY-MM-DD/],
    [{ publisher: 'x'.repeat(201) }, /publisher: must be at most 200 characters/],
    [{ publisher: 'a\u0007b' }, /control characters/],
    [{ publisher: 'X', from: '2016-10', to: '2016-09-30' }, /from: must not be after to/],
    [{}, /day: is required/],
  ])('400 for /api/articles %j', (params, message) => {
    const err = fail('GET', '/api/articles', params);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(message);
  });

  it('accepts a range whose month contains its day', () => {
    expect(
      parseRoute('GET', '/api/quotes', { speaker: 'X', from: '2016-09-07', to: '2016-09' }),
    ).toMatchObject({
      from: '2016-09-07',
      to: '2016-09',
    });
  });

  it('404 for unknown routes, 405 for other methods', () => {
    expect(fail('GET', '/api/scan').status).toBe(404);
    expect(fail('GET', '/api/top/publishers', { month: '2016-09' }).status).toBe(404);
    const err = fail('DELETE', '/api/articles/abc');
    expect(err.status).toBe(405);
    expect(err.allow).toBe('GET, HEAD');
  });
});

describe('isWellFormedCursor', () => {
  const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  it('accepts the query module’s cursor shape', () => {
    expect(
      isWellFormedCursor(
        encode({ '0': { done: true }, '1': { after: { pk: 'a', sk: 'b', gsi2pk: 'c', gsi2sk: 'd' } } }),
      ),
    ).toBe(true);
  });
  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['an array', encode([1])],
    ['extra keys', encode({ s: { done: true, more: 1 } })],
    ['foreign attributes', encode({ s: { after: { pk: 'a', sk: 'b', secret: 'x' } } })],
    ['no pk', encode({ s: { after: { sk: 'b' } } })],
    ['too long', 'a'.repeat(9000)],
  ])('refuses %s', (_what, cursor) => {
    expect(isWellFormedCursor(cursor)).toBe(false);
  });
});

it('lists the days of a month and the months of a range', () => {
  expect(daysOfMonth('2016-02')).toHaveLength(29);
  expect(daysOfMonth('2015-02').at(-1)).toBe('2015-02-28');
  expect(monthsOf('2015-11', '2016-02-10')).toEqual(['2015-11', '2015-12', '2016-01', '2016-02']);
});
