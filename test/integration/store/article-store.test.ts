import {
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ArticleQueries } from '../../../lambdas/aws/article-queries';
import {
  ArticleBusyError,
  type BodyStore,
  createArticleStore,
  LEASE_MS,
  type RejectionMessage,
} from '../../../lambdas/aws/article-store';
import { CapacityMeter } from '../../../lambdas/aws/table-writer';
import { carrierItem, keys } from '../../../lambdas/core/items';
import {
  createTable,
  dumpTable,
  type EnrichedArticle,
  localClients,
  scanItems,
  seedMessages,
  useDynamoDbLocal,
} from './local-table';

const local = useDynamoDbLocal();

// DynamoDB Local takes a few seconds to start on a busy machine; each test writes the seeds several times.
jest.setTimeout(60_000);

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };
const seeds = seedMessages();
const byId = (id: string): EnrichedArticle => {
  const found = seeds.find((m) => m.article.id === id);
  if (!found) throw new Error(`no seed ${id}`);
  return found;
};

async function storeAll(tableName: string, client = local.doc): Promise<void> {
  const store = createArticleStore(client, tableName, fast);
  for (const message of seeds) await store.saveArticle(message);
}

/** The same article, re-processed: a new pipeline version and fewer quotes/events. */
function withRevision(
  message: EnrichedArticle,
  revision: Partial<EnrichedArticle['revision']>,
  change: (m: EnrichedArticle) => EnrichedArticle = (m) => m,
): EnrichedArticle {
  return change({ ...message, revision: { ...message.revision, ...revision } });
}

/** A newer version of `file`'s object (a later S3 event), now holding `replacement`'s article. */
const overwrite = (file: EnrichedArticle, replacement: EnrichedArticle): EnrichedArticle => ({
  ...replacement,
  revision: { pipelineVersion: 1, sequencer: '0065A1B2C3D4E5F6FF', eventTime: '2026-11-23T13:00:00.000Z' },
  article: { ...replacement.article, source: file.article.source },
});

type Store = ReturnType<typeof createArticleStore>;

/** The table that holding only these outcomes would give, written into a fresh table. */
async function expectedTable(...write: ((store: Store) => Promise<void>)[]): Promise<string> {
  const fresh = await createTable(local.raw);
  const store = createArticleStore(local.doc, fresh, fast);
  for (const step of write) await step(store);
  return (await dumpTable(local.raw, fresh)).replaceAll(fresh, '');
}

const dump = async (table: string): Promise<string> =>
  (await dumpTable(local.raw, table)).replaceAll(table, '');

/**
 * A client whose first request that `when` picks waits for `meanwhile` (another writer's work) to finish
 * before it is sent: a race, made to happen at one exact point. `when` sees the command name and the input
 * as JSON, in whichever form this step sees it.
 */
function racingClient(
  when: (command: string, input: string) => boolean,
  meanwhile: () => Promise<void>,
): { doc: typeof local.doc; raced: () => boolean; destroy: () => void } {
  const { raw, doc } = localClients(local.endpoint);
  let raced = false;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (!raced && when(context.commandName ?? '', JSON.stringify(args.input))) {
        raced = true;
        await meanwhile();
      }
      return next(args);
    },
    { step: 'initialize', name: 'meanwhile' },
  );
  return { doc, raced: () => raced, destroy: () => raw.destroy() };
}

