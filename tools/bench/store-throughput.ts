/**
 * `npm run bench -- --only store-throughput`: how fast the store stage alone writes new articles on this
 * machine, the ceiling under `npm run load` (which also parses, enriches and moves every article through S3
 * and three queues on the same cores). 1,000 generated load articles, parsed and enriched beforehand, are
 * written by 8 concurrent writers, as the store stage's Lambda configures its store, against DynamoDB Local
 * with the full JIT (warmed up on 300 articles first).
 *
 *   store_articles_per_s       new articles written per second
 *   store_cpu_ms_per_article   CPU per article: this process (the store code and the SDK), DynamoDB Local, and
 *                              their sum; the sum over the cores is the most this machine can write
 *   store_requests_per_article DynamoDB requests per article, by command
 */
import { availableParallelism } from 'node:os';
import type { EnrichedArticleMessage } from '../../lambdas/aws/article-store';
import { createArticleStore } from '../../lambdas/aws/article-store';
import { createDynamoDbClient, documentClientOf } from '../../lambdas/aws/clients/dynamodb';
import { CapacityMeter } from '../../lambdas/aws/table-writer';
import { parseArticleFile } from '../../lambdas/core/article/parse-article';
import { enrichArticle } from '../../lambdas/core/enrich/enrich-article';
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { pool } from '../../local/pool';
import { CLOCK_TICKS, cpuByName, processTree } from '../../local/process-tree';
import { countRequests } from '../../local/request-counter';
import { createTable } from '../../test/integration/store/local-table';
import { generateLoadFiles, loadParseInput } from '../load/articles';

export const name = 'store-throughput';

const WARM_UP = 300;
const MEASURED = 1_000;
const WRITERS = 8;
const THIS = 'bench';

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The store stage's input for each generated article, as enrich would send it. */
function enrichedMessages(count: number): EnrichedArticleMessage[] {
  const files = generateLoadFiles({ count, seed: 11, junkPercent: 0 });
  return files.flatMap((file, i) => {
    const outcome = parseArticleFile(loadParseInput(file, 'dateline-drop'));
    if (outcome.kind !== 'articles') return [];
    const revision = {
      pipelineVersion: 1,
      sequencer: i.toString(16).toUpperCase().padStart(18, '0'),
      eventTime: '2026-12-01T00:00:00.000Z',
    };
    const fileArticleIds = outcome.articles.map((a) => a.id);
    return outcome.articles.map((article): EnrichedArticleMessage => ({
      type: 'enriched',
      v: 1,
      revision,
      article,
      enrichment: enrichArticle(article),
      fileArticleIds,
    }));
  });
}

export async function run(): Promise<Record<string, unknown>> {
  const messages = enrichedMessages(WARM_UP + MEASURED);
  const ddb = await startDynamoDbLocal({ jit: 'throughput' });
  const raw = createDynamoDbClient({
    endpoint: ddb.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let counting = false;
  const requests = countRequests({ dynamodb: raw }, () => counting);
  try {
    const table = await createTable(raw);
    const store = createArticleStore(documentClientOf(raw), table, {
      meter: new CapacityMeter({ byItemType: false }),
    });
    const write = (batch: readonly EnrichedArticleMessage[]): Promise<void[]> =>
      pool(batch, WRITERS, (message) => store.saveArticle(message));
    await write(messages.slice(0, WARM_UP));
    const measured = messages.slice(WARM_UP);
    const before = cpuByName(processTree(THIS));
    const started = performance.now();
    counting = true;
    await write(measured);
    counting = false;
    const seconds = (performance.now() - started) / 1000;
    const after = cpuByName(processTree(THIS));
    const msPerArticle = (process: string): number =>
      round(
        (((after.get(process) ?? 0) - (before.get(process) ?? 0)) / CLOCK_TICKS / measured.length) * 1000,
      );
    const node = msPerArticle(THIS);
    const dynamodb = msPerArticle('dynamodb-local');
    return {
      store_articles_per_s: round(measured.length / seconds),
      store_cpu_ms_per_article: { store: node, dynamodb_local: dynamodb, total: round(node + dynamodb) },
      store_cores: availableParallelism(),
      store_requests_per_article: Object.fromEntries(
        [...requests]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, round(v / measured.length, 2)]),
      ),
    };
  } finally {
    raw.destroy();
    await ddb.stop();
  }
}
