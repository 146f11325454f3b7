import type { ItemType } from './keys';

/** What DynamoDB's document client stores: JSON-like values (no undefined: absent means no attribute). */
export type AttributeValue =
  string | number | boolean | null | Uint8Array | readonly AttributeValue[] | AttributeMap;
export interface AttributeMap {
  readonly [name: string]: AttributeValue;
}

/** One table item: its keys, its type and its attributes. */
export interface TableItem extends AttributeMap {
  readonly pk: string;
  readonly sk: string;
  readonly type: ItemType;
}

/** Drops undefined fields, so optional values become absent attributes rather than errors. */
export function definedOnly(
  fields: Record<string, AttributeValue | undefined>,
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) out[name] = value;
  return out;
}

/** Canonical JSON (keys sorted): equal items give equal strings, so rewrites can skip unchanged items. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Uint8Array) return JSON.stringify(`b64:${Buffer.from(value).toString('base64')}`);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const utf8 = new TextEncoder();

/**
 * An upper bound of the item's stored size in bytes (DynamoDB counts names and values in UTF-8; JSON adds
 * quotes and punctuation on top), used to keep items under the 400 KB limit.
 */
export function itemSizeBound(item: AttributeMap): number {
  const binaryAsText = (_: string, v: unknown): unknown =>
    v instanceof Uint8Array ? 'x'.repeat(v.length) : v;
  return utf8.encode(JSON.stringify(item, binaryAsText)).length;
}
