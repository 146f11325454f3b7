import * as z from 'zod';

/** The gold annotation format of shared/gold/seeds.json (see its "about"). */

const StatusSchema = z.enum(['must', 'optional']);

export const GoldQuoteSchema = z.object({
  text: z.string(),
  /** Any of these strings found (case-insensitive) in the predicted speaker's name counts as right. */
  speaker: z.array(z.string()),
  status: StatusSchema,
  kind: z.enum(['direct', 'partial', 'title']),
});
export type GoldQuote = z.infer<typeof GoldQuoteSchema>;

export const GoldEventSchema = z.object({
  /** A fragment of the sentence that reports the event. */
  anchor: z.string(),
  date: z.string().nullable(),
  actors: z.array(z.string()),
  /** One CAMEO root, or a list of acceptable ones. */
  root: z.union([z.string(), z.array(z.string())]),
  location: z.string().optional(),
  status: StatusSchema,
  needs_published: z.boolean().optional(),
});
export type GoldEvent = z.infer<typeof GoldEventSchema>;

export const GoldMetadataSchema = z.object({
  title: z.string().nullable(),
  subtitle: z.string().nullable(),
  authors: z.array(z.string()),
  published: z.string().nullable(),
  language: z.string().nullable(),
  /**
   * Where the body starts and ends: the opening words of its first paragraph and the closing words of its last, so
   * that page debris before it or a footer, caption or credit after it shows. Optional: scored only when given.
   */
  body: z.object({ first: z.string().min(1), last: z.string().min(1) }).optional(),
});
export type GoldMetadata = z.infer<typeof GoldMetadataSchema>;

export const GoldArticleSchema = z.object({
  /** Which half of a split gold file the article is in: dev to tune on, test to report only. */
  split: z.enum(['dev', 'test']).optional(),
  metadata: GoldMetadataSchema,
  /** Publication date to supply as object metadata (--published) when the file itself does not state it. */
  published_hint: z.string().optional(),
  quotes: z.array(GoldQuoteSchema),
  not_quotes: z.array(z.string()),
  events: z.array(GoldEventSchema),
});
export type GoldArticle = z.infer<typeof GoldArticleSchema>;

export const GoldFileSchema = z.object({
  about: z.string().optional(),
  articles: z.record(z.string(), GoldArticleSchema),
});
export type GoldFile = z.infer<typeof GoldFileSchema>;
