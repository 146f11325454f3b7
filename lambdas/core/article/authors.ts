import { parseNames } from './byline';
import { canonicalPublisher } from './publisher';

/**
 * Authors of a page, reconciled from the byline conventions news sites use. Structured sources (JSON-LD,
 * then author meta tags) are trusted first; the visible byline (rel=author links, itemprop=author, byline
 * elements, Readability's byline, "By …" lines) stands in when they say nothing and confirms them when they do.
 * Wire-agency credits ("Reuters", "By Jane Doe, AP") never become authors: they go to `credit`.
 */
export interface AuthorSources {
  /** Author names from JSON-LD, with their schema.org type when it was given. */
  readonly structured: readonly StructuredAuthor[];
  /** Contents of author meta tags, in priority order. */
  readonly meta: readonly string[];
  /** Visible byline texts, in priority order. */
  readonly visible: readonly string[];
  /** The page's own name: never an author or a credit. */
  readonly publisher: string | null;
}

export interface StructuredAuthor {
  readonly name: string;
  readonly type: string | null;
}

export interface ReconciledAuthors {
  readonly authors: string[];
  /** The wire agency credited for the story (canonical name), or null. */
  readonly credit: string | null;
}

/** Longest byline text read: longer texts are prose or page chrome. */
const MAX_BYLINE = 200;

/** News agencies whose credit stands where an author would (canonical names come from canonicalPublisher). */
const AGENCIES = new Set(
  [
    'reuters',
    'thomson reuters',
    'associated press',
    'the associated press',
    'ap',
    'afp',
    'agence france-presse',
    'agence france presse',
    'bloomberg',
    'bloomberg news',
    'pa',
    'pa media',
    'press association',
    'the press association',
    'dpa',
    'deutsche presse-agentur',
    'ansa',
    'efe',
    'xinhua',
    'xinhua news agency',
    'kyodo',
    'kyodo news',
    'yonhap',
    'tass',
    'ria novosti',
    'interfax',
    'anadolu',
    'anadolu agency',
    'upi',
    'united press international',
    'aap',
    'australian associated press',
    'the canadian press',
    'canadian press',
    'pti',
    'press trust of india',
    'ians',
    'ani',
    'jiji press',
    'aa',
    'cna',
    'bernama',
    'antara',
    'wafa',
    'irna',
    'sana',
    'mena',
    'ntb',
    'tt',
    'apa',
    'belga',
    'anp',
    'ctk',
    'pap',
    'mti',
    'hina',
    'ukrinform',
  ].map((name) => name.toLowerCase()),
);
/** Desk and staff credits that name no person ("Staff and agencies", "Web Desk", "News Service"). */
const DESK =
  /^(?:the\s+)?(?:[\p{L}.&-]+\s+){0,3}(?:staff(?:\s+(?:writers?|reporters?))?|agencies|news\s+agency|news\s+agencies|wire\s+services?|news\s+services?|desk|news\s*desk|web\s+desk|newsroom|editorial(?:\s+board)?|editors|correspondents?|bureau|team)$/iu;
/** Roles that follow a name after a comma ("Jane Doe, Senior Correspondent"). */
const ROLE =
  /\b(?:correspondent|reporter|editor|writer|columnist|contributor|producer|analyst|journalist|staff|chief|bureau|head|director|fellow|intern|freelance|special|senior|deputy|associate|political|diplomatic|foreign|security|economics|health|science|business)\b/iu;
/** Two or three initials, a desk signature ("jd", "J.D.", "AB/CD"): not a name. */
const INITIALS = /^(?:\p{L}\.?\s?){1,3}(?:\/(?:\p{L}\.?\s?){1,3})*$/u;
/** Last words of publication and company names ("Washington Post", "Kyiv Independent"): not a person's surname. */
const ORG_WORD =
  /\b(?:post|times|herald|tribune|journal|gazette|news|press|daily|telegraph|guardian|observer|chronicle|courier|mail|express|globe|standard|review|magazine|media|radio|tv|television|network|agency|service|group|inc|ltd|llc|online|today|weekly|wire|independent|insider|report|monitor|bulletin|digest|dispatch|reuters|bloomberg)$/iu;
