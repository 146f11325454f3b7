/**
 * Done-when of the write-cost work: the top-speaker / top-actor counters stay exact when the same articles are
 * reprocessed with changed extraction (they move by exactly the difference), when messages are redelivered,
 * and when an older version arrives late. The expected counts come from an independent recount of the
 * messages, not from the store's own contribution code.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ArticleQueries } from '../../../lambdas/aws/article-queries';
import { createArticleStore, type RejectionMessage } from '../../../lambdas/aws/article-store';
import { CapacityMeter } from '../../../lambdas/aws/table-writer';
import { keys, shardOf } from '../../../lambdas/core/items';
import { createTable, type EnrichedArticle, seedMessages, useDynamoDbLocal } from './local-table';

const local = useDynamoDbLocal();

jest.setTimeout(90_000);

const fold = (name: string): string =>
  name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

type Counts = Map<string, number>;

/**
 * What the dashboards should show, recounted from the messages: named speakers' quotes by publication day and
 * month; each distinct actor of an event by the event's day and month (a month-precise date or a week counts
 * for its month only; a year or no date for neither).
 */
function recount(messages: readonly EnrichedArticle[]): Counts {
  const counts: Counts = new Map();
  const add = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const m of messages) {
    const published = m.article.published;
    for (const q of m.enrichment.quotes) {
      const named =
        (q.speaker.kind === 'person' || q.speaker.kind === 'organization') && fold(q.speaker.name);
      if (!published || !named) continue;
      add(`speaker|day|${published}|${fold(q.speaker.name)}`);
      add(`speaker|month|${published.slice(0, 7)}|${fold(q.speaker.name)}`);
    }
    for (const e of m.enrichment.events) {
      const start = e.date?.split('/')[0] ?? '';
      const isDay = /^\d{4}-\d{2}-\d{2}$/.test(start) && !e.date?.includes('/');
      const month = /^\d{4}-\d{2}/.test(start) ? start.slice(0, 7) : null;
      for (const actor of new Set(e.actors.map((a) => fold(a.name)).filter(Boolean))) {
        if (isDay) add(`actor|day|${start}|${actor}`);
        if (month) add(`actor|month|${month}|${actor}`);
      }
    }
  }
  return counts;
}

/** Every counter the recounts mention, as the queries answer it. */
async function read(queries: ArticleQueries, periods: readonly string[]): Promise<Counts> {
  const counts: Counts = new Map();
  for (const period of periods) {
    const [metric, kind, value] = period.split('|') as ['speaker' | 'actor', 'day' | 'month', string];
    for (const entry of await queries.top(metric, kind, value, 1000)) {
      counts.set(`${period}|${fold(entry.name)}`, entry.count);
    }
  }
  return counts;
}

const periodsOf = (...all: Counts[]): string[] =>
  [...new Set(all.flatMap((c) => [...c.keys()].map((k) => k.split('|').slice(0, 3).join('|'))))].sort();

/** new − old per counter, zeros left out. */
function difference(next: Counts, old: Counts): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of new Set([...next.keys(), ...old.keys()])) {
    const d = (next.get(key) ?? 0) - (old.get(key) ?? 0);
    if (d !== 0) out[key] = d;
  }
  return Object.fromEntries(Object.entries(out).sort());
}

/** Changed extraction: a quote dropped, a speaker renamed, an actor added, an event moved a month later. */
function reprocessed(m: EnrichedArticle): EnrichedArticle {
  const [, second, ...rest] = m.enrichment.quotes;
  const quotes = second
    ? [{ ...second, speaker: { ...second.speaker, name: 'Jane Doe', kind: 'person' as const } }, ...rest]
    : rest;
  const events = m.enrichment.events.map((e, i) => {
    if (i === 0) return { ...e, actors: [...e.actors, { name: 'Extra Actor', role: 'target' as const }] };
    const day = e.date && /^(\d{4})-(\d{2})-(\d{2})$/.exec(e.date);
    if (i === m.enrichment.events.length - 1 && day) {
      const next = new Date(Date.UTC(Number(day[1]), Number(day[2]), 1));
      return { ...e, date: `${next.toISOString().slice(0, 7)}-${(day[3] ?? '01') > '28' ? '28' : day[3]}` };
    }
    return e;
  });
  return {
    ...m,
    revision: { ...m.revision, pipelineVersion: m.revision.pipelineVersion + 1 },
    enrichment: { ...m.enrichment, quotes, events },
  };
}

