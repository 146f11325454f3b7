import { Readability } from '@mozilla/readability';
import { bylineNames, reconcileAuthors, type AuthorSources } from './authors';
import { parseByline } from './byline';
import { isDebris } from './debris';
import { parseDocument, isElement, TEXT_NODE, type DomDocument, type DomElement, type DomNode } from './dom';
import type { ArticleDraft, ReadResult } from './draft';
import { findArticleObject, publisherName } from './json-ld';
import { normalizeLanguage } from './language';
import { cleanText } from './paragraphs';
import { parsePublished } from './published-date';
import { canonicalPublisher, hostOf } from './publisher';
import type { PublishedSource } from './record';

/**
 * Every '<' and '&' can become a DOM node, and building a node costs microseconds: the count is capped so a
 * pathological file (5 MB of '<') is turned away in one linear scan instead of a multi-second parse. Real
 * article pages hold a few thousand tags; the biggest news pages stay well under 100,000.
 */
const MAX_MARKUP = 200_000;

function markupCount(html: string): number {
  let count = 0;
  for (let index = html.indexOf('<'); index >= 0; index = html.indexOf('<', index + 1)) count += 1;
  for (let index = html.indexOf('&'); index >= 0; index = html.indexOf('&', index + 1)) count += 1;
  return count;
}

/**
 * The HTML parser's cost per element grows with the depth of open elements, so markup nested tens of
 * thousands deep costs quadratic time; real pages nest a few dozen levels. Depth is estimated in one linear
 * scan of the tags before parsing.
 */
const MAX_NESTING = 1000;
/** Elements that never hold children (void) or close implicitly: they do not deepen the tree. */
const FLAT_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'optgroup',
  'rp',
  'rt',
  'tbody',
  'thead',
  'tfoot',
  'colgroup',
  'caption',
  'html',
  'head',
  'body',
  '!doctype',
]);

function nestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  // The '>' that ends the current tag; cached so runs of unterminated tags do not rescan to the end.
  let tagEnd = -1;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})/g)) {
    const name = (match[2] ?? '').toLowerCase();
    if (FLAT_ELEMENTS.has(name)) continue;
    if (match[1] === '/') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (tagEnd < match.index) tagEnd = html.indexOf('>', match.index);
    if (tagEnd < 0) break;
    if (html.charCodeAt(tagEnd - 1) === 0x2f) continue; // "<path … />" closes itself
    depth += 1;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/** Readability gives up (throws) above this many elements; the body-text fallback then takes over. */
const MAX_ELEMENTS = 20000;
/** Elements whose text never belongs to an article body. */
const NEVER_TEXT = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'BUTTON',
  'SELECT',
  'FORM',
  'FIGCAPTION',
  'HEAD',
  'TITLE',
]);
/** Page chrome skipped by the fallback reader (Readability removes it by scoring). */
const CHROME = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'MENU']);
const BLOCKS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'FIGURE',
  'HR',
  'ADDRESS',
  'BODY',
  'HTML',
]);

/**
 * Reads an HTML page: metadata from <meta> (Open Graph, article:published_time, author), JSON-LD
 * NewsArticle and <time>; the body from Mozilla Readability's main-content extraction over linkedom's DOM,
 * falling back to the page's visible block text, then to JSON-LD articleBody.
 */
