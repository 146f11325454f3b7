/**
 * Write cost of the store stage: the seeds stored on DynamoDB Local, capacity read from
 * ReturnConsumedCapacity (DynamoDB Local reports what DynamoDB would charge for the same requests).
 *
 *   wcu_per_article          write capacity units of a first write, per article (all items, transactions, counters)
 *   items_per_article        table items per article (article, head, quotes, events, per-actor items, carrier,
 *                            object record, and the aggregate counters, shared between articles)
 *   rewrite_wcu_per_article  write capacity units when the same messages arrive again (idempotent: nothing changes)
 *   store_ms_per_article     wall time per article against DynamoDB Local (indicative only)
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { createArticleStore } from '../../lambdas/aws/article-store';
import { CapacityMeter } from '../../lambdas/aws/table-writer';
import { createTable, localClients, seedMessages } from '../../test/integration/store/local-table';

export const name = 'store';

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

export async function run(): Promise<Record<string, unknown>> {
  const ddb = await startDynamoDbLocal();
  const { raw, doc } = localClients(ddb.endpoint);
  try {
    const table = await createTable(raw);
    const seeds = seedMessages();
    const first = new CapacityMeter();
    const store = createArticleStore(doc, table, { meter: first });
    const started = performance.now();
    for (const message of seeds) await store.saveArticle(message);
    const elapsed = performance.now() - started;
    const again = new CapacityMeter();
    const rewrite = createArticleStore(doc, table, { meter: again });
    for (const message of seeds) await rewrite.saveArticle(message);
    let items = 0;
    let cursor: Record<string, unknown> | undefined;
    do {
      const out = await doc.send(
        new ScanCommand({ TableName: table, Select: 'COUNT', ExclusiveStartKey: cursor }),
      );
      items += out.Count ?? 0;
      cursor = out.LastEvaluatedKey;
    } while (cursor);
    const n = seeds.length;
    return {
      wcu_per_article: round(first.snapshot().writeUnits / n),
      items_per_article: round(items / n),
      rewrite_wcu_per_article: round(again.snapshot().writeUnits / n),
      store_ms_per_article: round(elapsed / n, 0),
    };
  } finally {
    raw.destroy();
    await ddb.stop();
  }
}
