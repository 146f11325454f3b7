import type { ArticleRecord } from '../../../../lambdas/core/article/record';
import { enrichArticle } from '../../../../lambdas/core/enrich/enrich-article';
import { EnrichmentSchema } from '../../../../lambdas/core/enrich/model';

function article(paragraphs: string[], published: string | null): ArticleRecord {
  return {
    id: 'a1b2c3d4e5f60718',
    title: 'Ministers meet as shelling resumes',
    subtitle: null,
    authors: [],
    published,
    publishedSource: published ? 'byline' : null,
    publisher: null,
    language: 'en',
    url: null,
    paragraphs,
    wordCount: paragraphs.join(' ').split(/\s+/).length,
    format: 'txt',
    source: { bucket: 'drop', key: 'a.txt', versionId: null, etag: null, size: 100, part: 0 },
  };
}

const PARAGRAPHS = [
  'Foreign Minister Lena Vogt met her Polish counterpart in Warsaw on Tuesday to discuss the crisis.',
  '“We will not accept a frozen conflict,” Vogt told reporters afterwards.',
  'Yesterday, Russian artillery shelled the outskirts of Kharkiv, local officials said.',
];

describe('enrichArticle', () => {
  it('returns entities, quotes, events and timexes that satisfy the contract', () => {
    const enrichment = enrichArticle(article(PARAGRAPHS, '2022-06-09'));
    expect(EnrichmentSchema.safeParse(enrichment).success).toBe(true);
  });

  it('dates and classifies the reported actions against the publication date', () => {
    const { events, timexes } = enrichArticle(article(PARAGRAPHS, '2022-06-09'));
    expect(timexes.map((t) => [t.text, t.value, t.paragraph])).toEqual([
      ['Tuesday', '2022-06-07', 0],
      ['Yesterday', '2022-06-08', 2],
    ]);
    expect(events.map((e) => [e.paragraph, e.action.root, e.date, e.location])).toEqual([
      [0, '04', '2022-06-07', 'Warsaw'],
      // "Vogt told reporters afterwards": a statement on the day the narrative gives it.
      [1, '01', '2022-06-07', null],
      // "…, local officials said": a statement of unnamed officials, a group.
      [2, '19', '2022-06-08', 'Kharkiv'],
      [2, '01', '2022-06-08', 'Kharkiv'],
    ]);
    expect(events[3]?.source).toEqual({ name: 'officials', kind: 'group' });
    expect(events[2]?.actors).toEqual([{ name: 'Russia', role: 'source' }]);
  });

  it('attributes the quote through the entity extractor', () => {
    const { quotes } = enrichArticle(article(PARAGRAPHS, '2022-06-09'));
    expect(quotes.map((q) => [q.text, q.speaker.name])).toEqual([
      ['We will not accept a frozen conflict,', 'Lena Vogt'],
    ]);
  });

  it('keeps relative dates unresolved without a publication date', () => {
    const { events, timexes } = enrichArticle(article(PARAGRAPHS, null));
    expect(timexes.map((t) => t.value)).toEqual([null, null]);
    expect(events.map((e) => [e.date, e.dateText])).toEqual([
      [null, 'Tuesday'],
      [null, null],
      [null, 'Yesterday'],
      [null, 'Yesterday'],
    ]);
  });
});
