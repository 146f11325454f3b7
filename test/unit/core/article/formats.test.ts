import { articlesOf, fixture, inputFor, onlyArticle, parseFixture } from './fixture-input';
import { parseArticleFile } from '../../../../lambdas/core/article/parse-article';

describe('plain text', () => {
  it('reads title, dateline, body and the publisher its subscribe footer names', () => {
    const article = onlyArticle(parseFixture('dateline.txt'));
    expect(article).toMatchObject({
      title: 'Harbour authority approves night ferry service after two-year trial',
      subtitle: null,
      authors: [],
      published: '2024-03-12',
      publishedSource: 'byline',
      publisher: 'Kessling Courier',
      language: 'en',
      format: 'txt',
      source: {
        bucket: 'dateline-drop',
        key: 'uploads/dateline.txt',
        versionId: 'v1',
        etag: '"abc"',
        size: 1108,
        part: 0,
      },
    });
    expect(article.paragraphs).toHaveLength(5);
    expect(article.paragraphs[2]).toBe(
      "The authority's board approved the service by seven votes to two. The two members who voted against it cited the cost of the crew's overtime, which the authority puts at 1.4 million euros a year, and the noise complaints filed by residents of the old quay.",
    );
    expect(article.paragraphs.at(-1)).toMatch(/^Residents' association chair Paul Vance/);
  });

  it('reads several authors and a date from a one-line "By … | date" byline', () => {
    const article = onlyArticle(parseFixture('by-line.txt'));
    expect(article.authors).toEqual(['Maria Okafor', 'Tom Brandt']);
    expect(article.published).toBe('2023-04-03');
    expect(article.paragraphs[0]).toMatch(/^Rail services in Halden/);
  });

  it('leaves published null when the file states no date', () => {
    const article = onlyArticle(parseFixture('no-date.txt'));
    expect(article.published).toBeNull();
    expect(article.publishedSource).toBeNull();
    expect(article.title).toBe('Volunteers restore a century-old lighthouse lens');
    expect(article.paragraphs).toHaveLength(3);
  });

  it('reads a key without extension by sniffing its content', () => {
    const article = onlyArticle(parseArticleFile(inputFor(fixture('no-date.txt'), 'inbox/lighthouse')));
    expect(article.format).toBe('txt');
  });
});

describe('markdown', () => {
  const article = onlyArticle(parseFixture('markdown-article.md'));

  it('reads the heading as title, the second-level heading as subtitle, and the emphasised byline', () => {
    expect(article).toMatchObject({
      title: 'City council backs car-free Sundays in the old town',
      subtitle: 'Trial of six months begins in June, with buses rerouted around the centre',
      authors: ['Ana Ruiz'],
      published: '2024-03-04',
      format: 'md',
    });
  });

  it('reduces emphasis, links, images, code, quotes, lists and entities to text', () => {
    expect(article.paragraphs).toEqual([
      'The city council voted on Thursday to close the old town to private cars every Sunday for a six-month trial, a move long sought by shop owners and cycling groups alike.',
      'Deputy mayor Lena Brook said the trial would start on the first Sunday of June and that buses would be rerouted along the ring road. Taxis & delivery vans may enter before 10 a.m.',
      '"We want people to rediscover the streets they walk past every day," Brook told the council.',
      'The measures approved include:',
      'closing six entry points with removable bollards;',
      'free parking at the two park-and-ride sites;',
      'a survey of residents after three months.',
      "Opponents, led by councillor Hugo Stark, argued that elderly residents would find it harder to reach the cathedral. Stark's motion to exempt residents' cars was defeated by 31 votes to 12. A full record of the vote is on the council's website.",
    ]);
  });
});

describe('HTML', () => {
  it('takes metadata from JSON-LD NewsArticle and Open Graph, and the body from the article only', () => {
    const article = onlyArticle(parseFixture('og-jsonld.html'));
    expect(article).toMatchObject({
      title: 'Flood defences hold as river peaks at record level',
      subtitle: 'Residents praise new walls after a night of heavy rain',
      authors: ['Priya Nair', 'Jonas Weller'],
      published: '2024-02-18',
      publishedSource: 'metadata',
      publisher: 'The Valley Post',
      language: 'en',
      url: 'https://valleypost.example/news/flood-defences-hold',
      format: 'html',
    });
    expect(article.paragraphs).toHaveLength(5);
    expect(article.paragraphs[0]).toBe(
      'The River Teme reached 5.2 metres at Ludworth bridge early on Sunday, the highest level since records began in 1891, but the town’s new flood walls kept the water out of the centre.',
    );
    expect(article.paragraphs[1]).toBe(
      'The £14 million defences, finished in November, were tested for the first time as two days of heavy rain swept across the valley. Around 40 homes on the lower road were evacuated as a precaution.',
    );
  });

  it('never lets scripts, styles, navigation or page footers into the body', () => {
    const body = onlyArticle(parseFixture('og-jsonld.html')).paragraphs.join('\n');
    for (const debris of [
      'SCRIPT TEXT',
      'STYLE TEXT',
      'tracker',
      'Most read',
      'All rights reserved',
      'Home',
      'Subscribe for',
    ]) {
      expect(body).not.toContain(debris);
    }
  });

  it('decodes named, numeric and hexadecimal entities', () => {
    const article = onlyArticle(parseFixture('meta-tags.html'));
    expect(article.paragraphs[1]).toContain(
      '"There is nowhere quiet and warm to study after eight o\'clock,"',
    );
    expect(article.paragraphs[2]).toBe(
      'The late opening will cost around €60,000, paid from the council’s education fund. Two security staff will be on duty each night.',
    );
  });

  it('reads the author meta tag, article:published_time and og:site_name', () => {
    const article = onlyArticle(parseFixture('meta-tags.html'));
    expect(article).toMatchObject({
      title: 'Library extends opening hours to midnight during exams',
      authors: ['Colm Byrne'],
      published: '2023-10-09',
      publishedSource: 'metadata',
      publisher: 'Northgate Gazette',
      language: 'en',
    });
    expect(article.paragraphs.join(' ')).not.toMatch(/Share this article|Front page/);
  });

  it('dates a page without date metadata from its <time> element and removes the visible byline', () => {
    const article = onlyArticle(parseFixture('time-element.html'));
    expect(article).toMatchObject({
      authors: ['Sam Lee'],
      published: '2022-09-30',
      publishedSource: 'html',
    });
    expect(article.paragraphs[0]).toMatch(/^The Westcombe orchard festival returned/);
    expect(article.paragraphs).toHaveLength(4);
  });
});

describe('JSON', () => {
  it('reads one article object with schema.org-style field names', () => {
    const article = onlyArticle(parseFixture('article.json'));
    expect(article).toMatchObject({
      title: 'Mountain rescue team marks 50 years with open day',
      subtitle: 'Volunteers have answered more than 3,000 call-outs since 1974',
      authors: ['Ewan McAllister'],
      published: '2024-05-11',
      publishedSource: 'json',
      publisher: 'Highland Herald',
      url: 'https://highlandherald.example/2024/05/11/rescue-team-50',
      language: 'en',
      format: 'json',
    });
    expect(article.paragraphs).toHaveLength(4);
    expect(article.paragraphs[2]).toBe(
      '“We have carried people off the hill in every kind of weather,” said team leader Kirsty Rowan. “What has changed is the kit, not the people.”',
    );
  });

  it('makes each element of an array its own article, numbering the parts', () => {
    const [first, second] = articlesOf(parseFixture('articles.json'));
    expect(first).toMatchObject({
      title: 'Bakery wins national bread award',
      authors: ['Ines Gallo'],
      published: '2023-11-02',
      publisher: 'Tollbridge Times',
      source: { part: 0 },
    });
    expect(first?.paragraphs).toHaveLength(3);
    expect(second).toMatchObject({
      title: 'Road bridge to close for repairs in January',
      authors: ['Dev Sharma', 'Lucy Hart'],
      published: '2024-01-03',
      url: 'https://tollbridgetimes.example/news/stanmore-bridge',
      source: { part: 1 },
    });
    expect(first?.id).not.toBe(second?.id);
  });

  it('reads JSON Lines, skipping blank lines, with an epoch-seconds date', () => {
    const articles = articlesOf(parseFixture('articles.jsonl'));
    expect(articles.map((article) => [article.title, article.published, article.source.part])).toEqual([
      ['School choir to sing at cathedral concert', '2023-12-01', 0],
      ['New cycle lane opens on harbour road', '2023-12-02', 1],
      ['Market hall roof repaired before winter', '2023-12-04', 2],
    ]);
    expect(articles.every((article) => article.publisher === 'Eastvale Echo')).toBe(true);
  });

  it('reads a list wrapped in {"articles": [...]} whose body is HTML', () => {
    const article = onlyArticle(parseFixture('wrapped.json'));
    expect(article).toMatchObject({
      title: 'Hospital opens new maternity wing',
      authors: ['Greta Holm'],
      published: '2024-01-15',
      publisher: 'Ashford News',
    });
    expect(article.paragraphs).toEqual([
      'The new maternity wing at Ashford General Hospital opened to patients on Monday, with 24 private rooms and a birthing pool.',
      '“It feels more like a hotel than a ward,” said midwife Carla Dunn.',
      'The wing cost £9 million and was funded partly by a local appeal.',
    ]);
  });
});

describe('gzip', () => {
  it.each([
    ['dateline.txt.gz', 'dateline.txt'],
    ['markdown-article.md.gz', 'markdown-article.md'],
    ['og-jsonld.html.gz', 'og-jsonld.html'],
    ['articles.jsonl.gz', 'articles.jsonl'],
  ])('%s reads exactly as %s, with the same ids', (compressed, plain) => {
    const strip = (outcome: ReturnType<typeof parseFixture>) =>
      articlesOf(outcome).map(({ source: _source, ...article }) => article);
    expect(strip(parseFixture(compressed))).toEqual(strip(parseFixture(plain)));
  });

  it('reads gzip by its magic bytes even when the key does not say .gz', () => {
    const article = onlyArticle(parseArticleFile(inputFor(fixture('dateline.txt.gz'), 'uploads/ferry.txt')));
    expect(article.title).toBe('Harbour authority approves night ferry service after two-year trial');
  });
});

describe('titles and bylines in unusual places', () => {
  it('drops the site name from an HTML <title> when nothing better names the article', () => {
    const html = `<html><head><title>Orchard festival returns after a break | Westcombe News</title></head><body><p>${'The festival returned on Saturday with apples and cider. '.repeat(8)}</p></body></html>`;
    expect(onlyArticle(parseArticleFile(inputFor(Buffer.from(html), 'page.html'))).title).toBe(
      'Orchard festival returns after a break',
    );
  });

  it('reads a byline printed above the headline of a text file', () => {
    const text =
      'By Jane Doe\n5 July 2016\n\nCouncil approves the budget\n\nThe council approved the budget on Monday after a long debate.\n';
    expect(onlyArticle(parseArticleFile(inputFor(Buffer.from(text), 'budget.txt')))).toMatchObject({
      title: 'Council approves the budget',
      authors: ['Jane Doe'],
      published: '2016-07-05',
      paragraphs: ['The council approved the budget on Monday after a long debate.'],
    });
  });
});

describe('plain-text layout variants', () => {
  const parseText = (text: string, key = 'story.txt') =>
    onlyArticle(parseArticleFile(inputFor(Buffer.from(text), key)));

  it('reads a deck line between the title and the byline as the subtitle', () => {
    expect(
      parseText(
        'Council approves the budget\n\nSpending on roads rises for a third year\n\nBy Jane Doe\n\nThe council approved it after a long debate.\n',
      ),
    ).toMatchObject({
      title: 'Council approves the budget',
      subtitle: 'Spending on roads rises for a third year',
      authors: ['Jane Doe'],
      paragraphs: ['The council approved it after a long debate.'],
    });
  });

  it('reads Windows and classic Mac line ends', () => {
    const expected = {
      title: 'Council approves the budget',
      paragraphs: ['The council approved it on Monday.', 'Spending on roads rises again.'],
    };
    expect(
      parseText(
        'Council approves the budget\r\n\r\nThe council approved it on Monday.\r\n\r\nSpending on roads rises again.\r\n',
      ),
    ).toMatchObject(expected);
    expect(
      parseText(
        'Council approves the budget\r\rThe council approved it on Monday.\r\rSpending on roads rises again.\r',
      ),
    ).toMatchObject(expected);
  });

  it('joins a word hyphenated at a line end inside a paragraph', () => {
    expect(
      parseText('Title line\n\nThe escala-\ntion continued on Monday with a well-\nknown plan.\n').paragraphs,
    ).toEqual(['The escala-tion continued on Monday with a well-known plan.']);
  });

  it('uses the Content-Type of a key without extension', () => {
    const html = `<html><body><article><h1>Harbour opens</h1><p>${'The harbour opened to ferries on Monday morning. '.repeat(6)}</p></article></body></html>`;
    const article = onlyArticle(
      parseArticleFile(
        inputFor(Buffer.from(html), 'inbox/harbour', { contentType: 'text/html; charset=utf-8' }),
      ),
    );
    expect(article).toMatchObject({ format: 'html', title: 'Harbour opens' });
  });
});
