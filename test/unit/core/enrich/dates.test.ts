import { resolveRelativeDate, type DateContext } from '../../../../lambdas/core/enrich/dates';

// Thursday 22 October 2015.
const THURSDAY: DateContext = { published: '2015-10-22' };
// Tuesday 5 July 2016.
const TUESDAY: DateContext = { published: '2016-07-05' };
// Sunday 5 January 2020.
const JANUARY: DateContext = { published: '2020-01-05' };
const UNDATED: DateContext = { published: null };

describe('resolveRelativeDate: weekdays', () => {
  it('resolves a weekday to the most recent such day before publication', () => {
    expect(resolveRelativeDate('Tuesday', THURSDAY)).toEqual({ value: '2015-10-20', granularity: 'day' });
    expect(resolveRelativeDate('Monday', THURSDAY)).toEqual({ value: '2015-10-19', granularity: 'day' });
    expect(resolveRelativeDate('Friday', THURSDAY)).toEqual({ value: '2015-10-16', granularity: 'day' });
  });

  it('resolves the publication weekday to the publication day itself', () => {
    expect(resolveRelativeDate('Thursday', THURSDAY)).toEqual({ value: '2015-10-22', granularity: 'day' });
  });

  it('reads "on Sunday" and "Monday night" as past days, unlike chrono', () => {
    expect(resolveRelativeDate('on Sunday', THURSDAY)).toEqual({ value: '2015-10-18', granularity: 'day' });
    expect(resolveRelativeDate('Monday night', THURSDAY)).toEqual({
      value: '2015-10-19',
      granularity: 'day',
    });
  });

  it('moves "last Thursday" a week back and "next Tuesday" forward', () => {
    expect(resolveRelativeDate('last Thursday', THURSDAY)).toEqual({
      value: '2015-10-15',
      granularity: 'day',
    });
    expect(resolveRelativeDate('next Tuesday', THURSDAY)).toEqual({
      value: '2015-10-27',
      granularity: 'day',
    });
  });

  it('looks forward for a weekday in a future-tense phrase', () => {
    expect(resolveRelativeDate('Tuesday', { ...THURSDAY, future: true })).toEqual({
      value: '2015-10-27',
      granularity: 'day',
    });
  });
});

describe('resolveRelativeDate: days, weeks and weekends', () => {
  it('resolves yesterday, today, tonight, tomorrow and last night', () => {
    expect(resolveRelativeDate('yesterday', THURSDAY)).toEqual({ value: '2015-10-21', granularity: 'day' });
    expect(resolveRelativeDate('Yesterday', JANUARY)).toEqual({ value: '2020-01-04', granularity: 'day' });
    expect(resolveRelativeDate('today', THURSDAY)).toEqual({ value: '2015-10-22', granularity: 'day' });
    expect(resolveRelativeDate('tonight', THURSDAY)).toEqual({ value: '2015-10-22', granularity: 'day' });
    expect(resolveRelativeDate('Tomorrow', THURSDAY)).toEqual({ value: '2015-10-23', granularity: 'day' });
    expect(resolveRelativeDate('last night', THURSDAY)).toEqual({ value: '2015-10-21', granularity: 'day' });
    expect(resolveRelativeDate('the day before yesterday', THURSDAY)).toEqual({
      value: '2015-10-20',
      granularity: 'day',
    });
  });

  it('resolves "last week" to the previous Monday–Sunday week', () => {
    expect(resolveRelativeDate('Last week', TUESDAY)).toEqual({
      value: '2016-06-27/2016-07-03',
      granularity: 'range',
    });
    // Published on a Sunday: the week before the one that Sunday ends.
    expect(resolveRelativeDate('last week', JANUARY)).toEqual({
      value: '2019-12-23/2019-12-29',
      granularity: 'range',
    });
  });

  it('resolves "this week", "next week" and "the past week"', () => {
    expect(resolveRelativeDate('this week', TUESDAY)).toEqual({
      value: '2016-07-04/2016-07-10',
      granularity: 'range',
    });
    expect(resolveRelativeDate('next week', TUESDAY)).toEqual({
      value: '2016-07-11/2016-07-17',
      granularity: 'range',
    });
    expect(resolveRelativeDate('the past week', TUESDAY)).toEqual({
      value: '2016-06-29/2016-07-05',
      granularity: 'range',
    });
  });

  it('resolves "this weekend" to the weekend just past in a weekday article', () => {
    expect(resolveRelativeDate('this weekend', TUESDAY)).toEqual({
      value: '2016-07-02/2016-07-03',
      granularity: 'range',
    });
    expect(resolveRelativeDate('this weekend', { ...TUESDAY, future: true })).toEqual({
      value: '2016-07-09/2016-07-10',
      granularity: 'range',
    });
    expect(resolveRelativeDate('last weekend', JANUARY)).toEqual({
      value: '2019-12-28/2019-12-29',
      granularity: 'range',
    });
  });

  it('counts "N days/years ago" back from publication', () => {
    expect(resolveRelativeDate('three days ago', THURSDAY)).toEqual({
      value: '2015-10-19',
      granularity: 'day',
    });
    expect(resolveRelativeDate('five years ago', THURSDAY)).toEqual({ value: '2010', granularity: 'year' });
    expect(resolveRelativeDate('two months ago', JANUARY)).toEqual({
      value: '2019-11',
      granularity: 'month',
    });
  });
});

