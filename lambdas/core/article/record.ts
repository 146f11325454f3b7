import * as z from 'zod';

/** Where an article came from: the S3 object (and, for JSON arrays / JSON Lines, its position in the file). */
export const SourceRefSchema = z.object({
  bucket: z.string(),
  key: z.string(),
  versionId: z.string().nullable(),
  etag: z.string().nullable(),
  size: z.number().int().nonnegative(),
  /** Index of the article inside a multi-article file (JSON array / JSON Lines); 0 otherwise. */
  part: z.number().int().nonnegative().default(0),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

export const PublishedSourceSchema = z
  .enum(['byline', 'metadata', 'html', 'json', 'object-metadata'])
  .nullable();
export type PublishedSource = z.infer<typeof PublishedSourceSchema>;

export const ArticleFormatSchema = z.enum(['txt', 'md', 'html', 'json']);
export type ArticleFormat = z.infer<typeof ArticleFormatSchema>;

/** One normalized article: the parse stage's output and the article item's content. */
export const ArticleRecordSchema = z.object({
  /** Stable id derived from the normalized content: the same article under two keys is one article. */
  id: z.string().regex(/^[a-z0-9]{16,64}$/),
  title: z.string().nullable(),
  subtitle: z.string().nullable(),
  authors: z.array(z.string()),
  /** ISO date YYYY-MM-DD when the day is known; never invented. */
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  publishedSource: PublishedSourceSchema,
  publisher: z.string().nullable(),
  /** The wire agency a page credits beside or instead of its authors ("Reuters"); absent when none. */
  credit: z.string().optional(),
  language: z.string().nullable(),
  url: z.string().nullable(),
  /** Clean paragraphs, original quotation marks kept. */
  paragraphs: z.array(z.string()),
  wordCount: z.number().int().nonnegative(),
  format: ArticleFormatSchema,
  source: SourceRefSchema,
});
export type ArticleRecord = z.infer<typeof ArticleRecordSchema>;

export const RejectionReasonSchema = z.enum([
  'empty',
  'binary',
  'too-large',
  'decompressed-too-large',
  'undecodable',
  'malformed-json',
  'malformed-html',
  'no-article',
  'unsupported-extension',
]);
export type RejectionReason = z.infer<typeof RejectionReasonSchema>;

/** A file that could not become an article: recorded in the table, never retried, never silently lost. */
export const RejectionSchema = z.object({
  source: SourceRefSchema,
  reason: RejectionReasonSchema,
  /** A human-readable explanation for the person who dropped the file. */
  message: z.string(),
});
export type Rejection = z.infer<typeof RejectionSchema>;

/** Parsing is total: every input becomes one or more articles, or exactly one rejection. */
export type ParseOutcome =
  | { readonly kind: 'articles'; readonly articles: ArticleRecord[] }
  | { readonly kind: 'rejection'; readonly rejection: Rejection };

/** User-supplied overrides from S3 object metadata (x-amz-meta-published, -title, -author, -publisher, -url, -language). */
export interface ObjectMetadataOverrides {
  readonly published?: string;
  readonly title?: string;
  readonly author?: string;
  readonly publisher?: string;
  readonly url?: string;
  readonly language?: string;
}

/** Everything the parser needs: the object's bytes and where they came from. No I/O happens in parsing. */
export interface ParseInput {
  readonly bytes: Uint8Array;
  readonly source: Omit<SourceRef, 'part'>;
  readonly metadata?: ObjectMetadataOverrides;
  /** Content-Type / Content-Encoding as stored on the object, if any. */
  readonly contentType?: string;
  readonly contentEncoding?: string;
  /** Largest accepted input (and decompressed) size in bytes. */
  readonly maxBytes: number;
}