export function readHtml(html: string): ReadResult {
  const markup = markupCount(html);
  if (markup > MAX_MARKUP) {
    return {
      ok: false,
      failure: {
        reason: 'too-large',
        message: `The HTML holds ${markup} tags and character references; at most ${MAX_MARKUP} are read (no article page needs more).`,
      },
    };
  }
  const depth = nestingDepth(html);
  if (depth > MAX_NESTING) {
    return {
      ok: false,
      failure: {
        reason: 'malformed-html',
        message: `The HTML nests elements more than ${MAX_NESTING} levels deep; no article page does.`,
      },
    };
  }
  const document = parseDocument(html);
  const { articleBody, authorSources, ...metadata } = readMetadata(document);

  const readability = extractWithReadability(document, metadata.title);
  let paragraphs = readability.paragraphs;
  // Readability always returns its best candidate, even a navigation bar on a page with no article.
  if (characters(paragraphs) < MIN_EXTRACTED_CHARS)
    paragraphs = blockTexts(document.body, false, metadata.title);
  if (paragraphs.length === 0 && articleBody) paragraphs = splitLines(articleBody);
  // The visible byline and dateline above the first paragraph are metadata, not body.
  const header = leadingBylines(paragraphs, metadata.subtitle);
  paragraphs = paragraphs.slice(header.count);
  if (paragraphs.length === 0) {
    const broken = brokenMarkup(html);
    return {
      ok: false,
      failure: broken
        ? {
            reason: 'malformed-html',
            message: `The HTML is broken (${broken}) and no article text could be recovered.`,
          }
        : { reason: 'no-article', message: 'The HTML page has no article text.' },
    };
  }
  const { authors, credit } = reconcileAuthors({
    ...authorSources,
    visible: [
      ...authorSources.visible,
      ...(readability.byline ? [readability.byline] : []),
      ...header.bylines,
    ],
    publisher: metadata.publisher,
  });
  const dated = metadata.published === null && header.published !== null;
  return {
    ok: true,
    drafts: [
      {
        ...metadata,
        authors,
        credit: metadata.publisher === null ? null : credit,
        ...(metadata.publisher === null && credit !== null && { publisher: credit }),
        published: dated ? header.published : metadata.published,
        publishedSource: dated ? 'html' : metadata.publishedSource,
        paragraphs,
      },
    ],
  };
}

/** Fewest characters of Readability output taken as an article; below it the page's block text is read. */
const MIN_EXTRACTED_CHARS = 200;

function characters(paragraphs: readonly string[]): number {
  return paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
}

/** Byline and dateline paragraphs at the top of the body ("By Sam Lee", "Published 30 September 2022"). */
function leadingBylines(
  paragraphs: readonly string[],
  subtitle: string | null,
): {
  count: number;
  bylines: string[];
  published: string | null;
} {
  // The standfirst above the byline is the subtitle, not the first paragraph.
  let count = subtitle !== null && paragraphs.length > 1 && paragraphs[0] === cleanText(subtitle) ? 1 : 0;
  const bylines: string[] = [];
  let published: string | null = null;
  while (count < Math.min(4, paragraphs.length - 1)) {
    const line = paragraphs[count] ?? '';
    // "By Jane Doe in Kyiv", "By Jane Doe, Reuters": a "By" line that names a person or an agency.
    const credited =
      /^by\s/i.test(line) && Object.values(bylineNames(line)).some((names) => names.length > 0);
    const byline = parseByline([line]);
    if (!byline && !credited) break;
    if (credited || (byline && byline.authors.length > 0)) bylines.push(line);
    published ??= byline?.published ?? null;
    count += 1;
  }
  return { count, bylines, published };
}

/** Paragraphs of an HTML fragment (a JSON body holding markup). */
export function readHtmlFragment(html: string): string[] {
  const document = parseDocument(`<!doctype html><html><body>${html}</body></html>`);
  return blockTexts(document.body, true, null);
}

type HtmlMetadata = Omit<ArticleDraft, 'paragraphs'> & {
  readonly articleBody: string | null;
  readonly authorSources: Omit<AuthorSources, 'publisher'>;
};

/** Meta tags that carry bylines (NYT's "byl" holds "By …"); article:author is often a profile URL. */
const AUTHOR_METAS = new Set([
  'author',
  'byl',
  'article:author',
  'dc.creator',
  'dcterms.creator',
  'parsely-author',
  'sailthru.author',
  'cxenseparse:author',
]);
/** Elements that hold the visible byline in the big outlets' templates. */
const BYLINE_SELECTORS = [
  'a[rel~="author"]',
  '[itemprop="author"] [itemprop="name"]',
  '[itemprop="author"]',
  '[data-testid*="byline"]',
  '[class*="byline"]',
  '.author-name',
  '.author',
  'address',
];
const MAX_BYLINE_ELEMENTS = 12;
/** The standfirst (dek) under the headline in news templates. */
const STANDFIRST_SELECTOR =
  '[class*="standfirst"], [data-testid*="standfirst"], [class*="subheadline"], [class*="article-summary"], .dek, [class~="deck"]';

