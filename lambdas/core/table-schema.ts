/**
 * The table's physical shape: one definition, read by the CDK table construct, the local stack (via the
 * synthesized template) and the item/key builders. Item types and key formats live in items.ts.
 */
export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

export interface IndexShape {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

/** Overloaded GSIs: each item type fills the ones its access patterns need (see README "Table design"). */
export const INDEXES = {
  gsi1: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  gsi2: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  gsi3: { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
} as const satisfies Record<string, IndexShape>;

/** Epoch-seconds attribute DynamoDB TTL deletes by (used for transient items such as claim markers). */
export const TTL_ATTRIBUTE = 'expiresAt';
