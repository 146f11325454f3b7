/**
 * Synthetic news articles for load runs: N distinct, realistic files, the same N for the same seed.
 *
 *   generateLoadFiles({ count, seed?, prefix? }): LoadFile[]
 *
 * Each article is a wire-style story with a dated byline, quotes attributed to named speakers ("…," Name
 * said), events between countries and organizations (met, accused, signed, condemned…), relative and
 * absolute dates, and paragraphs of varied length. Formats follow a realistic mix: .txt, .md, .html, .json
 * and gzip-compressed .txt/.md; some files carry their publisher or date only in S3 object metadata. About
 * 1 % are files a feed really delivers that are not articles (empty uploads, spreadsheets): they must end as
 * rejections. Distinctness: every body carries figures derived from the file's index, so no two articles
 * share a title and body (their ids are content hashes).
 */
import { gzipSync } from 'node:zlib';
import type { ParseInput } from '../../lambdas/core/article/record';
import { LOCAL_MAX_BYTES } from '../eval/article-file';

export type ArticleFormat = 'txt' | 'md' | 'html' | 'json' | 'txt.gz' | 'md.gz';
export type LoadFormat = ArticleFormat | 'empty' | 'csv';

export interface LoadFile {
  readonly key: string;
  readonly body: Buffer;
  readonly format: LoadFormat;
  /** x-amz-meta-* metadata, when the feed supplies it. */
  readonly metadata?: Record<string, string>;
  readonly contentEncoding?: string;
  /** What the pipeline should make of it. */
  readonly expected: 'article' | 'rejection';
  readonly title: string | null;
}

export interface LoadOptions {
  /** Article files. */
  readonly count: number;
  /** Non-article files added on top, as a percentage of count (default 1). */
  readonly junkPercent?: number;
  readonly seed?: number;
  /** Key prefix in the drop bucket (default load/<seed>/). */
  readonly prefix?: string;
}

