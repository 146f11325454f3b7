import type { GoldArticle } from '../../../../tools/eval/gold';
import {
  formatArticle,
  formatSummary,
  scoreArticle,
  scoreEvents,
  scoreQuotes,
  sumScores,
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
      'summary: metadata=1.00 quote_p=1.00 quote_r=0.50 speaker=1.00 event_recall=0.50 event_date=1.00 event_root=1.00',
    );
    expect(formatArticle('a.txt', a)).toBe(
      'a.txt: metadata=5/5 quote_p=1/1 quote_r=1/2 speaker=1/1 event_recall=1/2 event_date=1/1 event_root=1/1',
    );
  });

  it('prints n/a for a measure with nothing to measure', () => {
    const empty = scoreArticle(
      { ...GOLD, quotes: [], events: [] },
      { metadata: META, quotes: [], events: [] },
    );
    expect(formatSummary(sumScores([empty]))).toBe(
      'summary: metadata=1.00 quote_p=n/a quote_r=n/a speaker=n/a event_recall=n/a event_date=n/a event_root=n/a',
    );
  });
});
