import type { ArticleDraft } from './draft';
import { normalizeLanguage } from './language';
import { parsePublished } from './published-date';
import { canonicalPublisher } from './publisher';
import type { ObjectMetadataOverrides } from './record';

/**
 * Applies the uploader's S3 object metadata (x-amz-meta-published, -title, -author, -publisher, -url,
 * -language) over what the file says: the uploader knows best, and it is how an undated file gets a date.
 * A value that cannot be read (a published value without day, month and year) is ignored.
 */
export function applyOverrides(
  draft: ArticleDraft,
  overrides: ObjectMetadataOverrides | undefined,
): ArticleDraft {
  if (!overrides) return draft;
  const title = text(overrides.title);
  const authors = text(overrides.author);
  const publisher = text(overrides.publisher);
  const url = text(overrides.url);
  const language = normalizeLanguage(decodeEncodedWords(overrides.language ?? ''));
  const published =
    overrides.published === undefined ? null : parsePublished(decodeEncodedWords(overrides.published));
  return {
    ...draft,
    title: title ?? draft.title,
    authors: authors ? splitAuthors(authors) : draft.authors,
    publisher: publisher ? canonicalPublisher(publisher) : draft.publisher,
    url: url ?? draft.url,
    language: language ?? draft.language,
    published: published ?? draft.published,
    publishedSource: published ? 'object-metadata' : draft.publishedSource,
  };
}

function text(value: string | undefined): string | null {
  if (value === undefined) return null;
  const cleaned = decodeEncodedWords(value).replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

/** "Jane Doe; John Roe", "Jane Doe, John Roe", "Jane Doe and John Roe" → names. */
function splitAuthors(value: string): string[] {
  return value
    .split(/\s*(?:;|,|&|\band\b)\s*/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * S3 metadata is ASCII on the wire; clients send non-ASCII values as RFC 2047 encoded words
 * ("=?UTF-8?B?w4lsaXNl?="). Decoding them keeps "Élise" from arriving as base64.
 */
export function decodeEncodedWords(value: string): string {
  return value.replace(
    /=\?([^?\s]{1,40})\?([bBqQ])\?([^?\s]{0,1000})\?=/g,
    (whole, charset: string, mode: string, data: string) => {
      let decoder: InstanceType<typeof TextDecoder>;
      try {
        decoder = new TextDecoder(charset);
      } catch {
        return whole;
      }
      const bytes =
        mode.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : Buffer.from(
              data
                .replace(/_/g, ' ')
                .replace(/=([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            );
      return decoder.decode(bytes);
    },
  );
}
