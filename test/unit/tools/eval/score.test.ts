import type { GoldArticle } from '../../../../tools/eval/gold';
import {
  belowThresholds,
  formatArticle,
  formatSummary,
  parseThresholds,
  sameActor,
  scoreArticle,
  scoreEvents,
  scoreQuotes,
  sumScores,
  totalsJson,
} from '../../../../tools/eval/score';

const META = {
  title: 'Talks stall',
  subtitle: null,
  authors: ['Ann Lee'],
  published: '2019-05-10',
  language: 'en',
};

const GOLD: GoldArticle = {
  metadata: META,
  quotes: [
    {
      text: 'We will not sign this agreement.',
      speaker: ['Lind', 'Tomas Lind'],
      status: 'must',
      kind: 'direct',
    },
    { text: 'a bad deal', speaker: ['Berg'], status: 'optional', kind: 'partial' },
    {
      text: 'The border stays closed until further notice.',
      speaker: ['ministry'],
      status: 'must',
      kind: 'direct',
    },
  ],
  not_quotes: ['moderates'],
  events: [
    { anchor: 'met Lind in Oslo', date: '2019-05-07', actors: [], root: '04', status: 'must' },
    { anchor: 'shelled the port', date: '2019-05-09', actors: [], root: ['19', '18'], status: 'must' },
    { anchor: 'protested', date: null, actors: [], root: '14', status: 'optional' },
  ],
};

const speaker = (name: string) => ({ name });

describe('scoreQuotes', () => {
  it('counts a prediction matching an optional quote as correct and a scare quote as false', () => {
    const notes: string[] = [];
    const score = scoreQuotes(
      GOLD.quotes,
      [
        { text: 'We will not sign this agreement', speaker: speaker('Tomas Lind') },
        { text: 'a bad deal', speaker: speaker('Anna Berg') },
        { text: 'moderates', speaker: speaker('unknown') },
      ],
      notes,
    );
    expect(score).toEqual({
      quotePrecision: { hit: 2, total: 3 },
      quoteRecall: { hit: 1, total: 2 },
      speaker: { hit: 1, total: 1 },
    });
    expect(notes).toEqual([
      'false quote: "moderates" (unknown)',
      'missed quote: "The border stays closed until further notice."',
    ]);
  });

  it('judges the speaker case-insensitively on the best-matching prediction', () => {
    const score = scoreQuotes(
      GOLD.quotes,
      [
        { text: 'The border stays closed', speaker: speaker('Lind') },
        { text: 'The border stays closed until further notice.', speaker: speaker('Interior Ministry') },
      ],
      [],
    );
    expect(score.speaker).toEqual({ hit: 1, total: 1 });
  });
});

describe('scoreEvents', () => {
  it('matches events by anchor within the predicted sentence and checks date and root on the aligned one', () => {
    const notes: string[] = [];
    const score = scoreEvents(
      GOLD.events,
      [
        { sentence: 'On Tuesday, Berg met  Lind in Oslo.', date: '2019-05-07', action: { root: '04' } },
        { sentence: 'Troops shelled the port yesterday.', date: '2019-05-08', action: { root: '11' } },
        { sentence: 'Troops shelled the port yesterday.', date: '2019-05-09', action: { root: '18' } },
      ],
      notes,
    );
    expect(score).toEqual({
      eventRecall: { hit: 2, total: 2 },
      eventDate: { hit: 2, total: 2 },
      eventRoot: { hit: 2, total: 2 },
      eventPrecision: { hit: 3, total: 3 },
      // The gold names no actors here, so there is no source to judge.
      eventSource: { hit: 0, total: 0 },
    });
    expect(notes).toEqual([]);
  });

  it('reports missed events and wrong dates and roots', () => {
    const notes: string[] = [];
    const score = scoreEvents(
      GOLD.events,
      [{ sentence: 'Troops shelled the port.', date: null, action: { root: '17' } }],
      notes,
    );
    expect(score).toEqual({
      eventRecall: { hit: 1, total: 2 },
      eventDate: { hit: 0, total: 1 },
      eventRoot: { hit: 0, total: 1 },
      eventPrecision: { hit: 1, total: 1 },
      eventSource: { hit: 0, total: 0 },
    });
    expect(notes).toEqual([
      'missed event: "met Lind in Oslo"',
      'wrong date for "shelled the port": null (gold 2019-05-09)',
      'wrong root for "shelled the port": 17 (gold 19/18)',
    ]);
  });
});

