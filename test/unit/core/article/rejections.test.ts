import { fixture, inputFor, parseFixture, rejectionOf } from './fixture-input';
import { parseArticleFile } from '../../../../lambdas/core/article/parse-article';

describe('rejections', () => {
  it.each([
    ['empty.txt', 'empty', 'The file is empty.'],
    ['whitespace.txt', 'empty', 'The file holds only whitespace.'],
    ['tiny.pdf', 'binary', 'The file is a PDF document, not article text.'],
    ['pixel.png', 'binary', 'The file is a PNG image, not article text.'],
    ['photo.jpg', 'binary', 'The file is a JPEG image, not article text.'],
    ['archive.zip', 'binary', 'The file is a ZIP archive (or a DOCX/EPUB/ODT document), not article text.'],
    ['nul-bytes.txt', 'binary', 'The file contains NUL bytes or control characters: it is binary, not text.'],
    ['utf16le-odd.txt', 'undecodable', 'The file is not valid UTF-16LE text.'],
    ['corrupt.txt.gz', 'undecodable', 'The gzip data is corrupt or truncated (unexpected end of file).'],
    [
      'malformed.json',
      'malformed-json',
      'The file is not valid JSON: Unterminated string in JSON at position 136.',
    ],
    [
      'malformed.jsonl',
      'malformed-json',
      "Line 2 is not valid JSON: Expected ',' or '}' after property value in JSON at position 103.",
    ],
    [
      'no-body.json',
      'no-article',
      'The JSON value has no article text (expected one of: body, text, content, articlebody, article, story, fulltext, full_text, bodytext, body_text, paragraphs).',
    ],
    ['no-article.html', 'no-article', 'The HTML page has no article text.'],
    [
      'truncated.html',
      'malformed-html',
      'The HTML is broken (a tag is cut off at character 95) and no article text could be recovered.',
    ],
    [
      'notes.csv',
      'unsupported-extension',
      'Files ending in .csv are not read; use .txt, .md, .html, .htm, .json or .jsonl (optionally .gz).',
    ],
  ])('%s is rejected as %s', (name, reason, message) => {
    const rejection = rejectionOf(parseFixture(name));
    expect(rejection).toEqual({
      source: {
        bucket: 'dateline-drop',
        key: `uploads/${name}`,
        versionId: 'v1',
        etag: '"abc"',
        size: fixture(name).length,
        part: 0,
      },
      reason,
      message,
    });
  });

  it('rejects a file over the size limit before reading it', () => {
    const rejection = rejectionOf(parseFixture('dateline.txt', { maxBytes: 1000 }));
    expect(rejection.reason).toBe('too-large');
    expect(rejection.message).toBe('The file is 1108 bytes; the limit is 1000 bytes.');
  });

  it('rejects gzip that decompresses past the size limit', () => {
    const rejection = rejectionOf(parseFixture('bomb.txt.gz', { maxBytes: 1024 * 1024 }));
    expect(rejection.reason).toBe('decompressed-too-large');
    expect(rejection.message).toBe('The file decompresses to more than the 1048576-byte limit.');
  });

  it('reads the same gzip when the limit allows its decompressed size (and finds one word repeated)', () => {
    const rejection = rejectionOf(parseFixture('bomb.txt.gz', { maxBytes: 4 * 1024 * 1024 }));
    expect(rejection.reason).toBe('no-article');
    expect(rejection.message).toMatch(/^The file has no prose: no sentence/);
  });

  it('names the binary kind even when the key claims to be text', () => {
    const rejection = rejectionOf(parseArticleFile(inputFor(fixture('tiny.pdf'), 'uploads/report.txt')));
    expect(rejection.reason).toBe('binary');
    expect(rejection.message).toBe('The file is a PDF document, not article text.');
  });

  it('rejects a JSON array item without article text, naming the item', () => {
    const bytes = Buffer.from(
      JSON.stringify([
        { title: 'A', body: 'The council approved the budget on Monday after a long debate.' },
        { title: 'B' },
      ]),
    );
    const rejection = rejectionOf(parseArticleFile(inputFor(bytes, 'two.json')));
    expect(rejection.reason).toBe('no-article');
    expect(rejection.message).toMatch(/^Item 1 of 2 has no article text/);
  });

  it('rejects an empty JSON array', () => {
    const rejection = rejectionOf(parseArticleFile(inputFor(Buffer.from('[]'), 'none.json')));
    expect(rejection).toMatchObject({
      reason: 'no-article',
      message: 'The JSON holds no articles (an empty list).',
    });
  });

  it('rejects a gzip file that holds another gzip file', () => {
    const { gzipSync } = jest.requireActual<typeof import('node:zlib')>('node:zlib');
    const rejection = rejectionOf(
      parseArticleFile(inputFor(gzipSync(gzipSync(Buffer.from('text'))), 'twice.txt.gz')),
    );
    expect(rejection).toMatchObject({
      reason: 'binary',
      message: 'The file is gzip-compressed twice; compress it once.',
    });
  });

  it('rejects a JSON Lines file of more than 10,000 articles as too large', () => {
    const lines = Buffer.from('{"title":"T","body":"Text."}\n'.repeat(10_001));
    expect(rejectionOf(parseArticleFile(inputFor(lines, 'feed.jsonl')))).toMatchObject({
      reason: 'too-large',
      message: 'The JSON holds 10001 items; at most 10000 are read from one file (split it).',
    });
  });
});
