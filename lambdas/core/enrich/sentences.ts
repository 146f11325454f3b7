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

const CLOSERS = `"'”’)]*_`;

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
    if (!/[\p{Lu}\d"“‘'([]/u.test(paragraph[next] ?? '')) continue;
    if (ch === '.' && !endsSentenceAfterPeriod(paragraph, i, next)) continue;
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

const TOKEN = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{N}]+(?:[-'’.&][\p{L}\p{N}]+)*\.?|[^\s\p{L}\p{N}]/gu;

/**
 * Word and punctuation tokens of `text` with offsets relative to `offset` (pass a sentence's start to get
 * paragraph offsets). Words keep inner hyphens, apostrophes and periods ("al-Assad", "Kerry’s", "U.S.");
 * a trailing period stays on the token only when it belongs to an abbreviation or initialism.
 */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const word = match[0];
    const start = (match.index ?? 0) + offset;
    if (word.length > 1 && word.endsWith('.')) {
      const bare = word.slice(0, -1);
      if (!ABBREVIATIONS.has(bare) && !/\./.test(bare) && !/^\p{Lu}$/u.test(bare)) {
        tokens.push({ text: bare, start, end: start + bare.length });
        tokens.push({ text: '.', start: start + bare.length, end: start + word.length });
        continue;
      }
    }
    tokens.push({ text: word, start, end: start + word.length });
  }
  return tokens;
}