/** mulberry32: tiny, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PUBLISHERS = [
  'The Valley Courier',
  'Northern Ledger',
  'Harbour Times',
  'Capital Wire Service',
  'The Riverside Gazette',
  'Meridian Daily',
  'Coastal Herald',
  'The Prairie Post',
  'Eastern Dispatch',
  'Global Affairs Review',
  'The Morning Chronicle',
  'Highland Observer',
];

const FIRST = [
  'Helen',
  'Marcus',
  'Amara',
  'Tomasz',
  'Ingrid',
  'Rafael',
  'Yuki',
  'Oluwaseun',
  'Claire',
  'Dmitri',
  'Priya',
  'Jonas',
  'Fatima',
  'Lucas',
  'Mei',
  'Andrea',
  'Kwame',
  'Sofia',
  'Henrik',
  'Leila',
];
const LAST = [
  'Varga',
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Castillo',
  'Nakamura',
  'Adeyemi',
  'Kowalski',
  'Brennan',
  'Petrov',
  'Sharma',
  'Becker',
  'Haddad',
  'Ferreira',
  'Zhang',
  'Rossi',
  'Mensah',
  'Novak',
  'Dahl',
  'Karimi',
];
const ROLES = [
  'Foreign Minister',
  'Prime Minister',
  'President',
  'spokesperson for the ministry',
  'Defence Minister',
  'mayor',
  'union leader',
  'chief economist',
  'senator',
  'trade commissioner',
];
const COUNTRIES = [
  'France',
  'Germany',
  'Brazil',
  'India',
  'Japan',
  'Kenya',
  'Canada',
  'Mexico',
  'Turkey',
  'Egypt',
  'Poland',
  'Indonesia',
  'Argentina',
  'Nigeria',
  'Sweden',
  'Vietnam',
];
const ORGS = [
  'the United Nations',
  'the European Union',
  'the World Health Organization',
  'the African Union',
  'NATO',
  'the International Monetary Fund',
  'the World Bank',
  'Amnesty International',
];
const CITIES = [
  'Geneva',
  'Nairobi',
  'Brussels',
  'Jakarta',
  'Lima',
  'Warsaw',
  'Cairo',
  'Ottawa',
  'Hanoi',
  'Lagos',
  'Oslo',
  'Ankara',
];
const ACTIONS = [
  ['met', 'met with'],
  ['accused', 'accused'],
  ['signed', 'signed an agreement with'],
  ['condemned', 'condemned'],
  ['praised', 'praised'],
  ['threatened', 'threatened'],
  ['negotiated', 'held talks with'],
  ['sanctioned', 'imposed sanctions on'],
  ['aided', 'sent humanitarian aid to'],
  ['protested', 'protested against'],
] as const;
const TOPICS = [
  'water rights',
  'grain exports',
  'a border dispute',
  'fishing quotas',
  'rail investment',
  'refugee resettlement',
  'vaccine supplies',
  'energy prices',
  'a port expansion',
  'climate finance',
  'steel tariffs',
  'election monitoring',
];
const WHEN = [
  'on Monday',
  'on Tuesday',
  'on Wednesday',
  'last week',
  'on Thursday',
  'earlier this month',
  'on Friday',
  'yesterday',
];
const QUOTES = [
  'We will not accept an outcome that leaves our farmers without a future',
  'This agreement is a first step, and there is a great deal of work still ahead of us',
  'The figures speak for themselves and the public deserves a clear answer',
  'Our position has not changed since the talks began in the spring',
  'Nobody should be surprised that people are angry about the delays',
  'We are ready to return to the table as soon as the other side is serious',
  'The new rules will protect families who have waited far too long',
  'It is simply not true that the money has already been spent',
  'I have asked the ministry to publish every document related to the case',
  'The situation on the ground is worse than the official reports suggest',
];
const FILLER = [
  'Analysts said the decision could reshape regional trade for years to come.',
  'The dispute has simmered for more than a decade and has repeatedly stalled negotiations.',
  'Local businesses reported a sharp fall in orders during the weeks of uncertainty.',
  'Opposition lawmakers demanded a full parliamentary inquiry into the matter.',
  'Officials did not say when a final decision would be announced.',
  'Hundreds of residents gathered outside the city hall to follow the debate.',
  'Independent observers described the atmosphere at the meeting as tense but constructive.',
  'The proposal must still be approved by the national assembly before it takes effect.',
  'Previous attempts to settle the issue collapsed amid accusations of bad faith.',
  'Economists warned that higher costs would eventually be passed on to consumers.',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Story {
  readonly title: string;
  readonly author: string;
  readonly publisher: string;
  readonly date: Date;
  readonly paragraphs: string[];
}

function story(index: number, random: () => number): Story {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const person = (): string => `${pick(FIRST)} ${pick(LAST)}`;
  const date = new Date(
    Date.UTC(2015 + Math.floor(random() * 10), Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
  );
  const a = pick(COUNTRIES);
  let b = pick([...COUNTRIES, ...ORGS]);
  if (b === a) b = pick(ORGS);
  const [, phrase] = pick(ACTIONS);
  const topic = pick(TOPICS);
  const city = pick(CITIES);
  const figure = 1_000 + index * 7 + Math.floor(random() * 7);
  const title = `${a} ${phrase} ${b.replace(/^the /, 'the ')} over ${topic} in ${city}`.replace(/^./, (c) =>
    c.toUpperCase(),
  );
  const speakers = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
    name: person(),
    role: pick(ROLES),
  }));
  const paragraphs: string[] = [
    `${city.toUpperCase()} — Officials from ${a} ${phrase} ${b} ${pick(WHEN)} over ${topic}, in a dispute that has affected some ${figure.toLocaleString('en-US')} people, according to figures released by the authorities.`,
  ];
  const length = 3 + Math.floor(random() ** 2 * 25); // mostly short, a long tail of long stories
  for (let p = 0; p < length; p++) {
    const roll = random();
    const speaker = pick(speakers);
    if (roll < 0.35) {
      const quote = pick(QUOTES);
      const form = random();
      paragraphs.push(
        form < 0.4
          ? `“${quote},” said ${speaker.name}, the ${speaker.role}. ${pick(FILLER)}`
          : form < 0.75
            ? `“${quote},” ${speaker.name} said ${pick(WHEN)}. ${pick(FILLER)}`
            : `${speaker.name}, the ${speaker.role}, said: “${quote}.” ${pick(FILLER)}`,
      );
    } else if (roll < 0.6) {
      const c = pick(COUNTRIES);
      const [, other] = pick(ACTIONS);
      paragraphs.push(
        `${c} ${other} ${pick(ORGS)} ${pick(WHEN)}, ${speaker.name} told reporters, adding that ${pick(FILLER).replace(/^./, (x) => x.toLowerCase())}`,
      );
    } else if (roll < 0.75) {
      const day = 1 + Math.floor(random() * 28);
      paragraphs.push(
        `Talks are due to resume on ${MONTHS[(date.getUTCMonth() + 1) % 12]} ${day}, when delegations from ${a} and ${pick(COUNTRIES)} are expected in ${pick(CITIES)}. ${pick(FILLER)}`,
      );
    } else {
      paragraphs.push(
        `${pick(FILLER)} ${pick(FILLER)} Figure ${figure}-${p} in the ministry's report was later revised.`,
      );
    }
  }
  return { title, author: person(), publisher: pick(PUBLISHERS), date, paragraphs };
}

const longDate = (d: Date): string =>
  `${WEEKDAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function asText(s: Story): string {
  return `${s.title}\n\nBy ${s.author}\n${longDate(s.date)}\n\n${s.paragraphs.join('\n\n')}\n`;
}

function asMarkdown(s: Story): string {
  const body = s.paragraphs.map((p, i) =>
    i === 2 ? `> ${p}` : i === 1 ? p.replace(/^(\S+ \S+)/, '**$1**') : p,
  );
  return `# ${s.title}\n\n*By ${s.author} · ${longDate(s.date)}*\n\n${body.join('\n\n')}\n`;
}

function asHtml(s: Story): string {
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: s.title,
    datePublished: `${isoDate(s.date)}T08:00:00Z`,
    author: { '@type': 'Person', name: s.author },
    publisher: { '@type': 'Organization', name: s.publisher },
  };
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(s.title)} | ${escapeHtml(s.publisher)}</title>`,
    `<meta property="og:site_name" content="${escapeHtml(s.publisher)}">`,
    `<script type="application/ld+json">${JSON.stringify(ld)}</script>`,
    '<style>body{font-family:serif}</style></head><body>',
    '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>',
    `<article><h1>${escapeHtml(s.title)}</h1><p class="byline">By ${escapeHtml(s.author)} · <time datetime="${isoDate(s.date)}">${longDate(s.date)}</time></p>`,
    ...s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    '</article><footer><p>© The publisher. All rights reserved.</p><a href="/subscribe">Subscribe</a></footer>',
    '<script>window.analytics && window.analytics.track("view")</script></body></html>',
  ].join('\n');
}

function asJson(s: Story): string {
  return JSON.stringify(
    {
      headline: s.title,
      author: s.author,
      publisher: s.publisher,
      datePublished: isoDate(s.date),
      body: s.paragraphs,
    },
    null,
    2,
  );
}

/** The mix of formats, weights in percent. */
const MIX: readonly [ArticleFormat, number][] = [
  ['txt', 38],
  ['md', 14],
  ['html', 22],
  ['json', 16],
  ['txt.gz', 6],
  ['md.gz', 4],
];

