import type { ArticleRecord } from '../article/record';
import { extractEntities } from './entities';
import { extractEvents } from './events';
import type { Enrichment } from './model';
import { extractQuotes } from './quotes';
import { splitSentences } from './sentences';
import { extractTimexes } from './timexes';

/**
 * Entities, quotes, events and date expressions of one article. Pure, synchronous, no network.
 * Order matters: quotes need the entities for their speakers, events need entities for actors and the
 * resolved date expressions for their dates. Quotes, date expressions and events read the same sentences: split
 * them once.
 */
export function enrichArticle(article: ArticleRecord): Enrichment {
  const { paragraphs, published } = article;
  const sentences = paragraphs.map((paragraph) => splitSentences(paragraph));
  const entities = extractEntities(paragraphs);
  const quotes = extractQuotes(paragraphs, entities, sentences);
  const timexes = extractTimexes(paragraphs, published, sentences);
  const events = extractEvents({ paragraphs, entities, timexes, sentences });
  return { entities, quotes, events, timexes };
}