const BY = /^(?:(?:written|posted|reported|story|words|text)\s+)?by[:\s]\s*/iu;
/** "Jane Doe in Kyiv", "Jane Doe at the White House": the place is not part of the name. */
const LOCATED = /\s+(?:in|at|from|reporting from)\s+\p{Lu}[\p{L}\s.'’-]*$/u;
const DATEISH =
  /\b(?:\d{1,2}:\d{2}|\d{4}|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|updated|published|ago|am|pm|gmt|utc|et|bst)\b/iu;

export function reconcileAuthors(sources: AuthorSources): ReconciledAuthors {
  const publisherKey = sources.publisher ? key(sources.publisher) : null;
  const agencies: string[] = [];
  const notPublisher = (name: string): boolean => publisherKey === null || key(name) !== publisherKey;

  const structured: string[] = [];
  for (const author of sources.structured) {
    const read = bylineNames(author.name);
    agencies.push(...read.agencies);
    // An Organization author is the site itself or an agency, never a person.
    if (author.type !== null && /organi[sz]ation|newsmediaorganization|corporation/i.test(author.type)) {
      if (read.agencies.length === 0 && isAgency(author.name)) agencies.push(author.name);
      continue;
    }
    structured.push(...read.persons);
  }
  const meta = sources.meta.flatMap((text) => {
    const read = bylineNames(text);
    agencies.push(...read.agencies);
    return read.persons;
  });
  const visible = sources.visible.flatMap((text) => {
    const read = bylineNames(text);
    agencies.push(...read.agencies);
    return read.persons;
  });

  const primary = dedupe((structured.length > 0 ? structured : meta).filter(notPublisher));
  const seen = dedupe(visible.filter(notPublisher));
  let authors: string[];
  if (primary.length === 0) authors = seen;
  else if (seen.some((name) => primary.some((p) => sameName(p, name)))) {
    // The visible byline confirms the structured one: names it adds (a co-author left out) join them.
    authors = dedupe([...primary, ...seen.filter((name) => !primary.some((p) => sameName(p, name)))]);
  } else authors = primary;

  const credit = agencies.map((name) => canonicalPublisher(name)).find((name) => name !== null) ?? null;
  return { authors, credit: credit && notPublisher(credit) ? credit : null };
}

/** Persons and agency credits in one byline text ("By Jane Doe and John Roe, Reuters | Updated 2 hours ago"). */
export function bylineNames(raw: string): { persons: string[]; agencies: string[] } {
  const persons: string[] = [];
  const agencies: string[] = [];
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '' || text.length > MAX_BYLINE || /^https?:\/\//i.test(text)) return { persons, agencies };
  // Segments: "Jane Doe | Reuters", "Jane Doe · 3 min read", "Jane Doe - BBC News, Kyiv".
  for (const segment of text.split(/\s*(?:\||·|•|\s[-–—]\s|\n)\s*/u)) {
    const cleaned = segment.replace(BY, '').trim();
    if (cleaned === '') continue;
    if (isAgency(cleaned) || DESK.test(cleaned)) {
      if (isAgency(cleaned)) agencies.push(cleaned);
      continue;
    }
    const parts = cleaned
      .split(/\s*(?:,|;|&|\band\b|\bwith\b)\s*/u)
      .map((part) => part.replace(BY, '').replace(LOCATED, '').trim())
      .filter((part) => part !== '');
    for (const part of parts) {
      if (isAgency(part)) agencies.push(part);
      else if (DESK.test(part) || INITIALS.test(part) || DATEISH.test(part)) continue;
      else if (ROLE.test(part) || ORG_WORD.test(part)) continue;
      else {
        const names = parseNames(part, false);
        if (names) persons.push(...names);
      }
    }
  }
  return { persons: dedupe(persons), agencies };
}

export function isAgency(name: string): boolean {
  const normal = key(name).replace(/^by\s+/, '');
  return AGENCIES.has(normal) || /\bnews agency$/.test(normal);
}

function key(name: string): string {
  return name.toLowerCase().replace(/[.]/g, '').replace(/\s+/g, ' ').trim();
}

/** "Jane Doe" and "JANE DOE" or "Jane A. Doe" are one author: the same first and last word. */
function sameName(a: string, b: string): boolean {
  const wa = key(a).split(' ');
  const wb = key(b).split(' ');
  return wa[0] === wb[0] && wa[wa.length - 1] === wb[wb.length - 1];
}

function dedupe(names: readonly string[]): string[] {
  const kept: string[] = [];
  for (const name of names) if (!kept.some((k) => sameName(k, name))) kept.push(name);
  return kept;
}