describe('scoreArticle and the summary line', () => {
  it('scores metadata field by field, authors as a set', () => {
    const score = scoreArticle(GOLD, {
      metadata: { ...META, title: 'Talks  stall', published: null },
      quotes: [],
      events: [],
    });
    expect(score.metadata).toEqual({ hit: 4, total: 5 });
    expect(score.notes[0]).toBe('metadata published: expected "2019-05-10", got null');
    expect(score.title).toEqual({ hit: 1, total: 1 });
    expect(score.authors).toEqual({ hit: 1, total: 1 });
    // The gold gives no body ends, so the body is not measured.
    expect(score.body).toEqual({ hit: 0, total: 0 });
  });

  it('counts title and authors on their own, and the body by its first and last words', () => {
    const gold = { ...GOLD, metadata: { ...META, body: { first: 'Talks between', last: 'next week.' } } };
    const none = { quotes: [], events: [] };
    const right = scoreArticle(gold, {
      ...none,
      metadata: {
        ...META,
        paragraphs: ['Talks  between the two sides stalled.', 'They meet again next week.'],
      },
    });
    expect([right.title, right.authors, right.body]).toEqual([
      { hit: 1, total: 1 },
      { hit: 1, total: 1 },
      { hit: 1, total: 1 },
    ]);
    const wrong = scoreArticle(gold, {
      ...none,
      metadata: {
        ...META,
        title: 'Talks stall | Example News',
        authors: ['Ann Lee', 'Reuters'],
        paragraphs: ['Talks between the two sides stalled.', 'They meet again next week.', 'Subscribe now.'],
      },
    });
    expect([wrong.title, wrong.authors, wrong.body]).toEqual([
      { hit: 0, total: 1 },
      { hit: 0, total: 1 },
      { hit: 0, total: 1 },
    ]);
    expect(wrong.notes).toContain(
      'metadata body: expected "Talks between" … "next week.", got "Talks between the two sides stalled." … "Subscribe now."',
    );
  });

  it('micro-averages articles and prints the stable summary line', () => {
    const a = scoreArticle(GOLD, {
      metadata: META,
      quotes: [{ text: 'We will not sign this agreement.', speaker: speaker('Lind') }],
      events: [{ sentence: 'Berg met Lind in Oslo.', date: '2019-05-07', action: { root: '04' } }],
    });
    const b = scoreArticle({ ...GOLD, quotes: [], events: [] }, { metadata: META, quotes: [], events: [] });
    const totals = sumScores([a, b]);
    expect(formatSummary(totals)).toBe(
      'summary: metadata=1.00 quote_p=1.00 quote_r=0.50 speaker=1.00 event_recall=0.50 event_date=1.00 event_root=1.00 event_p=1.00 event_source=n/a title=1.00 authors=1.00 body=n/a',
    );
    expect(formatSummary(totals, 'dev')).toMatch(/^dev: metadata=1\.00 quote_p=1\.00 /);
    expect(formatArticle('a.txt', a)).toBe(
      'a.txt: metadata=5/5 quote_p=1/1 quote_r=1/2 speaker=1/1 event_recall=1/2 event_date=1/1 event_root=1/1 event_p=1/1 event_source=0/0 title=1/1 authors=1/1 body=0/0',
    );
  });

  it('prints n/a for a measure with nothing to measure', () => {
    const empty = scoreArticle(
      { ...GOLD, quotes: [], events: [] },
      { metadata: META, quotes: [], events: [] },
    );
    expect(formatSummary(sumScores([empty]))).toBe(
      'summary: metadata=1.00 quote_p=n/a quote_r=n/a speaker=n/a event_recall=n/a event_date=n/a event_root=n/a event_p=n/a event_source=n/a title=1.00 authors=1.00 body=n/a',
    );
  });
});

describe('event precision', () => {
  const gold = [
    {
      anchor: 'met Lind in Oslo',
      date: '2019-05-07',
      actors: ['Berg', 'Lind'],
      root: '04',
      status: 'must' as const,
    },
    {
      anchor: 'protested outside',
      date: null,
      actors: ['students'],
      root: '14',
      status: 'optional' as const,
    },
  ];
  const event = (sentence: string, root = '01') => ({ sentence, date: null, action: { root } });

  it('counts events in a must sentence as right, in a sentence with no gold event as wrong', () => {
    const notes: string[] = [];
    const score = scoreEvents(
      gold,
      [
        event('Berg met Lind in Oslo.', '04'),
        event('Additional reporting by Ann Lee; editing by Tom Berg.', '03'),
      ],
      notes,
    );
    expect(score.eventPrecision).toEqual({ hit: 1, total: 2 });
    expect(notes).toContain('false event: 03 "Additional reporting by Ann Lee; editing by Tom Berg."');
  });

  it('neither rewards nor punishes an event in a sentence that holds only an optional gold event', () => {
    const score = scoreEvents(gold, [event('Students protested outside the hall.', '14')], []);
    expect(score.eventPrecision).toEqual({ hit: 0, total: 0 });
    expect(score.eventRecall).toEqual({ hit: 0, total: 1 });
  });

  it('adds up over articles like the other measures', () => {
    const a = scoreEvents(gold, [event('Berg met Lind in Oslo.', '04')], []);
    const b = scoreEvents(gold, [event('The weather was fine.')], []);
    const base = scoreArticle(
      { ...GOLD, quotes: [], events: [] },
      { metadata: META, quotes: [], events: [] },
    );
    expect(
      sumScores([
        { ...base, ...a },
        { ...base, ...b },
      ]).eventPrecision,
    ).toEqual({ hit: 1, total: 2 });
  });
});

