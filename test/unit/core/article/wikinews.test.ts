import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputFor } from './fixture-input';
import { parseArticleFile } from '../../../../lambdas/core/article/parse-article';
import { ArticleRecordSchema } from '../../../../lambdas/core/article/record';

/** The Wikinews articles of the project's evaluation gold (CC BY 2.5; see its README): prose the rules were not written on. */
const dir = join(__dirname, '..', '..', '..', 'fixtures', 'eval', 'wikinews');
const manifest = JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8')) as {
  file: string;
  date: string;
  title: string;
}[];

describe.each(manifest.map((entry) => [entry.file, entry] as const))('wikinews %s', (file, entry) => {
  const bytes = readFileSync(join(dir, file));
  const outcome = parseArticleFile(inputFor(bytes, file));
  const article = outcome.kind === 'articles' ? ArticleRecordSchema.parse(outcome.articles[0]) : null;
  // Some files carry a dateline ("Tuesday, February 5, 2019") as their third line; the others state no date.
  const dateline = /^\p{L}+day, \p{L}+ \d{1,2}, \d{4}\s*$/u.test(bytes.toString('utf8').split('\n')[2] ?? '');

  it('parses to one article with the manifest title', () => {
    expect(outcome.kind).toBe('articles');
    expect(article?.title).toBe(entry.title);
  });

  it(dateline ? 'is dated from its dateline' : 'has no date, because the file states none', () => {
    expect(article?.published).toBe(dateline ? entry.date : null);
    expect(article?.publishedSource).toBe(dateline ? 'byline' : null);
  });

  it('keeps the dateline out of the body and reads English', () => {
    expect(article?.paragraphs[0]).not.toMatch(/^\p{L}+day, \p{L}+ \d{1,2}, \d{4}$/u);
    expect(article?.language).toBe('en');
  });
});
