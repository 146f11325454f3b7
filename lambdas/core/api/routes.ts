/**
 * The read API's routes and parameter rules, pure (no AWS): the path and query string of a request become a
 * typed route, or an ApiError saying what is wrong. The handler factory (lambdas/api/api-routes.ts) maps a
 * route to the query module; docs/api.md documents every route.
 */
import * as z from 'zod';
import { CAMEO_LABELS } from '../enrich/cameo';

/** A client error with its HTTP status; the message goes to the caller as `{"error": message}`. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 404 | 405,
    message: string,
    readonly allow?: string,
  ) {
    super(message);
  }
}

export const MAX_NAME_LENGTH = 200;
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 25;
export const MAX_CURSOR_LENGTH = 8192;
/** Months an event range or a speaker suggestion may span (keeps a request's fan-out bounded). */
export const MAX_EVENT_MONTHS = 120;
export const MAX_SUGGEST_MONTHS = 24;

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A real calendar day or month: 2016-02-30 and 2016-13 are malformed, not empty. */
function isCalendarDate(value: string, precision: 'day' | 'month' | 'either'): boolean {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (precision === 'day' && d === undefined) return false;
  if (precision === 'month' && d !== undefined) return false;
  const year = Number(y);
  const month = Number(mo);
  if (year < 1 || month < 1 || month > 12) return false;
  return d === undefined || (Number(d) >= 1 && Number(d) <= daysIn(year, month));
}

const dateOf = (precision: 'day' | 'month' | 'either') => {
  const shape = { day: 'YYYY-MM-DD', month: 'YYYY-MM', either: 'YYYY-MM-DD or YYYY-MM' }[precision];
  return z
    .string()
    .max(10, `must be ${shape}`)
    .refine((v) => isCalendarDate(v, precision), { message: `must be a calendar date ${shape}` });
};

const name = z
  .string()
  .transform((v) => v.trim())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`)
      // eslint-disable-next-line no-control-regex
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { message: 'must not contain control characters' }),
  );

const root = z
  .string()
  .refine((v) => Object.hasOwn(CAMEO_LABELS, v), { message: 'must be a CAMEO root code 01..20' });

const limit = z
  .string()
  .regex(/^\d{1,4}$/, `must be an integer 1..${MAX_LIMIT}`)
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(1, `must be an integer 1..${MAX_LIMIT}`)
      .max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`),
  );

/**
 * The query module's cursor: base64url JSON mapping partition ids to `{after: key}` or `{done: true}`. Checked
 * here so a forged or garbled cursor is a 400, not a DynamoDB error; a well-formed cursor pointing elsewhere
 * is caught when DynamoDB refuses it (see api-routes.ts).
 */
const keyValue = z.union([z.string().max(2048), z.number()]);
const CursorState = z
  .record(
    z.string().max(64),
    z.union([
      z.object({ done: z.literal(true) }).strict(),
      z.object({ after: z.record(z.string().max(16), keyValue) }).strict(),
    ]),
  )
  .refine((state) => Object.keys(state).length <= 2000, { message: 'too many partitions' });

/**
 * The cursor of quotes by speaker, which pages inside one item per speaker and article: the index partition
 * paged, the entry to resume after, and how many quotes of the next entry were shown.
 */
const GroupCursor = z
  .object({
    in: z.string().max(2048),
    skip: z.number().int().min(0).max(1_000_000),
    after: z.record(z.string().max(16), keyValue).optional(),
  })
  .strict();

/** Every `after` key is a full table + index key: pk, sk and one index's pair. */
function isFullKey(after: Record<string, unknown> | undefined): boolean {
  return (
    !after ||
    (typeof after['pk'] === 'string' &&
      typeof after['sk'] === 'string' &&
      Object.keys(after).every((k) => /^(pk|sk|gsi[123](pk|sk))$/.test(k)))
  );
}

export function isWellFormedCursor(cursor: string): boolean {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return false;
  try {
    const json: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const group = GroupCursor.safeParse(json);
    if (group.success) return isFullKey(group.data.after);
    if (!CursorState.safeParse(json).success) return false;
    return Object.values(json as Record<string, { after?: Record<string, unknown> }>).every((p) =>
      isFullKey(p.after),
    );
  } catch {
    return false;
  }
}

const cursor = z.string().refine(isWellFormedCursor, {
  message: 'is not a cursor this API returned (forged, garbled or truncated)',
});

const paging = { limit: limit.optional(), cursor: cursor.optional() };
const range = { from: dateOf('either').optional(), to: dateOf('either').optional() };

/** `from` ≤ `to`, comparing a month with the days it contains. */
function orderedRange(v: { from?: string; to?: string }): boolean {
  return v.from === undefined || v.to === undefined || v.from.slice(0, v.to.length) <= v.to;
}
const RANGE_ORDER = { message: 'must not be after to', path: ['from'] };

