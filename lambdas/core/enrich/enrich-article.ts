import type { ArticleRecord } from '../article/record';
import type { Enrichment } from './model';

/**
 * Entities, quotes, events and date expressions of one article. Pure, synchronous, no network.
 * (Placeholder body until the enrich work lands; see issue 5.)
 */
export function enrichArticle(_article: ArticleRecord): Enrichment {
  return { entities: [], quotes: [], events: [], timexes: [] };
}
