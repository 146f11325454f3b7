import fc from 'fast-check';
import { detectLanguage } from '../../../../lambdas/core/article/language';

/** The words detectLanguage reads, by definition: runs of letters as /\p{L}+/gu finds them. */
function referenceWords(paragraphs: readonly string[]): string[] {
  return paragraphs.flatMap((paragraph) => paragraph.toLowerCase().match(/\p{L}+/gu) ?? []);
}

const english =
  'The council said that the bridge, which was built in 1902, has been closed and it will be repaired by the city.';
const german = 'Der Rat sagte, dass die Brücke nicht mit dem Auto befahren wird und auch im Winter zu ist.';

describe('detectLanguage', () => {
  it('names the language whose function words clearly dominate', () => {
    expect(detectLanguage([english, english])).toBe('en');
    expect(detectLanguage([german, german])).toBe('de');
  });

  it('answers null when the text is too short or no language clearly wins', () => {
    expect(detectLanguage(['The bridge.'])).toBeNull();
    expect(detectLanguage([english, german])).toBeNull();
  });

  it('counts a word only when it stands alone: letters of any plane glue to it, other characters do not', () => {
    // Eight English stopwords are needed; the eighth decides each case.
    const seven = 'the '.repeat(7);
    expect(detectLanguage([`${seven}𝐀the`])).toBeNull(); // 𝐀 (U+1D400) is a letter: one word "𝐀the"
    expect(detectLanguage([`${seven}éthe`])).toBeNull();
    expect(detectLanguage([`${seven}1the`])).toBe('en');
    expect(detectLanguage([`${seven}’the`])).toBe('en');
    expect(detectLanguage([`${seven}🙂the`])).toBe('en'); // an astral non-letter
    expect(detectLanguage([`${seven}THE`])).toBe('en');
  });

  it('reads any text as the words /\\p{L}+/gu finds in it, spaced plainly', () => {
    const pieces = fc.constantFrom(
      'the',
      'The',
      'and',
      'der',
      'und',
      'de',
      'é',
      'ß',
      '𝐀',
      '𐐀',
      ' ',
      '’',
      '1',
      '-',
      '\u0301',
      'İ',
      '\ud800',
    );
    const paragraph = fc.array(pieces, { maxLength: 80 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 40 }), (paragraphs) => {
        expect(detectLanguage(paragraphs)).toBe(detectLanguage([referenceWords(paragraphs).join(' ')]));
      }),
    );
  });
});
