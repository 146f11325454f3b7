/**
 * Events by actor (gsi1 and gsi3 merged) and by CAMEO root (one root-sharded month partition, filtered), on
 * DynamoDB Local: every event under each of its actors exactly once with its roles, pages that continue
 * exactly, full pages when a filter drops most of a partition, and tables written in the layout before.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type ActorEventView, ArticleQueries, type Page } from '../../../lambdas/aws/article-queries';
import { createArticleStore } from '../../../lambdas/aws/article-store';
import { CAMEO_LABELS } from '../../../lambdas/core/enrich/cameo';
import type { CameoRoot, NewsEvent } from '../../../lambdas/core/enrich/model';
import { buildArticleItems, nameKey, rootShard } from '../../../lambdas/core/items';
import { createTable, dumpTable, type EnrichedArticle, seedMessages, useDynamoDbLocal } from './local-table';
import { toLegacyLayout } from './legacy-events';

const local = useDynamoDbLocal();
jest.setTimeout(120_000);

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };
const template = seedMessages()[0] as EnrichedArticle;

function event(
  date: string | null,
  root: CameoRoot,
  actors: [string, string][],
  sentence: string,
): NewsEvent {
  return {
    sentence,
    paragraph: 0,
    date,
    dateText: date,
    granularity: date === null ? null : date.length === 7 ? 'month' : 'day',
    action: { root, label: CAMEO_LABELS[root] },
    actors: actors.map(([name, role]) => ({ name, role: role as 'source' | 'target' })),
    source: null,
    target: null,
    location: null,
  };
}

function article(n: number, events: NewsEvent[]): EnrichedArticle {
  const id = `e0${String(n).padStart(14, '0')}`;
  return {
    ...template,
    revision: { ...template.revision, sequencer: `00B0${String(n).padStart(4, '0')}` },
    article: {
      ...template.article,
      id,
      title: `Article ${n}`,
      published: '2016-10-31',
      source: { ...template.article.source, key: `events/${id}.txt` },
    },
    fileArticleIds: [id],
    enrichment: { ...template.enrichment, quotes: [], events },
  };
}

/** What the view under `actor` must show for every event of the messages: the old layout's answer. */
function expectedUnder(messages: readonly EnrichedArticle[], actor: string): ActorEventView[] {
  const key = nameKey(actor);
  const rows: { order: string; view: ActorEventView }[] = [];
  for (const m of messages) {
    m.enrichment.events.forEach((e, index) => {
      const mentions = e.actors.filter((a) => nameKey(a.name) === key);
      if (mentions.length === 0) return;
      rows.push({
        order: `${e.date ?? '0000'}#${m.article.id}#${String(index).padStart(4, '0')}`,
        view: {
          articleId: m.article.id,
          eventIndex: index,
          actor: (mentions[0] as { name: string }).name,
          roles: [...new Set(mentions.map((a) => a.role))],
          date: e.date,
          root: e.action.root,
          label: e.action.label,
          sentence: e.sentence,
          title: m.article.title,
        },
      });
    });
  }
  return rows.sort((a, b) => (a.order < b.order ? -1 : 1)).map((r) => r.view);
}

async function allPages<T>(read: (cursor: string | null) => Promise<Page<T>>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const page = await read(cursor);
    pages.push(page.items);
    cursor = page.cursor;
    if (pages.length > 500) throw new Error('cursor never ends');
  } while (cursor);
  return pages;
}

async function store(tableName: string, messages: readonly EnrichedArticle[]): Promise<void> {
  const s = createArticleStore(local.doc, tableName, fast);
  for (const m of messages) await s.saveArticle(m);
}