describe('event source', () => {
  const gold = [
    {
      anchor: 'met Lind in Oslo',
      date: null,
      actors: ['Anna Berg', 'Tomas Lind'],
      root: '04',
      status: 'must' as const,
    },
  ];

  it('takes the predicted source, else the first source actor, and compares it with the first gold actor', () => {
    const sentence = 'Berg met Lind in Oslo.';
    const right = scoreEvents(
      gold,
      [{ sentence, date: null, action: { root: '04' }, source: { name: 'Berg' } }],
      [],
    );
    expect(right.eventSource).toEqual({ hit: 1, total: 1 });
    const fromActors = scoreEvents(
      gold,
      [{ sentence, date: null, action: { root: '04' }, actors: [{ name: 'Anna Berg', role: 'source' }] }],
      [],
    );
    expect(fromActors.eventSource).toEqual({ hit: 1, total: 1 });
    const notes: string[] = [];
    const wrong = scoreEvents(
      gold,
      [{ sentence, date: null, action: { root: '04' }, source: { name: 'Oslo' } }],
      notes,
    );
    expect(wrong.eventSource).toEqual({ hit: 0, total: 1 });
    expect(notes).toEqual(['wrong source for "met Lind in Oslo": Oslo (gold Anna Berg)']);
    const none = scoreEvents(gold, [{ sentence, date: null, action: { root: '04' }, source: null }], []);
    expect(none.eventSource).toEqual({ hit: 0, total: 1 });
  });

  it('matches names by containment or a shared content word, not by a title alone', () => {
    expect(sameActor('Donald Trump', 'Trump')).toBe(true);
    expect(sameActor('Houthi movement', 'the Houthi movement')).toBe(true);
    expect(sameActor('Syrian Democratic Forces', 'SDF')).toBe(false);
    expect(sameActor('President Donald Trump', 'President Erdogan')).toBe(false);
    expect(sameActor('Mike Pompeo', '')).toBe(false);
  });
});

describe('thresholds and JSON', () => {
  const totals = {
    metadata: { hit: 5, total: 5 },
    quotePrecision: { hit: 9, total: 10 },
    quoteRecall: { hit: 10, total: 10 },
    speaker: { hit: 10, total: 10 },
    eventRecall: { hit: 19, total: 20 },
    eventDate: { hit: 0, total: 0 },
    eventRoot: { hit: 19, total: 19 },
    eventPrecision: { hit: 1, total: 4 },
    eventSource: { hit: 3, total: 4 },
    title: { hit: 1, total: 1 },
    authors: { hit: 0, total: 1 },
    body: { hit: 0, total: 0 },
  };

  it('parses KEY=RATE lists and rejects unknown keys and rates above 1', () => {
    expect(parseThresholds('quote_p=1,event_recall=0.95')).toEqual(
      new Map([
        ['quote_p', 1],
        ['event_recall', 0.95],
      ]),
    );
    expect(() => parseThresholds('quotes=1')).toThrow(/bad threshold "quotes=1"/);
    expect(() => parseThresholds('quote_p=95')).toThrow(/at most 1/);
  });

  it('fails a measure below its minimum, exactly (0.9975 is not 1), and one with nothing to measure', () => {
    expect(belowThresholds(totals, parseThresholds('quote_r=1,speaker=1,event_recall=0.95'))).toEqual([]);
    expect(belowThresholds(totals, parseThresholds('quote_p=1,event_date=0.5'))).toEqual([
      'quote_p=0.90<1.00',
      'event_date=n/a<0.50',
    ]);
    const almost = { ...totals, quotePrecision: { hit: 399, total: 400 } };
    expect(belowThresholds(almost, parseThresholds('quote_p=1'))).toEqual(['quote_p=1.00<1.00']);
  });

  it('gives every output key with hit, total and rate (null when nothing was measured)', () => {
    const json = totalsJson(totals);
    expect(Object.keys(json)).toEqual([
      'metadata',
      'quote_p',
      'quote_r',
      'speaker',
      'event_recall',
      'event_date',
      'event_root',
      'event_p',
      'event_source',
      'title',
      'authors',
      'body',
    ]);
    expect(json.quote_p).toEqual({ hit: 9, total: 10, rate: 0.9 });
    expect(json.event_date).toEqual({ hit: 0, total: 0, rate: null });
  });
});