describe('access patterns on the seeds', () => {
  let queries: ArticleQueries;

  beforeAll(async () => {
    const table = await createTable(local.raw);
    await storeAll(table);
    queries = new ArticleQueries(local.doc, table);
  });

  it('1. reads an article with all its quotes and events from its partition', async () => {
    const article = await queries.getArticle('cd07a4053353b156');
    const seed = byId('cd07a4053353b156');
    expect(article?.title).toBe('Syrian war threatens to escalate as Obama-Putin talks fail');
    expect(article?.paragraphs).toEqual(seed.article.paragraphs);
    expect(article?.quotes.map((q) => [q.index, q.speaker, q.text])).toEqual(
      seed.enrichment.quotes.map((q, i) => [i, q.speaker.name, q.text]),
    );
    expect(article?.events.map((e) => [e.index, e.date, e.root])).toEqual([
      [0, '2016-09-05', '04'],
      [1, '2016-09-06', '19'],
      [2, '2016-09-04', '19'],
      [3, '2016-07-15', '19'],
    ]);
    expect(await queries.getArticle('0000000000000000')).toBeNull();
  });

  it('2. lists a publisher newest first, within a date range, undated last', async () => {
    const all = await queries.articlesByPublisher('World Socialist Web Site');
    expect(all.items.map((a) => [a.articleId, a.published])).toEqual([
      ['5dcffcdd57560b81', '2016-09-29'],
      ['cd07a4053353b156', '2016-09-07'],
      ['3710ffddfe33e132', '2016-07-05'],
      ['126a0dbd44346025', '2015-10-22'],
      ['ba08ca261a50fb30', null],
    ]);
    const in2016 = await queries.articlesByPublisher('world socialist web site', {
      from: '2016-01-01',
      to: '2016-09-10',
    });
    expect(in2016.items.map((a) => a.articleId)).toEqual(['cd07a4053353b156', '3710ffddfe33e132']);
  });

  it('3. lists the articles of a day across its shards', async () => {
    expect((await queries.articlesByDay('2016-09-07')).items.map((a) => a.articleId)).toEqual([
      'cd07a4053353b156',
    ]);
    expect((await queries.articlesByDay('2016-09-08')).items).toEqual([]);
  });

  it('4. finds the quotes of John Kerry in 2016', async () => {
    const page = await queries.quotesBySpeaker('John Kerry', { from: '2016-01', to: '2016-12' });
    expect(page.items.map((q) => [q.articleId, q.index, q.text, q.published])).toEqual([
      ['3710ffddfe33e132', 1, 'Plan B', '2016-07-05'],
      ['3710ffddfe33e132', 2, 'important statement', '2016-07-05'],
    ]);
    expect((await queries.quotesBySpeaker('john  KERRY', { from: '2017-01', to: '2017-12' })).items).toEqual(
      [],
    );
  });

  it('4. pages a speaker’s quotes one at a time across the items that group them', async () => {
    for (const speaker of ['Barack Obama', 'John Kirby', 'US official']) {
      const all = (await queries.quotesBySpeaker(speaker, { limit: 100 })).items;
      expect(all.length).toBeGreaterThan(1);
      for (const limit of [1, 2, 3]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof queries.quotesBySpeaker>> = await queries.quotesBySpeaker(
            speaker,
            { limit, cursor },
          );
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items.map((q) => `${q.articleId}#${q.index}`));
          cursor = page.cursor;
        } while (cursor);
        expect(seen).toEqual(all.map((q) => `${q.articleId}#${q.index}`));
      }
    }
  });

  it('5. lists the events of September 2016, and those of CAMEO root 19', async () => {
    const september = await queries.eventsBetween({ from: '2016-09-01', to: '2016-09-30' });
    expect(september.items.map((e) => [e.articleId, e.index, e.date, e.root])).toEqual([
      ['cd07a4053353b156', 2, '2016-09-04', '19'],
      ['cd07a4053353b156', 0, '2016-09-05', '04'],
      ['cd07a4053353b156', 1, '2016-09-06', '19'],
      ['5dcffcdd57560b81', 0, '2016-09-17', '19'],
      ['5dcffcdd57560b81', 1, '2016-09-19', '18'],
      ['5dcffcdd57560b81', 2, '2016-09-28', '13'],
      ['5dcffcdd57560b81', 3, '2016-09-28', '11'],
    ]);
    const fights = await queries.eventsBetween({ from: '2016-09-01', to: '2016-09-30', root: '19' });
    expect(fights.items.map((e) => [e.articleId, e.index])).toEqual([
      ['cd07a4053353b156', 2],
      ['cd07a4053353b156', 1],
      ['5dcffcdd57560b81', 0],
    ]);
    const oneDay = await queries.eventsBetween({ from: '2016-09-28' });
    expect(oneDay.items.map((e) => e.index)).toEqual([2, 3]);
  });

  it('5. pages through a long range with a cursor, in one global order, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await queries.eventsBetween({ from: '2015-01', to: '2016-12', limit: 3, cursor });
      seen.push(...page.items.map((e) => `${e.date}|${e.articleId}|${e.index}`));
      cursor = page.cursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual([
      '2015-09-30|126a0dbd44346025|1',
      '2015-10-20|126a0dbd44346025|0',
      '2015-10-23|126a0dbd44346025|2',
      '2016-02|3710ffddfe33e132|2',
      '2016-06-27/2016-07-03|3710ffddfe33e132|1',
      '2016-07-02|3710ffddfe33e132|0',
      '2016-07-15|cd07a4053353b156|3',
      '2016-09-04|cd07a4053353b156|2',
      '2016-09-05|cd07a4053353b156|0',
      '2016-09-06|cd07a4053353b156|1',
      '2016-09-17|5dcffcdd57560b81|0',
      '2016-09-19|5dcffcdd57560b81|1',
      '2016-09-28|5dcffcdd57560b81|2',
      '2016-09-28|5dcffcdd57560b81|3',
    ]);
    expect(pages).toBe(5);
  });

  it('6. lists the events Russia takes part in, undated first', async () => {
    const page = await queries.eventsByActor('Russia');
    expect(page.items.map((e) => [e.articleId, e.eventIndex, e.date, e.root])).toEqual([
      ['ba08ca261a50fb30', 0, null, '19'],
      ['126a0dbd44346025', 1, '2015-09-30', '19'],
      ['126a0dbd44346025', 0, '2015-10-20', '04'],
      ['3710ffddfe33e132', 2, '2016-02', '08'],
    ]);
    const since2016 = await queries.eventsByActor('Russia', { from: '2016-01' });
    expect(since2016.items.map((e) => e.articleId)).toEqual(['3710ffddfe33e132']);
  });

  it('7. ranks the top speakers and actors of a day and a month', async () => {
    expect(await queries.top('speaker', 'day', '2016-09-07')).toEqual([
      { name: 'Barack Obama', count: 4 },
      { name: 'Anthony Cordesman', count: 2 },
      { name: 'Recep Tayyip Erdogan', count: 2 },
    ]);
    expect(await queries.top('speaker', 'month', '2016-09', 3)).toEqual([
      { name: 'Barack Obama', count: 4 },
      { name: 'John Kirby', count: 4 },
      { name: 'Anthony Cordesman', count: 2 },
    ]);
    expect(await queries.top('actor', 'month', '2016-09', 3)).toEqual([
      { name: 'ISIS', count: 2 },
      { name: 'Turkey', count: 2 },
      { name: 'Barack Obama', count: 1 },
    ]);
  });
});

