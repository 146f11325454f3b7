import { onlyArticle, parseFixture } from './fixture-input';
import { decodeEncodedWords } from '../../../../lambdas/core/article/overrides';

describe('S3 object metadata overrides', () => {
  it('dates an undated file from x-amz-meta-published', () => {
    const article = onlyArticle(parseFixture('no-date.txt', { metadata: { published: '2024-08-19' } }));
    expect(article.published).toBe('2024-08-19');
    expect(article.publishedSource).toBe('object-metadata');
  });

  it('wins over what the file says, field by field', () => {
    const article = onlyArticle(
      parseFixture('by-line.txt', {
        metadata: {
          published: '5 April 2023',
          title: 'Rail strike: day one',
          author: 'Maria Okafor; Tom Brandt; Sean Ivers',
          publisher: 'wsws.org',
          url: 'https://example.org/rail-strike',
          language: 'en-GB',
        },
      }),
    );
    expect(article).toMatchObject({
      published: '2023-04-05',
      publishedSource: 'object-metadata',
      title: 'Rail strike: day one',
      authors: ['Maria Okafor', 'Tom Brandt', 'Sean Ivers'],
      publisher: 'World Socialist Web Site',
      url: 'https://example.org/rail-strike',
      language: 'en',
    });
  });

  it('ignores a published value without a full date and keeps the file’s own date', () => {
    const article = onlyArticle(parseFixture('dateline.txt', { metadata: { published: 'last week' } }));
    expect(article.published).toBe('2024-03-12');
    expect(article.publishedSource).toBe('byline');
  });

  it('changes the id when the title is overridden (the id follows the content)', () => {
    const plain = onlyArticle(parseFixture('no-date.txt'));
    const retitled = onlyArticle(parseFixture('no-date.txt', { metadata: { title: 'Another title' } }));
    const dated = onlyArticle(parseFixture('no-date.txt', { metadata: { published: '2024-08-19' } }));
    expect(retitled.id).not.toBe(plain.id);
    expect(dated.id).toBe(plain.id);
  });

  it('decodes RFC 2047 encoded words that S3 clients use for non-ASCII values', () => {
    expect(decodeEncodedWords('=?UTF-8?B?w4lsb2RpZSBNYXJjaGV0dGk=?=')).toBe('Élodie Marchetti');
    expect(decodeEncodedWords('=?UTF-8?Q?=C3=89lodie_Marchetti?=')).toBe('Élodie Marchetti');
    expect(decodeEncodedWords('plain value')).toBe('plain value');
  });
});
