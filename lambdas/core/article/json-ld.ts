import type { StructuredAuthor } from './authors';

/** Schema.org JSON-LD as news pages embed it: the NewsArticle (or Article) object and its fields. */

export interface ArticleObject {
  readonly headline: string | null;
  readonly alternativeHeadline: string | null;
  readonly datePublished: string | null;
  readonly author: unknown;
  /** The author values as names with their @type, {"@id"} references resolved within the page's JSON-LD. */
  readonly authors: readonly StructuredAuthor[];
  readonly publisher: unknown;
  readonly inLanguage: string | null;
  readonly url: string | null;
  readonly articleBody: string | null;
}

const ARTICLE_TYPES = new Set([
  'newsarticle',
  'article',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'backgroundnewsarticle',
  'reviewnewsarticle',
  'blogposting',
  'socialmediaposting',
  'liveblogposting',
  'report',
]);
/** Objects visited per page: @graph arrays can be long, and malicious pages longer. */
const MAX_VISITS = 2000;

/** The first article-typed object among the page's JSON-LD scripts (inside arrays and @graph too). */
export function findArticleObject(scripts: readonly string[]): ArticleObject {
  const values: unknown[] = [];
  for (const script of scripts) {
    try {
      values.push(JSON.parse(script));
    } catch {
      // One broken JSON-LD block does not spoil the page.
    }
  }
  // Ids are page-wide: a publisher or author may be defined in another script than the article.
  const ids = new Map<string, Record<string, unknown>>();
  let found: Record<string, unknown> | null = null;
  for (const value of values) {
    const typed = findTyped(value, ids);
    found ??= typed;
  }
  if (found) {
    const mainEntity = found['mainEntityOfPage'];
    const author = found['author'] ?? found['creator'];
    const publisher = found['publisher'] ?? found['sourceOrganization'];
    return {
      headline: str(found['headline']) ?? str(found['name']),
      alternativeHeadline: str(found['alternativeHeadline']),
      datePublished: str(found['datePublished']) ?? str(found['dateCreated']),
      author,
      authors: structuredAuthors(author, ids),
      publisher: resolve(publisher, ids),
      inLanguage: str(found['inLanguage']),
      url: str(found['url']) ?? str(mainEntity) ?? (isRecord(mainEntity) ? str(mainEntity['@id']) : null),
      articleBody: str(found['articleBody']),
    };
  }
  return {
    headline: null,
    alternativeHeadline: null,
    datePublished: null,
    author: null,
    authors: [],
    publisher: null,
    inLanguage: null,
    url: null,
    articleBody: null,
  };
}

/** The first article-typed object; `ids` collects every top-level object with an @id for references. */
function findTyped(root: unknown, ids: Map<string, Record<string, unknown>>): Record<string, unknown> | null {
  const queue: unknown[] = [root];
  let found: Record<string, unknown> | null = null;
  for (let visits = 0; visits < MAX_VISITS && queue.length > 0; visits += 1) {
    const value = queue.shift();
    if (Array.isArray(value)) {
      queue.push(...value.slice(0, MAX_VISITS));
    } else if (isRecord(value)) {
      const id = str(value['@id']);
      if (id && !ids.has(id) && Object.keys(value).length > 1) ids.set(id, value);
      const types = Array.isArray(value['@type']) ? value['@type'] : [value['@type']];
      if (
        found === null &&
        types.some((type) => typeof type === 'string' && ARTICLE_TYPES.has(type.toLowerCase()))
      )
        found = value;
      if (value['@graph'] !== undefined) queue.push(value['@graph']);
    }
  }
  return found;
}

/** {"@id": "#author-1"} → the object the page defines under that id (Yoast-style @graph pages). */
function resolve(value: unknown, ids: ReadonlyMap<string, Record<string, unknown>>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, ids));
  if (isRecord(value) && value['name'] === undefined) {
    const id = str(value['@id']);
    const target = id ? ids.get(id) : undefined;
    if (target) return target;
  }
  return value;
}

function structuredAuthors(
  value: unknown,
  ids: ReadonlyMap<string, Record<string, unknown>>,
): StructuredAuthor[] {
  const list = Array.isArray(value) ? value : [value];
  const authors: StructuredAuthor[] = [];
  for (const raw of list.slice(0, 50)) {
    const item = resolve(raw, ids);
    if (typeof item === 'string') {
      const name = str(item);
      if (name) authors.push({ name, type: null });
    } else if (isRecord(item)) {
      const name = str(item['name']);
      const type = Array.isArray(item['@type']) ? item['@type'][0] : item['@type'];
      if (name) authors.push({ name, type: typeof type === 'string' ? type : null });
    }
  }
  return authors;
}

/** Person names from a JSON-LD/JSON author value: "Jane Doe", {name}, or an array of either. */
export function personNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of list.slice(0, 50)) {
    const name = typeof item === 'string' ? item : isRecord(item) ? str(item['name']) : null;
    if (name && !/^https?:\/\//i.test(name)) names.push(name.replace(/\s+/g, ' ').trim());
  }
  return names.filter((name) => name !== '');
}

/** A publisher's name from "Name" or {name}. */
export function publisherName(value: unknown): string | null {
  if (typeof value === 'string') return str(value);
  if (Array.isArray(value)) return Array.isArray(value[0]) ? null : publisherName(value[0]);
  if (isRecord(value)) return str(value['name']);
  return null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
