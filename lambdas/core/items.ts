/**
 * The table's item model: item types, key formats, the items of an enriched article or a rejection, and the
 * per-article tallies behind the top-N rankings. Pure and deterministic; the DynamoDB adapter is lambdas/aws/article-store.ts.
 */
export * from './items/keys';
export * from './items/item';
export * from './items/revision';
export * from './items/tallies';
export * from './items/article-items';
export * from './items/object-items';
export * from './items/billing';