// One article with an event of one, two and five distinct actors (Alpha first, second and second again), and
// an undated one; actor names vary in case and repeat with other roles.
const mixed = article(1, [
  event('2016-09-01', '04', [['Alpha', 'source']], 'Alpha consulted.'),
  event(
    '2016-09-02',
    '19',
    [
      ['Alpha', 'source'],
      ['Beta', 'target'],
    ],
    'Alpha fought Beta.',
  ),
  event(
    '2016-09-03',
    '19',
    [
      ['Beta', 'source'],
      ['alpha', 'target'],
      ['Gamma', 'target'],
      ['ALPHA', 'source'],
      ['Delta', 'target'],
      ['Gamma', 'source'],
    ],
    'Beta fought Alpha, Gamma and Delta.',
  ),
  event(
    null,
    '01',
    [
      ['Gamma', 'source'],
      ['Alpha', 'target'],
    ],
    'Gamma said something about Alpha.',
  ),
]);

// Alpha as first, second and third actor in turn, across articles and dates: entries on gsi1 (event items and
// event-actor items) and gsi3 interleave in time.
const rotation = Array.from({ length: 12 }, (_, n) => {
  const others: [string, string][] = [
    [`Other ${n}`, 'source'],
    ['Omega', 'target'],
  ];
  const at = n % 3;
  const actors = [...others.slice(0, at), ['Alpha', 'target'] as [string, string], ...others.slice(at)];
  return article(10 + n, [
    event(`2016-0${1 + (n % 9)}-1${n % 10}`, '19', actors, `Event ${n}.`),
    event(`2016-0${1 + ((n + 4) % 9)}-2${n % 10}`, '04', [['Omega', 'source']], `Omega alone ${n}.`),
  ]);
});

describe('events of an actor, from gsi1 and gsi3', () => {
  let table: string;
  let queries: ArticleQueries;
  const messages = [mixed, ...rotation];

  beforeAll(async () => {
    table = await createTable(local.raw);
    await store(table, messages);
    queries = new ArticleQueries(local.doc, table);
  });

  it('lists an event with one, two or more distinct actors under each of them exactly once, with its roles', async () => {
    const under = async (actor: string): Promise<ActorEventView[]> =>
      (await queries.eventsByActor(actor, { limit: 100 })).items.filter(
        (e) => e.articleId === mixed.article.id,
      );
    expect(await under('alpha')).toEqual([
      // Undated first; Alpha is the second actor of events 1 and 3 (gsi3) and the first of events 0 and 2.
      expect.objectContaining({ eventIndex: 3, actor: 'Alpha', roles: ['target'], date: null, root: '01' }),
      expect.objectContaining({
        eventIndex: 0,
        actor: 'Alpha',
        roles: ['source'],
        label: CAMEO_LABELS['04'],
      }),
      expect.objectContaining({ eventIndex: 1, actor: 'Alpha', roles: ['source'] }),
      expect.objectContaining({ eventIndex: 2, actor: 'alpha', roles: ['target', 'source'] }),
    ]);
    expect((await under('Beta')).map((e) => [e.eventIndex, e.roles])).toEqual([
      [1, ['target']],
      [2, ['source']],
    ]);
    expect((await under('Gamma')).map((e) => [e.eventIndex, e.roles])).toEqual([
      [3, ['source']],
      [2, ['target', 'source']],
    ]);
    expect((await under('Delta')).map((e) => [e.eventIndex, e.roles])).toEqual([[2, ['target']]]);
    // Every field, whichever index or item type it came from.
    for (const actor of ['Alpha', 'Beta', 'Gamma', 'Delta'])
      expect(await under(actor)).toEqual(expectedUnder([mixed], actor));
  });

  it('merges gsi1 and gsi3 into one order and pages it exactly, a page at a time', async () => {
    for (const actor of ['Alpha', 'Omega']) {
      const expected = expectedUnder(messages, actor);
      expect(expected.length).toBeGreaterThan(12);
      for (const limit of [1, 2, 3, 5]) {
        const pages = await allPages((cursor) => queries.eventsByActor(actor, { limit, cursor }));
        expect(pages.flat()).toEqual(expected);
        for (const page of pages.slice(0, -1)) expect(page).toHaveLength(limit);
      }
      // With a date range too.
      const pages = await allPages((cursor) =>
        queries.eventsByActor(actor, { from: '2016-03', to: '2016-07-31', limit: 2, cursor }),
      );
      expect(pages.flat()).toEqual(
        expected.filter((e) => e.date !== null && e.date >= '2016-03' && e.date < '2016-08'),
      );
    }
  });

  it('files an event item under its second actor on gsi3 (no event-actor item), further actors as event-actor items', async () => {
    const onGsi3 = await local.doc.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :a',
        ExpressionAttributeValues: { ':a': 'ACT#alpha' },
      }),
    );
    const mixedOnGsi3 = (onGsi3.Items ?? []).filter((i) => i['pk'] === `ART#${mixed.article.id}`);
    expect(mixedOnGsi3.map((i) => i['sk']).sort()).toEqual(['E#0002', 'E#0003']);
    const built = buildArticleItems(mixed);
    expect(built.content.filter((i) => i['type'] === 'event-actor').map((i) => i.sk)).toEqual([
      'E#0002#A#delta',
      'E#0002#A#gamma',
    ]);
  });
});

