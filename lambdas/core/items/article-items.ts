import type { ArticleRecord } from '../article/record';
import type { Enrichment, NewsEvent, Quote } from '../enrich/model';
import type { Revision } from '../messages';
import { type Contribution, ContributionBuilder } from './aggregates';
import { type AttributeMap, type AttributeValue, definedOnly, type TableItem } from './item';
import { indexKeys, keys, nameKey, ordinal, shardOf, UNDATED } from './keys';
import { revisionToken, type StoredRevision, storedRevision } from './revision';

/** Everything one article version puts in the table (carriers and the object mapping are kept apart). */
export interface ArticleItems {
  readonly articleId: string;
  readonly revision: StoredRevision;
  readonly article: TableItem;
  /** Quotes, events and per-actor event items, sorted by sort key. */
  readonly content: readonly TableItem[];
  readonly contribution: Contribution;
}

/** Where an event sits in time: the key that orders it, and the day/month it counts for (if known). */
export interface EventTime {
  readonly sortDate: string;
  readonly day: string | null;
  readonly month: string | null;
}

const DAY = /^(\d{4}-\d{2})-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const YEAR = /^\d{4}$/;

/**
 * Event dates come as YYYY-MM-DD, YYYY-MM, YYYY or start/end (a week): a range is ordered and filed by its
 * start, but it counts for no single day. Undated events are kept (article, actor index) but are in no date
 * partition: we never invent a date.
 */
export function eventTime(date: string | null): EventTime {
  if (date === null) return { sortDate: UNDATED, day: null, month: null };
  const start = date.split('/')[0] ?? '';
  const isRange = date.includes('/');
  const day = DAY.exec(start);
  if (day) return { sortDate: start, day: isRange ? null : start, month: day[1] as string };
  if (MONTH.test(start)) return { sortDate: start, day: null, month: start };
  if (YEAR.test(start)) return { sortDate: start, day: null, month: null };
  return { sortDate: UNDATED, day: null, month: null };
}

/** Speakers that count in "top speakers": named people and organizations, not "an official". */
function isNamedSpeaker(quote: Quote): boolean {
  return (
    (quote.speaker.kind === 'person' || quote.speaker.kind === 'organization') &&
    nameKey(quote.speaker.name) !== ''
  );
}