describe('idempotent writes', () => {
  it('processing everything twice leaves a byte-identical table and consumes no write capacity', async () => {
    const table = await createTable(local.raw);
    await storeAll(table);
    const first = await dumpTable(local.raw, table);
    const meter = new CapacityMeter();
    const store = createArticleStore(local.doc, table, { ...fast, meter });
    for (const message of seeds) await store.saveArticle(message);
    expect(await dumpTable(local.raw, table)).toBe(first);
    expect(meter.snapshot().writeUnits).toBe(0);
  });

  it('writes everything when half of every batch comes back as UnprocessedItems', async () => {
    const control = await createTable(local.raw);
    await storeAll(control);
    const { raw: flakyRaw, doc: flaky } = localClients(local.endpoint);
    let stripped = 0;
    // Hands back every other request unsent, as DynamoDB does under throttling; real DynamoDB Local underneath.
    flaky.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'BatchWriteItemCommand') return next(args);
        const input = args.input as BatchWriteCommandInput;
        const kept: NonNullable<BatchWriteCommandInput['RequestItems']> = {};
        const held: NonNullable<BatchWriteCommandInput['RequestItems']> = {};
        for (const [table, requests] of Object.entries(input.RequestItems ?? {})) {
          kept[table] = requests.filter((_, i) => i % 2 === 0);
          held[table] = requests.filter((_, i) => i % 2 === 1);
          stripped += held[table].length;
        }
        const result = await next({ ...args, input: { ...input, RequestItems: kept } });
        const output = result.output as BatchWriteCommandOutput;
        output.UnprocessedItems = Object.fromEntries(Object.entries(held).filter(([, r]) => r.length > 0));
        return result;
      },
      { step: 'initialize', name: 'halfUnprocessed' },
    );
    const table = await createTable(local.raw);
    const meter = new CapacityMeter();
    const store = createArticleStore(flaky, table, { ...fast, meter });
    for (const message of seeds) await store.saveArticle(message);
    flakyRaw.destroy();
    // Quotes grouped per speaker, events under their first two actors: ~55 batched items over the seeds.
    expect(stripped).toBeGreaterThan(20);
    expect(meter.snapshot().retriedItems).toBe(stripped);
    expect((await dumpTable(local.raw, table)).replaceAll(table, '')).toBe(
      (await dumpTable(local.raw, control)).replaceAll(control, ''),
    );
  });

  it('a late result of an older pipeline version or older S3 event does not overwrite the newer one', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, fast);
    const seed = byId('5dcffcdd57560b81');
    const v2 = withRevision(seed, { pipelineVersion: 2 }, (m) => ({
      ...m,
      enrichment: { ...m.enrichment, quotes: m.enrichment.quotes.slice(0, 2) },
    }));
    await store.saveArticle(v2);
    const afterV2 = await dumpTable(local.raw, table);
    await store.saveArticle(seed); // pipeline version 1, arriving late
    expect(await dumpTable(local.raw, table)).toBe(afterV2);
    const olderEvent = withRevision(v2, {
      sequencer: '0065A1B2C3D4E5F5FF',
      eventTime: '2026-11-23T09:00:00.000Z',
    });
    await store.saveArticle(olderEvent); // same version, an older S3 event of the same object
    expect(await dumpTable(local.raw, table)).toBe(afterV2);
  });

  it('a new pipeline version leaves exactly the new items and moves the aggregates', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, fast);
    const queries = new ArticleQueries(local.doc, table);
    const seed = byId('cd07a4053353b156');
    await store.saveArticle(seed);
    // v2 drops Obama's quotes and the last two events.
    const v2 = withRevision(seed, { pipelineVersion: 2 }, (m) => ({
      ...m,
      enrichment: {
        ...m.enrichment,
        quotes: m.enrichment.quotes.filter((q) => q.speaker.name !== 'Barack Obama'),
        events: m.enrichment.events.slice(0, 2),
      },
    }));
    await store.saveArticle(v2);
    const fresh = await createTable(local.raw);
    await createArticleStore(local.doc, fresh, fast).saveArticle(v2);
    expect((await dumpTable(local.raw, table)).replaceAll(table, '')).toBe(
      (await dumpTable(local.raw, fresh)).replaceAll(fresh, ''),
    );
    expect(await queries.top('speaker', 'day', '2016-09-07')).toEqual([
      { name: 'Anthony Cordesman', count: 2 },
      { name: 'Recep Tayyip Erdogan', count: 2 },
    ]);
    expect((await queries.eventsByActor('Turkey')).items.map((e) => e.eventIndex)).toEqual([1]);
  });
});

