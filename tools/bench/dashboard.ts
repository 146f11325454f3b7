/**
 * The dashboard and its read API.
 *
 *   dashboard_js_gzip_bytes  the app's JavaScript as the CDK app ships it (buildDashboardSync), gzip -9
 *   dashboard_css_gzip_bytes its stylesheet, gzip -9
 *   api_ms_p50               median wall time of an HTTP request to the local dashboard server, over every
 *                            documented route (docs/api.md), with 1,000 articles stored on DynamoDB Local
 *   api_ms_p50_by_route      the same median per route
 *   api_ms_p95               95th percentile over all of them
 *
 * The 1,000 articles are the five seed articles re-dated over 2016 (new ids, titles and source keys), stored
 * by the real store code, so quotes, events, actor items and counters are what the pipeline writes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildDashboardDetailed } from '../../dashboard/build';
import { createArticleStore } from '../../lambdas/aws/article-store';
import { startDashboardServer } from '../../local/dashboard-server';
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import {
  createTable,
  type EnrichedArticle,
  localClients,
  seedMessages,
} from '../../test/integration/store/local-table';

export const name = 'dashboard';

const ARTICLES = 1000;
const ROUNDS = 15;
const STORE_CONCURRENCY = 8;

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
}

function bundleSizes(): { js: number; css: number } {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-dashboard-'));
  try {
    const built = buildDashboardDetailed(dir);
    const gz = (path: string) => gzipSync(readFileSync(join(dir, path)), { level: 9 }).length;
    return { js: gz(built.js), css: gz(built.css) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seed i re-dated to a day of 2016: a distinct article (id, title, source key) with the seed's content. */
function generated(seeds: readonly EnrichedArticle[], i: number): EnrichedArticle {
  const seed = seeds[i % seeds.length] as EnrichedArticle;
  const day = new Date(Date.UTC(2016, 0, 1 + ((i * 7) % 366))).toISOString().slice(0, 10);
  const id = `bench${String(i).padStart(6, '0')}`;
  return {
    ...seed,
    revision: { ...seed.revision, eventTime: `${day}T12:00:00.000Z` },
    fileArticleIds: [id],
    article: {
      ...seed.article,
      id,
      title: `${seed.article.title ?? 'Untitled'} (${i})`,
      published: day,
      source: { ...seed.article.source, key: `bench/${id}.txt` },
    },
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const sizes = bundleSizes();
  const ddb = await startDynamoDbLocal();
  const { raw, doc } = localClients(ddb.endpoint);
  try {
    const tableName = await createTable(raw);
    const store = createArticleStore(doc, tableName);
    const seeds = seedMessages();
    let next = 0;
    await Promise.all(
      Array.from({ length: STORE_CONCURRENCY }, async () => {
        for (let i = next++; i < ARTICLES; i = next++) await store.saveArticle(generated(seeds, i));
      }),
    );
    const server = await startDashboardServer({ doc, tableName, port: 0 });
    try {
      const routes: Record<string, string> = {
        overview: '/api/overview?month=2016-09',
        'articles by day': '/api/articles?day=2016-09-07',
        'articles by publisher': '/api/articles?publisher=World%20Socialist%20Web%20Site&from=2016-09',
        article: '/api/articles/bench000004',
        quotes: '/api/quotes?speaker=Barack%20Obama',
        speakers: '/api/speakers?from=2016-09&q=ba',
        'events by range': '/api/events?from=2016-09-01&to=2016-09-30',
        'events by root': '/api/events?from=2016-09&root=19',
        'events by actor': '/api/events?actor=Russia',
        'top speakers': '/api/top/speakers?month=2016-09',
        'top actors': '/api/top/actors?day=2016-09-07',
        rejections: '/api/rejections',
        roots: '/api/roots',
      };
      const times: Record<string, number[]> = {};
      for (let r = 0; r <= ROUNDS; r += 1) {
        for (const [route, path] of Object.entries(routes)) {
          const started = performance.now();
          const res = await fetch(new URL(path, server.url));
          await res.text();
          const ms = performance.now() - started;
          if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
          if (r > 0) (times[route] ??= []).push(ms); // Round 0 warms connections and the JIT.
        }
      }
      const all = Object.values(times)
        .flat()
        .sort((a, b) => a - b);
      return {
        dashboard_js_gzip_bytes: sizes.js,
        dashboard_css_gzip_bytes: sizes.css,
        api_ms_p50: round(percentile(all, 0.5)),
        api_ms_p95: round(percentile(all, 0.95)),
        api_ms_p50_by_route: Object.fromEntries(
          Object.entries(times).map(([route, list]) => [
            route,
            round(
              percentile(
                [...list].sort((a, b) => a - b),
                0.5,
              ),
            ),
          ]),
        ),
      };
    } finally {
      await server.close();
    }
  } finally {
    raw.destroy();
    await ddb.stop();
  }
}
