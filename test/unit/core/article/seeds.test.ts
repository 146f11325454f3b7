import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleFile } from '../../../../lambdas/core/article/parse-article';
import { ArticleRecordSchema, type ArticleRecord } from '../../../../lambdas/core/article/record';

const root = join(__dirname, '..', '..', '..', '..');
const samples = join(root, 'samples');

interface SeedMetadata {
  title: string;
  subtitle: string | null;
  authors: string[];
  published: string | null;
}

/**
 * The metadata of the shared seed gold (shared/gold/seeds.json), written out here so that the test stands alone;
 * `npm run eval:seeds` scores the seeds against that file itself when it is there.
 */
const SEEDS: Record<string, SeedMetadata> = {
  '000_ba08ca261a50fb30.txt': {
    title: 'Pentagon accuses Russia of targeting US-British Special Forces base in Syria',
    subtitle: null,
    authors: [],
    published: null,
  },
  '001_3710ffddfe33e132.txt': {
    title: 'Behind US proposal for military cooperation with Russia',
    subtitle: 'Washington plans escalation of war for regime-change in Syria',
    authors: ['Thomas Gaist'],
    published: '2016-07-05',
  },
  '002_5dcffcdd57560b81.txt': {
    title: 'US threatens Russia with end to cooperation in Syria as fighting rages in Aleppo',
    subtitle: null,
    authors: [],
    published: null,
  },
  '003_126a0dbd44346025.txt': {
    title: "US, Russia in talks on Syria following Assad's trip to Moscow",
    subtitle: null,
    authors: ['Bill Van Auken'],
    published: '2015-10-22',
  },
  '004_cd07a4053353b156.txt': {
    title: 'Syrian war threatens to escalate as Obama-Putin talks fail',
    subtitle: null,
    authors: ['Jordan Shilton'],
    published: '2016-09-07',
  },
};
const seedFiles = Object.keys(SEEDS).sort();

function parseSeed(file: string): ArticleRecord {
  const bytes = readFileSync(join(samples, file));
  const outcome = parseArticleFile({
    bytes,
    source: { bucket: 'drop', key: `incoming/${file}`, versionId: null, etag: null, size: bytes.length },
    maxBytes: 10 * 1024 * 1024,
  });
  if (outcome.kind !== 'articles') throw new Error(`${file} was rejected: ${outcome.rejection.message}`);
  expect(outcome.articles).toHaveLength(1);
  return ArticleRecordSchema.parse(outcome.articles[0]);
}

describe('the five seed articles', () => {
  it('are all present in samples/', () => {
    expect(readdirSync(samples).filter((file) => seedFiles.includes(file))).toHaveLength(5);
  });

  describe.each(seedFiles)('%s', (file) => {
    const article = parseSeed(file);
    const expected = SEEDS[file];

    it('has exactly the gold title, subtitle, authors and published date', () => {
      expect({
        title: article.title,
        subtitle: article.subtitle,
        authors: article.authors,
        published: article.published,
      }).toEqual({
        title: expected?.title,
        subtitle: expected?.subtitle,
        authors: expected?.authors,
        published: expected?.published,
      });
    });

    it('says where the date came from only when there is one', () => {
      expect(article.publishedSource).toBe(article.published ? 'byline' : null);
    });

    it('is recognised as English', () => {
      expect(article.language).toBe('en');
    });

    it('keeps no page debris, footer or footer link in the body', () => {
      for (const paragraph of article.paragraphs) {
        expect(paragraph).not.toMatch(/^(English|Loading)$/);
        expect(paragraph).not.toMatch(/To contact the WSWS/i);
        expect(paragraph).not.toMatch(/wsws\.org\/contact/);
        expect(paragraph).not.toBe(article.title);
      }
    });

    it('keeps no markdown syntax in the body or the header fields', () => {
      for (const text of [...article.paragraphs, article.title ?? '', article.subtitle ?? '']) {
        expect(text).not.toMatch(/^#/);
        // Emphasis markers, [text](url) and [text][ref] links, list and quote markers. Editorial
        // brackets inside quotations ("the Foreign Minister [Russia]") are prose and stay.
        expect(text).not.toMatch(/\*\*|__|\]\(|\]\[|^\s*[-*+>]\s/);
      }
    });

    it('ends every paragraph at the end of a sentence (no page-break splits)', () => {
      for (const paragraph of article.paragraphs) {
        expect(paragraph).toMatch(/[.!?”"’)]$/);
        expect(paragraph).toMatch(/^[\p{Lu}\p{N}“"‘]/u);
      }
    });

    it('keeps the byline and date out of the body', () => {
      for (const author of article.authors) {
        expect(article.paragraphs[0]).not.toContain(author);
      }
    });

    it('counts the words of its body', () => {
      const words = article.paragraphs
        .join(' ')
        .split(/\s+/)
        .filter((word) => /[\p{L}\p{N}]/u.test(word));
      expect(article.wordCount).toBe(words.length);
    });
  });

  it('joins a sentence split across a page break', () => {
    const article = parseSeed('001_3710ffddfe33e132.txt');
    expect(article.paragraphs).toContainEqual(
      expect.stringContaining(
        'The main purpose of the US initiative to Russia is to prevent the fall of Aleppo',
      ),
    );
    expect(article.paragraphs.at(-1)).toMatch(/against the Syrian regime and its Russian backers\.$/);
  });

  it('keeps the publisher the WSWS footer names', () => {
    expect(parseSeed('001_3710ffddfe33e132.txt').publisher).toBe('World Socialist Web Site');
    expect(parseSeed('003_126a0dbd44346025.txt').publisher).toBe('World Socialist Web Site');
    expect(parseSeed('004_cd07a4053353b156.txt').publisher).toBe('World Socialist Web Site');
    expect(parseSeed('000_ba08ca261a50fb30.txt').publisher).toBeNull();
  });

  it('keeps original curly quotation marks', () => {
    const article = parseSeed('004_cd07a4053353b156.txt');
    expect(article.paragraphs.at(-1)).toBe(
      'Erdogan pointedly told the press afterwards, with reference to Syrian Kurdish organisations considered by Ankara to be terrorist, “All forms of terrorism are bad. All forms of terrorism are evil.”',
    );
  });

  it('gives the same article the same id under another key', () => {
    const file = '003_126a0dbd44346025.txt';
    const bytes = readFileSync(join(samples, file));
    const again = parseArticleFile({
      bytes,
      source: { bucket: 'other', key: 'renamed.txt', versionId: 'v2', etag: null, size: bytes.length },
      maxBytes: 10 * 1024 * 1024,
    });
    expect(again.kind === 'articles' && again.articles[0]?.id).toBe(parseSeed(file).id);
  });
});
