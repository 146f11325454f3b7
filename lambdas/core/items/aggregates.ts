import { type AggregateMetric, type AggregatePeriod, keys } from './keys';
import type { TableItem } from './item';

/** One aggregate counter an article adds to: which item, by how much, and the name to show. */
export interface AggregateShare {
  readonly pk: string;
  readonly sk: string;
  readonly metric: AggregateMetric;
  readonly period: AggregatePeriod;
  /** The day (YYYY-MM-DD) or month (YYYY-MM). */
  readonly value: string;
  readonly name: string;
  readonly count: number;
}

/**
 * What one article version adds to the aggregates, by contribution key (see contributionKey). The store keeps
 * the applied part on the article's HEAD item, so a rewrite can subtract exactly what the old version added.
 */
export type Contribution = ReadonlyMap<string, AggregateShare>;

/** The attribute name an aggregate's share is stored under on the article's HEAD item. */
export function contributionKey(pk: string, sk: string): string {
  return `${pk}@${sk}`;
}

export function parseContributionKey(
  attribute: string,
): { pk: string; sk: string; metric: AggregateMetric; period: AggregatePeriod; value: string } | null {
  const at = attribute.indexOf('@');
  if (at < 0) return null;
  const pk = attribute.slice(0, at);
  const sk = attribute.slice(at + 1);
  // `month` keys are whole-month counters of the earlier layout: still parsed, so a rewrite takes them out.
  const match = /^TOP#(speaker|actor)#(day|month-only|month)#([^#]+)#\d+$/.exec(pk);
  if (!match) return null;
  return {
    pk,
    sk,
    metric: match[1] as AggregateMetric,
    period: (match[2] === 'day' ? 'day' : 'month') as AggregatePeriod,
    value: match[3] as string,
  };
}

/** Accumulates shares: every call adds one to the name's counter for the given day or month. */
export class ContributionBuilder {
  private readonly shares = new Map<string, AggregateShare>();

  add(metric: AggregateMetric, period: AggregatePeriod, value: string, name: string): void {
    const key = keys.aggregate(metric, period, value, name);
    const id = contributionKey(key.pk, key.sk);
    const previous = this.shares.get(id);
    this.shares.set(id, {
      ...key,
      metric,
      period,
      value,
      name: previous?.name ?? name,
      count: (previous?.count ?? 0) + 1,
    });
  }

  build(): Contribution {
    return new Map([...this.shares.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

/** A change to one aggregate counter, and the contribution value that goes with it. */
export interface AggregateDelta {
  readonly attribute: string;
  readonly pk: string;
  readonly sk: string;
  readonly metric: AggregateMetric;
  readonly period: AggregatePeriod;
  readonly value: string;
  /** Name shown for the counter (from the new version; absent for counters the article no longer touches). */
  readonly name: string | null;
  readonly previous: number;
  readonly next: number;
  readonly delta: number;
}

/**
 * The changes that turn the applied contribution (`applied`: attribute → count, as stored) into `next`.
 * Unchanged counters are left out, so rewriting an identical version changes no aggregate.
 */
export function aggregateDeltas(applied: ReadonlyMap<string, number>, next: Contribution): AggregateDelta[] {
  const deltas: AggregateDelta[] = [];
  for (const [attribute, share] of next) {
    const previous = applied.get(attribute) ?? 0;
    if (previous !== share.count) {
      deltas.push({
        attribute,
        pk: share.pk,
        sk: share.sk,
        metric: share.metric,
        period: share.period,
        value: share.value,
        name: share.name,
        previous,
        next: share.count,
        delta: share.count - previous,
      });
    }
  }
  for (const [attribute, previous] of applied) {
    if (next.has(attribute) || previous === 0) continue;
    const parsed = parseContributionKey(attribute);
    if (!parsed) continue;
    deltas.push({ attribute, ...parsed, name: null, previous, next: 0, delta: -previous });
  }
  return deltas.sort((a, b) => (a.attribute < b.attribute ? -1 : a.attribute > b.attribute ? 1 : 0));
}

/** The aggregate counter item as queries read it. */
export interface AggregateItem extends TableItem {
  readonly type: 'aggregate';
  readonly metric: AggregateMetric;
  readonly period: AggregatePeriod;
  readonly value: string;
  readonly name: string;
  readonly count: number;
}
