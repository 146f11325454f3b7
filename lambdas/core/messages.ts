import * as z from 'zod';
import { ArticleRecordSchema, RejectionSchema } from './article/record';
import { EnrichmentSchema } from './enrich/model';

/**
 * Bump when extraction output changes. The store stage never lets a result from an older pipeline
 * version overwrite one from a newer version (conditional writes on this attribute).
 */
export const PIPELINE_VERSION = 1;

/** Orders results for one S3 object: pipeline version first, then the S3 event sequencer. */
export const RevisionSchema = z.object({
  pipelineVersion: z.number().int().positive(),
  /** S3's per-key event sequencer (hex string); null when unknown (e.g. a manual replay). */
  sequencer: z.string().nullable(),
  /** ISO time of the S3 event. */
  eventTime: z.string(),
});
export type Revision = z.infer<typeof RevisionSchema>;

export const ObjectRefSchema = z.object({
  bucket: z.string(),
  key: z.string(),
  versionId: z.string().nullable(),
});
export type ObjectRef = z.infer<typeof ObjectRefSchema>;

const ArticleBody = {
  v: z.literal(1),
  revision: RevisionSchema,
  article: ArticleRecordSchema,
  /** Every article id parsed from the same object version (JSON arrays hold several), so store can drop stale ones. */
  fileArticleIds: z.array(z.string()),
};

const RejectionMessageSchema = z.object({
  v: z.literal(1),
  type: z.literal('rejection'),
  revision: RevisionSchema,
  rejection: RejectionSchema,
});

const RemovalMessageSchema = z.object({
  v: z.literal(1),
  type: z.literal('removal'),
  revision: RevisionSchema,
  object: ObjectRefSchema,
});

/** parse → enrich. */
export const ParsedMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('article'), ...ArticleBody }),
  RejectionMessageSchema,
  RemovalMessageSchema,
]);
export type ParsedMessage = z.infer<typeof ParsedMessageSchema>;

/** enrich → store. */
export const EnrichedMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('enriched'), ...ArticleBody, enrichment: EnrichmentSchema }),
  RejectionMessageSchema,
  RemovalMessageSchema,
]);
export type EnrichedMessage = z.infer<typeof EnrichedMessageSchema>;

/** A message too large for SQS travels by reference to an object in the artifacts bucket (claim check). */
export const ClaimCheckSchema = z.object({
  v: z.literal(1),
  type: z.literal('claim-check'),
  bucket: z.string(),
  key: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type ClaimCheck = z.infer<typeof ClaimCheckSchema>;
