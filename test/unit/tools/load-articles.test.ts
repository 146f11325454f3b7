import { gunzipSync } from 'node:zlib';
import { parseArticleFile } from '../../../lambdas/core/article/parse-article';
import { generateLoadFiles, loadParseInput } from '../../../tools/load/articles';

describe('generateLoadFiles', () => {
  it('is deterministic for a seed and different across seeds', () => {
    const a = generateLoadFiles({ count: 50, seed: 7 });
    const b = generateLoadFiles({ count: 50, seed: 7 });
    const c = generateLoadFiles({ count: 50, seed: 8 });
    expect(a.map((f) => [f.key, f.body.toString('base64')])).toEqual(
      b.map((f) => [f.key, f.body.toString('base64')]),
    );
    expect(c.map((f) => f.key)).not.toEqual(a.map((f) => f.key));
  });

  it('adds the junk percentage on top of the articles, and none when asked for none', () => {
    const files = generateLoadFiles({ count: 400, seed: 3, junkPercent: 1 });
    expect(files.filter((f) => f.expected === 'article')).toHaveLength(400);
    expect(files.filter((f) => f.expected === 'rejection')).toHaveLength(4);
    expect(
      generateLoadFiles({ count: 20, seed: 3, junkPercent: 0 }).every((f) => f.expected === 'article'),
    ).toBe(true);
    expect(new Set(files.map((f) => f.key)).size).toBe(files.length);
  });

  it('mixes formats, and every article file parses into its own article with a date', () => {
    const files = generateLoadFiles({ count: 300, seed: 11 });
    const formats = new Set(files.map((f) => f.format));
    expect([...formats].sort()).toEqual(['csv', 'empty', 'html', 'json', 'md', 'md.gz', 'txt', 'txt.gz']);
    const gz = files.find((f) => f.format === 'txt.gz')!;
    expect(gunzipSync(gz.body).toString()).toContain(gz.title!);
    const ids = new Set<string>();
    const lengths: number[] = [];
    for (const file of files) {
      const outcome = parseArticleFile(loadParseInput(file, 'b'));
      if (file.expected === 'rejection') {
        expect(outcome.kind).toBe('rejection');
        continue;
      }
      if (outcome.kind !== 'articles') throw new Error(`${file.key} was rejected`);
      expect(outcome.articles).toHaveLength(1);
      const article = outcome.articles[0]!;
      expect(article.title).toBe(file.title);
      expect(article.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      ids.add(article.id);
      lengths.push(article.wordCount);
    }
    expect(ids.size).toBe(300);
    expect(Math.min(...lengths)).toBeLessThan(150);
    expect(Math.max(...lengths)).toBeGreaterThan(800);
  });
});
