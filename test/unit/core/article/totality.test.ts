import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { inputFor } from './fixture-input';
import { parseArticleFile, UNEXPECTED_FAILURE } from '../../../../lambdas/core/article/parse-article';
import { proseProblem } from '../../../../lambdas/core/article/prose';
import {
  ArticleRecordSchema,
  RejectionSchema,
  type ParseOutcome,
} from '../../../../lambdas/core/article/record';

const KEYS = [
  'a.txt',
  'a.md',
  'a.html',
  'a.htm',
  'a.json',
  'a.jsonl',
  'a.txt.gz',
  'a.json.gz',
  'noextension',
  'a.pdf',
  'a.csv',
];
const LIMIT = 64 * 1024;

/** Every outcome must satisfy the contract: articles of prose that validate, or one rejection with a real reason. */
function expectValid(outcome: ParseOutcome): void {
  if (outcome.kind === 'articles') {
    expect(outcome.articles.length).toBeGreaterThan(0);
    for (const article of outcome.articles) {
      ArticleRecordSchema.parse(article);
      expect(article.paragraphs.length).toBeGreaterThan(0);
      expect(
        article.paragraphs.every((paragraph) => paragraph.trim() === paragraph && paragraph !== ''),
      ).toBe(true);
      // Junk is never an article: whatever got through is prose.
      expect(proseProblem(article.paragraphs)).toBeNull();
    }
  } else {
    RejectionSchema.parse(outcome.rejection);
    expect(outcome.rejection.message).not.toBe('');
    expect(outcome.rejection.message.startsWith(UNEXPECTED_FAILURE)).toBe(false);
  }
}

function parse(bytes: Uint8Array, key: string, maxBytes = LIMIT): ParseOutcome {
  return parseArticleFile(inputFor(bytes, key, { maxBytes }));
}

