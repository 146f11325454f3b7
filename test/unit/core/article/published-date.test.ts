import { findDate, isoFromParts, parsePublished } from '../../../../lambdas/core/article/published-date';

describe('parsePublished', () => {
  it.each([
    ['2016-07-05', '2016-07-05'],
    ['2024-02-18T06:45:00+00:00', '2024-02-18'],
    ['2023-10-09T23:20:00-04:00', '2023-10-09'],
    ['5 July 2016', '2016-07-05'],
    ['July 5, 2016', '2016-07-05'],
    ['Sep 7, 2016', '2016-09-07'],
    ['Thursday 5th July 2018', '2018-07-05'],
    ['1701648000', '2023-12-04'],
  ])('reads %j as %s', (value, iso) => {
    expect(parsePublished(value)).toBe(iso);
  });

  it('reads epoch seconds and milliseconds as the UTC day', () => {
    expect(parsePublished(1701648000)).toBe('2023-12-04');
    expect(parsePublished(1701648000000)).toBe('2023-12-04');
  });

  it.each([
    'today',
    'yesterday',
    '3 days ago',
    'last Friday',
    'July 2016',
    'March 3',
    '07/05/2016',
    '2016-02-30',
    '',
    'soon',
  ])('invents nothing from %j', (value) => {
    expect(parsePublished(value)).toBeNull();
  });

  it('ignores values that are not text or numbers', () => {
    expect(parsePublished({ date: '2016-07-05' })).toBeNull();
    expect(parsePublished(null)).toBeNull();
    expect(parsePublished(Number.NaN)).toBeNull();
  });
});

describe('findDate', () => {
  it('gives the position of the date inside a line', () => {
    expect(findDate('Bill Van Auken 22 October 2015')).toEqual({ iso: '2015-10-22', start: 15, end: 30 });
  });

  it('consumes the time part of an ISO timestamp', () => {
    expect(findDate('Updated 2019-03-04T10:00:00Z by staff')).toEqual({
      iso: '2019-03-04',
      start: 8,
      end: 28,
    });
  });

  it('does not scan long text', () => {
    expect(findDate(`${'x'.repeat(400)} 5 July 2016`)).toBeNull();
  });
});

describe('isoFromParts', () => {
  it('rejects impossible calendar days', () => {
    expect(isoFromParts(2023, 2, 29)).toBeNull();
    expect(isoFromParts(2024, 2, 29)).toBe('2024-02-29');
    expect(isoFromParts(2024, 13, 1)).toBeNull();
  });
});