describe('events of one CAMEO root, from its shard of each month', () => {
  // Root 19 shares shard 2 with 03, 07, 11 and 15: most of the shard's events are of other roots.
  const sameShard: CameoRoot[] = ['03', '07', '11', '15'];
  const days = Array.from({ length: 28 }, (_, d) => String(d + 1).padStart(2, '0'));
  const busy = [
    ...days.map((day, d) =>
      article(100 + d, [
        event(`2016-10-${day}`, sameShard[d % 4] as CameoRoot, [['Alpha', 'source']], `Other ${d}a.`),
        event(`2016-10-${day}`, sameShard[(d + 1) % 4] as CameoRoot, [['Beta', 'source']], `Other ${d}b.`),
        event(`2016-10-${day}`, '01', [['Beta', 'source']], `Shard 0 ${d}.`),
        ...(d % 5 === 2 ? [event(`2016-10-${day}`, '19', [['Alpha', 'source']], `Fight ${d}.`)] : []),
      ]),
    ),
    article(200, [event('2016-09-30', '19', [['Alpha', 'source']], 'Fight in September.')]),
    article(201, [event('2016-11', '19', [['Alpha', 'source']], 'Fight some time in November.')]),
  ];
  let queries: ArticleQueries;

  beforeAll(async () => {
    const table = await createTable(local.raw);
    await store(table, busy);
    queries = new ArticleQueries(local.doc, table);
  });

  it('keeps only the root’s events and fills every page but the last, across months', async () => {
    expect(rootShard('19')).toBe(2);
    for (const root of sameShard) expect(rootShard(root)).toBe(2);
    const all = (await queries.eventsBetween({ from: '2016-09-01', to: '2016-11-30', limit: 1000 })).items;
    const fights = all.filter((e) => e.root === '19');
    expect(fights.length).toBe(8);
    expect(all.length).toBeGreaterThan(10 * fights.length);
    for (const limit of [1, 2, 3, 25]) {
      const pages = await allPages((cursor) =>
        queries.eventsBetween({ from: '2016-09-01', to: '2016-11-30', root: '19', limit, cursor }),
      );
      expect(pages.flat()).toEqual(fights);
      for (const page of pages.slice(0, -1)) expect(page).toHaveLength(limit);
    }
    const october = await queries.eventsBetween({
      from: '2016-10-01',
      to: '2016-10-31',
      root: '19',
      limit: 2,
    });
    expect(october.items.map((e) => e.sentence)).toEqual(['Fight 2.', 'Fight 7.']);
    expect((await queries.eventsBetween({ from: '2016-10', root: '07', limit: 1000 })).items).toHaveLength(
      14,
    );
  });

  it('refuses a cursor of the root index the layout before used', async () => {
    const before = Buffer.from(
      JSON.stringify({
        '2016-10': { after: { pk: 'ART#x', sk: 'E#0000', gsi3pk: 'EVR#19#2016-10', gsi3sk: '2016-10-01' } },
      }),
    ).toString('base64url');
    await expect(
      queries.eventsBetween({ from: '2016-10-01', to: '2016-10-31', root: '19', cursor: before }),
    ).rejects.toThrow('the cursor does not belong to this query');
  });

  it('refuses a cursor of another root of the same shard, or of all roots', async () => {
    const fights = await queries.eventsBetween({ from: '2016-10', root: '19', limit: 2 });
    const all = await queries.eventsBetween({ from: '2016-10', limit: 2 });
    expect([fights.cursor, all.cursor]).not.toContain(null);
    for (const [cursor, root] of [
      [fights.cursor, '07'],
      [fights.cursor, undefined],
      [all.cursor, '19'],
    ] as const) {
      await expect(queries.eventsBetween({ from: '2016-10', ...(root && { root }), cursor })).rejects.toThrow(
        'the cursor does not belong to this query',
      );
    }
  });
});

