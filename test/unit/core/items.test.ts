import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleRecord } from '../../../lambdas/core/article/record';
import type { CameoRoot, Enrichment, NewsEvent } from '../../../lambdas/core/enrich/model';
import {
  articleBody,
  decodeBody,
  buildArticleItems,
  canonicalJson,
  compareSequencers,
  eventTime,
  dynamoItemSize,
  writeUnitsOf,
  nameKey,
  objectItem,
  orderRevisions,
  parseLegacyShare,
  sumTallies,
  TALLY_ATTRIBUTES,
  TallyBuilder,
  rejectionItem,
  rootShard,
  shardOf,
  type TableItem,
  type StoredRevision,
  withBodyReference,
} from '../../../lambdas/core/items';

const article: ArticleRecord = {
  id: 'cd07a4053353b156',
  title: 'Syrian war threatens to escalate as Obama-Putin talks fail',
  subtitle: null,
  authors: ['Jordan Shilton'],
  published: '2016-09-07',
  publishedSource: 'byline',
  publisher: 'World Socialist Web Site',
  language: 'en',
  url: null,
  paragraphs: [
    'A 90-minute meeting between US President Barack Obama and Vladimir Putin produced no results.',
  ],
  wordCount: 14,
  format: 'txt',
  source: { bucket: 'drop', key: 'seeds/004.txt', versionId: null, etag: '"e"', size: 100, part: 0 },
};

const enrichment: Enrichment = {
  entities: [],
  timexes: [],
  quotes: [
    {
      text: 'We have had some gaps of trust',
      kind: 'direct',
      speaker: { name: 'Barack Obama', kind: 'person' },
      cue: 'said',
      paragraph: 0,
      start: 0,
      end: 10,
    },
    {
      text: 'a grave concern',
      kind: 'partial',
      speaker: { name: 'barack  OBAMA', kind: 'person' },
      cue: 'called',
      paragraph: 0,
      start: 20,
      end: 35,
    },
    {
      text: 'The Russians are not serious',
      kind: 'direct',
      speaker: { name: 'US official', kind: 'anonymous' },
      cue: 'said',
      paragraph: 0,
      start: 40,
      end: 60,
    },
  ],
  events: [
    {
      sentence: 'Obama met Putin on Monday.',
      paragraph: 0,
      date: '2016-09-05',
      dateText: 'Monday',
      granularity: 'day',
      action: { root: '04', label: 'consult' },
      actors: [
        { name: 'Barack Obama', role: 'source' },
        { name: 'Vladimir Putin', role: 'target' },
      ],
      source: { name: 'Barack Obama', kind: 'person' },
      target: { name: 'Vladimir Putin', kind: 'person' },
      location: 'Hangzhou',
    },
    {
      sentence: 'Turkey fought ISIS, and ISIS fought Turkey.',
      paragraph: 0,
      date: '2016-06-27/2016-07-03',
      dateText: 'last week',
      granularity: 'range',
      action: { root: '19', label: 'fight', verb: 'fought' },
      actors: [
        { name: 'Turkey', role: 'source' },
        { name: 'ISIS', role: 'target' },
        { name: 'Turkey', role: 'target' },
      ],
      source: { name: 'Turkey', kind: 'location' },
      target: { name: 'ISIS', kind: 'organization' },
      location: null,
    },
    {
      sentence: 'Russia struck again.',
      paragraph: 0,
      date: null,
      dateText: null,
      granularity: null,
      action: { root: '19', label: 'fight' },
      actors: [{ name: 'Russia', role: 'source' }],
      source: { name: 'Russia', kind: 'location' },
      target: null,
      location: null,
    },
  ],
};

const revision = { pipelineVersion: 1, sequencer: '0065A1', eventTime: '2026-11-23T10:00:00.000Z' };

