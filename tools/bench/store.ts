/**
 * Write cost of the store stage: the seeds stored on DynamoDB Local, capacity read from
 * ReturnConsumedCapacity (DynamoDB Local reports what DynamoDB would charge for single and batch writes,
 * GSIs included; transactions are priced with the billing model, lambdas/core/items/billing.ts).
 *
 *   wcu_per_article          write units of a first write per article, as DynamoDB Local reports them
 *                            (table and GSIs; its transaction figures are flat, so this undercounts them)
 *   wru_per_article          write request units DynamoDB bills for the same writes, GSI writes included
 *   wru_by_item_type         wru_per_article split by the type of item written
 *   items_per_article        table items per article (article, head, quotes, events, per-actor items, carrier,
 *                            object record, and the aggregate counters, shared between articles)
 *   items_by_type            items per article by type
 *   rewrite_wcu_per_article  write units when the same messages arrive again (idempotent: nothing changes)
 *   stored_bytes_per_article table and GSI bytes per article as DynamoDB bills storage (100 bytes per item
 *                            and per index entry on top of the data)
 *   store_ms_per_article     wall time per article against DynamoDB Local (indicative only)
 *   current_extraction       the same seed files through today's parse + enrich (the fixtures above are frozen
 *                            messages, so they compare write cost across table designs; this shows what today's
 *                            extraction, with its many more events, costs): wru_per_article, items and events
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { createArticleStore, type EnrichedArticleMessage } from '../../lambdas/aws/article-store';
import { CapacityMeter } from '../../lambdas/aws/table-writer';
import { dynamoItemSize, indexEntry } from '../../lambdas/core/items';
import { INDEXES } from '../../lambdas/core/table-schema';
import { join } from 'node:path';
import { createTable, localClients, seedMessages } from '../../test/integration/store/local-table';
import { extractArticle, parseLocalFile } from '../eval/article-file';

export const name = 'store';

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
const perArticle = (values: Readonly<Record<string, number>>, n: number): Record<string, number> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, round(v / n)]));

/** DynamoDB bills storage per item (and per index entry) with 100 bytes of overhead. */
const ITEM_OVERHEAD_BYTES = 100;

export interface StoreFigures {
  readonly articles: number;
  readonly wcuPerArticle: number;
  readonly wruPerArticle: number;
  readonly rruPerArticle: number;
  readonly storedBytesPerArticle: number;
  readonly figures: Record<string, unknown>;
}

let measured: Promise<StoreFigures> | undefined;

/** Measured once per process: the cost model (tools/bench/cost.ts) reads the same figures. */
export function measureStore(): Promise<StoreFigures> {
  measured ??= measure();
  return measured;
}

async function measure(): Promise<StoreFigures> {
  const ddb = await startDynamoDbLocal();
  const { raw, doc } = localClients(ddb.endpoint);
  try {
    const table = await createTable(raw);
    const seeds = seedMessages();
    const first = new CapacityMeter({ modelTransactions: true });
    const store = createArticleStore(doc, table, { meter: first });
    const started = performance.now();
    for (const message of seeds) await store.saveArticle(message);
    const elapsed = performance.now() - started;
    const again = new CapacityMeter({ modelTransactions: true });
    const rewrite = createArticleStore(doc, table, { meter: again });
    for (const message of seeds) await rewrite.saveArticle(message);
    const byType: Record<string, number> = {};
    let stored = 0;
    let cursor: Record<string, unknown> | undefined;
    do {
      const out = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: cursor }));
      for (const item of out.Items ?? []) {
        const type = String(item['type'] ?? '?');
        byType[type] = (byType[type] ?? 0) + 1;
        stored += dynamoItemSize(item) + ITEM_OVERHEAD_BYTES;
        for (const index of Object.values(INDEXES)) {
          const entry = indexEntry(item, index);
          if (entry) stored += dynamoItemSize(entry) + ITEM_OVERHEAD_BYTES;
        }
      }
      cursor = out.LastEvaluatedKey;
    } while (cursor);
    const n = seeds.length;
    const items = Object.values(byType).reduce((a, b) => a + b, 0);
    const cost = first.snapshot();

    const current = currentMessages(seeds);
    const currentTable = await createTable(raw);
    const currentMeter = new CapacityMeter({ modelTransactions: true });
    const currentStore = createArticleStore(doc, currentTable, { meter: currentMeter });
    for (const message of current) await currentStore.saveArticle(message);
    const currentCost = currentMeter.snapshot();
    return {
      articles: n,
      wcuPerArticle: cost.writeUnits / n,
      wruPerArticle: cost.billedWriteUnits / n,
      rruPerArticle: cost.readUnits / n,
      storedBytesPerArticle: stored / n,
      figures: {
        wcu_per_article: round(cost.writeUnits / n),
        wru_per_article: round(cost.billedWriteUnits / n),
        wru_by_item_type: perArticle(cost.billedByType, n),
        rru_per_article: round(cost.readUnits / n),
        items_per_article: round(items / n),
        items_by_type: perArticle(byType, n),
        rewrite_wcu_per_article: round(again.snapshot().billedWriteUnits / n),
        stored_bytes_per_article: Math.round(stored / n),
        store_ms_per_article: round(elapsed / n, 0),
        current_extraction: {
          wru_per_article: round(currentCost.billedWriteUnits / current.length),
          wru_by_item_type: perArticle(currentCost.billedByType, current.length),
          quotes_per_article: round(
            current.reduce((a, m) => a + m.enrichment.quotes.length, 0) / current.length,
          ),
          events_per_article: round(
            current.reduce((a, m) => a + m.enrichment.events.length, 0) / current.length,
          ),
        },
      },
    };
  } finally {
    raw.destroy();
    await ddb.stop();
  }
}

/** The frozen seed messages with today's parse + enrich of the same files in samples/. */
function currentMessages(seeds: readonly EnrichedArticleMessage[]): EnrichedArticleMessage[] {
  const samples = join(__dirname, '..', '..', 'samples');
  return seeds.map((seed) => {
    const file = seed.article.source.key.split('/').pop() ?? '';
    const outcome = parseLocalFile(join(samples, file));
    if (outcome.kind !== 'articles' || !outcome.articles[0])
      throw new Error(`samples/${file} does not parse`);
    const { article: parsed, ...enrichment } = extractArticle(outcome.articles[0]);
    const article = { ...parsed, source: seed.article.source };
    return { ...seed, article, fileArticleIds: [article.id], enrichment };
  });
}

export async function run(): Promise<Record<string, unknown>> {
  return (await measureStore()).figures;
}
