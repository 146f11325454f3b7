/**
 * The read API as a function of an API Gateway HTTP API (payload v2) event: routes parsed and checked by
 * lambdas/core/api/routes.ts, answered by the query module (the same code `npm run query` runs), so every
 * answer is a DynamoDB Query (never a Scan). The local dashboard server calls this same factory.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ArticleQueries, ArticleSummary, Page } from '../aws/article-queries';
import {
  API_HEADERS,
  ApiError,
  cameoRoots,
  daysOfMonth,
  monthsOf,
  parseRoute,
  queryParams,
  type Route,
} from '../core/api/routes';
import { nameKey } from '../core/items';

export type ApiEvent = Pick<APIGatewayProxyEventV2, 'rawPath' | 'queryStringParameters'> & {
  readonly requestContext: { readonly http: { readonly method: string } };
};
export type ApiResult = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
};
export type ApiHandler = (event: ApiEvent) => Promise<ApiResult>;

export interface ApiDeps {
  /** The query module over the table (Query and GetItem only). */
  readonly queries: Pick<
    ArticleQueries,
    | 'getArticle'
    | 'articlesByDay'
    | 'articlesByPublisher'
    | 'quotesBySpeaker'
    | 'eventsBetween'
    | 'eventsByActor'
    | 'top'
    | 'rejections'
  >;
  /** Where a server fault is reported (its details never reach the caller). */
  readonly onError?: (err: unknown, route: string) => void;
}

/** Latest articles the overview lists. */
const LATEST = 10;
/** Most items read per page when the overview counts a day (the query module's largest page). */
const COUNT_PAGE = 1000;

function json(statusCode: number, body: unknown, extra: Record<string, string> = {}): ApiResult {
  return { statusCode, headers: { ...API_HEADERS, ...extra }, body: JSON.stringify(body) };
}

/** Every page of a paged query. */
async function all<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.cursor ?? undefined;
  } while (cursor);
  return items;
}

const pick = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function createApiHandler(deps: ApiDeps): ApiHandler {
  const { queries } = deps;
  const onError =
    deps.onError ??
    ((err: unknown, route: string) =>
      console.error(JSON.stringify({ level: 'ERROR', message: 'api fault', route, error: String(err) })));

  async function answer(route: Route): Promise<ApiResult> {
    switch (route.name) {
      case 'roots':
        return json(200, { items: cameoRoots() });
      case 'article': {
        const article = await queries.getArticle(route.id);
        return article ? json(200, article) : json(404, { error: `no article ${route.id}` });
      }
      case 'articlesByDay':
        return json(
          200,
          await queries.articlesByDay(route.day, pick({ limit: route.limit, cursor: route.cursor })),
        );
      case 'articlesByPublisher': {
        const { publisher, from, to, limit, cursor } = route;
        return json(200, await queries.articlesByPublisher(publisher, pick({ from, to, limit, cursor })));
      }
      case 'quotes': {
        const { speaker, from, to, limit, cursor } = route;
        return json(200, await queries.quotesBySpeaker(speaker, pick({ from, to, limit, cursor })));
      }
      case 'eventsBetween': {
        const { from, to, root, limit, cursor } = route;
        return json(200, await queries.eventsBetween({ from, ...pick({ to, root, limit, cursor }) }));
      }
      case 'eventsByActor': {
        const { actor, root, from, to, limit, cursor } = route;
        const page = await queries.eventsByActor(actor, pick({ from, to, limit, cursor }));
        // The actor index has no root key: a root filter keeps the matching events of this page.
        return json(
          200,
          root === undefined ? page : { ...page, items: page.items.filter((e) => e.root === root) },
        );
      }
      case 'top':
        return json(200, {
          items: await queries.top(route.metric, route.period, route.value, route.limit ?? 10),
        });
      case 'rejections':
        return json(200, await queries.rejections(pick({ limit: route.limit, cursor: route.cursor })));
      case 'speakers': {
        // Known speakers of the months: the months' speaker rankings (summed from tallies), merged by name.
        const months = monthsOf(route.from, route.to ?? route.from);
        const rankings = await Promise.all(months.map((m) => queries.top('speaker', 'month', m, 1000)));
        const merged = new Map<string, { name: string; count: number }>();
        for (const entry of rankings.flat()) {
          const key = nameKey(entry.name);
          const seen = merged.get(key);
          merged.set(key, { name: seen?.name ?? entry.name, count: (seen?.count ?? 0) + entry.count });
        }
        const q = route.q === undefined ? '' : nameKey(route.q);
        const items = [...merged.entries()]
          .filter(([key]) => q === '' || key.startsWith(q) || key.includes(` ${q}`))
          .map(([, v]) => v)
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
          .slice(0, route.limit ?? 10);
        return json(200, { items });
      }
      case 'overview': {
        const days = daysOfMonth(route.month);
        const [perDay, rejections] = await Promise.all([
          Promise.all(
            days.map((day) =>
              all((cursor) => queries.articlesByDay(day, pick({ limit: COUNT_PAGE, cursor }))),
            ),
          ),
          all((cursor) => queries.rejections(pick({ limit: COUNT_PAGE, cursor }))),
        ]);
        const articles: ArticleSummary[] = perDay.flat();
        const sum = (list: ArticleSummary[], f: (a: ArticleSummary) => number) =>
          list.reduce((n, a) => n + f(a), 0);
        const latest = [...articles]
          .sort(
            (a, b) =>
              (b.published ?? '').localeCompare(a.published ?? '') ||
              (a.title ?? '').localeCompare(b.title ?? ''),
          )
          .slice(0, LATEST);
        return json(200, {
          month: route.month,
          articles: articles.length,
          quotes: sum(articles, (a) => a.quoteCount),
          events: sum(articles, (a) => a.eventCount),
          rejections: rejections.length,
          days: days.map((day, i) => {
            const list = perDay[i] ?? [];
            return {
              day,
              articles: list.length,
              quotes: sum(list, (a) => a.quoteCount),
              events: sum(list, (a) => a.eventCount),
            };
          }),
          latest,
        });
      }
    }
  }

  return async (event) => {
    const method = event.requestContext.http.method.toUpperCase();
    let route: Route;
    try {
      route = parseRoute(method, event.rawPath, queryParams(event.queryStringParameters));
    } catch (err) {
      if (err instanceof ApiError)
        return json(err.status, { error: err.message }, err.allow ? { allow: err.allow } : {});
      onError(err, 'route');
      return json(500, { error: 'internal error: the request could not be answered; try again later' });
    }
    try {
      const result = await answer(route);
      return method === 'HEAD' ? { ...result, body: '' } : result;
    } catch (err) {
      // A well-formed cursor from another query: DynamoDB refuses its start key, or the query module its shape.
      if (
        'cursor' in route &&
        route.cursor !== undefined &&
        ['ValidationException', 'ForeignCursorError'].includes((err as { name?: string }).name ?? '')
      )
        return json(400, {
          error: 'cursor: does not belong to this query (pass the cursor the same query returned)',
        });
      onError(err, route.name);
      return json(500, { error: 'internal error: the request could not be answered; try again later' });
    }
  };
}