describe('objects and removal', () => {
  const talliesOf = async (table: string, articleId: string): Promise<unknown[]> =>
    (await scanItems(local.doc, table)).filter((i) => i['type'] === 'tally' && i['sk'] === articleId);

  it('keeps an article carried by two objects until the last one is removed, then deletes every item and its counts', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, fast);
    const seed = byId('cd07a4053353b156');
    const copy: EnrichedArticle = {
      ...seed,
      revision: { ...seed.revision, sequencer: '00AA', eventTime: '2026-11-23T11:00:00.000Z' },
      article: { ...seed.article, source: { ...seed.article.source, key: 'copies/obama-putin.txt' } },
    };
    await store.saveArticle(byId('5dcffcdd57560b81'));
    const before = await dumpTable(local.raw, table);
    await store.saveArticle(seed);
    await store.saveArticle(copy);
    const both = await scanItems(local.doc, table);
    expect(both.filter((i) => i['type'] === 'article')).toHaveLength(2);
    const carriers = both
      .filter((i) => i['type'] === 'article-head')
      .flatMap((i) => Object.keys(i).filter((name) => name.startsWith('SRC#')))
      .sort();
    expect(carriers).toEqual([
      'SRC#dateline-drop/copies/obama-putin.txt',
      'SRC#dateline-drop/seeds/002_5dcffcdd57560b81.txt',
      'SRC#dateline-drop/seeds/004_cd07a4053353b156.txt',
    ]);
    const removal = (key: string, sequencer: string) => ({
      type: 'removal' as const,
      v: 1 as const,
      revision: { pipelineVersion: 1, sequencer, eventTime: '2026-11-23T12:00:00.000Z' },
      object: { bucket: 'dateline-drop', key, versionId: null },
    });
    await store.removeObject(removal('seeds/004_cd07a4053353b156.txt', '00FF00000000000000'));
    const queries = new ArticleQueries(local.doc, table);
    const kept = await queries.getArticle('cd07a4053353b156');
    expect(kept?.source).toEqual({ bucket: 'dateline-drop', key: 'copies/obama-putin.txt' });
    expect(kept?.quotes).toHaveLength(10);
    await store.removeObject(removal('copies/obama-putin.txt', '00FF'));
    const after = await scanItems(local.doc, table);
    expect(after.filter((i) => String(i['pk']).startsWith('ART#cd07a4053353b156'))).toEqual([]);
    expect(await talliesOf(table, 'cd07a4053353b156')).toEqual([]);
    // Only the other article's items and counts remain (byte for byte), plus the removed objects' tombstones.
    const remaining = (await dumpTable(local.raw, table))
      .split('\n')
      .filter(
        (line) =>
          !line.includes('"OBJ#dateline-drop/copies') && !line.includes('"OBJ#dateline-drop/seeds/004'),
      );
    expect(remaining.join('\n')).toBe(before);
    // A late put event of the removed object (older sequencer) does not bring the article back.
    await store.saveArticle(copy);
    expect(await queries.getArticle('cd07a4053353b156')).toBeNull();
  });

  it('drops the articles a file no longer holds when it is overwritten', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, fast);
    const first = byId('126a0dbd44346025');
    await store.saveArticle(first);
    await store.saveArticle(overwrite(first, byId('3710ffddfe33e132')));
    const queries = new ArticleQueries(local.doc, table);
    expect(await queries.getArticle('126a0dbd44346025')).toBeNull();
    expect((await queries.getArticle('3710ffddfe33e132'))?.source.key).toBe(first.article.source.key);
    expect(await queries.top('speaker', 'month', '2015-10')).toEqual([]);
  });

  it('records rejections newest first and clears one when the object becomes an article', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, fast);
    const rejection = (key: string, eventTime: string, reason: 'binary' | 'empty') => ({
      type: 'rejection' as const,
      v: 1 as const,
      revision: { pipelineVersion: 1, sequencer: '0001', eventTime },
      rejection: {
        source: { bucket: 'dateline-drop', key, versionId: null, etag: null, size: 0, part: 0 },
        reason,
        message: `${key} is ${reason}`,
      },
    });
    await store.saveRejection(rejection('a.bin', '2026-11-23T08:00:00.000Z', 'binary'));
    await store.saveRejection(
      rejection('seeds/004_cd07a4053353b156.txt', '2026-11-23T09:00:00.000Z', 'empty'),
    );
    await store.saveRejection(rejection('a.bin', '2026-11-23T08:00:00.000Z', 'binary'));
    const queries = new ArticleQueries(local.doc, table);
    expect((await queries.rejections()).items.map((r) => [r.key, r.reason])).toEqual([
      ['seeds/004_cd07a4053353b156.txt', 'empty'],
      ['a.bin', 'binary'],
    ]);
    await store.saveArticle(byId('cd07a4053353b156'));
    expect((await queries.rejections()).items.map((r) => r.key)).toEqual(['a.bin']);
  });
});

