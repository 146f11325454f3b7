/**
 * Is an article body prose? Junk that survives every format check (a file of one repeated letter, a page
 * whose only text is one word, a keyword list) must become a `no-article` rejection, not an article.
 *
 * The thresholds sit far from real news: the shortest brief (two or three sentences) has 15+ words, 12+
 * distinct ones and a full stop; no real word is longer than a few dozen characters; even a 4,000-word
 * feature uses well over 1,000 distinct words. Every check is linear and the word checks read a bounded
 * prefix, so a multi-megabyte input costs a single pass.
 */

/** Fewer words than this is "a handful", not an article (a one-sentence brief has more). */
export const MIN_WORDS = 8;
/** A whitespace-free token at least this long is not a word (URLs and long compounds are far shorter). */
export const LONG_TOKEN_CHARS = 1_000;
/** Distinct words per word below which text is a repetition, not prose (real news: 0.25 and up;
 * a 4,000-word feature still over 0.2). */
export const MIN_DISTINCT_RATIO = 0.05;
/** Text of scripts written without spaces is counted per character; characters repeat far more than words. */
export const MIN_DISTINCT_RATIO_UNSPACED = 0.02;
/** At least this many distinct words, whatever the length. */
export const MIN_DISTINCT_WORDS = 5;
/** Unspaced text never needs more distinct characters than this. */
const MAX_DISTINCT_UNSPACED = 30;
/** The word checks read at most this many words (the ratio of a long prefix is the ratio of the text). */
const SAMPLE_WORDS = 4_000;
/** A sentence: at least this many words closed by terminal punctuation. */
const SENTENCE_WORDS = 2;

/** Scripts written without spaces between words: each character counts as a word. */
const UNSPACED =
  '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}';
/** A word: one character of an unspaced script, or a run of letters, digits, marks and inner apostrophes/hyphens. */
const TOKEN = new RegExp(
  `[${UNSPACED}]|[\\p{L}\\p{N}](?:[\\p{M}'’\\-]*(?![${UNSPACED}])[\\p{L}\\p{N}])*`,
  'gu',
);
const UNSPACED_CHAR = new RegExp(`^[${UNSPACED}]$`, 'u');
const TERMINAL = /[.!?…。！？؟।]/u;
const WORD_OR_TERMINAL = new RegExp(`${TOKEN.source}|${TERMINAL.source}`, 'gu');
const UNSPACED_GLOBAL = new RegExp(`[${UNSPACED}]`, 'gu');

export type ProseProblem =
  | { readonly kind: 'long-word'; readonly longest: number }
  | { readonly kind: 'few-words'; readonly words: number }
  | { readonly kind: 'no-sentence' }
  | { readonly kind: 'repetitive'; readonly distinct: number; readonly words: number };

function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Lengths of the whitespace-free runs over LONG_TOKEN_CHARS that are not text of an unspaced script. A plain
 * scan: a regular expression such as /\S{1000,}/u overflows the stack on a multi-megabyte run.
 */
function longTokens(paragraphs: readonly string[]): number[] {
  const lengths: number[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.length < LONG_TOKEN_CHARS) continue;
    let start = 0;
    for (let i = 0; i <= paragraph.length; i += 1) {
      if (i < paragraph.length && !isSpace(paragraph.charCodeAt(i))) continue;
      if (i - start >= LONG_TOKEN_CHARS) {
        // Chinese or Thai runs on without spaces; judge the script from the run's start.
        const sample = paragraph.slice(start, start + LONG_TOKEN_CHARS);
        const unspaced = sample.match(UNSPACED_GLOBAL)?.length ?? 0;
        if (unspaced * 2 < sample.length) lengths.push(i - start);
      }
      start = i + 1;
    }
  }
  return lengths;
}

/** What keeps these paragraphs from being prose, or null when they are prose. */
export function proseProblem(paragraphs: readonly string[]): ProseProblem | null {
  const long = longTokens(paragraphs);
  if (long.length > 0) {
    const text = paragraphs.reduce((sum, p) => sum + p.replace(/\s+/g, '').length, 0);
    const junk = long.reduce((sum, n) => sum + n, 0);
    // One pasted hash or data URI in a real story is not a reason to lose the story; a body that is mostly such "words" is.
    if (junk * 2 >= text) return { kind: 'long-word', longest: Math.max(...long) };
  }

  let words = 0;
  let unspaced = 0;
  let sentence = false;
  const distinct = new Set<string>();
  for (const paragraph of paragraphs) {
    if (words >= SAMPLE_WORDS) break;
    let run = 0;
    // Words and terminal punctuation in order: a sentence is SENTENCE_WORDS words, then a terminator.
    for (const match of paragraph.matchAll(WORD_OR_TERMINAL)) {
      const token = match[0];
      if (token.length === 1 && TERMINAL.test(token)) {
        if (run >= SENTENCE_WORDS) sentence = true;
        run = 0;
        continue;
      }
      run += 1;
      words += 1;
      if (UNSPACED_CHAR.test(token)) unspaced += 1;
      distinct.add(token.toLowerCase());
      if (words >= SAMPLE_WORDS) break;
    }
  }
  if (words < MIN_WORDS) return { kind: 'few-words', words };
  if (!sentence) return { kind: 'no-sentence' };
  // An alphabet such as Thai has only ~70 characters: per character, a long text needs no more than that.
  const needed =
    unspaced * 2 > words
      ? Math.min(MAX_DISTINCT_UNSPACED, Math.floor(MIN_DISTINCT_RATIO_UNSPACED * words))
      : Math.floor(MIN_DISTINCT_RATIO * words);
  if (distinct.size < Math.max(MIN_DISTINCT_WORDS, needed)) {
    return { kind: 'repetitive', distinct: distinct.size, words };
  }
  return null;
}

/** The rejection message's detail for a problem (after "has no prose: "). */
export function describeProseProblem(problem: ProseProblem): string {
  switch (problem.kind) {
    case 'long-word':
      return `its text is mostly a "word" of ${problem.longest} characters (no word is over ${LONG_TOKEN_CHARS})`;
    case 'few-words':
      return `its text is ${problem.words} word${problem.words === 1 ? '' : 's'} (an article has at least ${MIN_WORDS})`;
    case 'no-sentence':
      return 'no sentence (no run of words ends in . ! or ?)';
    case 'repetitive':
      return `${problem.distinct} distinct words in ${problem.words} (nearly no distinct words: a repetition, not prose)`;
  }
}
