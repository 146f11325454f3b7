import { longestCommonRun, quoteOverlap, quotesMatch, words } from '../../../../tools/eval/quote-match';

describe('quote matching', () => {
  it('splits into lower-case words without punctuation or quote marks', () => {
    expect(words('“We haven’t taken those steps yet,” he said.')).toEqual([
      'we',
      "haven't",
      'taken',
      'those',
      'steps',
      'yet',
      'he',
      'said',
    ]);
  });

  it('measures the longest run of consecutive shared words', () => {
    expect(longestCommonRun(['a', 'b', 'c', 'd'], ['x', 'b', 'c', 'd', 'y'])).toBe(3);
    expect(longestCommonRun(['a', 'b'], ['b', 'a'])).toBe(1);
    expect(longestCommonRun([], ['a'])).toBe(0);
  });

  it('covers the longer quote: a fragment of a long quote does not match it', () => {
    const full = 'The talks will resume next week in Geneva with both delegations present.';
    expect(quoteOverlap(full, 'The talks will resume next week in Geneva')).toBeCloseTo(8 / 12);
    expect(quotesMatch(full, 'The talks will resume next week in Geneva')).toBe(true);
    expect(quotesMatch(full, 'The talks will resume')).toBe(false);
  });

  it('matches at exactly 60% and not below', () => {
    expect(quotesMatch('one two three four five', 'one two three')).toBe(true);
    expect(quotesMatch('one two three four five', 'one two')).toBe(false);
  });
});
