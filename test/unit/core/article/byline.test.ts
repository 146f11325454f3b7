import { parseByline, parseNames } from '../../../../lambdas/core/article/byline';

describe('parseByline', () => {
  it('reads a name and a date on two lines', () => {
    expect(parseByline(['Thomas Gaist  ', '5 July 2016'])).toEqual({
      authors: ['Thomas Gaist'],
      published: '2016-07-05',
    });
  });

  it('reads a name and a date on one line', () => {
    expect(parseByline(['Bill Van Auken 22 October 2015'])).toEqual({
      authors: ['Bill Van Auken'],
      published: '2015-10-22',
    });
  });

  it('reads a dateline with a weekday and a no-break space', () => {
    expect(parseByline(['Tuesday, February 5, 2019\u00a0'])).toEqual({
      authors: [],
      published: '2019-02-05',
    });
  });

  it('reads "By" with several authors and a labelled ISO timestamp', () => {
    expect(parseByline(['By Jane Doe, John Roe and Ann Poe | Updated 2019-03-04T10:00:00Z'])).toEqual({
      authors: ['Jane Doe', 'John Roe', 'Ann Poe'],
      published: '2019-03-04',
    });
  });

  it('accepts a single name after "By", without a date', () => {
    expect(parseByline(['By Reuters'])).toEqual({ authors: ['Reuters'], published: null });
  });

  it('title-cases a shouted byline', () => {
    expect(parseByline(['BY MARIA OKAFOR'])).toEqual({ authors: ['Maria Okafor'], published: null });
  });

  it('keeps name particles', () => {
    expect(parseByline(['By Ursula von der Leyen'])?.authors).toEqual(['Ursula von der Leyen']);
  });

  it('does not take a bare title-case name without "By" or a date', () => {
    expect(parseByline(['Thomas Gaist'])).toBeNull();
  });

  it('does not take a headline or a sentence for a byline', () => {
    expect(parseByline(['Pentagon Accuses Russia Of Targeting Base'])).toBeNull();
    expect(parseByline(['The council met on 5 July 2016 to discuss the budget.'])).toBeNull();
    expect(parseByline(['US, Russia in talks on Syria following Assad’s trip to Moscow'])).toBeNull();
  });

  it('never dates a byline from a relative or partial date', () => {
    expect(parseByline(['By Jane Doe, 3 days ago'])).toBeNull();
    expect(parseByline(['Jane Doe', 'July 2016'])).toBeNull();
    expect(parseByline(['Monday'])).toBeNull();
  });

  it('ignores lines too long to be a byline', () => {
    expect(parseByline([`By ${'Jane Doe, '.repeat(30)}`])).toBeNull();
  });
});

describe('parseNames', () => {
  it('splits on commas, "and" and ampersands', () => {
    expect(parseNames('Priya Nair & Jonas Weller and Ann Lee', false)).toEqual([
      'Priya Nair',
      'Jonas Weller',
      'Ann Lee',
    ]);
  });

  it('needs two tokens per name unless the byline said "By"', () => {
    expect(parseNames('Reuters', false)).toBeNull();
    expect(parseNames('Reuters', true)).toEqual(['Reuters']);
  });
});
