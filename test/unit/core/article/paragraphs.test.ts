import fc from 'fast-check';
import {
  cleanText,
  collapseSpaces,
  countWords,
  joinSplitSentences,
  startsLowercase,
} from '../../../../lambdas/core/article/paragraphs';

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

  it('reads a bare string as a paragraph that is not a heading', () => {
    expect(joinSplitSentences(['Obama met Putin in', 'Hangzhou on Monday.', 'Next.'])).toEqual([
      para('Obama met Putin in Hangzhou on Monday.'),
      'Next.',
    ]);
  });

  it('joins a hundred thousand one-letter paragraphs into one', () => {
    const joined = joinSplitSentences(Array.from({ length: 100_000 }, () => 'a'));
    expect(joined).toHaveLength(1);
    expect(joined[0]).toEqual(para(Array.from({ length: 100_000 }, () => 'a').join(' ')));
  });
});

describe('startsLowercase', () => {
  it('is true for a lower-case letter of any script, false for anything else', () => {
    expect(['a', 'zeal', 'é', 'ß', 'я', '𝐚'].map(startsLowercase)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['', 'A', 'É', '1a', ' a', '“a', '𝐀'].map(startsLowercase)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('collapseSpaces', () => {
  it('collapses whitespace exactly as replacing /\\s+/g with one space and trimming', () => {
    const text = fc
      .array(fc.constantFrom('a', ' ', '  ', '\t', '\n', '\u00a0', '\u2009', '\u3000', '\ufeff', 'é'), {
        maxLength: 40,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => {
        expect(collapseSpaces(value)).toBe(value.replace(/\s+/g, ' ').trim());
      }),
    );
  });

  it('returns clean text as it is', () => {
    const clean = 'Already clean text, one space apart.';
    expect(collapseSpaces(clean)).toBe(clean);
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

  it('counts a token once however many letters it holds, wherever they are in it', () => {
    expect(countWords(['—a—b— x2 ’tis 𝐀𝐁 🙂 …a', ''])).toBe(5);
  });
});
