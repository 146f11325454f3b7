import { articleId } from './article-id';
import { binarySignature, looksBinary } from './binary';
import { gunzipBounded, isGzip } from './compression';
import type { ArticleDraft, ReadResult } from './draft';
import { decodeText } from './encoding';
import { formatFromContentType, formatFromKey, sniffFormat } from './formats';
import { readHtml } from './html-loader';
import { readJson } from './json';
import { detectLanguage } from './language';
import { applyOverrides } from './overrides';
import { cleanText, countWords } from './paragraphs';
import { readPlainText } from './plain-text';
import { describeProseProblem, proseProblem } from './prose';
import type { ArticleFormat, ArticleRecord, ParseInput, ParseOutcome, RejectionReason } from './record';

/** Prefix of the message for a failure no rule anticipated (tests assert it never happens). */
export const UNEXPECTED_FAILURE = 'Unexpected parser failure';

/**
 * Turns one object's bytes into articles or one rejection. Pure and total: never throws, never does I/O.
 * Order matters: size and compression first (cheap, bounded), then binary signatures, the extension,
 * the text encoding, and finally the format's reader.
 */
export function parseArticleFile(input: ParseInput): ParseOutcome {
  try {
    return parse(input);
  } catch (error) {
    // Safety net only: every known failure is a typed rejection above; this keeps the stage total.
    const detail = error instanceof Error ? error.message : String(error);
    return reject(input, 'no-article', `${UNEXPECTED_FAILURE}: ${detail.slice(0, 200)}`);
  }
}

function parse(input: ParseInput): ParseOutcome {
  const size = input.bytes.length;
  if (size === 0) return reject(input, 'empty', 'The file is empty.');
  if (size > input.maxBytes) {
    return reject(input, 'too-large', `The file is ${size} bytes; the limit is ${input.maxBytes} bytes.`);
  }
  const byName = formatFromKey(input.source.key);

  let bytes = input.bytes;
  if (isGzip(bytes)) {
    const unzipped = gunzipBounded(bytes, input.maxBytes);
    if (!unzipped.ok) return reject(input, unzipped.reason, unzipped.message);
    bytes = unzipped.bytes;
    if (bytes.length === 0) return reject(input, 'empty', 'The file decompresses to nothing.');
    if (isGzip(bytes)) return reject(input, 'binary', 'The file is gzip-compressed twice; compress it once.');
  }
  const signature = binarySignature(bytes);
  if (signature) return reject(input, 'binary', `The file is ${signature}, not article text.`);
  if (byName.kind === 'unsupported') {
    return reject(
      input,
      'unsupported-extension',
      `Files ending in .${byName.extension} are not read; use .txt, .md, .html, .htm, .json or .jsonl (optionally .gz).`,
    );
  }

  const decoded = decodeText(bytes);
  if (!decoded.ok) return reject(input, 'undecodable', decoded.message);
  const text = decoded.text.startsWith('\ufeff') ? decoded.text.slice(1) : decoded.text;
  if (looksBinary(text)) {
    return reject(
      input,
      'binary',
      'The file contains NUL bytes or control characters: it is binary, not text.',
    );
  }
  if (text.trim() === '') return reject(input, 'empty', 'The file holds only whitespace.');

  const format: ArticleFormat =
    byName.kind === 'known' ? byName.format : (formatFromContentType(input.contentType) ?? sniffFormat(text));
  const read = readFormat(format, text, byName.kind === 'known' && byName.jsonLines);
  if (!read.ok) return reject(input, read.failure.reason, read.failure.message);

  const articles: ArticleRecord[] = [];
  for (const [part, draft] of read.drafts.entries()) {
    const article = finish(input, format, part, draft);
    if (article.kind !== 'article') {
      const where = read.drafts.length > 1 ? `Item ${part} of ${read.drafts.length}` : 'The file';
      const why =
        article.kind === 'empty'
          ? 'has no article text (no body paragraphs were found)'
          : `has no prose: ${article.problem}`;
      return reject(input, 'no-article', `${where} ${why}.`);
    }
    articles.push(article.article);
  }
  if (articles.length === 0) return reject(input, 'no-article', 'The file holds no articles.');
  return { kind: 'articles', articles };
}

function readFormat(format: ArticleFormat, text: string, jsonLines: boolean): ReadResult {
  switch (format) {
    case 'html':
      return readHtml(text);
    case 'json':
      return readJson(text, jsonLines);
    case 'txt':
    case 'md':
      return { ok: true, drafts: [readPlainText(text)] };
  }
}

type Finished =
  | { readonly kind: 'article'; readonly article: ArticleRecord }
  | { readonly kind: 'empty' }
  | { readonly kind: 'not-prose'; readonly problem: string };

function finish(input: ParseInput, format: ArticleFormat, part: number, read: ArticleDraft): Finished {
  const draft = applyOverrides(read, input.metadata);
  const paragraphs = draft.paragraphs.map(cleanText).filter((paragraph) => paragraph !== '');
  if (paragraphs.length === 0) return { kind: 'empty' };
  // Text that no format check caught can still be junk (one repeated letter, a one-word page).
  const problem = proseProblem(paragraphs);
  if (problem) return { kind: 'not-prose', problem: describeProseProblem(problem) };
  const title = nonEmpty(draft.title);
  const article: ArticleRecord = {
    id: articleId(title, paragraphs),
    title,
    subtitle: nonEmpty(draft.subtitle),
    authors: draft.authors.map(cleanText).filter((author) => author !== ''),
    published: draft.published,
    publishedSource: draft.published ? draft.publishedSource : null,
    publisher: nonEmpty(draft.publisher),
    ...(draft.credit && { credit: draft.credit }),
    language: draft.language ?? detectLanguage(paragraphs),
    url: nonEmpty(draft.url),
    paragraphs,
    wordCount: countWords(paragraphs),
    format,
    source: { ...input.source, part },
  };
  return { kind: 'article', article };
}

function nonEmpty(value: string | null): string | null {
  if (value === null) return null;
  const cleaned = cleanText(value);
  return cleaned === '' ? null : cleaned;
}

function reject(input: ParseInput, reason: RejectionReason, message: string): ParseOutcome {
  return { kind: 'rejection', rejection: { source: { ...input.source, part: 0 }, reason, message } };
}
