import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bylineNames, reconcileAuthors } from '../../../../lambdas/core/article/authors';
import { parseArticleFile } from '../../../../lambdas/core/article/parse-article';
import { inputFor } from './fixture-input';

/** Pages written in the shape of the big outlets' article templates, with the metadata a reader must find. */
const dir = join(__dirname, '..', '..', '..', 'fixtures', 'html-pages');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  pages: Record<
    string,
    {
      title: string;
      authors: string[];
      publisher: string | null;
      credit: string | null;
      published: string | null;
    }
  >;
};

describe('metadata of news pages in the big outlets’ templates', () => {
  it.each(Object.entries(expected.pages))('%s', (file, want) => {
    const outcome = parseArticleFile(inputFor(readFileSync(join(dir, file)), file));
    if (outcome.kind !== 'articles') throw new Error(`${file}: ${outcome.rejection.message}`);
    const [article] = outcome.articles;
    expect({
      title: article?.title,
      authors: article?.authors,
      publisher: article?.publisher,
      credit: article?.credit ?? null,
      published: article?.published,
    }).toEqual(want);
    // Bylines and credits are metadata, never body.
    expect(article?.paragraphs[0]).not.toMatch(/^By\s/);
  });
});

describe('byline names', () => {
  it.each([
    ['By Jane Doe and John Roe', ['Jane Doe', 'John Roe'], []],
    ['By JANE DOE', ['Jane Doe'], []],
    ['Jane Doe, Reuters', ['Jane Doe'], ['Reuters']],
    ['By Jane Doe | Associated Press | Updated 3 hours ago', ['Jane Doe'], ['Associated Press']],
    ['Jane Doe in Kyiv and John Roe in Moscow', ['Jane Doe', 'John Roe'], []],
    ['Jane Doe, Senior Political Correspondent', ['Jane Doe'], []],
    ['By AFP', [], ['AFP']],
    ['JD', [], []],
    ['A.B./C.D.', [], []],
    ['Staff and agencies', [], []],
    ['Web Desk', [], []],
    ['The Kyiv Independent', [], []],
    ['https://example.com/profile/jane', [], []],
  ])('%s', (text, persons, agencies) => {
    expect(bylineNames(text)).toEqual({ persons, agencies });
  });
});

describe('reconciling the sources', () => {
  const none = { structured: [], meta: [], visible: [], publisher: null };

  it('trusts JSON-LD first, then meta tags, then the visible byline', () => {
    expect(
      reconcileAuthors({
        ...none,
        structured: [{ name: 'Jane Doe', type: 'Person' }],
        meta: ['John Roe'],
        visible: ['By Ann Poe'],
      }).authors,
    ).toEqual(['Jane Doe']);
    expect(reconcileAuthors({ ...none, meta: ['John Roe'], visible: ['By Ann Poe'] }).authors).toEqual([
      'John Roe',
    ]);
    expect(reconcileAuthors({ ...none, visible: ['By Ann Poe'] }).authors).toEqual(['Ann Poe']);
  });

  it('adds a co-author the visible byline names when it confirms the structured author', () => {
    expect(
      reconcileAuthors({
        ...none,
        structured: [{ name: 'Jane Doe', type: 'Person' }],
        visible: ['By JANE DOE and JOHN ROE'],
      }).authors,
    ).toEqual(['Jane Doe', 'John Roe']);
  });

  it('sends agencies to the credit, and never credits the page’s own publisher', () => {
    expect(
      reconcileAuthors({
        ...none,
        structured: [{ name: 'Reuters', type: 'Organization' }],
        publisher: 'Daily Ledger',
      }),
    ).toEqual({ authors: [], credit: 'Reuters' });
    expect(
      reconcileAuthors({
        ...none,
        structured: [{ name: 'Reuters', type: 'Organization' }],
        publisher: 'Reuters',
      }),
    ).toEqual({ authors: [], credit: null });
    expect(reconcileAuthors({ ...none, meta: ['BBC News'], publisher: 'BBC News' }).authors).toEqual([]);
  });
});
