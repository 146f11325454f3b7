import { extractTimexes } from '../../../../lambdas/core/enrich/timexes';

// Wednesday 14 March 2018.
const PUBLISHED = '2018-03-14';

describe('extractTimexes', () => {
  it('finds and resolves every date expression with paragraph offsets', () => {
    const paragraphs = [
      'The foreign ministers met in Oslo on Monday and again yesterday.',
      'Talks began last February and stalled in 2016; the envoy will return next week.',
    ];
    expect(extractTimexes(paragraphs, PUBLISHED)).toEqual([
      { text: 'Monday', value: '2018-03-12', granularity: 'day', paragraph: 0, start: 37, end: 43 },
      { text: 'yesterday', value: '2018-03-13', granularity: 'day', paragraph: 0, start: 54, end: 63 },
      { text: 'last February', value: '2018-02', granularity: 'month', paragraph: 1, start: 12, end: 25 },
      { text: '2016', value: '2016', granularity: 'year', paragraph: 1, start: 41, end: 45 },
      {
        text: 'next week',
        value: '2018-03-19/2018-03-25',
        granularity: 'range',
        paragraph: 1,
        start: 69,
        end: 78,
      },
    ]);
  });

  it('keeps the words that change a date ("earlier this month", "September of last year")', () => {
    const paragraphs = ['Earlier this month the army withdrew, as it had in September of last year.'];
    expect(extractTimexes(paragraphs, PUBLISHED).map((t) => [t.text, t.value])).toEqual([
      ['Earlier this month', '2018-03'],
      ['September of last year', '2017-09'],
    ]);
  });

  it('resolves "the same day" to the day mentioned before it', () => {
    const paragraphs = ['Protesters gathered on 2 March. Police made arrests the same day.'];
    expect(extractTimexes(paragraphs, PUBLISHED).map((t) => [t.text, t.value])).toEqual([
      ['2 March', '2018-03-02'],
      ['the same day', '2018-03-02'],
    ]);
  });

  it('takes a bare month into the year stated earlier in the sentence', () => {
    const paragraphs = ['The 2019 elections in November will decide it.'];
    expect(extractTimexes(paragraphs, PUBLISHED).map((t) => [t.text, t.value])).toEqual([
      ['2019', '2019'],
      ['November', '2019-11'],
    ]);
  });

  it('looks forward for a weekday after "will"', () => {
    const paragraphs = ['The council will vote on Friday.'];
    expect(extractTimexes(paragraphs, PUBLISHED).map((t) => [t.text, t.value])).toEqual([
      ['Friday', '2018-03-16'],
    ]);
  });

  it('ignores durations, clock times, counts, lowercase month words and the Sun newspaper', () => {
    const paragraphs = [
      'Within 90 minutes, 2,000 people joined a march on the capital, the Sun reported, and 1500 troops may follow.',
    ];
    expect(extractTimexes(paragraphs, PUBLISHED)).toEqual([]);
  });

  it('keeps relative dates unresolved without a publication date, but resolves absolute ones', () => {
    const paragraphs = ['On Tuesday, a week after the 4 July 2017 vote, the result was annulled.'];
    expect(extractTimexes(paragraphs, null).map((t) => [t.text, t.value, t.granularity])).toEqual([
      ['Tuesday', null, null],
      ['4 July 2017', '2017-07-04', 'day'],
    ]);
  });

  it('reads only the calendar end of "from now until January 2020"', () => {
    const paragraphs = ['The mandate runs from now until January 2020.'];
    expect(extractTimexes(paragraphs, PUBLISHED).map((t) => [t.text, t.value])).toEqual([
      ['January 2020', '2020-01'],
    ]);
  });
  it('reads a day range within one month as a range', () => {
    const paragraphs = ['The festival ran from March 2 to 4 in the old harbour.'];
    expect(extractTimexes(paragraphs, PUBLISHED).map((t) => [t.text, t.value, t.granularity])).toEqual([
      ['March 2 to 4', '2018-03-02/2018-03-04', 'range'],
    ]);
  });

  it('does not carry a year into the next sentence', () => {
    const paragraphs = ['He was first sanctioned in 2011. Last April, the ban was extended.'];
    expect(extractTimexes(paragraphs, PUBLISHED).map((t) => [t.text, t.value])).toEqual([
      ['2011', '2011'],
      ['Last April', '2017-04'],
    ]);
  });

  it('reads a month after "anticipated to begin" as the coming one', () => {
    const paragraphs = ['The trial is anticipated to begin in January.'];
    expect(extractTimexes(paragraphs, PUBLISHED).map((t) => [t.text, t.value])).toEqual([
      ['January', '2019-01'],
    ]);
  });
});

describe('a weekday inside a week', () => {
  it('reads "this week on Wednesday" as the period and the day', () => {
    const timexes = extractTimexes(['Earlier this week on Wednesday, the minister resigned.'], '2019-03-31');
    expect(timexes.map((t) => [t.text, t.value])).toEqual([
      ['Earlier this week', '2019-03-25/2019-03-31'],
      ['Wednesday', '2019-03-27'],
    ]);
  });
});

describe('"that day"', () => {
  it('is the last day the narrative named', () => {
    const timexes = extractTimexes(
      ['The mayor flew in on Monday.', 'In a meeting that day he was briefed.'],
      '2019-01-04',
    );
    expect(timexes.map((t) => [t.text, t.value])).toEqual([
      ['Monday', '2018-12-31'],
      ['that day', '2018-12-31'],
    ]);
  });
});
