import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GoldFileSchema, type GoldArticle } from '../../../../tools/eval/gold';

/**
 * The project's Wikinews gold (test/fixtures/eval/wikinews): its schema, its size, and that every quote and event
 * anchor really is in its article, so that a typo in an annotation fails here rather than silently scoring as a miss.
 */
const dir = join(__dirname, '..', '..', '..', 'fixtures', 'eval', 'wikinews');
const gold = GoldFileSchema.parse(JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')));
const manifest = JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8')) as {
  file: string;
  date: string;
}[];
const articles = Object.entries(gold.articles).sort(([a], [b]) => a.localeCompare(b));

/** The scorer's normalisation: curly quotes and apostrophes straightened, whitespace runs collapsed. */
function normalise(text: string): string {
  return text.replace(/[’‘`]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

function textOf(file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

const all = articles.map(([, a]) => a);
const count = (pick: (a: GoldArticle) => number): number => all.reduce((n, a) => n + pick(a), 0);

describe('the Wikinews gold file', () => {
  it('has at least 30 articles, 150 quotes and 100 events, a hundred of them must quotes and events', () => {
    expect(articles.length).toBeGreaterThanOrEqual(30);
    expect(count((a) => a.quotes.length)).toBeGreaterThanOrEqual(150);
    expect(count((a) => a.quotes.filter((q) => q.status === 'must').length)).toBeGreaterThanOrEqual(100);
    expect(count((a) => a.events.length)).toBeGreaterThanOrEqual(100);
    expect(count((a) => a.events.filter((e) => e.status === 'must').length)).toBeGreaterThanOrEqual(100);
  });

  it('puts every article in a split and both halves are non-empty and of equal size', () => {
    const dev = all.filter((a) => a.split === 'dev').length;
    const test = all.filter((a) => a.split === 'test').length;
    expect(dev + test).toBe(articles.length);
    expect(dev).toBeGreaterThan(0);
    expect(dev).toBe(test);
  });

  it('covers exactly the articles of the manifest, each present beside it', () => {
    expect(articles.map(([file]) => file)).toEqual(manifest.map((m) => m.file).sort());
    for (const [file] of articles) expect(existsSync(join(dir, file))).toBe(true);
  });

  it('gives speakers to every quote and at least one actor to every must event', () => {
    for (const [file, a] of articles) {
      for (const q of a.quotes)
        expect({ file, text: q.text, speakers: q.speaker.length > 0 }).toMatchObject({ speakers: true });
      for (const e of a.events.filter((x) => x.status === 'must'))
        expect({ file, anchor: e.anchor, actors: e.actors.length > 0 }).toMatchObject({ actors: true });
    }
  });
});

describe.each(articles)('%s', (file, article) => {
  const text = textOf(file);
  const flat = normalise(text);
  const paragraphs = text.split(/\n/).map(normalise);
  const date = manifest.find((m) => m.file === file)?.date;

  it('has every quote text in the article', () => {
    const missing = article.quotes.map((q) => q.text).filter((t) => !flat.includes(normalise(t)));
    expect(missing).toEqual([]);
  });

  it('has every not-quote in quotation marks in the article', () => {
    const missing = article.not_quotes.filter((t) => !new RegExp(`["“'‘]${escape(t)}[,.]?["”'’]`).test(flat));
    expect(missing).toEqual([]);
  });

  it('gives the ends of the body as the start of one paragraph and the end of a later one', () => {
    const body = article.metadata.body;
    expect(body).toBeDefined();
    const first = paragraphs.findIndex((p) => p.startsWith(normalise(body?.first ?? '')));
    const last = paragraphs.findIndex((p) => p.endsWith(normalise(body?.last ?? '')));
    expect(first).toBeGreaterThan(0);
    expect(last).toBeGreaterThanOrEqual(first);
  });

  it('has every event anchor inside one paragraph of the article', () => {
    const missing = article.events
      .map((e) => normalise(e.anchor))
      .filter((anchor) => !paragraphs.some((p) => p.includes(anchor)));
    expect(missing).toEqual([]);
  });

  it('writes dates as ISO days, months or a/b ranges, and roots as CAMEO root codes', () => {
    const iso = /^\d{4}-\d{2}(-\d{2})?$/;
    for (const e of article.events) {
      if (e.date !== null) {
        const parts = e.date.split('/');
        expect(parts.length).toBeLessThanOrEqual(2);
        for (const part of parts) expect(part).toMatch(iso);
        for (const part of parts) expect(Number.isNaN(Date.parse(part))).toBe(false);
      }
      const roots = Array.isArray(e.root) ? e.root : [e.root];
      expect(roots.length).toBeGreaterThan(0);
      for (const root of roots) expect(root).toMatch(/^(0[1-9]|1\d|20)$/);
    }
  });

  it('is dated by its dateline, or gives the manifest date as the hint the dates resolve against', () => {
    const dateline = /^\p{L}+day, \p{L}+ \d{1,2}, \d{4}\s*$/u.test(text.split('\n')[2] ?? '');
    expect(article.metadata.published).toBe(dateline ? date : null);
    expect(article.published_hint).toBe(dateline ? undefined : date);
    const hinted = article.events.filter((e) => e.needs_published);
    if (dateline) expect(hinted).toEqual([]);
    else expect(hinted).toEqual(article.events.filter((e) => e.date !== null));
    expect(article.metadata.title).toBe(text.split('\n')[0]?.trim());
  });
});

function escape(text: string): string {
  return normalise(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