function readMetadata(document: DomDocument): HtmlMetadata {
  // One pass over <meta> (property, name, itemprop or http-equiv → content); lookups are then map reads.
  const metas = new Map<string, string>();
  const metaAuthors: string[] = [];
  for (const element of document.querySelectorAll('meta')) {
    const key =
      element.getAttribute('property') ??
      element.getAttribute('name') ??
      element.getAttribute('itemprop') ??
      element.getAttribute('http-equiv');
    const content = element.getAttribute('content');
    if (!key || !content || content.trim() === '') continue;
    const name = key.toLowerCase();
    if (!metas.has(name)) metas.set(name, cleanText(content));
    // Several author tags are several authors.
    if (AUTHOR_METAS.has(name) && !/^https?:\/\//i.test(content.trim())) metaAuthors.push(cleanText(content));
  }
  const meta = (...names: string[]): string | null => {
    for (const name of names) {
      const content = metas.get(name.toLowerCase());
      if (content) return content;
    }
    return null;
  };
  const ld = findArticleObject(jsonLdTexts(document));

  const publisher =
    publisherName(ld.publisher) ?? meta('og:site_name', 'application-name', 'publisher', 'dc.publisher');
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const url = [ld.url, canonical, meta('og:url')].find(
    (candidate) => typeof candidate === 'string' && /^https?:\/\/\S+$/i.test(candidate.trim()),
  );
  const host = url ? hostOf(url) : null;
  const sites = [publisher, meta('og:site_name'), meta('application-name'), host];
  const structuredTitle = ld.headline ?? meta('og:title', 'twitter:title', 'dc.title');
  const title = structuredTitle
    ? withoutSiteName(structuredTitle, sites, false)
    : (textOf(document.querySelector('h1')) ??
      withoutSiteName(textOf(document.querySelector('title')), sites, true));
  const subtitle =
    ld.alternativeHeadline ??
    meta('subtitle', 'article:subtitle') ??
    textOf(document.querySelector(STANDFIRST_SELECTOR));

  let published: string | null = null;
  let publishedSource: PublishedSource = null;
  const metaDate =
    parsePublished(ld.datePublished) ??
    parsePublished(
      meta(
        'article:published_time',
        'og:published_time',
        'datePublished',
        'date',
        'pubdate',
        'publishdate',
        'publish-date',
        'dc.date',
        'dc.date.issued',
        'dcterms.created',
        'citation_publication_date',
        'sailthru.date',
        'parsely-pub-date',
      ),
    );
  if (metaDate) {
    published = metaDate;
    publishedSource = 'metadata';
  } else {
    const htmlDate = timeElementDate(document);
    if (htmlDate) {
      published = htmlDate;
      publishedSource = 'html';
    }
  }

  const visible: string[] = [];
  for (const selector of BYLINE_SELECTORS) {
    for (const element of document.querySelectorAll(selector)) {
      if (visible.length >= MAX_BYLINE_ELEMENTS) break;
      const text = bylineText(element);
      if (text && text.length <= MAX_BYLINE_TEXT && !visible.includes(text)) visible.push(text);
    }
  }

  const language =
    normalizeLanguage(document.documentElement?.getAttribute('lang')) ??
    normalizeLanguage(ld.inLanguage) ??
    normalizeLanguage(meta('og:locale', 'language', 'dc.language', 'content-language'));

  return {
    title,
    subtitle,
    authors: [],
    authorSources: { structured: ld.authors, meta: metaAuthors, visible },
    published,
    publishedSource,
    // Without a stated name, the site's domain still says whose page it is.
    publisher: publisher || host ? canonicalPublisher(publisher ?? host ?? '') : null,
    language,
    url: url ? url.trim() : null,
    articleBody: ld.articleBody,
  };
}

/** Longest text of a byline element: a longer one is an author bio or a whole header. */
const MAX_BYLINE_TEXT = 160;
const TITLE_SEPARATOR = /\s+(?:\||-|–|—|::|»|·)\s+/u;

/**
 * A title without the site's name: "Orchard festival returns | Westcombe News" → "Orchard festival returns",
 * also "Site.com" tails, "BBC News - …" heads and "Headline | World news | The Guardian". A segment goes when it
 * names the site (its name or domain); in a <title> (`loose`), also a short last segment after a headline that
 * stands alone, as sites append their name in forms no metadata states.
 */
function withoutSiteName(
  title: string | null,
  sites: readonly (string | null)[],
  loose: boolean,
): string | null {
  if (!title) return null;
  const siteKeys = sites.flatMap((site) => (site ? siteKeysOf(site) : []));
  // A site's name, its domain, or a short label starting with it ("CNN Business", "BBC Sport").
  const isSite = (segment: string): boolean => {
    const keys = siteKeysOf(segment);
    const short = segment.split(/\s+/).length <= 3;
    return (
      siteKeys.some(
        (site) => keys.includes(site) || (short && site.length >= 3 && keys[0]?.startsWith(site)),
      ) || /^(?:www\.)?[\w-]+(?:\.[a-z]{2,})+$/i.test(segment)
    );
  };
  let segments = title.split(TITLE_SEPARATOR);
  if (segments.length < 2) return title;
  if (segments.length > 1 && isSite(segments[0] ?? '')) segments = segments.slice(1);
  let removed = false;
  while (segments.length > 1 && isSite(segments[segments.length - 1] ?? '')) {
    segments = segments.slice(0, -1);
    removed = true;
  }
  const words = (text: string): number => text.split(/\s+/).length;
  // "Headline | World news" once the site is gone: a section label of a word or two.
  if (segments.length > 2 || (removed && segments.length === 2 && words(segments[1] ?? '') <= 2))
    segments = segments.slice(0, -1);
  else if (loose && !removed && segments.length === 2) {
    const [head = '', tail = ''] = segments;
    if (words(head) >= 3 && words(tail) <= 4) segments = [head];
  }
  // Keep the separators the headline itself used ("Ukraine - live updates" stays whole when nothing matched).
  return segments.length === title.split(TITLE_SEPARATOR).length ? title : segments.join(' - ');
}

/** Comparable forms of a site name: "The Guardian" → guardian, theguardian; "www.bbc.co.uk" → bbc. */
function siteKeysOf(site: string): string[] {
  const lower = site.toLowerCase().trim();
  const host = hostOf(lower);
  if (host) {
    const label = host.replace(/^www\./, '').split('.')[0] ?? host;
    return [label, label.replace(/^the/, '')];
  }
  const compact = lower.replace(/[^\p{L}\p{N}]/gu, '');
  const bare = lower
    .replace(/^the\s+/, '')
    .replace(/\s+news$/, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
  return [compact, bare];
}

function jsonLdTexts(document: DomDocument): string[] {
  const texts: string[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    if (script.textContent) texts.push(script.textContent);
  }
  return texts;
}

/** A <time datetime> that marks publication: itemprop/pubdate first, then the first one in the article header. */
function timeElementDate(document: DomDocument): string | null {
  const candidates = [
    document.querySelector('time[itemprop="datePublished"]'),
    document.querySelector('time[pubdate]'),
    document.querySelector('article time[datetime]'),
    document.querySelector('time[datetime]'),
  ];
  for (const element of candidates) {
    if (!element) continue;
    const found =
      parsePublished(element.getAttribute('datetime')) ?? parsePublished(element.textContent ?? '');
    if (found) return found;
  }
  return null;
}

/**
 * Readability's scoring walks ancestors and re-reads text for each candidate, which grows faster than the
 * document on pathological shapes (thousands of sibling text nodes, markup nested thousands deep). Such pages skip
 * it and are read by the linear block-text walk; real articles are far inside these bounds.
 */
const READABILITY_MAX_NODES = 30000;
const READABILITY_MAX_DEPTH = 120;
const READABILITY_MAX_CHILDREN = 2000;

function suitsReadability(root: DomNode | null): boolean {
  let nodes = 0;
  // siblings[d]: children seen so far under the open element at depth d.
  const siblings: number[] = [0];
  let node = root?.firstChild ?? null;
  while (node) {
    nodes += 1;
    const depth = siblings.length - 1;
    siblings[depth] = (siblings[depth] ?? 0) + 1;
    if (
      nodes > READABILITY_MAX_NODES ||
      depth > READABILITY_MAX_DEPTH ||
      (siblings[depth] ?? 0) > READABILITY_MAX_CHILDREN
    ) {
      return false;
    }
    if (node.firstChild) {
      node = node.firstChild;
      siblings.push(0);
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      siblings.pop();
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  return true;
}

function extractWithReadability(
  document: DomDocument,
  title: string | null,
): { paragraphs: string[]; byline: string | null } {
  if (!suitsReadability(document.documentElement)) return { paragraphs: [], byline: null };
  let content: DomNode | null | undefined;
  let byline: string | null;
  try {
    const reader = new Readability<DomNode>(
      document as unknown as ConstructorParameters<typeof Readability>[0],
      {
        maxElemsToParse: MAX_ELEMENTS,
        serializer: (node) => node as unknown as DomNode,
      },
    );
    const parsed = reader.parse();
    content = parsed?.content;
    byline = parsed?.byline ? cleanText(parsed.byline) : null;
  } catch {
    // Readability aborts on documents over MAX_ELEMENTS elements (and on DOM shapes it cannot score);
    // the caller falls back to the visible block text.
    return { paragraphs: [], byline: null };
  }
  return { paragraphs: content && isElement(content) ? blockTexts(content, true, title) : [], byline };
}

/**
 * The text of each block element under root, in document order (an iterative walk: deeply nested markup
 * cannot exhaust the stack). Scripts, styles and forms are skipped; so is page chrome unless the root
 * already is Readability's chosen content.
 */
function blockTexts(root: DomElement | null, extracted: boolean, title: string | null): string[] {
  if (!root) return [];
  const paragraphs: string[] = [];
  let buffer = '';
  let lastBreak = false;
  const flush = (): void => {
    const text = cleanText(buffer);
    buffer = '';
    if (text === '' || isDebris(text)) return;
    if (paragraphs.length === 0 && title !== null && text === title) return;
    paragraphs.push(text);
  };

  let node: DomNode | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === TEXT_NODE) {
      buffer += node.textContent ?? '';
      lastBreak = false;
    } else if (isElement(node)) {
      const tag = node.nodeName.toUpperCase();
      if (tag === 'BR') {
        // <br><br> separates paragraphs in older pages; a single <br> is a line break inside one.
        if (lastBreak) flush();
        else buffer += ' ';
        lastBreak = true;
      } else if (!NEVER_TEXT.has(tag) && !(CHROME.has(tag) && !extracted) && !hidden(node)) {
        if (BLOCKS.has(tag)) flush();
        descend = node.firstChild !== null;
      }
    }
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    // Leave finished elements, flushing block boundaries on the way up.
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== root && isElement(node)) {
        const tag = node.nodeName.toUpperCase();
        if (BLOCKS.has(tag)) flush();
      }
    }
    if (!node || node === root) break;
    if (isElement(node) && BLOCKS.has(node.nodeName.toUpperCase()) && node.firstChild) flush();
    node = node.nextSibling;
  }
  flush();
  return paragraphs;
}

