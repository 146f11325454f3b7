import { datelineLength, isHeadline, passageKind } from '../../../../lambdas/core/enrich/passages';

describe('passageKind', () => {
  it.each([
    'By Jane Doe',
    'By Jane Doe and Li Wei, Reuters',
    'Additional reporting by Tom Grey; editing by Ana Ruiz',
    '(Reporting by Li Wei; Writing by Jane Doe)',
    'Photo: Riot police outside the parliament in Belgrade',
    'Demonstrators march in Minsk. (AFP/Getty Images)',
    '© 2024 Herald Media. All rights reserved.',
    'Follow us on Twitter',
    'Sources',
    '“Iran denies role in attack” — BBC News, September 15, 2019',
    'KYIV',
  ])('treats %j as apparatus', (text) => {
    expect(passageKind(text, 5)).toBe('apparatus');
  });

  it.each([
    'Police arrested two men by the river on Sunday.',
    'By Tuesday, the army had withdrawn from the town.',
    'Sources close to the talks said the deal was near.',
  ])('treats %j as narrative', (text) => {
    expect(passageKind(text, 5)).toBe('narrative');
  });

  it('knows a headline by its place or its title case', () => {
    expect(isHeadline('Kurds announce deal with government as troops advance', 0)).toBe(true);
    expect(isHeadline('Mayor Warns Plan Would Fail', 9)).toBe(true);
    expect(isHeadline('The mayor warned that the plan would fail.', 0)).toBe(false);
    expect(isHeadline('and the talks went on into the night', 9)).toBe(false);
  });
});

describe('datelineLength', () => {
  it('measures the dateline that opens a paragraph', () => {
    const text = 'WASHINGTON (Reuters) - The Senate voted on Tuesday.';
    expect(text.slice(datelineLength(text))).toBe('The Senate voted on Tuesday.');
    expect(datelineLength('KYIV, May 9 (AP) — Drones struck the port.')).toBe('KYIV, May 9 (AP) — '.length);
  });

  it('is zero for ordinary sentences', () => {
    expect(datelineLength('US-backed forces entered the town.')).toBe(0);
    expect(datelineLength('The UN - and its agencies - said so.')).toBe(0);
  });
});
