import { type AggregateMetric, type AggregatePeriod, keys, nameKey } from './keys';
import type { TableItem } from './item';

/**
 * Top speakers and actors are summed at read time from tally items: one per article and day (or month-only),
 * holding what that article counts there, in a `TAL#<period>#<value>#<shard>` partition of the base table. An
 * article's tallies are written, replaced and deleted with its other items under its lease, each a plain put
 * of about 200 bytes (1 WRU), instead of one transactional counter update per name (2 WRU each) with its share
 * recorded on the HEAD (docs/table-design.md "Write cost").
 */
export interface TallyItem extends TableItem {
  readonly type: 'tally';
  readonly articleId: string;
  readonly period: AggregatePeriod;
  /** The day (YYYY-MM-DD) or month (YYYY-MM). */
  readonly value: string;
  // `speakers` and `actors` (each present when not empty): display name → count, of named speakers' quotes
  // (by publication day) and of events per distinct actor (by the event's date).
}

export const TALLY_ATTRIBUTES: Readonly<Record<AggregateMetric, 'speakers' | 'actors'>> = {
  speaker: 'speakers',
  actor: 'actors',
};

const byKey = <T extends { pk: string; sk: string }>(a: T, b: T): number =>
  a.pk < b.pk ? -1 : a.pk > b.pk ? 1 : a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0;

/** Accumulates one article's tallies: every call adds one to the name's count for the day or month. */
export class TallyBuilder {
  private readonly buckets = new Map<
    string,
    { period: AggregatePeriod; value: string; counts: Record<AggregateMetric, Map<string, [string, number]>> }
  >();

  constructor(private readonly articleId: string) {}

  add(metric: AggregateMetric, period: AggregatePeriod, value: string, name: string): void {
    const id = nameKey(name);
    if (id === '') return;
    const bucketId = `${period}#${value}`;
    let bucket = this.buckets.get(bucketId);
    if (!bucket) {
      bucket = { period, value, counts: { speaker: new Map(), actor: new Map() } };
      this.buckets.set(bucketId, bucket);
    }
    const entry = bucket.counts[metric].get(id);
    // The first spelling seen names the entry, so two spellings of one name are one count.
    bucket.counts[metric].set(id, [entry?.[0] ?? name, (entry?.[1] ?? 0) + 1]);
  }

  build(): TallyItem[] {
    const items = [...this.buckets.values()].map(({ period, value, counts }): TallyItem => {
      const map = (metric: AggregateMetric): Record<string, number> | undefined =>
        counts[metric].size === 0
          ? undefined
          : Object.fromEntries([...counts[metric].values()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const speakers = map('speaker');
      const actors = map('actor');
      return {
        ...keys.tally(period, value, this.articleId),
        type: 'tally',
        articleId: this.articleId,
        period,
        value,
        ...(speakers && { speakers }),
        ...(actors && { actors }),
      };
    });
    return items.sort(byKey);
  }
}

export interface TallyTotal {
  readonly name: string;
  readonly count: number;
}

/**
 * Sums tally items per name (folded with nameKey): the ranking of a day or month. The first spelling met (items
 * in key order) names the entry.
 */
export function sumTallies(
  items: readonly Readonly<Record<string, unknown>>[],
  metric: AggregateMetric,
): Map<string, TallyTotal> {
  const totals = new Map<string, TallyTotal>();
  for (const item of items) {
    const counts = item[TALLY_ATTRIBUTES[metric]];
    if (counts === null || typeof counts !== 'object') continue;
    for (const [name, count] of Object.entries(counts as Record<string, unknown>)) {
      if (typeof count !== 'number') continue;
      const id = nameKey(name);
      const previous = totals.get(id);
      totals.set(id, { name: previous?.name ?? name, count: (previous?.count ?? 0) + count });
    }
  }
  return totals;
}

/**
 * A HEAD attribute of the earlier layout recording the article's share of a `TOP#…` counter (`<pk>@<sk>`).
 * Those counters are no longer read; a rewrite takes the article's share out of them and drops the record.
 */
export function parseLegacyShare(attribute: string): { pk: string; sk: string } | null {
  const at = attribute.indexOf('@');
  if (at < 0) return null;
  const pk = attribute.slice(0, at);
  if (!/^TOP#(speaker|actor)#(day|month-only|month)#[^#]+#\d+$/.test(pk)) return null;
  return { pk, sk: attribute.slice(at + 1) };
}
