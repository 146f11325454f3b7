/// <reference lib="dom" />
/**
 * The dashboard as an analyst uses it: `npm start` (a real process: local stack, samples/ ingested, the
 * dashboard server) and the built app in headless Chromium driven by playwright-core. Each page must show what
 * the query module (the code behind `npm run query`) returns for the same question. Screenshots of every page
 * go to docs/images/. Without Chromium these tests fail, saying how to install it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ArticleQueries } from '../../lambdas/aws/article-queries';
import { freePort } from '../../local/free-port';
import { type LocalTable, openLocalTable } from '../../local/stack-file';

jest.setTimeout(240_000);

const ROOT = join(__dirname, '..', '..');
const IMAGES = join(ROOT, 'docs', 'images');
const CHROMIUM_CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium (or CHROMIUM_PATH); a missing browser is a failure with the fix, never a skip. */
function chromiumPath(): string {
  const found = CHROMIUM_CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(
      'Chromium not found (looked at CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser). ' +
        'The browser tests need it: install it with `sudo apt-get update && sudo apt-get install -y chromium` ' +
        '(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return found;
}

let child: ChildProcess;
const output: string[] = [];
let base: string;
let persist: string;
let table: LocalTable;
let queries: ArticleQueries;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const inboxFile = join(ROOT, 'inbox', `browser-${process.pid}.md`);

function waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const seen = output.find((l) => pattern.test(l));
    if (seen) return resolve(seen);
    const timer = setTimeout(
      () => reject(new Error(`npm start printed no ${pattern} in time:\n${output.join('\n')}`)),
      timeoutMs,
    );
    const check = (line: string): void => {
      if (!pattern.test(line)) return;
      clearTimeout(timer);
      lineListeners.splice(lineListeners.indexOf(check), 1);
      resolve(line);
    };
    lineListeners.push(check);
  });
}
const lineListeners: ((line: string) => void)[] = [];