describe('top-N counters under reprocessing', () => {
  it('move by exactly the difference between the old and the new extraction, and never count a rewrite twice', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const queries = new ArticleQueries(local.doc, table);
    const v1 = seedMessages();
    const v2 = v1.map(reprocessed);
    const expected1 = recount(v1);
    const expected2 = recount(v2);
    const periods = periodsOf(expected1, expected2);
    expect(Object.keys(difference(expected2, expected1)).length).toBeGreaterThan(10);

    for (const m of v1) await store.saveArticle(m);
    const before = await read(queries, periods);
    expect(before).toEqual(expected1);

    for (const m of v2) await store.saveArticle(m);
    const after = await read(queries, periods);
    expect(difference(after, before)).toEqual(difference(expected2, expected1));
    expect(after).toEqual(expected2);

    // Redelivered v2 messages and late v1 messages change nothing and write nothing.
    const meter = new CapacityMeter();
    const again = createArticleStore(local.doc, table, { meter });
    for (const m of [...v2, ...v1, ...v2]) await again.saveArticle(m);
    expect(await read(queries, periods)).toEqual(expected2);
    expect(meter.snapshot().writeUnits).toBe(0);
  });

  it('stay exact when reprocessing at the same revision turns articles into rejections and back', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table, { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const queries = new ArticleQueries(local.doc, table);
    const v1 = seedMessages();
    // `npm run reprocess` re-sends each object with the revision the table records: changed rules now reject
    // every other file and extract the rest differently.
    const rejected = v1.filter((_, i) => i % 2 === 0);
    const kept = v1.filter((_, i) => i % 2 === 1).map((m) => ({ ...reprocessed(m), revision: m.revision }));
    const rejectionOf = (m: EnrichedArticle): RejectionMessage => ({
      type: 'rejection',
      v: 1,
      revision: m.revision,
      rejection: { source: m.article.source, reason: 'no-article', message: 'no article text left' },
    });
    const periods = periodsOf(recount(v1), recount(kept));

    for (const m of v1) await store.saveArticle(m);
    expect(await read(queries, periods)).toEqual(recount(v1));

    for (const m of rejected) await store.saveRejection(rejectionOf(m));
    for (const m of kept) await store.saveArticle(m);
    expect(await read(queries, periods)).toEqual(recount(kept));
    expect((await queries.rejections()).items).toHaveLength(rejected.length);

    // Redelivered outcomes write nothing; then the rules change back and the rejected files are articles again.
    const meter = new CapacityMeter();
    const again = createArticleStore(local.doc, table, { meter });
    for (const m of rejected) await again.saveRejection(rejectionOf(m));
    for (const m of kept) await again.saveArticle(m);
    expect(meter.snapshot().writeUnits).toBe(0);

    for (const m of v1) await store.saveArticle(m);
    expect(await read(queries, periods)).toEqual(recount(v1));
    expect((await queries.rejections()).items).toEqual([]);
  });

  it('ranks a month as the sum of its days and its month-precise events', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table);
    const queries = new ArticleQueries(local.doc, table);
    const [seed] = seedMessages().filter((m) => m.article.published === '2016-09-07');
    if (!seed) throw new Error('missing seed');
    const event = seed.enrichment.events[0];
    if (!event) throw new Error('seed has no event');
    const putin = { name: 'Vladimir Putin', role: 'source' as const };
    const message: EnrichedArticle = {
      ...seed,
      enrichment: {
        ...seed.enrichment,
        events: [
          { ...event, date: '2016-09-05', actors: [putin] },
          { ...event, date: '2016-09-20', actors: [putin] },
          { ...event, date: '2016-09', granularity: 'month', actors: [putin] },
          { ...event, date: '2016-09-26/2016-10-02', granularity: 'range', actors: [putin] },
        ],
      },
    };
    await store.saveArticle(message);
    expect(await queries.top('actor', 'month', '2016-09')).toEqual([{ name: 'Vladimir Putin', count: 4 }]);
    expect(await queries.top('actor', 'day', '2016-09-20')).toEqual([{ name: 'Vladimir Putin', count: 1 }]);
    expect(await queries.top('actor', 'day', '2016-09-26')).toEqual([]);
    expect(await queries.top('actor', 'month', '2016-10')).toEqual([]);
  });

  it('ignores counters of the earlier layout and takes an article’s share out of them when it is rewritten', async () => {
    const table = await createTable(local.raw);
    const store = createArticleStore(local.doc, table);
    const queries = new ArticleQueries(local.doc, table);
    const [seed] = seedMessages().filter((m) => m.article.published === '2016-09-07');
    if (!seed) throw new Error('missing seed');
    await store.saveArticle(seed);
    const month = await queries.top('speaker', 'month', '2016-09');
    // What the earlier layout left: a whole-month counter and the article's recorded share of it.
    const legacy = { pk: `TOP#speaker#month#2016-09#${shardOf('barack obama')}`, sk: 'barack obama' };
    await local.doc.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...legacy,
          type: 'aggregate',
          metric: 'speaker',
          period: 'month',
          value: '2016-09',
          name: 'Barack Obama',
          count: 4,
        },
      }),
    );
    await local.doc.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.head(seed.article.id),
        UpdateExpression: 'SET #share = :n',
        ExpressionAttributeNames: { '#share': `${legacy.pk}@${legacy.sk}` },
        ExpressionAttributeValues: { ':n': 4 },
      }),
    );
    expect(await queries.top('speaker', 'month', '2016-09')).toEqual(month);
    await store.saveArticle({ ...seed, revision: { ...seed.revision, pipelineVersion: 2 } });
    expect(
      (await local.doc.send(new GetCommand({ TableName: table, Key: legacy, ConsistentRead: true }))).Item,
    ).toBeUndefined();
    const head = await local.doc.send(
      new GetCommand({ TableName: table, Key: keys.head(seed.article.id), ConsistentRead: true }),
    );
    expect(head.Item?.[`${legacy.pk}@${legacy.sk}`]).toBeUndefined();
    expect(await queries.top('speaker', 'month', '2016-09')).toEqual(month);
  });
});
