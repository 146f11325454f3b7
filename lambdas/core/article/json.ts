import { parseByline, parseNames } from './byline';
import type { ArticleDraft, ReadResult } from './draft';
import { readHtmlFragment } from './html-loader';
import { isRecord, personNames, publisherName } from './json-ld';
import { normalizeLanguage } from './language';
import { readBodyText } from './plain-text';
import { parsePublished } from './published-date';
import { canonicalPublisher } from './publisher';

/** Field names, in order of preference, that exports and APIs use for each part of an article. */
const FIELDS = {
  title: ['title', 'headline', 'name', 'heading'],
  subtitle: ['subtitle', 'subheadline', 'subhead', 'dek', 'standfirst', 'alternativeheadline'],
  body: [
    'body',
    'text',
    'content',
    'articlebody',
    'article',
    'story',
    'fulltext',
    'full_text',
    'bodytext',
    'body_text',
    'paragraphs',
  ],
  published: [
    'published',
    'datepublished',
    'date',
    'publishedat',
    'published_at',
    'pubdate',
    'publication_date',
    'publishdate',
    'published_date',
    'date_published',
    'created_at',
    'createdat',
    'timestamp',
  ],
  authors: ['authors', 'author', 'byline', 'creator', 'creators', 'writer', 'by'],
  url: ['url', 'link', 'href', 'canonical_url', 'canonicalurl', 'permalink', 'weburl', 'web_url'],
  publisher: ['publisher', 'source', 'site', 'sitename', 'site_name', 'outlet', 'newspaper', 'source_name'],
  language: ['language', 'lang', 'inlanguage', 'locale'],
} as const;
/** Wrapper fields that hold a list of articles ({"articles": [...]}). */
const LIST_FIELDS = ['articles', 'items', 'data', 'results', 'docs', 'entries', 'stories'];
/** Most articles read from one file: a bound on work per object. */
const MAX_ITEMS = 10000;

/**
 * Reads JSON: one article object, an array of them, or JSON Lines (one object per line); each becomes its
 * own article. A file is taken whole or rejected whole (with the line or item at fault), never partly.
 */
export function readJson(text: string, jsonLines: boolean): ReadResult {
  const values = parseValues(text, jsonLines);
  if (!values.ok) return { ok: false, failure: { reason: 'malformed-json', message: values.message } };
  const items = values.items.length === 1 ? unwrapList(values.items[0]) : values.items;
  if (items.length === 0) return fail('The JSON holds no articles (an empty list).');
  if (items.length > MAX_ITEMS) {
    const message = `The JSON holds ${items.length} items; at most ${MAX_ITEMS} are read from one file (split it).`;
    return { ok: false, failure: { reason: 'too-large', message } };
  }
  const drafts: ArticleDraft[] = [];
  for (const [index, item] of items.entries()) {
    const where = items.length > 1 ? `Item ${index} of ${items.length}` : 'The JSON value';
    if (!isRecord(item)) return fail(`${where} is not an object with article fields.`);
    const draft = readItem(item);
    if (draft.paragraphs.length === 0) {
      return fail(`${where} has no article text (expected one of: ${FIELDS.body.join(', ')}).`);
    }
    drafts.push(draft);
  }
  return { ok: true, drafts };
}

function fail(message: string): ReadResult {
  return { ok: false, failure: { reason: 'no-article', message } };
}

type Parsed =
  { readonly ok: true; readonly items: unknown[] } | { readonly ok: false; readonly message: string };

function parseValues(text: string, jsonLines: boolean): Parsed {
  if (!jsonLines) {
    try {
      return { ok: true, items: [JSON.parse(text)] };
    } catch (error) {
      // Not one JSON value: it may still be JSON Lines saved as .json.
      const lines = parseLines(text);
      if (lines.ok && lines.items.length > 1) return lines;
      return { ok: false, message: `The file is not valid JSON: ${errorText(error)}.` };
    }
  }
  return parseLines(text);
}

function parseLines(text: string): Parsed {
  const items: unknown[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      items.push(JSON.parse(line));
    } catch (error) {
      return { ok: false, message: `Line ${index + 1} is not valid JSON: ${errorText(error)}.` };
    }
  }
  return { ok: true, items };
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}

function unwrapList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && pick(value, FIELDS.body) === undefined) {
    for (const field of LIST_FIELDS) {
      const list = pick(value, [field]);
      if (Array.isArray(list)) return list;
    }
  }
  return [value];
}

/** The first present field among names, matching keys case-insensitively. */
function pick(item: Record<string, unknown>, names: readonly string[]): unknown {
  const keys = new Map(Object.keys(item).map((key) => [key.toLowerCase(), key]));
  for (const name of names) {
    const key = keys.get(name);
    if (key !== undefined && item[key] !== null && item[key] !== undefined && item[key] !== '')
      return item[key];
  }
  return undefined;
}

function readItem(item: Record<string, unknown>): ArticleDraft {
  const published = parsePublished(pick(item, FIELDS.published));
  const publisher = publisherName(pick(item, FIELDS.publisher));
  const url = stringValue(pick(item, FIELDS.url));
  return {
    title: stringValue(pick(item, FIELDS.title)),
    subtitle: stringValue(pick(item, FIELDS.subtitle)),
    authors: authorsFrom(pick(item, FIELDS.authors)),
    published,
    publishedSource: published ? 'json' : null,
    publisher: publisher ? canonicalPublisher(publisher) : null,
    language: normalizeLanguage(pick(item, FIELDS.language)),
    url: url && /^https?:\/\/\S+$/i.test(url) ? url : null,
    paragraphs: bodyParagraphs(pick(item, FIELDS.body)),
  };
}

/** Body as a string (plain text, markdown or HTML) or an array of paragraph strings. */
function bodyParagraphs(value: unknown, depth = 0): string[] {
  if (depth > 2) return [];
  if (Array.isArray(value)) {
    return value
      .filter((part): part is string => typeof part === 'string')
      .flatMap((part) => bodyParagraphs(part, depth + 1));
  }
  if (isRecord(value)) return bodyParagraphs(value['text'] ?? value['html'] ?? value['value'], depth + 1);
  if (typeof value !== 'string') return [];
  if (/<(?:p|div|br|h[1-6]|li|blockquote)\b[^<>]{0,500}>/i.test(value)) return readHtmlFragment(value);
  return readBodyText(value);
}

function authorsFrom(value: unknown): string[] {
  if (typeof value === 'string') {
    const byline = parseByline([value]);
    if (byline && byline.authors.length > 0) return byline.authors;
    return (
      parseNames(value.replace(/^by\s+/i, ''), true) ??
      [value.trim()].filter((name) => name !== '' && name.length <= 100)
    );
  }
  return personNames(value);
}

function stringValue(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
