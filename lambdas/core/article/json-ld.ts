/** Schema.org JSON-LD as news pages embed it: the NewsArticle (or Article) object and its fields. */

export interface ArticleObject {
  readonly headline: string | null;
  readonly alternativeHeadline: string | null;
  readonly datePublished: string | null;
  readonly author: unknown;
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
  for (const script of scripts) {
    let value: unknown;
    try {
      value = JSON.parse(script);
    } catch {
      continue; // One broken JSON-LD block does not spoil the page.
    }
    const found = findTyped(value);
    if (found) {
      const mainEntity = found['mainEntityOfPage'];
      return {
        headline: str(found['headline']) ?? str(found['name']),
        alternativeHeadline: str(found['alternativeHeadline']),
        datePublished: str(found['datePublished']) ?? str(found['dateCreated']),
        author: found['author'] ?? found['creator'],
        publisher: found['publisher'] ?? found['sourceOrganization'],
        inLanguage: str(found['inLanguage']),
        url: str(found['url']) ?? str(mainEntity) ?? (isRecord(mainEntity) ? str(mainEntity['@id']) : null),
        articleBody: str(found['articleBody']),
      };
    }
  }
  return {
    headline: null,
    alternativeHeadline: null,
    datePublished: null,
    author: null,
    publisher: null,
    inLanguage: null,
    url: null,
    articleBody: null,
  };
}

function findTyped(root: unknown): Record<string, unknown> | null {
  const queue: unknown[] = [root];
  for (let visits = 0; visits < MAX_VISITS && queue.length > 0; visits += 1) {
    const value = queue.shift();
    if (Array.isArray(value)) {
      queue.push(...value.slice(0, MAX_VISITS));
    } else if (isRecord(value)) {
      const types = Array.isArray(value['@type']) ? value['@type'] : [value['@type']];
      if (types.some((type) => typeof type === 'string' && ARTICLE_TYPES.has(type.toLowerCase())))
        return value;
      if (value['@graph'] !== undefined) queue.push(value['@graph']);
    }
  }
  return null;
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