beforeAll(async () => {
  const executablePath = chromiumPath();
  persist = mkdtempSync(join(tmpdir(), 'dateline-browser-'));
  const port = await freePort();
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bin/start.ts', '--port', String(port), '--persist', persist],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  const onLine = (line: string): void => {
    output.push(line);
    for (const listen of [...lineListeners]) listen(line);
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', onLine);
  const line = await waitForLine(/^Dashboard: http:\/\/127\.0\.0\.1:\d+\/$/, 200_000);
  base = line.slice('Dashboard: '.length);
  expect(base).toBe(`http://127.0.0.1:${port}/`);
  table = await openLocalTable({ persistDir: persist });
  queries = new ArticleQueries(table.doc, table.tableName);
  browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  mkdirSync(IMAGES, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await table?.stop();
  if (child && child.exitCode === null) {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  rmSync(inboxFile, { force: true });
  if (persist) rmSync(persist, { recursive: true, force: true });
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

async function open(hash: string, ready: string): Promise<void> {
  await page.goto(`${base}${hash}`);
  await page.waitForSelector(ready, { timeout: 30_000 });
  // Nothing still loading.
  await page.waitForFunction(() => !document.querySelector('.state.loading'), undefined, { timeout: 30_000 });
}

const shot = (name: string) => page.screenshot({ path: join(IMAGES, `${name}.png`), fullPage: false });
const texts = (selector: string) => page.locator(selector).allTextContents();
const countOf = async (selector: string) => Number(await page.locator(selector).first().textContent());
const bars = async (id: string) => Number(await page.locator(`#${id} canvas`).getAttribute('data-bars'));

async function articleOfDay(day: string) {
  const [article] = (await queries.articlesByDay(day)).items;
  if (!article) throw new Error(`samples have no article on ${day}`);
  return article;
}

it('Overview: the month’s counts, articles per day and latest articles, as the query module counts them', async () => {
  await open('#/overview?month=2016-09', '#articles-per-day canvas');
  const days = Array.from({ length: 30 }, (_, i) => `2016-09-${String(i + 1).padStart(2, '0')}`);
  const perDay = await Promise.all(
    days.map(async (d) => (await queries.articlesByDay(d, { limit: 100 })).items),
  );
  const articles = perDay.flat();
  expect(articles.length).toBeGreaterThan(0);
  expect(await countOf('[data-count="articles"]')).toBe(articles.length);
  expect(await countOf('[data-count="quotes"]')).toBe(articles.reduce((n, a) => n + a.quoteCount, 0));
  expect(await countOf('[data-count="events"]')).toBe(articles.reduce((n, a) => n + a.eventCount, 0));
  expect(await countOf('[data-count="rejections"]')).toBe(
    (await queries.rejections({ limit: 100 })).items.length,
  );
  expect(await bars('articles-per-day')).toBe(30);
  const table = await page.locator('#articles-per-day tbody tr td:nth-child(2)').allTextContents();
  expect(table.map(Number)).toEqual(perDay.map((list) => list.length));
  const latest = await texts('section[aria-labelledby="latest-h"] tbody td:nth-child(2)');
  expect(latest.sort()).toEqual(articles.map((a) => a.title ?? '(untitled)').sort());
  await shot('overview');
});

it('Overview opens on the current month and, when it is empty, finds the latest month with articles', async () => {
  const now = new Date().toISOString().slice(0, 7);
  await open('#/overview', '.state.empty button');
  expect(await page.locator('h1').textContent()).toBe(`Overview of ${now}`);
  await page.click('button:has-text("Find the latest month with articles")');
  await page.waitForURL(/#\/overview\?month=\d{4}-\d{2}$/, { timeout: 60_000 });
  await page.waitForSelector('#articles-per-day canvas', { timeout: 30_000 });
  const found = new URL(page.url()).hash.slice(-7);
  expect(await countOf('[data-count="articles"]')).toBeGreaterThan(0);
  // No month after it has articles (the API's overview, itself checked against the query module above).
  const next = (m: string) =>
    new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5)), 1)).toISOString().slice(0, 7);
  for (let m = next(found); m <= now; m = next(m)) {
    const overview = (await (await fetch(`${base}api/overview?month=${m}`)).json()) as { articles: number };
    expect([m, overview.articles]).toEqual([m, 0]);
  }
});

it('Article: metadata, every quote highlighted with its speaker, events marked with date, label, source, target', async () => {
  const summary = await articleOfDay('2016-09-07');
  const article = await queries.getArticle(summary.articleId);
  if (!article) throw new Error('article vanished');
  await open(`#/article?id=${summary.articleId}`, 'article h1');
  expect(await page.locator('h1').textContent()).toBe(article.title);
  expect(article.quotes.length).toBeGreaterThan(3);
  const marked = page.locator('.body mark.quote[data-quote-index]');
  expect(await marked.count()).toBe(article.quotes.length);
  const indexes = await marked.evaluateAll((els) =>
    els.map((e) => Number(e.getAttribute('data-quote-index'))),
  );
  expect(indexes.sort((a, b) => a - b)).toEqual(article.quotes.map((q) => q.index).sort((a, b) => a - b));
  // Highlighted inside the body text, not in a list beside it.
  expect(await page.locator('.body .paragraph mark.quote').count()).toBe(article.quotes.length);
  for (const q of article.quotes) {
    const mark = page.locator(`.body mark.quote[data-quote-index="${q.index}"]`);
    expect(await mark.getAttribute('title')).toContain(q.speaker || 'unattributed');
  }
  const events = page.locator('.events-here li[data-event-index]');
  expect(await events.count()).toBe(article.events.length);
  for (const e of article.events) {
    const text = await page.locator(`.events-here li[data-event-index="${e.index}"]`).textContent();
    expect(text).toContain(e.label);
    expect(text).toContain(e.date ?? 'undated');
    if (e.source) expect(text).toContain(e.source.name);
    if (e.target) expect(text).toContain(e.target.name);
  }
  await shot('article');
});

it('Speaker: the same quotes as the query module, over time, and the search box suggests known speakers', async () => {
  const [top] = await queries.top('speaker', 'month', '2016-09', 1);
  if (!top) throw new Error('no speaker counted in 2016-09');
  const quotes = (await queries.quotesBySpeaker(top.name, { limit: 1000 })).items;
  await open(`#/speaker?name=${encodeURIComponent(top.name)}`, '#quotes-over-time canvas');
  expect(await countOf('[data-count="quotes"]')).toBe(quotes.length);
  expect(await texts('ol.quotes blockquote')).toEqual(quotes.map((q) => q.text));
  expect(await bars('quotes-over-time')).toBeGreaterThan(0);
  await shot('speaker');

  await open('#/speaker?from=2016-01&to=2016-12', 'form[role="search"]');
  await page.fill('#speaker', top.name.slice(0, 4));
  await page.waitForFunction(
    (name) =>
      Array.from(document.querySelectorAll('#speaker-suggestions option')).some(
        (o) => (o as HTMLOptionElement).value === name,
      ),
    top.name,
    { timeout: 10_000 },
  );
  await page.press('#speaker', 'Enter');
  await page.waitForURL(/#\/speaker\?name=/);
});

it('Events: the timeline and who-did-what-to-whom table for a range and a root; a bad date shows inline', async () => {
  const events = (
    await queries.eventsBetween({ from: '2016-09-01', to: '2016-09-30', root: '19', limit: 1000 })
  ).items;
  expect(events.length).toBeGreaterThan(0);
  await open('#/events?from=2016-09-01&to=2016-09-30&root=19', '#events-timeline canvas');
  expect(await countOf('[data-count="events"]')).toBe(events.length);
  expect(await page.locator('table.data tbody tr').count()).toBe(events.length);
  expect(await bars('events-timeline')).toBe(new Set(events.map((e) => e.date)).size);
  const actions = await texts('table.data tbody td:nth-child(3)');
  expect(actions.every((a) => a.includes('fight'))).toBe(true);
  await shot('events');

  const actorEvents = (await queries.eventsByActor('Russia', { limit: 1000 })).items;
  await open('#/events?actor=Russia', 'table.data');
  expect(await page.locator('table.data tbody tr').count()).toBe(actorEvents.length);

  await page.fill('#from', '2016-13-45');
  await page.click('form.filters button[type="submit"]');
  const error = page.locator('#from-error');
  await error.waitFor({ timeout: 5000 });
  expect(await error.textContent()).toMatch(/not a date: use YYYY-MM-DD or YYYY-MM/);
  expect(await page.getAttribute('#from', 'aria-invalid')).toBe('true');
  expect(page.url()).toContain('actor=Russia');
});

it('Top: one bar per top speaker and per top actor, as the query module ranks them', async () => {
  const speakers = await queries.top('speaker', 'month', '2016-09', 10);
  const actors = await queries.top('actor', 'month', '2016-09', 10);
  await open('#/top?month=2016-09', '#top-actors canvas');
  await page.waitForSelector('#top-speakers canvas');
  expect(await bars('top-speakers')).toBe(speakers.length);
  expect(await bars('top-actors')).toBe(actors.length);
  expect(await texts('#top-speakers tbody td:first-child')).toEqual(speakers.map((s) => s.name));
  expect((await texts('#top-actors tbody td:nth-child(2)')).map(Number)).toEqual(actors.map((a) => a.count));
  await shot('top');
  await page.fill('#period', '2016-9');
  await page.press('#period', 'Enter');
  expect(await page.locator('#period-error').textContent()).toMatch(/not a date/);
});

it('Articles: a day’s and a publisher’s articles, as the query module lists them', async () => {
  const summary = await articleOfDay('2016-09-07');
  const publisher = summary.publisher ?? '';
  const ofPublisher = (await queries.articlesByPublisher(publisher, { limit: 1000 })).items;
  await open(`#/articles?publisher=${encodeURIComponent(publisher)}`, 'table.data');
  // The first page (25) and then "Load more" until the end.
  while (await page.locator('button:has-text("Load more")').count()) {
    await page.click('button:has-text("Load more")');
    await page.waitForFunction(() => !document.querySelector('button[disabled]'));
  }
  expect(await texts('table.data tbody td:nth-child(2)')).toEqual(
    ofPublisher.map((a) => a.title ?? '(untitled)'),
  );
  await shot('articles');
  await open('#/articles?day=2016-09-07', 'table.data');
  expect(await texts('table.data tbody td:nth-child(2)')).toEqual(
    (await queries.articlesByDay('2016-09-07')).items.map((a) => a.title ?? '(untitled)'),
  );
});

it('Rejections: reason, key and time of every rejected file', async () => {
  const rejections = (await queries.rejections({ limit: 100 })).items;
  expect(rejections.length).toBeGreaterThan(0);
  await open('#/rejections', 'table.data');
  expect(await page.locator('table.data tbody tr').count()).toBe(rejections.length);
  expect(await texts('table.data tbody td:nth-child(2)')).toEqual(rejections.map((r) => r.key));
  expect(await texts('table.data tbody td:nth-child(3)')).toEqual(rejections.map((r) => r.reason));
  await shot('rejections');
});

it('is keyboard accessible: a skip link, landmarks, labelled fields, focus on the new view', async () => {
  await open('#/events', 'form.filters');
  // The skip link comes first in tab order and moves focus to the content; Tab then reaches the filters.
  expect(
    await page.evaluate(() => document.querySelector('a[href], button, input, select')?.textContent),
  ).toBe('Skip to content');
  await page.focus('a.skip');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('from');
  expect(await page.locator('header nav[aria-label] a').count()).toBeGreaterThanOrEqual(5);
  expect(await page.locator('main#main').count()).toBe(1);
  const unlabelled = await page.evaluate(
    () =>
      Array.from(document.querySelectorAll('input, select')).filter(
        (el) => !document.querySelector(`label[for="${el.id}"]`),
      ).length,
  );
  expect(unlabelled).toBe(0);
  await page.click('header nav a[href="#/top"]');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
});

it('shows a file dropped into inbox/ without a restart', async () => {
  const title = `Browser check dispatch ${process.pid}`;
  writeFileSync(
    inboxFile,
    `# ${title}\n\n*By Ada Lind | November 15, 2025*\n\n` +
      'The harbour board of Port Alder met on Saturday to review the pier closure and its effect on trade. ' +
      '"We will publish every figure we have," said Ruth Lindqvist, the mayor, after the session ended.\n\n' +
      'Cruise operators criticised the board on Sunday for the delay, and the council promised a decision in spring.\n',
  );
  await waitForLine(new RegExp(`^✓ inbox/browser-${process.pid}\\.md`), 60_000);
  await open('#/overview?month=2025-11', 'section[aria-labelledby="latest-h"]');
  expect(await texts('section[aria-labelledby="latest-h"] tbody td:nth-child(2)')).toContain(title);
});