/** An event's actors, one per name (an actor can be both source and target). */
function distinctActors(event: NewsEvent): { name: string; roles: string[] }[] {
  const byKey = new Map<string, { name: string; roles: string[] }>();
  for (const actor of event.actors) {
    const key = nameKey(actor.name);
    if (key === '') continue;
    const entry = byKey.get(key) ?? { name: actor.name, roles: [] };
    if (!entry.roles.includes(actor.role)) entry.roles.push(actor.role);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

function sortKeyOf(date: string, articleId: string, index: number): string {
  return `${date}#${articleId}#${ordinal(index)}`;
}

function articleContext(article: ArticleRecord): AttributeMap {
  return {
    articleId: article.id,
    published: article.published,
    publisher: article.publisher,
    title: article.title,
  };
}

function quoteItem(article: ArticleRecord, quote: Quote, index: number): TableItem {
  return {
    ...keys.quote(article.id, index),
    type: 'quote',
    ...articleContext(article),
    index,
    text: quote.text,
    kind: quote.kind,
    speaker: quote.speaker.name,
    speakerKind: quote.speaker.kind,
    ...definedOnly({ speakerDescription: quote.speaker.description }),
    cue: quote.cue,
    paragraph: quote.paragraph,
    start: quote.start,
    end: quote.end,
    ...(nameKey(quote.speaker.name) !== '' && {
      gsi1pk: indexKeys.speaker(quote.speaker.name),
      gsi1sk: sortKeyOf(article.published ?? UNDATED, article.id, index),
    }),
  };
}

function eventItems(article: ArticleRecord, event: NewsEvent, index: number): TableItem[] {
  const time = eventTime(event.date);
  const sk = sortKeyOf(time.sortDate, article.id, index);
  const actors = distinctActors(event);
  const eventItem: TableItem = {
    ...keys.event(article.id, index),
    type: 'event',
    ...articleContext(article),
    index,
    sentence: event.sentence,
    paragraph: event.paragraph,
    date: event.date,
    dateText: event.dateText,
    granularity: event.granularity,
    root: event.action.root,
    label: event.action.label,
    verb: event.action.verb ?? null,
    actors: event.actors.map((a) => ({ name: a.name, role: a.role })),
    source: event.source,
    target: event.target,
    location: event.location,
    ...(time.month !== null && {
      gsi2pk: indexKeys.eventMonth(time.month, shardOf(sk)),
      gsi2sk: sk,
      gsi3pk: indexKeys.eventRoot(event.action.root, time.month),
      gsi3sk: sk,
    }),
  };
  // One small item per actor: an event has several actors, and a GSI key holds one value.
  const actorItems = actors.map((actor): TableItem => ({
    ...keys.eventActor(article.id, index, actor.name),
    type: 'event-actor',
    ...articleContext(article),
    eventIndex: index,
    actor: actor.name,
    roles: actor.roles,
    date: event.date,
    root: event.action.root,
    label: event.action.label,
    sentence: event.sentence,
    gsi1pk: indexKeys.actor(actor.name),
    gsi1sk: sk,
  }));
  return [eventItem, ...actorItems];
}

function contributionOf(article: ArticleRecord, enrichment: Enrichment): Contribution {
  const builder = new ContributionBuilder();
  const published = article.published;
  if (published !== null) {
    for (const quote of enrichment.quotes) {
      if (!isNamedSpeaker(quote)) continue;
      builder.add('speaker', 'day', published, quote.speaker.name);
      builder.add('speaker', 'month', published.slice(0, 7), quote.speaker.name);
    }
  }
  for (const event of enrichment.events) {
    const time = eventTime(event.date);
    for (const actor of distinctActors(event)) {
      if (time.day !== null) builder.add('actor', 'day', time.day, actor.name);
      if (time.month !== null) builder.add('actor', 'month', time.month, actor.name);
    }
  }
  return builder.build();
}

/** Body-sized attributes: moved to the body store together when the article item would be too large. */
export const BODY_ATTRIBUTES = ['paragraphs', 'entities', 'timexes'] as const;

function articleItem(article: ArticleRecord, enrichment: Enrichment, revision: StoredRevision): TableItem {
  const sortDate = article.published ?? UNDATED;
  const shard = shardOf(article.id);
  const value = (v: unknown): AttributeValue => JSON.parse(JSON.stringify(v)) as AttributeValue;
  return {
    ...keys.article(article.id),
    type: 'article',
    articleId: article.id,
    title: article.title,
    subtitle: article.subtitle,
    authors: article.authors,
    published: article.published,
    publishedSource: article.publishedSource,
    publisher: article.publisher,
    ...(article.credit !== undefined && { credit: article.credit }),
    language: article.language,
    url: article.url,
    wordCount: article.wordCount,
    format: article.format,
    source: value(article.source),
    quoteCount: enrichment.quotes.length,
    eventCount: enrichment.events.length,
    paragraphs: article.paragraphs,
    entities: value(enrichment.entities),
    timexes: value(enrichment.timexes),
    bodyRef: null,
    revision: value(revision),
    revisionToken: revisionToken(revision),
    ...(article.publisher !== null &&
      nameKey(article.publisher) !== '' && {
        gsi1pk: indexKeys.publisher(article.publisher),
        gsi1sk: `${sortDate}#${article.id}`,
      }),
    ...(article.published !== null && {
      gsi2pk: indexKeys.day(article.published, shard),
      gsi2sk: `${nameKey(article.publisher ?? '')}#${article.id}`,
    }),
  };
}

/** Builds every item of one enriched article version: pure and deterministic (same input, same items). */
export function buildArticleItems(input: {
  readonly article: ArticleRecord;
  readonly enrichment: Enrichment;
  readonly revision: Revision;
}): ArticleItems {
  const { article, enrichment } = input;
  const revision = storedRevision(input.revision, article.source);
  const content = [
    ...enrichment.quotes.map((quote, i) => quoteItem(article, quote, i)),
    ...enrichment.events.flatMap((event, i) => eventItems(article, event, i)),
  ].sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
  return {
    articleId: article.id,
    revision,
    article: articleItem(article, enrichment, revision),
    content,
    contribution: contributionOf(article, enrichment),
  };
}

/** The article item with its body moved out: the item keeps a reference (bucket, key) to the stored body. */
export function withBodyReference(item: TableItem, ref: { bucket: string; key: string }): TableItem {
  const moved: Record<string, AttributeValue> = { ...item };
  for (const name of BODY_ATTRIBUTES) delete moved[name];
  return { ...(moved as TableItem), paragraphs: [], entities: [], timexes: [], bodyRef: { ...ref } };
}

/** The body as stored in the body store (JSON). */
export function articleBody(item: TableItem): string {
  const body: Record<string, AttributeValue | undefined> = {};
  for (const name of BODY_ATTRIBUTES) body[name] = item[name];
  return JSON.stringify(body);
}
