import { createHash } from 'node:crypto';
import { collapseSpaces } from './paragraphs';

/**
 * The article's stable id: SHA-256 (lowercase hex) of its normalized title and body, so the same article
 * uploaded twice, under two keys or in two formats with the same text, is one article. Normalization folds
 * Unicode compatibility forms, case, typographic quotes and dashes, and whitespace.
 */
export function articleId(title: string | null, paragraphs: readonly string[]): string {
  const content = [title ?? '', ...paragraphs].map(normalizeForId).join('\n');
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

function normalizeForId(text: string): string {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-');
  return collapseSpaces(folded);
}