function hidden(element: DomElement): boolean {
  return (
    element.getAttribute('hidden') !== null ||
    element.getAttribute('aria-hidden') === 'true' ||
    /display\s*:\s*none/i.test(element.getAttribute('style') ?? '')
  );
}

/**
 * An element's text with " | " where two elements' texts touch ("<span>Jane Doe</span><span>BBC News</span>"),
 * so that name and credit stay apart; the walk stops after a few hundred characters (bylines are short).
 */
function bylineText(element: DomElement): string | null {
  let text = '';
  let last: DomNode | null = null;
  const stack: DomNode[] = [element];
  while (stack.length > 0 && text.length <= MAX_BYLINE_TEXT) {
    const node = stack.pop();
    if (!node) break;
    if (node.nodeType === TEXT_NODE) {
      const piece = node.textContent ?? '';
      if (last !== null && last.parentNode !== node.parentNode && /\S$/.test(text) && /^\S/.test(piece))
        text += ' | ';
      text += piece;
      last = node;
    } else if (isElement(node) && !NEVER_TEXT.has(node.nodeName.toUpperCase())) {
      const children: DomNode[] = [];
      for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
      stack.push(...children.reverse());
    }
  }
  const cleaned = cleanText(text);
  return cleaned === '' ? null : cleaned;
}

function textOf(element: DomElement | null): string | null {
  const text = cleanText(element?.textContent ?? '');
  return text === '' ? null : text;
}

function splitLines(text: string): string[] {
  return text
    .split(/\n\s*\n|\r\n\s*\r\n/)
    .map(cleanText)
    .filter((line) => line !== '');
}

/** Why markup looks broken (a truncated tag, comment or script), or null when it is merely empty. */
function brokenMarkup(html: string): string | null {
  const lastOpen = html.lastIndexOf('<');
  if (lastOpen >= 0 && html.indexOf('>', lastOpen) < 0) return `a tag is cut off at character ${lastOpen}`;
  const comment = html.lastIndexOf('<!--');
  if (comment >= 0 && html.indexOf('-->', comment) < 0)
    return `a comment opened at character ${comment} never closes`;
  const script = html.search(/<script\b/i);
  if (script >= 0 && !/<\/script\s*>/i.test(html))
    return `a script opened at character ${script} never closes`;
  if (!/<[a-z!]/i.test(html)) return 'it contains no markup';
  return null;
}