describe('the same revision with another outcome (reprocessing under changed rules)', () => {
  const articleA = byId('cd07a4053353b156');
  const other = byId('5dcffcdd57560b81');
  /** What the changed rules make of article A's file, at the revision the table records for it. */
  const rejectionOf = (
    m: EnrichedArticle,
    message = 'no article text left after the junk rules',
  ): RejectionMessage => ({
    type: 'rejection',
    v: 1,
    revision: m.revision,
    rejection: { source: m.article.source, reason: 'no-article', message },
  });
  /** Redelivering these messages again writes nothing and changes nothing. */
  async function expectNoWrites(
    table: string,
    redeliver: (store: ReturnType<typeof createArticleStore>) => Promise<void>,
  ): Promise<void> {
    const before = await dumpTable(local.raw, table);
    const meter = new CapacityMeter();
    await redeliver(createArticleStore(local.doc, table, { ...fast, meter }));
    expect(meter.snapshot().writeUnits).toBe(0);
    expect(await dumpTable(local.raw, table)).toBe(before);
  }

  it('articles → rejection: removes the article, its items and counts, and records the rejection', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, fast);
    const queries = new ArticleQueries(local.doc, table);
    await store.saveArticle(other);
    await store.saveArticle(articleA);
    expect(await queries.top('speaker', 'day', '2016-09-07')).not.toEqual([]);
    await store.saveRejection(rejectionOf(articleA));

    expect(await queries.getArticle(articleA.article.id)).toBeNull();
    expect(
      (await scanItems(local.doc, table)).filter((i) =>
        String(i['pk']).startsWith(`ART#${articleA.article.id}`),
      ),
    ).toEqual([]);
    expect(await queries.top('speaker', 'day', '2016-09-07')).toEqual([]);
    expect((await queries.rejections()).items.map((r) => [r.key, r.reason])).toEqual([
      [articleA.article.source.key, 'no-article'],
    ]);
    // Exactly the table of the new outcome: the other article untouched, no pending detach left on the head.
    expect(await dump(table)).toBe(
      await expectedTable(
        (s) => s.saveArticle(other),
        (s) => s.saveRejection(rejectionOf(articleA)),
      ),
    );
    await expectNoWrites(table, async (s) => {
      await s.saveRejection(rejectionOf(articleA));
      await s.saveArticle(other);
    });
  });

  it('rejection → articles: removes the rejection and stores the article as a first write would', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, fast);
    const queries = new ArticleQueries(local.doc, table);
    await store.saveArticle(other);
    await store.saveRejection(rejectionOf(articleA));
    await store.saveArticle(articleA);

    expect((await queries.rejections()).items).toEqual([]);
    expect((await queries.getArticle(articleA.article.id))?.quotes).toHaveLength(
      articleA.enrichment.quotes.length,
    );
    expect(await dump(table)).toBe(
      await expectedTable(
        (s) => s.saveArticle(other),
        (s) => s.saveArticle(articleA),
      ),
    );
    await expectNoWrites(table, async (s) => {
      await s.saveArticle(articleA);
      await s.saveArticle(other);
    });
  });

  it('goes back and forth, updates a changed rejection reason, and redelivery of the same outcome writes nothing', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, fast);
    const queries = new ArticleQueries(local.doc, table);
    await store.saveArticle(articleA);
    const control = await dump(table);
    await store.saveRejection(rejectionOf(articleA));
    await store.saveRejection(rejectionOf(articleA, 'only boilerplate left'));
    expect((await queries.rejections()).items.map((r) => r.message)).toEqual(['only boilerplate left']);
    await expectNoWrites(table, (s) => s.saveRejection(rejectionOf(articleA, 'only boilerplate left')));
    await store.saveArticle(articleA);
    expect(await dump(table)).toBe(control);
    await expectNoWrites(table, (s) => s.saveArticle(articleA));
  });

  it('drops the articles a file no longer yields at the same revision, and an older revision changes nothing', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, fast);
    const queries = new ArticleQueries(local.doc, table);
    // One file (a JSON array, say) that held two articles; the new rules keep only the first.
    const second: EnrichedArticle = {
      ...other,
      revision: articleA.revision,
      article: { ...other.article, source: articleA.article.source },
    };
    const both = [articleA.article.id, other.article.id];
    await store.saveArticle({ ...articleA, fileArticleIds: both });
    await store.saveArticle({ ...second, fileArticleIds: both });
    expect(await queries.getArticle(other.article.id)).not.toBeNull();
    await store.saveArticle(articleA);
    expect(await queries.getArticle(other.article.id)).toBeNull();
    expect(await dump(table)).toBe(await expectedTable((s) => s.saveArticle(articleA)));

    // A late result of an older S3 event of the file (its rejection) is stale whatever its outcome.
    const before = await dumpTable(local.raw, table);
    await store.saveRejection({
      ...rejectionOf(articleA),
      revision: {
        ...articleA.revision,
        sequencer: '0065A1B2C3D4E5F500',
        eventTime: '2026-11-23T09:00:00.000Z',
      },
    });
    expect(await dumpTable(local.raw, table)).toBe(before);
  });

  it('a rejection re-recorded while the article is being attached leaves no article behind', async () => {
    const table = await createTable(local.raw);
    await createArticleStore(local.doc, table, fast).saveArticle(articleA);
    await createArticleStore(local.doc, table, fast).saveRejection(rejectionOf(articleA));
    // The article message (same revision) advanced the head; the rejection lands just before its carrier does
    // (the write that records the carrier is a HEAD update naming an attribute after the object).
    const racing = racingClient(
      (command, input) => command === 'UpdateItemCommand' && input.includes('"SRC#'),
      () => createArticleStore(local.doc, table, fast).saveRejection(rejectionOf(articleA)),
    );
    await createArticleStore(racing.doc, table, fast).saveArticle(articleA);
    racing.destroy();
    expect(racing.raced()).toBe(true);
    expect(await dump(table)).toBe(await expectedTable((s) => s.saveRejection(rejectionOf(articleA))));
  });
});