function formatOf(random: () => number): ArticleFormat {
  let roll = random() * 100;
  for (const [format, weight] of MIX) {
    if (roll < weight) return format;
    roll -= weight;
  }
  return 'txt';
}

function junkFile(name: string, index: number, date: string): LoadFile {
  return index % 2 === 0
    ? { key: `${name}.txt`, body: Buffer.alloc(0), format: 'empty', expected: 'rejection', title: null }
    : {
        key: `${name}.csv`,
        body: Buffer.from(`date,region,figure\n${date},north,${index}\n${date},south,${index + 1}\n`),
        format: 'csv',
        expected: 'rejection',
        title: null,
      };
}

function articleFile(
  name: string,
  s: Story,
  format: ArticleFormat,
  metadata?: Record<string, string>,
): LoadFile {
  const base = { format, expected: 'article' as const, title: s.title };
  switch (format) {
    case 'txt':
      return { ...base, key: `${name}.txt`, body: Buffer.from(asText(s)), ...(metadata && { metadata }) };
    case 'md':
      return { ...base, key: `${name}.md`, body: Buffer.from(asMarkdown(s)), ...(metadata && { metadata }) };
    case 'html':
      return { ...base, key: `${name}.html`, body: Buffer.from(asHtml(s)) };
    case 'json':
      return { ...base, key: `${name}.json`, body: Buffer.from(asJson(s)) };
    case 'txt.gz':
      return { ...base, key: `${name}.txt.gz`, body: gzipSync(asText(s)), ...(metadata && { metadata }) };
    case 'md.gz':
      return { ...base, key: `${name}.md.gz`, body: gzipSync(asMarkdown(s)), ...(metadata && { metadata }) };
  }
}

/** `count` article files, with the junk files spread evenly among them; the same list for the same seed. */
export function generateLoadFiles(options: LoadOptions): LoadFile[] {
  const seed = options.seed ?? 1;
  const prefix = options.prefix ?? `load/${seed}/`;
  const junk = Math.round((options.count * (options.junkPercent ?? 1)) / 100);
  const junkEvery = junk > 0 ? Math.floor(options.count / junk) : Infinity;
  const random = rng(seed);
  const files: LoadFile[] = [];
  for (let i = 0; i < options.count; i++) {
    const s = story(i, random);
    const format = formatOf(random);
    const slug = s.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 40)
      .replace(/-+$/, '');
    const name = `${prefix}${isoDate(s.date)}/${String(i).padStart(6, '0')}-${slug}`;
    // Text files rarely name their outlet: a feed supplies it as object metadata.
    const metadata = random() < 0.5 ? { publisher: s.publisher } : undefined;
    files.push(articleFile(name, s, format, metadata));
    const j = (i + 1) / junkEvery;
    if (junk > 0 && Number.isInteger(j) && j >= 1 && j <= junk)
      files.push(junkFile(`${prefix}junk/${String(j).padStart(6, '0')}`, j, isoDate(s.date)));
  }
  return files;
}

/** The ParseInput the parse stage builds for a load file dropped into `bucket` (metadata and encoding as S3 hands them over). */
export function loadParseInput(file: LoadFile, bucket: string): ParseInput {
  return {
    bytes: file.body,
    source: { bucket, key: file.key, versionId: null, etag: null, size: file.body.length },
    ...(file.metadata && { metadata: file.metadata }),
    ...(file.contentEncoding && { contentEncoding: file.contentEncoding }),
    maxBytes: LOCAL_MAX_BYTES,
  };
}
