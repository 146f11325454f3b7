/**
 * The quote matching rule of issue 5: two quotes match when their longest common run of words covers at
 * least 60% of the longer one. Words are compared lower-cased, without punctuation, so curly and straight
 * quotes, brackets and a trailing comma do not matter.
 */

export const QUOTE_MATCH_THRESHOLD = 0.6;

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0);
}

/** Length of the longest run of consecutive words the two sequences share (dynamic programming, O(n·m)). */
export function longestCommonRun(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        const run = (previous[j - 1] ?? 0) + 1;
        current[j] = run;
        if (run > best) best = run;
      }
    }
    previous = current;
  }
  return best;
}

/** Share of the longer quote's words covered by the longest common run (0..1). */
export function quoteOverlap(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  const longer = Math.max(wa.length, wb.length);
  return longer === 0 ? 0 : longestCommonRun(wa, wb) / longer;
}

export function quotesMatch(a: string, b: string): boolean {
  return quoteOverlap(a, b) >= QUOTE_MATCH_THRESHOLD;
}
