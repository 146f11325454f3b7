/**
 * The table's item model: item types, key formats, the items of an enriched article or a rejection, and the
 * aggregate deltas of a rewrite. Pure and deterministic; the DynamoDB adapter is lambdas/aws/article-store.ts.
 */
export * from './items/keys';
export * from './items/item';
export * from './items/revision';
export * from './items/aggregates';
export * from './items/article-items';
export * from './items/object-items';
export * from './items/billing';
