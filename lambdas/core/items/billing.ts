/**
 * DynamoDB's billing rules for writes, as documented for on-demand tables: an item's size is the UTF-8 length
 * of its attribute names and values, a write costs one write request unit (WRU) per started KB of the larger of
 * the item before and after, a transactional write costs two, and every GSI the write touches costs a write of
 * its projected entry (two when the index key changes: the old entry is deleted, the new one put).
 *
 * DynamoDB Local reports single and batch writes this way (ReturnConsumedCapacity, checked in
 * test/integration/store/billing.test.ts) but not transactions (it reports a flat figure), so the meter
 * prices transactions with this model.
 */
import { INDEXES, type IndexShape, TABLE_KEY } from '../table-schema';

const utf8 = new TextEncoder();
const KB = 1024;

/** Bytes DynamoDB counts for one value (numbers: about one byte per two significant digits, plus one). */
function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8.encode(value).length;
  if (typeof value === 'number') {
    const digits = String(Math.abs(value))
      .replace(/[.\-e+]/g, '')
      .replace(/^0+/, '');
    return Math.ceil(Math.max(1, digits.length) / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.length;
  if (value instanceof Set) return [...value].reduce((n: number, v) => n + valueSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + valueSize(v), 0);
  if (typeof value === 'object') {
    return (
      3 +
      Object.entries(value as Record<string, unknown>).reduce(
        (n, [k, v]) => n + 1 + utf8.encode(k).length + valueSize(v),
        0,
      )
    );
  }
  return 0;
}

/** The item's size as DynamoDB bills and limits it. */
export function dynamoItemSize(item: Readonly<Record<string, unknown>>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    size += utf8.encode(name).length + valueSize(value);
  }
  return size;
}

export const writeUnitsOf = (bytes: number): number => (bytes === 0 ? 0 : Math.max(1, Math.ceil(bytes / KB)));

type Item = Readonly<Record<string, unknown>>;

/** The index entry an item has in `index` (its keys and projected attributes), or null when it is not in it. */
export function indexEntry(item: Item | null, index: IndexShape): Item | null {
  if (!item || item[index.partitionKey] === undefined || item[index.sortKey] === undefined) return null;
  const kept = new Set<string>([
    TABLE_KEY.partitionKey,
    TABLE_KEY.sortKey,
    index.partitionKey,
    index.sortKey,
    ...index.projected,
  ]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.has(name)));
}

const same = (a: Item, b: Item): boolean => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const sorted = (item: Item): [string, unknown][] =>
  Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** WRU of one index for a change from `before` to `after` (either may be absent). */
export function indexWriteUnits(before: Item | null, after: Item | null, index: IndexShape): number {
  const old = indexEntry(before, index);
  const next = indexEntry(after, index);
  if (!old && !next) return 0;
  if (!old) return writeUnitsOf(dynamoItemSize(next as Item));
  if (!next) return writeUnitsOf(dynamoItemSize(old));
  const keyChanged =
    old[index.partitionKey] !== next[index.partitionKey] || old[index.sortKey] !== next[index.sortKey];
  if (keyChanged) return writeUnitsOf(dynamoItemSize(old)) + writeUnitsOf(dynamoItemSize(next));
  if (same(old, next)) return 0;
  return writeUnitsOf(Math.max(dynamoItemSize(old), dynamoItemSize(next)));
}

/** Table and index WRU of one write (or, with `transactional`, one action of a TransactWriteItems). */
export function writeUnits(
  before: Item | null,
  after: Item | null,
  options: { readonly transactional?: boolean; readonly conditionCheck?: boolean } = {},
): number {
  // Even a write of a missing item (a delete that finds nothing) is billed one unit.
  const table = Math.max(
    1,
    writeUnitsOf(Math.max(before ? dynamoItemSize(before) : 0, after ? dynamoItemSize(after) : 0)),
  );
  const indexes = options.conditionCheck
    ? 0
    : Object.values(INDEXES).reduce((n, index) => n + indexWriteUnits(before, after, index), 0);
  return (table + indexes) * (options.transactional ? 2 : 1);
}

/** The item type a key belongs to (for cost attribution of writes that only name a key). */
export function itemTypeOfKey(key: { readonly pk?: unknown; readonly sk?: unknown }): string {
  const pk = String(key.pk ?? '');
  const sk = String(key.sk ?? '');
  if (pk.startsWith('TAL#')) return 'tally';
  if (pk.startsWith('TOP#')) return 'aggregate';
  if (sk === 'ARTICLE') return 'article';
  if (sk === 'HEAD') return 'article-head';
  if (sk === 'OBJECT') return 'object';
  if (sk === 'REJECTION') return 'rejection';
  if (sk.startsWith('Q#')) return 'quote';
  if (sk.startsWith('E#')) return sk.includes('#A#') ? 'event-actor' : 'event';
  if (sk.startsWith('SRC#')) return 'carrier';
  return '?';
}
