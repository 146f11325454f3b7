import { articleId } from '../../../../lambdas/core/article/article-id';
import { binarySignature, looksBinary } from '../../../../lambdas/core/article/binary';
import { formatFromContentType, formatFromKey, sniffFormat } from '../../../../lambdas/core/article/formats';
import { detectLanguage, normalizeLanguage } from '../../../../lambdas/core/article/language';
import { canonicalPublisher } from '../../../../lambdas/core/article/publisher';

describe('formatFromKey', () => {
  it.each([
    ['a/b/story.txt', { kind: 'known', format: 'txt', jsonLines: false }],
    ['story.MD', { kind: 'known', format: 'md', jsonLines: false }],
    ['page.htm.gz', { kind: 'known', format: 'html', jsonLines: false }],
    ['feed.ndjson', { kind: 'known', format: 'json', jsonLines: true }],
    ['README', { kind: 'none' }],
    ['upload.gz', { kind: 'none' }],
    ['Report v1.2', { kind: 'none' }],
    ['scan.pdf', { kind: 'unsupported', extension: 'pdf' }],
    ['data.csv.gz', { kind: 'unsupported', extension: 'csv' }],
  ])('%s → %j', (key, expected) => {
    expect(formatFromKey(key)).toEqual(expected);
  });

  it('falls back to the Content-Type, then to the content', () => {
    expect(formatFromContentType('text/html; charset=utf-8')).toBe('html');
    expect(formatFromContentType('application/octet-stream')).toBeNull();
    expect(sniffFormat('  <!DOCTYPE html><html>')).toBe('html');
    expect(sniffFormat('\n[{"title":"x"}]')).toBe('json');
    expect(sniffFormat('A title\n\nBody.')).toBe('txt');
  });
});

describe('binary detection', () => {
  it('names files by their magic numbers', () => {
    expect(binarySignature(Buffer.from('%PDF-1.7\n'))).toBe('a PDF document');
    expect(binarySignature(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe(
      'a ZIP archive (or a DOCX/EPUB/ODT document)',
    );
    expect(binarySignature(Buffer.from('Plain words'))).toBeNull();
  });

  it('treats NUL or many control characters as binary, but not tabs and form feeds', () => {
    expect(looksBinary('text\u0000more')).toBe(true);
    expect(looksBinary('\u0001\u0002\u0003abc')).toBe(true);
    expect(looksBinary('col1\tcol2\fpage two\r\n')).toBe(false);
  });
});

describe('articleId', () => {
  it('is 64 lowercase hex characters and ignores case, quote style and spacing', () => {
    const id = articleId('Title', ['He said “yes” — twice.']);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(articleId('TITLE', ['He  said "yes" - twice.'])).toBe(id);
    expect(articleId('Title', ['He said “no” — twice.'])).not.toBe(id);
  });
});

describe('language', () => {
  it('recognises English and German prose and declines to guess on little text', () => {
    expect(
      detectLanguage([
        'The council said that it was going to vote on the plan for the harbour and the ferry in the spring.',
      ]),
    ).toBe('en');
    expect(
      detectLanguage([
        'Der Rat hat die Pläne für den Hafen nicht mit den Bürgern besprochen, und es wird auch keine Abstimmung im Frühjahr geben, sagte sie.',
      ]),
    ).toBe('de');
    expect(detectLanguage(['Hello world'])).toBeNull();
  });

  it('normalizes language tags', () => {
    expect(normalizeLanguage('en-GB')).toBe('en');
    expect(normalizeLanguage('pt_BR')).toBe('pt');
    expect(normalizeLanguage('English please')).toBeNull();
  });
});

describe('canonicalPublisher', () => {
  it('maps short forms and domains to one name, and keeps unknown names as written', () => {
    expect(canonicalPublisher('WSWs')).toBe('World Socialist Web Site');
    expect(canonicalPublisher('https://www.wsws.org/en/articles')).toBe('World Socialist Web Site');
    expect(canonicalPublisher('www.valleypost.example')).toBe('valleypost.example');
    expect(canonicalPublisher('The Valley Post')).toBe('The Valley Post');
    expect(canonicalPublisher('  ')).toBeNull();
  });
});