function monthCount(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

const strictQuery = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();

const articlesQuery = z.union([
  strictQuery({ day: dateOf('day'), ...paging }),
  strictQuery({ publisher: name, ...range, ...paging }).refine(orderedRange, RANGE_ORDER),
]);

const eventsQuery = z.union([
  strictQuery({ actor: name, root: root.optional(), ...range, ...paging }).refine(orderedRange, RANGE_ORDER),
  strictQuery({ from: dateOf('either'), to: dateOf('either').optional(), root: root.optional(), ...paging })
    .refine(orderedRange, RANGE_ORDER)
    .refine((v) => monthCount(v.from, v.to ?? v.from) <= MAX_EVENT_MONTHS, {
      message: `a date range spans at most ${MAX_EVENT_MONTHS} months`,
      path: ['to'],
    }),
]);

const period = z.union([
  strictQuery({ day: dateOf('day'), limit: limit.optional() }),
  strictQuery({ month: dateOf('month'), limit: limit.optional() }),
]);

const speakersQuery = strictQuery({
  from: dateOf('month'),
  to: dateOf('month').optional(),
  q: z.string().max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`).optional(),
  limit: limit.optional(),
})
  .refine(orderedRange, RANGE_ORDER)
  .refine((v) => monthCount(v.from, v.to ?? v.from) <= MAX_SUGGEST_MONTHS, {
    message: `suggestions span at most ${MAX_SUGGEST_MONTHS} months`,
    path: ['to'],
  });

export type Route =
  | { readonly name: 'overview'; readonly month: string }
  | { readonly name: 'roots' }
  | { readonly name: 'article'; readonly id: string }
  | {
      readonly name: 'articlesByDay';
      readonly day: string;
      readonly limit?: number;
      readonly cursor?: string;
    }
  | {
      readonly name: 'articlesByPublisher';
      readonly publisher: string;
      readonly from?: string;
      readonly to?: string;
      readonly limit?: number;
      readonly cursor?: string;
    }
  | {
      readonly name: 'quotes';
      readonly speaker: string;
      readonly from?: string;
      readonly to?: string;
      readonly limit?: number;
      readonly cursor?: string;
    }
  | {
      readonly name: 'speakers';
      readonly from: string;
      readonly to?: string;
      readonly q?: string;
      readonly limit?: number;
    }
  | {
      readonly name: 'eventsBetween';
      readonly from: string;
      readonly to?: string;
      readonly root?: string;
      readonly limit?: number;
      readonly cursor?: string;
    }
  | {
      readonly name: 'eventsByActor';
      readonly actor: string;
      readonly root?: string;
      readonly from?: string;
      readonly to?: string;
      readonly limit?: number;
      readonly cursor?: string;
    }
  | {
      readonly name: 'top';
      readonly metric: 'speaker' | 'actor';
      readonly period: 'day' | 'month';
      readonly value: string;
      readonly limit?: number;
    }
  | { readonly name: 'rejections'; readonly limit?: number; readonly cursor?: string };

/** "day: must be a calendar date YYYY-MM-DD; limit: must be at most 100" — the first problem of each field. */
function describe(error: z.ZodError, params: Record<string, string>): string {
  const problems = new Map<string, string>();
  for (const issue of error.issues) {
    if (issue.code === 'invalid_union') {
      // Pick the alternative that got furthest: the one whose fields the caller used.
      const branches = (issue as unknown as { errors: z.core.$ZodIssue[][] }).errors;
      const best = branches.reduce((a, b) => (score(b, params) < score(a, params) ? b : a));
      for (const sub of best) addProblem(problems, sub, params);
    } else addProblem(problems, issue, params);
  }
  return [...problems.entries()].map(([k, v]) => (k ? `${k}: ${v}` : v)).join('; ');
}

function score(issues: z.core.$ZodIssue[], params: Record<string, string>): number {
  // Unknown or missing keys weigh more than a bad value: the branch the caller meant has the right keys.
  return issues.reduce(
    (n, i) =>
      n +
      (i.code === 'unrecognized_keys'
        ? 10 * i.keys.length
        : i.path.length && !(String(i.path[0]) in params)
          ? 10
          : 1),
    0,
  );
}

function addProblem(
  problems: Map<string, string>,
  issue: z.core.$ZodIssue,
  params: Record<string, string>,
): void {
  if (issue.code === 'unrecognized_keys') {
    problems.set('', `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`);
    return;
  }
  const key = issue.path.map(String).join('.');
  if (problems.has(key)) return;
  const missing = key !== '' && !(key in params) && issue.code === 'invalid_type';
  problems.set(key, missing ? 'is required' : issue.message);
}

function parse<T>(schema: z.ZodType<T>, params: Record<string, string>, hint: string): T {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  throw new ApiError(400, `${describe(result.error, params)} (${hint})`);
}

const ARTICLE_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The defined query parameters of an API Gateway event (values arrive percent-decoded). */
export function queryParams(
  raw: Readonly<Record<string, string | undefined>> | undefined,
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw ?? {})) if (value !== undefined) params[key] = value;
  return params;
}

/**
 * The route for a method, path and query string, or an ApiError: 404 unknown path, 405 other methods,
 * 400 bad parameters.
 */
export function parseRoute(method: string, rawPath: string, params: Record<string, string>): Route {
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  const articleMatch = /^\/api\/articles\/([^/]+)$/.exec(path);
  const known =
    articleMatch !== null ||
    [
      '/api/overview',
      '/api/roots',
      '/api/articles',
      '/api/quotes',
      '/api/speakers',
      '/api/events',
      '/api/rejections',
    ].includes(path) ||
    /^\/api\/top\/[^/]+$/.test(path);
  if (!known) throw new ApiError(404, `no route ${path.slice(0, 200)}; see docs/api.md for the routes`);
  if (method !== 'GET' && method !== 'HEAD')
    throw new ApiError(405, `${method} is not allowed: the API is read-only (GET)`, 'GET, HEAD');

  if (articleMatch) {
    let id: string;
    try {
      id = decodeURIComponent(articleMatch[1] as string);
    } catch {
      throw new ApiError(400, 'article id is not valid percent-encoding');
    }
    if (!ARTICLE_ID.test(id))
      throw new ApiError(400, 'article id must be 1..128 characters of A-Z a-z 0-9 _ . : -');
    if (Object.keys(params).length > 0)
      throw new ApiError(400, `unknown parameters ${Object.keys(params).join(', ')}`);
    return { name: 'article', id };
  }
  switch (path) {
    case '/api/overview': {
      const v = parse(strictQuery({ month: dateOf('month') }), params, 'use ?month=YYYY-MM');
      return { name: 'overview', month: v.month };
    }
    case '/api/roots':
      if (Object.keys(params).length > 0)
        throw new ApiError(400, `unknown parameters ${Object.keys(params).join(', ')}`);
      return { name: 'roots' };
    case '/api/articles': {
      const v = parse(articlesQuery, params, 'use ?day=YYYY-MM-DD or ?publisher=NAME[&from=&to=]');
      return 'day' in v ? { name: 'articlesByDay', ...v } : { name: 'articlesByPublisher', ...v };
    }
    case '/api/quotes': {
      const v = parse(
        strictQuery({ speaker: name, ...range, ...paging }).refine(orderedRange, RANGE_ORDER),
        params,
        'use ?speaker=NAME[&from=&to=]',
      );
      return { name: 'quotes', ...v };
    }
    case '/api/speakers': {
      const v = parse(speakersQuery, params, 'use ?from=YYYY-MM[&to=YYYY-MM][&q=PREFIX]');
      return { name: 'speakers', ...v };
    }
    case '/api/events': {
      const v = parse(
        eventsQuery,
        params,
        'use ?from=D[&to=D][&root=NN] or ?actor=NAME[&root=NN][&from=&to=]',
      );
      return 'actor' in v ? { name: 'eventsByActor', ...v } : { name: 'eventsBetween', ...v };
    }
    case '/api/rejections': {
      const v = parse(strictQuery(paging), params, 'use [?limit=N][&cursor=C]');
      return { name: 'rejections', ...v };
    }
    default: {
      const which = path.slice('/api/top/'.length);
      if (which !== 'speakers' && which !== 'actors')
        throw new ApiError(404, `no route ${path.slice(0, 200)}: use /api/top/speakers or /api/top/actors`);
      const v = parse(period, params, 'use ?day=YYYY-MM-DD or ?month=YYYY-MM');
      const periodName = 'day' in v ? 'day' : 'month';
      return {
        name: 'top',
        metric: which === 'speakers' ? 'speaker' : 'actor',
        period: periodName,
        value: 'day' in v ? v.day : v.month,
        ...(v.limit !== undefined && { limit: v.limit }),
      };
    }
  }
}

/** The CAMEO roots with their labels, for filters. */
export function cameoRoots(): { root: string; label: string }[] {
  // "10".."20" are integer-like keys, which object order puts before "01": sort by code.
  return Object.entries(CAMEO_LABELS)
    .map(([code, label]) => ({ root: code, label }))
    .sort((a, b) => a.root.localeCompare(b.root));
}

/** Days of a month, YYYY-MM-DD. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: daysIn(y, m) }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Months from..to inclusive, YYYY-MM. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) return out;
    out.push(month);
    m = m === 12 ? ((y += 1), 1) : m + 1;
  }
}

/** Headers on every API response: JSON, never sniffed, never framed, not cached by shared caches. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
};
