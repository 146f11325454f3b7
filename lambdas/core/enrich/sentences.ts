/**
 * Sentence and token spans of a paragraph. Rule-based because the measured library that does this well
 * (wink-nlp with wink-eng-lite-web-model) is a 3.6 MB bundle with ~125 ms init, beyond the enrich Lambda's budget.
 */

export interface Span {
  start: number;
  end: number;
}

export interface Token extends Span {
  text: string;
}

// Abbreviations whose period does not end a sentence (compared without the period, case-sensitive).
const ABBREVIATIONS = new Set(
  (
    'Mr Mrs Ms Mx Dr Prof Gen Lt Col Maj Capt Cmdr Adm Brig Sgt Cpl Pvt Gov Sen Rep Pres Sec Amb Hon Rev Fr St Jr ' +
    'Sr Mt No Nos vs etc Inc Ltd Co Corp Bros Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec approx est dept Univ Ave ' +
    'Blvd Rd Ft Gens Reps Sens Messrs Mmes Msgr Supt Insp Det Cdr'
  ).split(' '),
);

// Words that start a new sentence after an initialism ("… in the U.S. The talks …").
const SENTENCE_STARTERS = new Set(
  (
    'The A An It He She They We I In On At But And This That These Those There His Her Their Its Our After ' +
    'Before When While As If However Meanwhile Earlier Later Since Despite Although Yet So Then Some Many'
  ).split(' '),
);

const CLOSERS = `"'”’“»)]*_`;

/**
 * Sentence spans of one paragraph, in order, covering its non-space text. A sentence ends at . ! ? (or …)
 * followed by optional closing quotes/brackets, whitespace and a capital letter, digit or opening quote — but not
 * after an abbreviation ("Mr.", "Gen.", "Sept."), a single initial ("John F. Kennedy") or an initialism like
 * "U.S." unless the next word typically opens a sentence. Quotes inside a sentence stay inside it.
 */
export function splitSentences(paragraph: string): Span[] {
  const spans: Span[] = [];
  let start = skipSpace(paragraph, 0);
  for (let i = start; i < paragraph.length; i++) {
    const ch = paragraph[i] ?? '';
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    let end = i + 1;
    while (end < paragraph.length && /[.!?…]/.test(paragraph[end] ?? '')) end++;
    while (end < paragraph.length && CLOSERS.includes(paragraph[end] ?? '')) end++;
    const next = skipSpace(paragraph, end);
    if (next === end || next >= paragraph.length) continue;
    if (!/[\p{Lu}\d"“‘'([`«»„]/u.test(paragraph[next] ?? '')) continue;
    // A closing quotation mark after the period ends the quotation, and with it the sentence ("… the U.S." Then).
    const quoteClosed = /["”»]|''/u.test(paragraph.slice(i + 1, end));
    if (ch === '.' && !quoteClosed && !endsSentenceAfterPeriod(paragraph, i, next)) continue;
    spans.push({ start, end });
    start = next;
    i = next - 1;
  }
  const last = trimEnd(paragraph, paragraph.length);
  if (start < last) spans.push({ start, end: last });
  return spans;
}

function endsSentenceAfterPeriod(text: string, period: number, next: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, period - 20), period))?.[1] ?? '';
  if (ABBREVIATIONS.has(before)) return false;
  const nextWord = /^[\p{L}]+/u.exec(text.slice(next))?.[0] ?? '';
  // Single capital initial ("F.") or initialism ("U.S", "U.N") — a boundary only before a typical sentence opener.
  if (/^(\p{Lu}|(\p{Lu}\.)+\p{Lu})$/u.test(before)) return SENTENCE_STARTERS.has(nextWord);
  return true;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return i;
}

function trimEnd(text: string, to: number): number {
  let i = to;
  while (i > 0 && /\s/.test(text[i - 1] ?? '')) i--;
  return i;
}

/**
 * Word and punctuation tokens of `text` with offsets relative to `offset` (pass a sentence's start to get
 * paragraph offsets). Words keep inner hyphens, apostrophes and periods ("al-Assad", "Kerry’s", "U.S.") and
 * numbers their separators ("4,000"); a trailing period stays on the token only when it belongs to an
 * abbreviation or initialism. A hand-written scanner: the equivalent Unicode regex was the slowest part of enrich.
 */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (!isWordChar(text, i)) {
      tokens.push({ text: text[i] ?? '', start: i + offset, end: i + 1 + offset });
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      if (isWordChar(text, i)) {
        i++;
        continue;
      }
      // Inner joiners ("al-Assad", "Kerry’s", "U.S", "AT&T", "4,000") continue a word when a word character follows.
      const joiner = text[i];
      const digitsOnly = joiner === ',' && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1));
      if (
        (joiner === '-' ||
          joiner === "'" ||
          joiner === '’' ||
          joiner === '.' ||
          joiner === '&' ||
          digitsOnly) &&
        i + 1 < n &&
        isWordChar(text, i + 1)
      ) {
        i++;
        continue;
      }
      break;
    }
    let word = text.slice(start, i);
    if (text[i] === '.') {
      // Keep the period on abbreviations ("Mr.") and initialisms ("U.S."), not on sentence-final words.
      if (ABBREVIATIONS.has(word) || word.includes('.') || /^\p{Lu}$/u.test(word)) {
        word += '.';
        i++;
      }
    }
    tokens.push({ text: word, start: start + offset, end: start + word.length + offset });
  }
  return tokens;
}

function isSpace(c: number): boolean {
  return (
    c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || (c > 0x1fff && c < 0x200b) || c === 0x3000
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}\p{N}\p{M}]/u.test(text[i] ?? '');
}