describe('large articles', () => {
  it('moves the body of an article too large for one item to the body store and back out on deletion', async () => {
    const table = await createTable(local.raw);
    const bodies = new Map<string, string>();
    const bodyStore: BodyStore = {
      put: async (key, body) => {
        bodies.set(key, body);
        return { bucket: 'artifacts', key };
      },
      delete: async (ref) => {
        bodies.delete(ref.key);
      },
    };
    const store = createArticleStore(local.doc, table, { ...fast, bodyStore, maxItemBytes: 4_000 });
    const seed = byId('cd07a4053353b156');
    await store.saveArticle(seed);
    const article = await new ArticleQueries(local.doc, table).getArticle(seed.article.id);
    const key = 'article-bodies/cd07a4053353b156/v1.json';
    expect(article?.bodyRef).toEqual({ bucket: 'artifacts', key });
    expect(article?.paragraphs).toEqual([]);
    expect(JSON.parse(bodies.get(key) ?? '{}').paragraphs).toEqual(seed.article.paragraphs);
    await store.removeObject({
      type: 'removal',
      v: 1,
      revision: {
        pipelineVersion: 1,
        sequencer: 'FF0000000000000000',
        eventTime: '2026-11-23T14:00:00.000Z',
      },
      object: { bucket: 'dateline-drop', key: seed.article.source.key, versionId: null },
    });
    expect(bodies.size).toBe(0);
  });

  it('moves no body for a late, older revision of a large article', async () => {
    const table = await createTable(local.raw);
    const puts: string[] = [];
    const bodyStore: BodyStore = {
      put: async (key) => {
        puts.push(key);
        return { bucket: 'artifacts', key };
      },
      delete: async () => undefined,
    };
    const store = createArticleStore(local.doc, table, { ...fast, bodyStore, maxItemBytes: 4_000 });
    const seed = byId('cd07a4053353b156');
    await store.saveArticle(withRevision(seed, { pipelineVersion: 2 }));
    await store.saveArticle(seed); // pipeline version 1, arriving late
    expect(puts).toEqual(['article-bodies/cd07a4053353b156/v2.json']);
  });

  it('refuses an article too large for one item when there is no body store', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, { ...fast, maxItemBytes: 4_000 });
    await expect(store.saveArticle(byId('cd07a4053353b156'))).rejects.toThrow(
      'article cd07a4053353b156 is too large for one item and no body store is configured',
    );
  });
});

