import { formatFileLine, formatSummary, parseStartArgs, summarize } from '../../../local/start-command';
import type { FileResult } from '../../../local/pipeline-tracker';

describe('parseStartArgs', () => {
  it('ingests samples/ and watches inbox/ without flags', () => {
    expect(parseStartArgs([])).toStrictEqual({
      once: false,
      paths: ['samples'],
      json: false,
      timeoutSeconds: 300,
      logLevel: 'WARN',
    });
  });

  it('takes paths, --json, --persist and fixed ports with --once', () => {
    expect(
      parseStartArgs([
        '--once',
        'a.txt',
        'folder/',
        '--json',
        '--persist',
        '.data',
        '--dynamodb-port',
        '8000',
        '--fauxqs-port',
        '4566',
      ]),
    ).toStrictEqual({
      once: true,
      paths: ['a.txt', 'folder/'],
      json: true,
      persist: '.data',
      dynamoDbPort: 8000,
      fauxqsPort: 4566,
      timeoutSeconds: 300,
      logLevel: 'WARN',
    });
  });

  it('defaults --once to samples/', () => {
    expect(parseStartArgs(['--once']).paths).toStrictEqual(['samples']);
  });

  it.each([
    [['file.txt'], /Paths are taken with --once only/],
    [['--json'], /--json goes with --once/],
    [['--dynamodb-port', 'abc'], /--dynamodb-port expects a port number/],
    [['--timeout', '0'], /--timeout expects seconds/],
    [['--log-level', 'loud'], /--log-level expects/],
    [['--unknown'], /Unknown option '--unknown'/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseStartArgs(argv)).toThrow(message);
  });
});

const result = (overrides: Partial<FileResult>): FileResult => ({
  bucket: 'drop',
  key: 'samples/a.txt',
  outcome: 'stored',
  articles: 1,
  quotes: 3,
  events: 2,
  detail: null,
  stageMs: { parse: 12, enrich: 80, store: 40 },
  totalMs: 3456,
  ...overrides,
});

describe('summaries', () => {
  it('adds up articles, quotes and events and counts rejections and dead letters', () => {
    const results = [
      result({}),
      result({ key: 'b.json', articles: 2, quotes: 5, events: 0 }),
      result({ key: 'empty.txt', outcome: 'rejected', articles: 0, quotes: 0, events: 0, detail: 'empty' }),
      result({
        key: 'bad.txt',
        outcome: 'dead-lettered',
        articles: 0,
        quotes: 0,
        events: 0,
        detail: 'parse DLQ',
      }),
    ];
    const summary = summarize(results, 4, 6.04);
    expect(summary).toStrictEqual({
      files: 4,
      articles: 3,
      quotes: 8,
      events: 2,
      rejected: 1,
      'dead-lettered': 1,
      seconds: 6,
    });
    expect(formatSummary(summary)).toBe(
      '4 files: 3 articles, 8 quotes, 2 events, 1 rejected, 1 dead-lettered in 6 s',
    );
  });

  it('prints one line per file with its counts and stage timings', () => {
    expect(formatFileLine(result({}))).toBe(
      '✓ samples/a.txt  1 article · 3 quotes · 2 events  (parse 12 ms, enrich 80 ms, store 40 ms, 3.46 s end to end)',
    );
    expect(
      formatFileLine(
        result({
          outcome: 'rejected',
          articles: 0,
          quotes: 0,
          events: 0,
          detail: 'empty',
          stageMs: { parse: 5 },
        }),
      ),
    ).toBe('– samples/a.txt  rejected: empty  (parse 5 ms, 3.46 s end to end)');
    expect(
      formatFileLine(result({ outcome: 'dead-lettered', detail: 'parse DLQ (parse: boom)', stageMs: {} })),
    ).toBe('✗ samples/a.txt  dead-lettered in the parse DLQ (parse: boom)  (3.46 s end to end)');
  });
});
