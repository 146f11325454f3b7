import type { ArticleRecord } from '../article/record';
import { extractEntities } from './entities';
import { extractEvents } from './events';
import type { Enrichment } from './model';
import { extractQuotes } from './quotes';
import { extractTimexes } from './timexes';

/**
 * Entities, quotes, events and date expressions of one article. Pure, synchronous, no network.
 * Order matters: quotes need the entities for their speakers, events need entities for actors and the
 * resolved date expressions for their dates.
 */
export function enrichArticle(article: ArticleRecord): Enrichment {
  const { paragraphs, published } = article;
  const entities = extractEntities(paragraphs);
  const quotes = extractQuotes(paragraphs, entities);
  const timexes = extractTimexes(paragraphs, published);
  const events = extractEvents({ paragraphs, entities, timexes });
  return { entities, quotes, events, timexes };
}