describe('concurrency and crashes', () => {
  it('makes a newer revision wait while another revision holds the article, and proceed once the lease expired', async () => {
    const table = await createTable(local.raw);
    let now = Date.parse('2026-11-23T10:00:00.000Z');
    const store = createArticleStore(local.doc, table, { ...fast, now: () => now });
    const seed = byId('cd07a4053353b156');
    await store.saveArticle(seed);
    // Another writer (some other revision) is in the middle of writing this article.
    await local.doc.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: 'ART#cd07a4053353b156', sk: 'HEAD' },
        UpdateExpression: 'SET leaseToken = :t, leaseUntil = :u, leaseItem = :i',
        ExpressionAttributeValues: { ':t': 'someone else', ':u': now + LEASE_MS, ':i': 'their article item' },
      }),
    );
    const v2 = withRevision(seed, { pipelineVersion: 2 });
    await expect(store.saveArticle(v2)).rejects.toBeInstanceOf(ArticleBusyError);
    now += LEASE_MS + 1;
    await store.saveArticle(v2);
    const head = (await scanItems(local.doc, table)).find((i) => i['sk'] === 'HEAD');
    expect(head?.['revision']).toMatchObject({ pipelineVersion: 2 });
    // Its article item written, the writer is done: the next revision need not wait for the lease to expire.
    await store.saveArticle(withRevision(seed, { pipelineVersion: 3 }));
    const article = (await scanItems(local.doc, table)).find((i) => i['sk'] === 'ARTICLE');
    expect(article?.['revision']).toMatchObject({ pipelineVersion: 3 });
  });

  it('finishes a write that crashed half-way when the message is redelivered, with exact counts', async () => {
    const control = await createTable(local.raw);
    const seed = byId('5dcffcdd57560b81');
    const v2 = withRevision(seed, { pipelineVersion: 2 }, (m) => ({
      ...m,
      enrichment: {
        ...m.enrichment,
        quotes: m.enrichment.quotes.slice(3),
        events: m.enrichment.events.slice(1),
      },
    }));
    await createArticleStore(local.doc, control, fast).saveArticle(v2);

    const table = await createTable(local.raw);
    await createArticleStore(local.doc, table, fast).saveArticle(seed);
    const { raw: crashingRaw, doc: crashing } = localClients(local.endpoint);
    let crashes = 0;
    // The process dies at its first batch write: after the lease moved, before tallies, quotes and events did.
    crashing.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'BatchWriteItemCommand' && crashes === 0) {
          crashes += 1;
          throw new Error('Lambda timed out');
        }
        return next(args);
      },
      { step: 'initialize', name: 'crashOnce' },
    );
    const store = createArticleStore(crashing, table, fast);
    await expect(store.saveArticle(v2)).rejects.toThrow('Lambda timed out');
    await store.saveArticle(v2); // SQS redelivers the message
    crashingRaw.destroy();
    expect((await dumpTable(local.raw, table)).replaceAll(table, '')).toBe(
      (await dumpTable(local.raw, control)).replaceAll(control, ''),
    );
  });

  describe('a file never seen before (the lease and carrier go first, then the object head)', () => {
    const first = byId('126a0dbd44346025');
    const overwritten = overwrite(first, byId('3710ffddfe33e132'));
    const objectPk = keys.object(first.article.source.bucket, first.article.source.key).pk;
    const isObjectPut = (command: string, input: string): boolean =>
      command === 'PutItemCommand' && input.includes(objectPk);

    it('writes a new article in five requests: object read, lease, object head, items (one batch), article item', async () => {
      const table = await createTable(local.raw);
      const sent: string[] = [];
      const counting = racingClient(
        (command) => {
          sent.push(command.replace('Command', ''));
          return false;
        },
        async () => undefined,
      );
      await createArticleStore(counting.doc, table, fast).saveArticle(first);
      counting.destroy();
      expect(sent).toEqual(['GetItem', 'UpdateItem', 'PutItem', 'BatchWriteItem', 'PutItem']);
      expect(await dump(table)).toBe(await expectedTable((s) => s.saveArticle(first)));
    });

    /**
     * Writes `first` into a new table, running `meanwhile` (another writer) just before the first request that
     * `when` picks; resolves with the table once both are done.
     */
    async function writeFirstWhile(
      when: (command: string, input: string) => boolean,
      meanwhile: (table: string) => Promise<void>,
    ): Promise<string> {
      const table = await createTable(local.raw);
      const racing = racingClient(when, () => meanwhile(table));
      await createArticleStore(racing.doc, table, fast).saveArticle(first);
      racing.destroy();
      expect(racing.raced()).toBe(true);
      return table;
    }
    const save = (message: EnrichedArticle) => (table: string) =>
      createArticleStore(local.doc, table, fast).saveArticle(message);

    it('leaves nothing of its article when a newer version records the object between its lease and its object head', async () => {
      const table = await writeFirstWhile(isObjectPut, save(overwritten));
      expect(await dump(table)).toBe(await expectedTable((s) => s.saveArticle(overwritten)));
    });

    it('makes a newer version that takes the object head mid-write wait, then remove the article once written', async () => {
      const table = await writeFirstWhile(
        (command) => command === 'BatchWriteItemCommand',
        (t) => expect(save(overwritten)(t)).rejects.toBeInstanceOf(ArticleBusyError),
      );
      await save(overwritten)(table); // SQS redelivers it
      expect(await dump(table)).toBe(await expectedTable((s) => s.saveArticle(overwritten)));
    });

    it('finishes after a crash between its lease and its object head when the message is redelivered', async () => {
      const table = await createTable(local.raw);
      const crashing = racingClient(isObjectPut, () => Promise.reject(new Error('Lambda timed out')));
      const store = createArticleStore(crashing.doc, table, fast);
      await expect(store.saveArticle(first)).rejects.toThrow('Lambda timed out');
      await store.saveArticle(first);
      crashing.destroy();
      expect(await dump(table)).toBe(await expectedTable((s) => s.saveArticle(first)));
    });

    it('two deliveries of the same new file at once store it once', async () => {
      const table = await writeFirstWhile(isObjectPut, save(first));
      expect(await dump(table)).toBe(await expectedTable((s) => s.saveArticle(first)));
    });
  });

  it('reads and detaches carrier items of the earlier layout like HEAD carriers', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, fast);
    const seed = byId('cd07a4053353b156');
    await store.saveArticle(seed);
    // The earlier layout: the carrier was an item of its own, not a HEAD attribute.
    const { bucket, key } = seed.article.source;
    const attribute = keys.carrier(seed.article.id, bucket, key).sk;
    await local.doc.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.head(seed.article.id),
        UpdateExpression: 'REMOVE #c',
        ExpressionAttributeNames: { '#c': attribute },
      }),
    );
    await local.doc.send(
      new PutCommand({ TableName: table, Item: carrierItem(seed.article.id, seed.article.source) }),
    );
    // Redelivery neither writes nor doubles the carrier; the removal then deletes everything.
    const meter = new CapacityMeter();
    await createArticleStore(local.doc, table, { ...fast, meter }).saveArticle(seed);
    expect(meter.snapshot().writeUnits).toBe(0);
    await store.removeObject({
      type: 'removal',
      v: 1,
      revision: { pipelineVersion: 1, sequencer: 'FF00000000000000', eventTime: '2026-11-23T14:00:00.000Z' },
      object: { bucket, key, versionId: null },
    });
    const left = (await scanItems(local.doc, table)).filter((i) => String(i['pk']).startsWith('ART#'));
    expect(left).toEqual([]);
  });

  it('ignores a removal that is older than the object it would remove', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, fast);
    const seed = byId('3710ffddfe33e132');
    await store.saveArticle(seed);
    const before = await dumpTable(local.raw, table);
    await store.removeObject({
      type: 'removal',
      v: 1,
      revision: {
        pipelineVersion: 1,
        sequencer: '0065A1B2C3D4E5F500',
        eventTime: '2026-11-23T09:00:00.000Z',
      },
      object: { bucket: seed.article.source.bucket, key: seed.article.source.key, versionId: null },
    });
    expect(await dumpTable(local.raw, table)).toBe(before);
  });
});
