import type { ParseInput, ParseOutcome } from './record';

/**
 * Turns one object's bytes into articles or one rejection. Pure and total: never throws, never does I/O.
 * (Placeholder body until the parse work lands; see issue 4.)
 */
export function parseArticleFile(input: ParseInput): ParseOutcome {
  return {
    kind: 'rejection',
    rejection: {
      source: { ...input.source, part: 0 },
      reason: 'no-article',
      message: 'parser not yet available',
    },
  };
}
