import { cleanText, countWords, joinSplitSentences } from '../../../../lambdas/core/article/paragraphs';

const para = (text: string) => ({ text, heading: false });

describe('joinSplitSentences', () => {
  it('joins a paragraph that stops mid-sentence with a lower-case continuation', () => {
    expect(
      joinSplitSentences([
        para('The main purpose of the US initiative to Russia'),
        para('is to prevent the fall of Aleppo.'),
      ]),
    ).toEqual([para('The main purpose of the US initiative to Russia is to prevent the fall of Aleppo.')]);
  });

  it('joins after a word no sentence ends on, even before a capital', () => {
    expect(joinSplitSentences([para('Obama met Putin in'), para('Hangzhou on Monday.')])).toEqual([
      para('Obama met Putin in Hangzhou on Monday.'),
    ]);
  });

  it('joins a word hyphenated across the break without a space', () => {
    expect(joinSplitSentences([para('a well-'), para('known case.')])).toEqual([para('a well-known case.')]);
  });

  it('keeps complete paragraphs and headings apart', () => {
    const blocks = [
      para('First sentence.'),
      para('second starts lower.'),
      { text: 'A heading', heading: true },
      para('body text.'),
    ];
    expect(joinSplitSentences(blocks)).toEqual(blocks);
  });

  it('keeps a paragraph ending in a closing quotation mark complete', () => {
    const blocks = [para('He said “no.”'), para('then left.')];
    expect(joinSplitSentences(blocks)).toEqual(blocks);
  });
});

describe('cleanText', () => {
  it('collapses whitespace, no-break spaces and drops invisible characters', () => {
    expect(cleanText('  a\u00a0\u00a0b\u200b\u00adc\t\nd  ')).toBe('a bc d');
  });
});

describe('countWords', () => {
  it('counts tokens that hold a letter or digit', () => {
    expect(countWords(['Five — words, “here” 42.', '— …'])).toBe(4);
  });
});
