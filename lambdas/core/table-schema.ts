/**
 * The table's physical shape: one definition, read by the CDK table construct, the local stack (via the
 * synthesized template) and the item/key builders. Item types and key formats live in items/keys.ts.
 */
export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

export interface IndexShape {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /**
   * The non-key attributes the index keeps (INCLUDE projection): exactly what the queries served by it show.
   * Every index a write touches is billed per KB of the projected entry, so an article's body, entities and
   * timexes (most of its bytes) stay in the base table only (docs/table-design.md "Write cost").
   */
  readonly projected: readonly string[];
}

/** What an article summary shows (articles by publisher, by day). */
const ARTICLE_SUMMARY = [
  'type',
  'articleId',
  'title',
  'publisher',
  'published',
  'authors',
  'url',
  'wordCount',
  'quoteCount',
  'eventCount',
  'source',
] as const;
/** A speaker's quotes in an article, as listed under the speaker (one item per speaker and article). */
const QUOTE_VIEW = ['index', 'speaker', 'speakerKind', 'quotes'] as const;
/** An event as listed by date, optionally of one CAMEO root (`source` is already in the summary list). */
const EVENT_VIEW = [
  'type',
  'articleId',
  'index',
  'date',
  'root',
  'label',
  'sentence',
  'actors',
  'source',
  'target',
  'location',
  'published',
  'title',
] as const;
/**
 * What the view of an event under one of its actors reads from an event item (filed under its first actor on
 * gsi1, its second on gsi3): the event's index and actors, from which it takes the actor's name and roles. The
 * article id comes from `pk`, the label from the root (DERIVED below).
 */
export const EVENT_UNDER_ACTOR_VIEW = [
  'index',
  'actors',
  'date',
  'root',
  'label',
  'sentence',
  'title',
] as const;
/** An event as listed under one of its actors: an event-actor item's fields, or an event item's (above). */
const ACTOR_EVENT_VIEW = [
  'eventIndex',
  'actor',
  'roles',
  'date',
  'root',
  'label',
  'sentence',
  'index',
  'actors',
  'title',
] as const;
const REJECTION_VIEW = ['bucket', 'key', 'reason', 'message', 'eventTime'] as const;

const unique = (...lists: readonly (readonly string[])[]): readonly string[] => [...new Set(lists.flat())];
/**
 * Left out of gsi1, which serves four item types: DynamoDB takes at most 20 projected attributes per index (100
 * over all). The query views derive them: the article id from `pk` (ART#id), an event's label from its root, an
 * item's type from its `sk`.
 */
const DERIVED = new Set(['type', 'articleId', 'label']);

/** Overloaded GSIs: each item type fills the ones its access patterns need (docs/table-design.md). */
export const INDEXES = {
  /** Articles by publisher, quotes by speaker, events by actor. */
  gsi1: {
    name: 'gsi1',
    partitionKey: 'gsi1pk',
    sortKey: 'gsi1sk',
    projected: unique(ARTICLE_SUMMARY, QUOTE_VIEW, ACTOR_EVENT_VIEW).filter((name) => !DERIVED.has(name)),
  },
  /** Articles by day, events by month (sharded by CAMEO root, which a root's query filters on). */
  gsi2: {
    name: 'gsi2',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    projected: unique(ARTICLE_SUMMARY, EVENT_VIEW),
  },
  /**
   * Events by their second actor, rejections. It keeps the whole event view (it was the CAMEO root index):
   * more than the actor view needs (EVENT_UNDER_ACTOR_VIEW), but DynamoDB cannot change a projection in place,
   * so a narrower one would mean rebuilding the index on every existing table, and it saves nothing on the
   * seeds (an event's entry stays under 1 KB either way; docs/table-design.md "Write cost").
   */
  gsi3: {
    name: 'gsi3',
    partitionKey: 'gsi3pk',
    sortKey: 'gsi3sk',
    projected: unique(EVENT_VIEW, REJECTION_VIEW),
  },
} as const satisfies Record<string, IndexShape>;

/** DynamoDB's limits on INCLUDE projections: per index, and summed over the table's indexes. */
export const MAX_PROJECTED_PER_INDEX = 20;
export const MAX_PROJECTED_PER_TABLE = 100;

/** Epoch-seconds attribute DynamoDB TTL deletes by (used for transient items such as claim markers). */
export const TTL_ATTRIBUTE = 'expiresAt';