function stored(overrides: Partial<StoredRevision> = {}): StoredRevision {
  return {
    pipelineVersion: 1,
    bucket: 'drop',
    key: 'a.txt',
    sequencer: '0065A1',
    eventTime: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

describe('names and shards', () => {
  it('folds case, accents and spacing in names used as keys', () => {
    expect(nameKey('  John   Kérry ')).toBe('john kerry');
    expect(nameKey('Ban Ki-Moon')).toBe('ban ki-moon');
  });

  it('puts an id in the same shard every time, within the shard count', () => {
    expect(shardOf('cd07a4053353b156')).toBe(shardOf('cd07a4053353b156'));
    const shards = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`article-${i}`)));
    expect([...shards].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe('event time', () => {
  it('files a day under its day and month', () => {
    expect(eventTime('2016-09-05')).toEqual({ sortDate: '2016-09-05', day: '2016-09-05', month: '2016-09' });
  });
  it('files a week by its start, but counts it for no single day', () => {
    expect(eventTime('2016-06-27/2016-07-03')).toEqual({
      sortDate: '2016-06-27',
      day: null,
      month: '2016-06',
    });
  });
  it('files a month-precise date under its month only', () => {
    expect(eventTime('2016-02')).toEqual({ sortDate: '2016-02', day: null, month: '2016-02' });
  });
  it('keeps a year-precise or missing date out of every date partition', () => {
    expect(eventTime('2016')).toEqual({ sortDate: '2016', day: null, month: null });
    expect(eventTime(null)).toEqual({ sortDate: '0000', day: null, month: null });
  });
});

describe('revision order', () => {
  it('compares S3 sequencers as hex numbers of different lengths', () => {
    expect(compareSequencers('FF', '0065A1')).toBe(-1);
    expect(compareSequencers('0065a1', '65A1')).toBe(0);
    expect(compareSequencers('0066', '0065A1')).toBe(-1);
    expect(compareSequencers('0065A2', '0065A1')).toBe(1);
  });

  it('lets a newer pipeline version win whatever the event order', () => {
    expect(orderRevisions(stored({ pipelineVersion: 2, sequencer: '00' }), stored())).toBe('newer');
    expect(orderRevisions(stored({ sequencer: 'FFFFFFFF' }), stored({ pipelineVersion: 2 }))).toBe('older');
  });

  it('orders events of one object by sequencer, and falls back to event time without one', () => {
    expect(orderRevisions(stored({ sequencer: '0065A0', eventTime: '2030-01-01T00:00:00Z' }), stored())).toBe(
      'older',
    );
    expect(orderRevisions(stored(), stored())).toBe('same');
    expect(orderRevisions(stored({ sequencer: null, eventTime: '2026-11-23T11:00:00.000Z' }), stored())).toBe(
      'newer',
    );
  });

  it('orders different objects by event time, then by name, so arrival order does not matter', () => {
    expect(orderRevisions(stored({ key: 'b.txt', eventTime: '2026-11-23T09:00:00.000Z' }), stored())).toBe(
      'older',
    );
    expect(orderRevisions(stored({ key: 'b.txt' }), stored())).toBe('newer');
    expect(orderRevisions(stored(), stored({ key: 'b.txt' }))).toBe('older');
  });
});

describe('items of an enriched article', () => {
  const built = buildArticleItems({ article, enrichment, revision });

  it('keys the article by id and indexes it by publisher (date first) and by sharded day', () => {
    expect(built.article).toMatchObject({
      pk: 'ART#cd07a4053353b156',
      sk: 'ARTICLE',
      type: 'article',
      gsi1pk: 'PUB#world socialist web site',
      gsi1sk: '2016-09-07#cd07a4053353b156',
      gsi2pk: `DAY#2016-09-07#${shardOf('cd07a4053353b156')}`,
      gsi2sk: 'world socialist web site#cd07a4053353b156',
      quoteCount: 3,
      eventCount: 3,
      revisionToken: '1|2026-11-23T10:00:00.000Z|0065A1|drop/seeds/004.txt',
    });
  });

  it('leaves an undated article out of the day index and files it first-in-time under its publisher', () => {
    const undated = buildArticleItems({ article: { ...article, published: null }, enrichment, revision });
    expect(undated.article['gsi2pk']).toBeUndefined();
    expect(undated.article['gsi1sk']).toBe('0000#cd07a4053353b156');
    // No publication day, so no speaker counts; the events keep their own dates.
    expect(
      undated.tallies.map((t) => [t['speakers'] ?? null, Object.keys(t['actors'] ?? {}).length]),
    ).toEqual([
      [null, 2],
      [null, 2],
    ]);
  });

  it('builds one item per speaker’s quotes and per event, filed under its first two actors, sorted by key', () => {
    const row = (i: TableItem): (string | null)[] => [
      i.sk,
      String(i['type']),
      (i['gsi1pk'] as string | undefined) ?? null,
      (i['gsi2pk'] as string | undefined) ?? null,
      (i['gsi3pk'] as string | undefined) ?? null,
    ];
    expect(built.content.map(row)).toEqual([
      // Root 04 → shard 3, root 19 → shard 2; the second distinct actor on gsi3: no event-actor items.
      ['E#0000', 'event', 'ACT#barack obama', 'EVM#2016-09#3', 'ACT#vladimir putin'],
      ['E#0001', 'event', 'ACT#turkey', 'EVM#2016-06#2', 'ACT#isis'],
      ['E#0002', 'event', 'ACT#russia', null, null],
      ['Q#0000', 'quote', 'SPK#barack obama', null, null],
      ['Q#0002', 'quote', 'SPK#us official', null, null],
    ]);
    const turkeyEvent = built.content.find((i) => i.sk === 'E#0001');
    expect(turkeyEvent?.['gsi1sk']).toBe('2016-06-27#cd07a4053353b156#0001');
    expect(turkeyEvent?.['gsi2sk']).toBe(turkeyEvent?.['gsi1sk']);
    expect(turkeyEvent?.['gsi3sk']).toBe(turkeyEvent?.['gsi1sk']);
    const obama = built.content.find((i) => i.sk === 'Q#0000');
    expect(obama?.['gsi1sk']).toBe('2016-09-07#cd07a4053353b156#0000');
    expect((obama?.['quotes'] as { index: number; text: string }[]).map((q) => [q.index, q.text])).toEqual(
      enrichment.quotes.slice(0, 2).map((q, i) => [i, q.text]),
    );
    expect(built.content.find((i) => i.sk === 'E#0002')?.['gsi1sk']).toBe('0000#cd07a4053353b156#0002');
  });

  it('files the third and further distinct actors of an event as event-actor items (gsi1 only)', () => {
    const crowded = buildArticleItems({
      article,
      enrichment: {
        ...enrichment,
        quotes: [],
        events: [
          {
            ...(enrichment.events[1] as NewsEvent),
            actors: [
              { name: 'Turkey', role: 'source' },
              { name: 'ISIS', role: 'target' },
              { name: 'turkey', role: 'target' },
              { name: 'Kurdish militia', role: 'target' },
              { name: 'Syria', role: 'source' },
              { name: 'Syria', role: 'target' },
            ],
          },
        ],
      },
      revision,
    });
    const sk = '2016-06-27#cd07a4053353b156#0000';
    expect(
      crowded.content.map((i) => [i.sk, i['gsi1pk'], i['gsi1sk'], i['gsi2pk'] ?? null, i['gsi3pk'] ?? null]),
    ).toEqual([
      ['E#0000', 'ACT#turkey', sk, 'EVM#2016-06#2', 'ACT#isis'],
      ['E#0000#A#kurdish militia', 'ACT#kurdish militia', sk, null, null],
      ['E#0000#A#syria', 'ACT#syria', sk, null, null],
    ]);
    expect(crowded.content.map((i) => i['roles'] ?? null)).toEqual([null, ['target'], ['source', 'target']]);
  });

  it('shards events by CAMEO root, round-robin over the 4 month shards', () => {
    const roots = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0'));
    expect(roots.map((root) => rootShard(root))).toEqual(roots.map((_, i) => i % 4));
    // Not a CAMEO code (never produced by the extractor): still a valid, stable shard.
    expect(rootShard('xx')).toBe(shardOf('xx'));
    for (const root of roots) {
      const one = buildArticleItems({
        article,
        enrichment: {
          ...enrichment,
          events: [
            { ...(enrichment.events[0] as NewsEvent), action: { root: root as CameoRoot, label: 'x' } },
          ],
        },
        revision,
      });
      expect(one.content.find((i) => i.sk === 'E#0000')?.['gsi2pk']).toBe(`EVM#2016-09#${rootShard(root)}`);
    }
  });

  it('counts named speakers per quote and actors per event by day (a month only when there is no day), leaving out anonymous speakers', () => {
    const shares = built.tallies.flatMap((t) =>
      (['speaker', 'actor'] as const).flatMap((metric) =>
        Object.entries((t[TALLY_ATTRIBUTES[metric]] ?? {}) as Record<string, number>).map(
          ([name, count]) => `${metric}|${String(t['period'])}|${String(t['value'])}|${name}=${count}`,
        ),
      ),
    );
    expect(shares.sort()).toEqual([
      'actor|day|2016-09-05|Barack Obama=1',
      'actor|day|2016-09-05|Vladimir Putin=1',
      'actor|month|2016-06|ISIS=1',
      'actor|month|2016-06|Turkey=1',
      'speaker|day|2016-09-07|Barack Obama=2',
    ]);
  });

  it('is deterministic: the same message gives the same items', () => {
    expect(canonicalJson(buildArticleItems({ article, enrichment, revision }))).toBe(canonicalJson(built));
  });

  it('keeps paragraphs, entities and timexes compressed in one body attribute, under half their size', () => {
    // Real prose: a seed article's text from samples/.
    const paragraphs = readFileSync(join(__dirname, '../../../samples/004_cd07a4053353b156.txt'), 'utf8')
      .split(/\n\s*\n/)
      .filter((p) => p.trim() !== '');
    const long = buildArticleItems({ article: { ...article, paragraphs }, enrichment, revision });
    const body = long.article['body'];
    expect(body).toBeInstanceOf(Uint8Array);
    expect(long.article['paragraphs']).toBeUndefined();
    expect(decodeBody(body as Uint8Array)).toEqual({ paragraphs, entities: [], timexes: [] });
    expect((body as Uint8Array).length).toBeLessThan(Buffer.byteLength(JSON.stringify(paragraphs)) / 2);
  });

  it('moves the body out of an article item that is too large, keeping a reference', () => {
    const moved = withBodyReference(built.article, { bucket: 'artifacts', key: 'article-bodies/x.json' });
    expect(moved['body']).toBeUndefined();
    expect(moved['bodyRef']).toEqual({ bucket: 'artifacts', key: 'article-bodies/x.json' });
    expect(JSON.parse(articleBody(built.article))).toEqual({
      paragraphs: article.paragraphs,
      entities: [],
      timexes: [],
    });
  });
});

describe('tallies', () => {
  const built = buildArticleItems({ article, enrichment, revision });

  it('keeps one item per article and day (or month-only), in the day’s shard of the article', () => {
    const shard = shardOf('cd07a4053353b156');
    expect(built.tallies.map((t) => [t.pk, t.sk, t.type])).toEqual([
      [`TAL#day#2016-09-05#${shard}`, 'cd07a4053353b156', 'tally'],
      [`TAL#day#2016-09-07#${shard}`, 'cd07a4053353b156', 'tally'],
      [`TAL#month-only#2016-06#${shard}`, 'cd07a4053353b156', 'tally'],
    ]);
    // A plain put of a small item: 1 WRU each.
    for (const tally of built.tallies) expect(writeUnitsOf(dynamoItemSize(tally))).toBe(1);
  });

  it('folds spellings of one name into one count, named by the first spelling', () => {
    const builder = new TallyBuilder('a1');
    builder.add('speaker', 'day', '2016-09-07', 'John Kerry');
    builder.add('speaker', 'day', '2016-09-07', 'john  KERRY');
    builder.add('actor', 'day', '2016-09-07', 'Russia');
    builder.add('actor', 'day', '2016-09-07', '  ');
    expect(builder.build()).toEqual([
      expect.objectContaining({ speakers: { 'John Kerry': 2 }, actors: { Russia: 1 } }),
    ]);
  });

  it('sums tallies per folded name across articles', () => {
    const a = new TallyBuilder('a1');
    const b = new TallyBuilder('b2');
    a.add('speaker', 'day', '2016-09-07', 'Barack Obama');
    b.add('speaker', 'day', '2016-09-07', 'barack obama');
    b.add('speaker', 'day', '2016-09-07', 'Ban Ki-moon');
    const totals = sumTallies([...a.build(), ...b.build()], 'speaker');
    expect([...totals.values()]).toEqual([
      { name: 'Barack Obama', count: 2 },
      { name: 'Ban Ki-moon', count: 1 },
    ]);
    expect(sumTallies(a.build(), 'actor').size).toBe(0);
  });

  it('recognises the counter shares an earlier layout recorded on the HEAD', () => {
    expect(parseLegacyShare('TOP#actor#month-only#2016-09#2@vladimir putin')).toEqual({
      pk: 'TOP#actor#month-only#2016-09#2',
      sk: 'vladimir putin',
    });
    expect(parseLegacyShare('TOP#speaker#day#2016-09-07#0@a@b')).toEqual({
      pk: 'TOP#speaker#day#2016-09-07#0',
      sk: 'a@b',
    });
    expect(parseLegacyShare('revisionToken')).toBeNull();
    expect(parseLegacyShare('TAL#day#2016-09-07#0@x')).toBeNull();
  });
});

describe('object and rejection items', () => {
  it('gives a removed object a TTL so its tombstone expires, and no TTL otherwise', () => {
    const removed = objectItem('drop', 'a.txt', 'removed', [], stored());
    expect(removed['expiresAt']).toBe(Date.parse('2026-11-23T10:00:00.000Z') / 1000 + 30 * 86_400);
    expect(objectItem('drop', 'a.txt', 'articles', ['b', 'a', 'b'], stored())).toMatchObject({
      pk: 'OBJ#drop/a.txt',
      sk: 'OBJECT',
      articleIds: ['a', 'b'],
    });
    expect(objectItem('drop', 'a.txt', 'articles', [], stored())['expiresAt']).toBeUndefined();
  });

  it('indexes rejections newest first under one partition', () => {
    const item = rejectionItem(
      {
        source: { bucket: 'drop', key: 'x.bin', versionId: null, etag: null, size: 3, part: 0 },
        reason: 'binary',
        message: 'not text',
      },
      stored({ key: 'x.bin' }),
    );
    expect(item).toMatchObject({
      pk: 'OBJ#drop/x.bin',
      sk: 'REJECTION',
      gsi3pk: 'REJ',
      gsi3sk: '2026-11-23T10:00:00.000Z#drop/x.bin',
    });
  });
});