describe('resolveRelativeDate: months and years', () => {
  it('resolves "last February" to the most recent past February, not the next one', () => {
    expect(resolveRelativeDate('last February', TUESDAY)).toEqual({ value: '2016-02', granularity: 'month' });
    expect(resolveRelativeDate('last October', { published: '2016-09-29' })).toEqual({
      value: '2015-10',
      granularity: 'month',
    });
    expect(resolveRelativeDate('last July', TUESDAY)).toEqual({ value: '2015-07', granularity: 'month' });
  });

  it('resolves a bare month to the most recent past one, the current month included', () => {
    expect(resolveRelativeDate('in August', { published: '2016-09-29' })).toEqual({
      value: '2016-08',
      granularity: 'month',
    });
    expect(resolveRelativeDate('August', TUESDAY)).toEqual({ value: '2015-08', granularity: 'month' });
    expect(resolveRelativeDate('July', TUESDAY)).toEqual({ value: '2016-07', granularity: 'month' });
    expect(resolveRelativeDate('early August', { published: '2016-09-07' })).toEqual({
      value: '2016-08',
      granularity: 'month',
    });
  });

  it('takes the year of a month-day from publication, or the year before when it would lie months ahead', () => {
    expect(resolveRelativeDate('on September 17', { published: '2016-09-29' })).toEqual({
      value: '2016-09-17',
      granularity: 'day',
    });
    expect(resolveRelativeDate('December 31', JANUARY)).toEqual({ value: '2019-12-31', granularity: 'day' });
    expect(resolveRelativeDate('January 3', JANUARY)).toEqual({ value: '2020-01-03', granularity: 'day' });
  });

  it('reads day-month order and ordinals', () => {
    expect(resolveRelativeDate('15 July', { published: '2016-09-07' })).toEqual({
      value: '2016-07-15',
      granularity: 'day',
    });
    expect(resolveRelativeDate('December 27th', JANUARY)).toEqual({
      value: '2019-12-27',
      granularity: 'day',
    });
  });

  it('resolves this, last and next month and year', () => {
    expect(resolveRelativeDate('earlier this month', TUESDAY)).toEqual({
      value: '2016-07',
      granularity: 'month',
    });
    expect(resolveRelativeDate('last month', JANUARY)).toEqual({ value: '2019-12', granularity: 'month' });
    expect(resolveRelativeDate('next month', TUESDAY)).toEqual({ value: '2016-08', granularity: 'month' });
    expect(resolveRelativeDate('last year', TUESDAY)).toEqual({ value: '2015', granularity: 'year' });
    expect(resolveRelativeDate('this year', TUESDAY)).toEqual({ value: '2016', granularity: 'year' });
    expect(resolveRelativeDate('September of last year', TUESDAY)).toEqual({
      value: '2015-09',
      granularity: 'month',
    });
  });

  it('resolves bare years and decades without a publication date', () => {
    expect(resolveRelativeDate('2013', UNDATED)).toEqual({ value: '2013', granularity: 'year' });
    expect(resolveRelativeDate('the 1980s', UNDATED)).toEqual({ value: '1980/1989', granularity: 'range' });
  });

  it('resolves full dates without a publication date', () => {
    expect(resolveRelativeDate('17 September 2016', UNDATED)).toEqual({
      value: '2016-09-17',
      granularity: 'day',
    });
    expect(resolveRelativeDate('Sept. 17, 2016', UNDATED)).toEqual({
      value: '2016-09-17',
      granularity: 'day',
    });
    expect(resolveRelativeDate('April 2018', UNDATED)).toEqual({ value: '2018-04', granularity: 'month' });
  });
});

describe('resolveRelativeDate: narrative context', () => {
  it('resolves "the same day" and "the next day" from the last day mentioned', () => {
    const ctx: DateContext = { published: '2016-09-29', lastDay: '2016-09-17' };
    expect(resolveRelativeDate('the same day', ctx)).toEqual({ value: '2016-09-17', granularity: 'day' });
    expect(resolveRelativeDate('the next day', ctx)).toEqual({ value: '2016-09-18', granularity: 'day' });
    expect(resolveRelativeDate('the previous day', ctx)).toEqual({ value: '2016-09-16', granularity: 'day' });
  });

  it('resolves "the previous year" from the narrative year, else from publication', () => {
    expect(resolveRelativeDate('the previous year', { published: '2016-09-29', lastYear: 2011 })).toEqual({
      value: '2010',
      granularity: 'year',
    });
    expect(resolveRelativeDate('the previous year', { published: '2016-09-29' })).toEqual({
      value: '2015',
      granularity: 'year',
    });
  });

  it('uses a year stated earlier in the sentence for a bare month', () => {
    expect(resolveRelativeDate('November', { published: '2016-07-01', sentenceYear: 2016 })).toEqual({
      value: '2016-11',
      granularity: 'month',
    });
  });
});

describe('resolveRelativeDate without a publication date', () => {
  it.each([
    'Tuesday',
    'yesterday',
    'last week',
    'last February',
    'on September 17',
    'the same day',
    'in August',
  ])('leaves %s unresolved', (expression) => {
    expect(resolveRelativeDate(expression, UNDATED)).toBeNull();
  });

  it('returns null for text that is not a date', () => {
    expect(resolveRelativeDate('the Pentagon', TUESDAY)).toBeNull();
    expect(resolveRelativeDate('within 90 minutes', TUESDAY)).toBeNull();
  });
});
