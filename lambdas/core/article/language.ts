/**
 * Language of an article's text, by counting the commonest function words of a few languages. Articles are
 * long enough for this to be decisive; the answer is null when the text is short or no language clearly
 * wins. (A general detector such as franc ships n-gram tables for hundreds of languages — more bundle than
 * the handful of languages this pipeline reads justifies.)
 */
const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'the',
    'and',
    'of',
    'to',
    'in',
    'is',
    'that',
    'for',
    'it',
    'was',
    'on',
    'with',
    'as',
    'by',
    'he',
    'said',
    'have',
    'has',
    'from',
    'be',
    'at',
    'which',
    'this',
    'are',
  ],
  de: [
    'der',
    'die',
    'und',
    'das',
    'ist',
    'nicht',
    'mit',
    'den',
    'von',
    'zu',
    'sich',
    'auf',
    'ein',
    'eine',
    'dem',
    'auch',
    'es',
    'im',
    'wird',
    'sie',
    'wurde',
    'nach',
    'bei',
  ],
  fr: [
    'le',
    'la',
    'les',
    'et',
    'des',
    'est',
    'une',
    'du',
    'en',
    'que',
    'qui',
    'dans',
    'pour',
    'pas',
    'au',
    'sur',
    'par',
    'il',
    'elle',
    'ont',
    'sont',
    'avec',
    'aux',
  ],
  es: [
    'el',
    'la',
    'los',
    'las',
    'y',
    'de',
    'que',
    'en',
    'un',
    'una',
    'por',
    'con',
    'para',
    'es',
    'del',
    'se',
    'al',
    'su',
    'como',
    'más',
    'pero',
    'fue',
    'sus',
  ],
  it: [
    'il',
    'di',
    'che',
    'e',
    'la',
    'per',
    'un',
    'una',
    'del',
    'della',
    'non',
    'sono',
    'con',
    'gli',
    'le',
    'si',
    'nel',
    'alla',
    'è',
    'ha',
    'anche',
    'da',
    'dei',
  ],
  pt: [
    'o',
    'a',
    'os',
    'as',
    'de',
    'que',
    'e',
    'do',
    'da',
    'em',
    'um',
    'uma',
    'para',
    'com',
    'não',
    'por',
    'mais',
    'dos',
    'das',
    'foi',
    'ao',
    'seu',
    'sua',
  ],
  nl: [
    'de',
    'het',
    'een',
    'en',
    'van',
    'dat',
    'is',
    'niet',
    'op',
    'te',
    'zijn',
    'voor',
    'met',
    'die',
    'ook',
    'maar',
    'aan',
    'werd',
    'heeft',
    'bij',
    'om',
    'uit',
    'naar',
  ],
};
const LEXICON: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [language, words] of Object.entries(STOPWORDS)) {
    for (const word of words) map.set(word, [...(map.get(word) ?? []), language]);
  }
  return map;
})();
const SAMPLE_WORDS = 2000;
const MIN_HITS = 8;

const LETTER = /^\p{L}$/u;
/** Whether each BMP code point is a letter (0 unknown, 1 yes, 2 no): learned on first sight, 64 KB. */
const BMP_LETTERS = new Uint8Array(0x10000);

function isLetter(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  if (code > 0xffff) return LETTER.test(String.fromCodePoint(code));
  if (BMP_LETTERS[code] === 0) BMP_LETTERS[code] = LETTER.test(String.fromCharCode(code)) ? 1 : 2;
  return BMP_LETTERS[code] === 1;
}

export function detectLanguage(paragraphs: readonly string[]): string | null {
  const scores = new Map<string, number>();
  let seen = 0;
  // The words are the runs of letters (as /\p{L}+/gu finds them), read by a scan of char codes: the unicode
  // property regex costs about three times as much per character, and this is a third of a typical parse.
  // The scan stops after SAMPLE_WORDS words however long the paragraph.
  outer: for (const paragraph of paragraphs) {
    const lower = paragraph.toLowerCase();
    let start = -1;
    for (let index = 0; index <= lower.length;) {
      const code = index < lower.length ? (lower.codePointAt(index) ?? 0) : -1;
      if (code >= 0 && isLetter(code)) {
        if (start < 0) start = index;
      } else if (start >= 0) {
        seen += 1;
        if (seen > SAMPLE_WORDS) break outer;
        const languages = LEXICON.get(lower.slice(start, index));
        start = -1;
        if (languages !== undefined) {
          for (const language of languages) scores.set(language, (scores.get(language) ?? 0) + 1);
        }
      }
      index += code > 0xffff ? 2 : 1;
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < MIN_HITS) return null;
  // Decisive only: the winner must clearly beat the runner-up (related languages share many words).
  if (second && best[1] < second[1] * 1.5) return null;
  return best[0];
}

/** "en-US", "en_GB", "EN" → "en"; null for values that are not a language tag. */
export function normalizeLanguage(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*\s*$/i.exec(value);
  return match?.[1] ? match[1].toLowerCase() : null;
}
