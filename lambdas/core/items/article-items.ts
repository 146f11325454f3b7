import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import type { ArticleRecord } from '../article/record';
import type { Enrichment, NewsEvent, Quote } from '../enrich/model';
import type { Revision } from '../messages';
import { TallyBuilder, type TallyItem } from './tallies';
import { type AttributeMap, type AttributeValue, definedOnly, type TableItem } from './item';
import { indexKeys, keys, nameKey, ordinal, rootShard, shardOf, UNDATED } from './keys';
import { revisionToken, type StoredRevision, storedRevision } from './revision';

/** Everything one article version puts in the table (carriers and the object mapping are kept apart). */
export interface ArticleItems {
  readonly articleId: string;
  readonly revision: StoredRevision;
  readonly article: TableItem;
  /** Quotes, events and per-actor event items, sorted by sort key. */
  readonly content: readonly TableItem[];
  /** What the article counts for each day (or month) in the top-N rankings, sorted by key. */
  readonly tallies: readonly TallyItem[];
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

/** A group's quotes stop growing past this many bytes of text (a new group starts): far below 400 KB. */
export const QUOTE_GROUP_MAX_BYTES = 16_000;

/**
 * The quotes of one speaker in an article, in one item (`quotes`, in document order), keyed by the first
 * quote's position and filed once under the speaker (gsi1). A speaker quoted three times costs one item and
 * one index entry instead of three of each; ArticleQueries lists the quotes one by one.
 */
function quoteGroups(article: ArticleRecord, quotes: readonly Quote[]): TableItem[] {
  const groups: { key: string; entries: { quote: Quote; index: number }[]; bytes: number }[] = [];
  const open = new Map<string, (typeof groups)[number]>();
  quotes.forEach((quote, index) => {
    const key = nameKey(quote.speaker.name);
    const bytes = quote.text.length * 3;
    let group = open.get(key);
    if (!group || group.bytes + bytes > QUOTE_GROUP_MAX_BYTES) {
      group = { key, entries: [], bytes: 0 };
      groups.push(group);
      open.set(key, group);
    }
    group.entries.push({ quote, index });
    group.bytes += bytes;
  });
  return groups.map(({ key, entries }) => {
    const first = entries[0] as { quote: Quote; index: number };
    return {
      ...keys.quote(article.id, first.index),
      type: 'quote',
      ...articleContext(article),
      index: first.index,
      speaker: first.quote.speaker.name,
      speakerKind: first.quote.speaker.kind,
      quotes: entries.map(({ quote, index }) => ({
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
      })),
      ...(key !== '' && {
        gsi1pk: indexKeys.speaker(first.quote.speaker.name),
        gsi1sk: sortKeyOf(article.published ?? UNDATED, article.id, first.index),
      }),
    };
  });
}

/**
 * An event item, and one small item per actor beyond the second. The event item itself is filed under its first
 * distinct actor (gsi1) and its second (gsi3, same `ACT#` key and sort key), so an event with one or two actors
 * (most) costs no extra item: a GSI key holds one value, and a write is billed per item and per index entry
 * (docs/table-design.md "Write cost"). By date it is in its month's shard of its CAMEO root (gsi2,
 * `rootShard`), so one root's events are one partition per month and need no index of their own.
 */
function eventItems(article: ArticleRecord, event: NewsEvent, index: number): TableItem[] {
  const time = eventTime(event.date);
  const sk = sortKeyOf(time.sortDate, article.id, index);
  const [first, second, ...others] = distinctActors(event);
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
    ...(first && { gsi1pk: indexKeys.actor(first.name), gsi1sk: sk }),
    ...(time.month !== null && {
      gsi2pk: indexKeys.eventMonth(time.month, rootShard(event.action.root)),
      gsi2sk: sk,
    }),
    ...(second && { gsi3pk: indexKeys.actor(second.name), gsi3sk: sk }),
  };
  const actorItems = others.map((actor): TableItem => ({
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

/**
 * The article's tallies: its named speakers' quotes by publication day, its events' distinct actors by the
 * event's day. What has no day (a month-precise event, a week) counts for the month only, in the month's own
 * partition, which a month's ranking adds to its days (ArticleQueries.top).
 */
function talliesOf(article: ArticleRecord, enrichment: Enrichment): TallyItem[] {
  const builder = new TallyBuilder(article.id);
  const published = article.published === null ? null : eventTime(article.published);
  for (const quote of enrichment.quotes) {
    if (published === null || !isNamedSpeaker(quote)) continue;
    if (published.day !== null) builder.add('speaker', 'day', published.day, quote.speaker.name);
    else if (published.month !== null) builder.add('speaker', 'month', published.month, quote.speaker.name);
  }
  for (const event of enrichment.events) {
    const time = eventTime(event.date);
    for (const actor of distinctActors(event)) {
      if (time.day !== null) builder.add('actor', 'day', time.day, actor.name);
      else if (time.month !== null) builder.add('actor', 'month', time.month, actor.name);
    }
  }
  return builder.build();
}

/** Body-sized attributes: stored together, compressed, as the article item's `body`. */
export const BODY_ATTRIBUTES = ['paragraphs', 'entities', 'timexes'] as const;

export interface ArticleBody {
  readonly paragraphs: string[];
  readonly entities: AttributeValue;
  readonly timexes: AttributeValue;
}

/**
 * The body as one Brotli-compressed JSON binary: prose compresses about 3:1, and an item is billed per started
 * KB on every write, so a typical article item goes from 7–10 KB to 3–4 KB. Quality 10 on bodies up to 64 KB
 * (measured on 405 generated articles): 16% smaller than quality 6 (0.21 WRU less) for 2.5 ms instead of 0.2;
 * quality 11 would save 33 bytes more (0.03 WRU, $0.02 per million articles) for 6.1 ms, which costs more
 * in Lambda time than it saves. Quality 6 above 64 KB, where 10 would take too long.
 */
const BEST_COMPRESSION_BYTES = 64 * 1024;

export function encodeBody(body: ArticleBody): Uint8Array {
  const json = Buffer.from(JSON.stringify(body), 'utf8');
  return new Uint8Array(
    brotliCompressSync(json, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: json.length <= BEST_COMPRESSION_BYTES ? 10 : 6,
        [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        [zlib.BROTLI_PARAM_SIZE_HINT]: json.length,
      },
    }),
  );
}

export function decodeBody(bytes: Uint8Array): ArticleBody {
  return JSON.parse(brotliDecompressSync(bytes).toString('utf8')) as ArticleBody;
}

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
    body: encodeBody({
      paragraphs: article.paragraphs,
      entities: value(enrichment.entities),
      timexes: value(enrichment.timexes),
    }),
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
    ...quoteGroups(article, enrichment.quotes),
    ...enrichment.events.flatMap((event, i) => eventItems(article, event, i)),
  ].sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
  return {
    articleId: article.id,
    revision,
    article: articleItem(article, enrichment, revision),
    content,
    tallies: talliesOf(article, enrichment),
  };
}

/** The article item with its body moved out: the item keeps a reference (bucket, key) to the stored body. */
export function withBodyReference(item: TableItem, ref: { bucket: string; key: string }): TableItem {
  const moved: Record<string, AttributeValue> = { ...item };
  delete moved['body'];
  return { ...(moved as TableItem), bodyRef: { ...ref } };
}

/** The body as stored in the body store (JSON of paragraphs, entities and timexes). */
export function articleBody(item: TableItem): string {
  const body = item['body'];
  if (!(body instanceof Uint8Array)) throw new Error(`article item ${item.pk} has no body`);
  return JSON.stringify(decodeBody(body));
}