describe('a table written in the layout before', () => {
  const messages = [mixed, ...rotation];
  const legacy = new Set([mixed, ...rotation.filter((_, n) => n % 2 === 0)].map((m) => m.article.id));

  it('lists every event once by actor and by date; a rewrite (reprocess) moves it to the new layout', async () => {
    const control = await createTable(local.raw);
    await store(control, messages);
    const table = await createTable(local.raw);
    await store(table, messages);
    for (const id of legacy) await toLegacyLayout(local.doc, table, id);
    const oldItems = await dumpTable(local.raw, table);
    expect(oldItems).toContain('EVR#19#2016-09');
    expect(oldItems).toContain('E#0001#A#beta');

    const now = new ArticleQueries(local.doc, control);
    const before = new ArticleQueries(local.doc, table);
    for (const actor of ['Alpha', 'Beta', 'Gamma', 'Delta', 'Omega', 'Other 3', 'Other 4']) {
      for (const limit of [2, 100]) {
        const pages = await allPages((cursor) => before.eventsByActor(actor, { limit, cursor }));
        expect(pages.flat()).toEqual(expectedUnder(messages, actor));
      }
    }
    for (const limit of [3, 1000]) {
      const range = { from: '2016-01', to: '2016-12' };
      const old = await allPages((cursor) => before.eventsBetween({ ...range, limit, cursor }));
      const fresh = await allPages((cursor) => now.eventsBetween({ ...range, limit, cursor }));
      expect(old.flat()).toEqual(fresh.flat());
    }
    // Root queries read one shard: old events filed by hash in another shard are missing until rewritten, and
    // none is listed twice.
    const rootBefore = (
      await before.eventsBetween({ from: '2016-01', to: '2016-12', root: '19', limit: 1000 })
    ).items;
    const rootNow = (await now.eventsBetween({ from: '2016-01', to: '2016-12', root: '19', limit: 1000 }))
      .items;
    expect(
      rootBefore.every((e) => rootNow.some((n) => n.articleId === e.articleId && n.index === e.index)),
    ).toBe(true);
    expect(new Set(rootBefore.map((e) => `${e.articleId}#${e.index}`)).size).toBe(rootBefore.length);
    expect(rootBefore.length).toBeLessThan(rootNow.length);

    // What `npm run reprocess` does for each article: the same revision again, written through the diff.
    await store(table, messages);
    expect((await dumpTable(local.raw, table)).replaceAll(table, '')).toBe(
      (await dumpTable(local.raw, control)).replaceAll(control, ''),
    );
    expect(
      (await before.eventsBetween({ from: '2016-01', to: '2016-12', root: '19', limit: 1000 })).items,
    ).toEqual(rootNow);
  });
});
