import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { inputFor, onlyArticle, rejectionOf } from './fixture-input';
import { parseArticleFile } from '../../../../lambdas/core/article/parse-article';
import { MIN_WORDS, proseProblem } from '../../../../lambdas/core/article/prose';

const SIX_MB = 6 * 1024 * 1024;
const LIMIT = 10 * 1024 * 1024;

function parse(text: string | Buffer, key: string) {
  return parseArticleFile(
    inputFor(typeof text === 'string' ? Buffer.from(text) : text, key, { maxBytes: LIMIT }),
  );
}

/** Real short news: briefs of two or three sentences, as wires and digests print them. */
const BRIEFS = [
  'Flood warnings were lifted across the county on Tuesday. The river fell below its banks overnight.',
  'Stocks fell on Monday. The Dow lost 2 per cent, its worst day since March.',
  'The mayor resigned. "It is time," she said. An election will be held in May.',
  'Police closed the A40 after a crash near Witney. No one was hurt, a spokesman said.',
  'Officials confirmed the deal. Talks resume in June.',
  '北京市政府周一宣布，将在明年投入更多资金改善空气质量。官员表示，这一计划将持续五年。',
  'Le conseil municipal a voté le budget lundi. Les impôts locaux ne changeront pas.',
  'Die Regierung hat am Montag neue Regeln beschlossen. Sie gelten ab Januar.',
];

describe('junk is not an article', () => {
  it('rejects a 6 MB file of one repeated letter: a "word" of millions of characters', () => {
    const rejection = rejectionOf(parse('a'.repeat(SIX_MB), 'letters.txt'));
    expect(rejection).toMatchObject({
      reason: 'no-article',
      message: `The file has no prose: its text is mostly a "word" of ${SIX_MB} characters (no word is over 1000).`,
    });
  });

  it('rejects an HTML page whose only text is one word', () => {
    const html = '<html><head><title>Home</title></head><body><main><p>Welcome</p></main></body></html>';
    expect(rejectionOf(parse(html, 'page.html'))).toMatchObject({
      reason: 'no-article',
      message: 'The file has no prose: its text is 1 word (an article has at least 8).',
    });
  });

  it('rejects a body of only a handful of words under a real headline and byline', () => {
    const text = 'Council approves the budget\n\nBy Jane Doe\n\nBudget approved.\n';
    expect(rejectionOf(parse(text, 'budget.txt')).message).toBe(
      'The file has no prose: its text is 2 words (an article has at least 8).',
    );
  });

  it('rejects text without a single sentence (a keyword list, a tag cloud)', () => {
    const tags = 'politics economy sport weather culture science health travel opinion business technology';
    expect(
      rejectionOf(parse(`Tags\n\n${tags}\n\n${tags.split(' ').reverse().join(' ')}`, 'tags.md')),
    ).toMatchObject({
      reason: 'no-article',
      message: 'The file has no prose: no sentence (no run of words ends in . ! or ?).',
    });
  });

  it('rejects one sentence repeated thousands of times: nearly no distinct words', () => {
    const rejection = rejectionOf(parse('Buy cheap watches now. '.repeat(5000), 'spam.txt'));
    expect(rejection).toMatchObject({
      reason: 'no-article',
      message:
        'The file has no prose: 4 distinct words in 4000 (nearly no distinct words: a repetition, not prose).',
    });
  });

  it('rejects one repeated character of a script written without spaces', () => {
    expect(rejectionOf(parse(`${'好'.repeat(20)}。`.repeat(300), 'zh.txt')).message).toBe(
      'The file has no prose: 1 distinct words in 4000 (nearly no distinct words: a repetition, not prose).',
    );
  });

  it('names the item of a JSON Lines feed that is junk', () => {
    const feed = [
      JSON.stringify({ title: 'Flood', body: BRIEFS[0] }),
      JSON.stringify({ title: 'Junk', body: 'x'.repeat(5000) }),
    ].join('\n');
    expect(rejectionOf(parse(feed, 'feed.jsonl')).message).toBe(
      'Item 1 of 2 has no prose: its text is mostly a "word" of 5000 characters (no word is over 1000).',
    );
  });

  it('rejects junk inside gzip the same way', () => {
    expect(rejectionOf(parse(gzipSync(Buffer.from('z'.repeat(100_000))), 'z.txt.gz')).reason).toBe(
      'no-article',
    );
  });

  it.each(BRIEFS)('keeps the brief %j', (brief) => {
    expect(onlyArticle(parse(`Headline of the brief\n\n${brief}\n`, 'brief.txt')).paragraphs).toEqual([
      brief,
    ]);
  });

  it('keeps a real story that carries one pasted hash or data URI among its sentences', () => {
    const prose = Array.from(
      { length: 30 },
      (_, i) => `Opposition leader number ${i} said the delay of ${i + 2} weeks was unacceptable.`,
    );
    const story = [
      'The ministry published the report on Friday, a week later than planned, officials said.',
      `The file's checksum, ${'f'.repeat(1500)}, was printed beside it.`,
      ...prose,
    ].join('\n\n');
    expect(onlyArticle(parse(`Report published\n\n${story}`, 'report.txt')).paragraphs).toHaveLength(32);
  });

  it('keeps a 4,000-word article whose vocabulary is small but real', () => {
    const sentences = Array.from(
      { length: 400 },
      (_, i) => `Speaker ${i % 50} told councillors in session ${i} that plan ${i % 37} needed money.`,
    );
    expect(
      onlyArticle(parse(`Long hearing\n\n${sentences.join(' ')}`, 'long.txt')).wordCount,
    ).toBeGreaterThan(4000);
  });
});

