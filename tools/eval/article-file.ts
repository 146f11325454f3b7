import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArticleFile } from '../../lambdas/core/article/parse-article';
import type { ArticleRecord, ParseInput, ParseOutcome } from '../../lambdas/core/article/record';
import { enrichArticle } from '../../lambdas/core/enrich/enrich-article';
import type { Enrichment } from '../../lambdas/core/enrich/model';

/** Local files are read whole; the same cap the parse stage applies to S3 objects is plenty for articles. */
export const LOCAL_MAX_BYTES = 10 * 1024 * 1024;

/** The ParseInput the parse Lambda would build for this file, with `published` as x-amz-meta-published. */
export function localParseInput(path: string, bytes: Uint8Array, published?: string): ParseInput {
  return {
    bytes,
    source: { bucket: 'local', key: basename(path), versionId: null, etag: null, size: bytes.length },
    ...(published ? { metadata: { published } } : {}),
    maxBytes: LOCAL_MAX_BYTES,
  };
}

export function parseLocalFile(path: string, published?: string): ParseOutcome {
  return parseArticleFile(localParseInput(path, new Uint8Array(readFileSync(path)), published));
}

/** What `npm run extract` prints for one article. */
export interface Extraction extends Enrichment {
  readonly article: ArticleRecord;
}

export function extractArticle(article: ArticleRecord): Extraction {
  const { entities, quotes, events, timexes } = enrichArticle(article);
  return { article, entities, quotes, events, timexes };
}