/** Text made of the characters that drive the markdown, HTML, JSON and byline rules. */
const structured = fc
  .array(
    fc.constantFrom(
      '#',
      '## ',
      '*',
      '**',
      '_',
      '[',
      ']',
      '(',
      ')',
      '!',
      '<',
      '>',
      '</p>',
      '<p>',
      '<div>',
      '<script>',
      '{',
      '}',
      '"',
      ':',
      ',',
      '[]',
      '\n',
      '\n\n',
      '  \n',
      ' ',
      'By ',
      'Jane Doe',
      ' 5 July 2016',
      'Monday, March 4, 2024',
      '&amp;',
      '&#8220;',
      'the',
      'To contact the WSWS',
      'Loading',
      'English',
      '---',
      '> ',
      '- ',
      '1. ',
      '`',
      '\u00a0',
      '\ufeff',
      'é',
      '“',
      '”',
      'text',
      '{"title":"T","body":"B"}',
      '\t',
      '\r\n',
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(''));

describe('parseArticleFile is total', () => {
  it('returns a valid outcome for arbitrary bytes under any key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(...KEYS), (bytes, key) => {
        expectValid(parse(bytes, key));
      }),
      { numRuns: 300 },
    );
  });

  it('returns a valid outcome for arbitrary Unicode text in every format', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.constantFrom(...KEYS), (text, key) => {
        expectValid(parse(Buffer.from(text, 'utf8'), key));
      }),
      { numRuns: 300 },
    );
  });

  it('returns a valid outcome for text built from markdown, HTML, JSON and byline syntax', () => {
    fc.assert(
      fc.property(structured, fc.constantFrom(...KEYS), (text, key) => {
        expectValid(parse(Buffer.from(text, 'utf8'), key));
      }),
      { numRuns: 400 },
    );
  });

  it('returns a valid outcome for gzip-compressed text, with any size limit', () => {
    fc.assert(
      fc.property(structured, fc.integer({ min: 1, max: 4096 }), (text, maxBytes) => {
        expectValid(parse(gzipSync(Buffer.from(text, 'utf8')), 'a.md.gz', maxBytes));
      }),
      { numRuns: 200 },
    );
  });

  it('returns a valid outcome for arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), fc.constantFrom('a.json', 'a.jsonl'), (json, key) => {
        expectValid(parse(Buffer.from(json, 'utf8'), key));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same bytes give the same outcome', () => {
    fc.assert(
      fc.property(structured, fc.constantFrom(...KEYS), (text, key) => {
        const bytes = Buffer.from(text, 'utf8');
        expect(parse(bytes, key)).toEqual(parse(bytes, key));
      }),
      { numRuns: 100 },
    );
  });

  it('counts exactly the words of the paragraphs it returns', () => {
    fc.assert(
      fc.property(structured, (text) => {
        const outcome = parse(Buffer.from(text, 'utf8'), 'a.txt');
        if (outcome.kind !== 'articles') return;
        for (const article of outcome.articles) {
          const words = article.paragraphs
            .join(' ')
            .split(/\s+/)
            .filter((word) => /[\p{L}\p{N}]/u.test(word));
          expect(article.wordCount).toBe(words.length);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('adversarial inputs', () => {
  const big = 100_000;
  it.each([
    ['<', 'a.html'],
    ['<div>', 'a.html'],
    ['<!--', 'a.html'],
    ['*', 'a.md'],
    ['_', 'a.md'],
    ['[', 'a.md'],
    ['](', 'a.md'],
    ['#', 'a.md'],
    ['"', 'a.txt'],
    [' ', 'a.txt'],
    ['a', 'a.txt'],
    ['{', 'a.json'],
    ['[', 'a.json'],
    ['"', 'a.json'],
    ['&amp;', 'a.txt'],
    ['By Jane Doe ', 'a.txt'],
  ])('100k repetitions of %j under %s give a valid outcome', (unit, key) => {
    expectValid(parse(Buffer.from(unit.repeat(big / unit.length)), key, 10 * 1024 * 1024));
  });

  it('reads an article nested 800 elements deep (past Readability, through the linear block walk)', () => {
    const text = Array.from({ length: 20 }, (_, i) => `Deeply nested but real words, line ${i}.`).join(' ');
    const html = `${'<div>'.repeat(800)}<p>${text}</p>${'</div>'.repeat(800)}`;
    const outcome = parse(Buffer.from(html), 'deep.html', 10 * 1024 * 1024);
    expectValid(outcome);
    expect(outcome.kind === 'articles' && outcome.articles[0]?.paragraphs).toEqual([text]);
  });

  it('rejects markup nested 5,000 deep as malformed before parsing it', () => {
    const html = `${'<div>'.repeat(5000)}<p>Words.</p>${'</div>'.repeat(5000)}`;
    const outcome = parse(Buffer.from(html), 'deep.html', 10 * 1024 * 1024);
    expect(outcome.kind === 'rejection' && outcome.rejection).toMatchObject({
      reason: 'malformed-html',
      message: 'The HTML nests elements more than 1000 levels deep; no article page does.',
    });
  });

  it('does not count self-closing SVG shapes or unclosed paragraphs as nesting', () => {
    const paragraphs = Array.from({ length: 1500 }, (_, i) => `<p>Paragraph ${i} of the story, word w${i}. `);
    const body = `<svg>${'<path d="M0 0"/>'.repeat(3000)}</svg>${paragraphs.join('')}`;
    const outcome = parse(Buffer.from(`<html><body>${body}</body></html>`), 'flat.html', 10 * 1024 * 1024);
    expect(outcome.kind).toBe('articles');
  });

  it('rejects JSON nested 100k levels deep as a typed rejection', () => {
    const outcome = parse(Buffer.from('['.repeat(big) + ']'.repeat(big)), 'deep.json', 10 * 1024 * 1024);
    expectValid(outcome);
    expect(outcome.kind).toBe('rejection');
  });

  it('reads one 100k-character line with no spaces, and rejects it as a "word", not prose', () => {
    const outcome = parse(Buffer.from(`Title\n\n${'x'.repeat(big)}.`), 'long.txt', 10 * 1024 * 1024);
    expectValid(outcome);
    expect(outcome.kind === 'rejection' && outcome.rejection).toMatchObject({
      reason: 'no-article',
      message: `The file has no prose: its text is mostly a "word" of ${big + 1} characters (no word is over 1000).`,
    });
  });
});