/** Words from a real vocabulary, so generated sentences read like text of that vocabulary. */
const word = fc.constantFrom(
  'council',
  'budget',
  'minister',
  'river',
  'police',
  'said',
  'on',
  'Monday',
  'the',
  'a',
  'new',
  'plan',
  'workers',
  'strike',
  'hospital',
  'school',
  'election',
  'vote',
  'court',
  'ruled',
  'city',
  'rail',
  'flood',
  'farmers',
  'prices',
  'rose',
  'fell',
  'per',
  'cent',
  'after',
  'talks',
  'deal',
  'mayor',
  'fire',
);
const sentence = fc
  .array(word, { minLength: 4, maxLength: 14 })
  .map((words) => `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);

describe('prose rules (properties)', () => {
  it('keeps every brief of two or three varied sentences', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(sentence, { minLength: 2, maxLength: 3 }),
        fc.integer({ min: 0, max: 9999 }),
        (s, n) => {
          // A number makes the brief distinct; uniqueness of sentences keeps it from being a repetition.
          const body = `${s.join(' ')} It was case ${n}.`;
          if (new Set(body.toLowerCase().match(/\p{L}+|\p{N}+/gu)).size < 5) return;
          expect(parse(`Headline\n\n${body}\n`, 'brief.txt').kind).toBe('articles');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects any single token repeated to thousands of characters, in every text format', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 4 }).filter((s) => /^[\p{L}\p{N}]+$/u.test(s)),
        fc.integer({ min: 1000, max: 20_000 }),
        fc.constantFrom('a.txt', 'a.md', 'a.html'),
        (unit, length, key) => {
          const token = unit.repeat(Math.ceil(length / unit.length));
          const text = key.endsWith('.html') ? `<html><body><p>${token}</p></body></html>` : token;
          const outcome = parse(text, key);
          expect(outcome.kind === 'rejection' && outcome.rejection.reason).toBe('no-article');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects a body of fewer than MIN_WORDS words, whatever the words', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: MIN_WORDS - 1 }), (words) => {
        const outcome = parse(`A real headline here\n\n${words.join(' ')}.\n`, 'short.txt');
        expect(outcome.kind === 'rejection' && outcome.rejection.message).toMatch(
          /^The file has no prose: its text is \d+ words? \(an article has at least 8\)\.$/,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('rejects words without any terminal punctuation as having no sentence', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: MIN_WORDS, maxLength: 300 }), (words) => {
        expect(proseProblem([words.join(' ')])).toMatchObject({ kind: 'no-sentence' });
      }),
      { numRuns: 100 },
    );
  });

  it('rejects a few sentences repeated over and over as nearly no distinct words', () => {
    fc.assert(
      fc.property(
        fc.array(sentence, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 200, max: 600 }),
        (s, times) => {
          const body = Array.from({ length: times }, () => s.join(' ')).join(' ');
          const problem = proseProblem([body]);
          expect(problem?.kind).toBe('repetitive');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('never flags real prose as junk just for its length (sentences with numbered facts)', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 50, maxLength: 200 }), (s) => {
        const body = s.map((text, i) => `${text} Figure ${i} rose to ${i * 7 + 3}.`).join(' ');
        expect(proseProblem([body])).toBeNull();
      }),
      { numRuns: 50 },
    );
  });
});
