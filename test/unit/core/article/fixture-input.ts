import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleFile } from '../../../../lambdas/core/article/parse-article';
import {
  ArticleRecordSchema,
  RejectionSchema,
  type ArticleRecord,
  type ObjectMetadataOverrides,
  type ParseInput,
  type ParseOutcome,
  type Rejection,
} from '../../../../lambdas/core/article/record';

export const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'articles');
export const TEN_MB = 10 * 1024 * 1024;

/** A parse input as the handler builds it, for bytes stored under `key`. */
export function inputFor(
  bytes: Uint8Array,
  key: string,
  extra: { metadata?: ObjectMetadataOverrides; maxBytes?: number; contentType?: string } = {},
): ParseInput {
  return {
    bytes,
    source: { bucket: 'dateline-drop', key, versionId: 'v1', etag: '"abc"', size: bytes.length },
    maxBytes: extra.maxBytes ?? TEN_MB,
    ...(extra.metadata ? { metadata: extra.metadata } : {}),
    ...(extra.contentType ? { contentType: extra.contentType } : {}),
  };
}

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export function parseFixture(name: string, extra: Parameters<typeof inputFor>[2] = {}): ParseOutcome {
  return parseArticleFile(inputFor(fixture(name), `uploads/${name}`, extra));
}

/** The articles of an outcome, each validated against the contract schema; fails the test on a rejection. */
export function articlesOf(outcome: ParseOutcome): ArticleRecord[] {
  if (outcome.kind !== 'articles')
    throw new Error(`rejected: ${outcome.rejection.reason}: ${outcome.rejection.message}`);
  return outcome.articles.map((article) => ArticleRecordSchema.parse(article));
}

export function onlyArticle(outcome: ParseOutcome): ArticleRecord {
  const articles = articlesOf(outcome);
  expect(articles).toHaveLength(1);
  return articles[0] as ArticleRecord;
}

export function rejectionOf(outcome: ParseOutcome): Rejection {
  if (outcome.kind !== 'rejection')
    throw new Error(`expected a rejection, got ${outcome.articles.length} article(s)`);
  return RejectionSchema.parse(outcome.rejection);
}
