import { createParseHandler } from '../../../lambdas/parse/parse-stage';
import type { ParseInput, ParseOutcome } from '../../../lambdas/core/article/record';
import type { ParsedMessage } from '../../../lambdas/core/messages';
import {
  FakeObjects,
  FakeQueue,
  S3_TEST_EVENT,
  article,
  lambdaContext,
  objectResult,
  quietObservability,
  s3Notification,
  s3Record,
  sqsEvent,
  sqsRecord,
} from './stage-fixtures';

// The parser is substituted through the deps; keep the real one (and its DOM library) out of this suite.
jest.mock('../../../lambdas/core/article/parse-article', () => ({
  parseArticleFile: () => {
    throw new Error('the tests pass parseFile');
  },
}));

const MAX = 1000;

function setup(objects: FakeObjects, outcome?: (input: ParseInput) => ParseOutcome) {
  const next = new FakeQueue<ParsedMessage>();
  const observability = quietObservability();
  const inputs: ParseInput[] = [];
  const handler = createParseHandler({
    objects,
    next,
    maxFileBytes: MAX,
    observability,
    parseFile: (input) => {
      inputs.push(input);
      return outcome ? outcome(input) : { kind: 'articles', articles: [article()] };
    },
  });
  return { handler, next, inputs, recorded: observability.recorded };
}

const created = (key: string, size = 64) =>
  s3Record({ eventName: 'ObjectCreated:Put', key, size, versionId: 'v1', eTag: 'etag-1', sequencer: '0A' });

describe('parse stage', () => {
  it('sends one article message per parsed article, each carrying every article id of the file', async () => {
    const first = article({ id: 'aaaaaaaaaaaaaaaa' });
    const second = article({ id: 'bbbbbbbbbbbbbbbb', source: { ...first.source, part: 1 } });
    const { handler, next } = setup(
      new FakeObjects({ 'drop-bucket/news/two.json': objectResult('[{},{}]') }),
      () => ({
        kind: 'articles',
        articles: [first, second],
      }),
    );

    const response = await handler(
      sqsEvent(sqsRecord(s3Notification(created('news/two.json')))),
      lambdaContext(),
    );

    expect(response).toStrictEqual({ batchItemFailures: [] });
    const revision = { pipelineVersion: 1, sequencer: '0A', eventTime: '2026-11-23T10:00:00.000Z' };
    expect(next.sent).toStrictEqual([
      {
        v: 1,
        type: 'article',
        revision,
        article: first,
        fileArticleIds: ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'],
      },
      {
        v: 1,
        type: 'article',
        revision,
        article: second,
        fileArticleIds: ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'],
      },
    ]);
  });

  it('gives the parser the bytes, the exact source, the user metadata overrides and the content headers', async () => {
    const objects = new FakeObjects({
      'drop-bucket/news/a.txt': objectResult('Hello', {
        etag: 'etag-9',
        versionId: 'v9',
        metadata: { published: '2026-11-01', title: ' Override ', 'unrelated-key': 'x' },
        contentType: 'text/plain',
        contentEncoding: 'gzip',
      }),
    });
    const { handler, inputs } = setup(objects);

    await handler(sqsEvent(sqsRecord(s3Notification(created('news/a.txt')))), lambdaContext());

    expect(inputs).toStrictEqual([
      {
        bytes: new TextEncoder().encode('Hello'),
        source: { bucket: 'drop-bucket', key: 'news/a.txt', versionId: 'v9', etag: 'etag-9', size: 5 },
        metadata: { published: '2026-11-01', title: 'Override' },
        contentType: 'text/plain',
        contentEncoding: 'gzip',
        maxBytes: MAX,
      },
    ]);
    expect(objects.reads).toStrictEqual([
      expect.objectContaining({ bucket: 'drop-bucket', key: 'news/a.txt', versionId: 'v1' }),
    ]);
  });

  it('reads the object under its key decoded once: "+" is a space, %2B a plus', async () => {
    const objects = new FakeObjects({ 'drop-bucket/my news/a+b.txt': objectResult('x') });
    const { handler } = setup(objects);

    await handler(sqsEvent(sqsRecord(s3Notification(created('my+news/a%2Bb.txt')))), lambdaContext());

    expect(objects.reads.map((ref) => ref.key)).toStrictEqual(['my news/a+b.txt']);
  });

  it('acknowledges the s3:TestEvent without reading or sending anything', async () => {
    const objects = new FakeObjects();
    const { handler, next } = setup(objects);

    const response = await handler(sqsEvent(sqsRecord(S3_TEST_EVENT)), lambdaContext());

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect(objects.reads).toStrictEqual([]);
    expect(next.sent).toStrictEqual([]);
  });

  it('rejects a file larger than the limit from the event size alone, without downloading it', async () => {
    const objects = new FakeObjects();
    const { handler, next, recorded } = setup(objects);

    await handler(sqsEvent(sqsRecord(s3Notification(created('big.txt', MAX + 1)))), lambdaContext());

    expect(objects.reads).toStrictEqual([]);
    expect(next.sent).toStrictEqual([
      {
        v: 1,
        type: 'rejection',
        revision: { pipelineVersion: 1, sequencer: '0A', eventTime: '2026-11-23T10:00:00.000Z' },
        rejection: {
          source: {
            bucket: 'drop-bucket',
            key: 'big.txt',
            versionId: 'v1',
            etag: 'etag-1',
            size: MAX + 1,
            part: 0,
          },
          reason: 'too-large',
          message: `The file is ${MAX + 1} bytes; the largest accepted file is ${MAX} bytes.`,
        },
      },
    ]);
    expect(recorded).toStrictEqual([{ name: 'FilesRejected', value: 1 }]);
  });

  it('rejects a file that turned out larger than the limit when fetched (event without size)', async () => {
    const objects = new FakeObjects({
      'drop-bucket/grown.txt': { kind: 'too-large', size: 5000, etag: 'etag-2', versionId: 'v2' },
    });
    const { handler, next } = setup(objects);
    const record = s3Record({ eventName: 'ObjectCreated:Put', key: 'grown.txt', sequencer: '0B' });

    await handler(sqsEvent(sqsRecord(s3Notification(record))), lambdaContext());

    expect(next.sent).toStrictEqual([
      expect.objectContaining({
        type: 'rejection',
        rejection: expect.objectContaining({
          reason: 'too-large',
          source: {
            bucket: 'drop-bucket',
            key: 'grown.txt',
            versionId: 'v2',
            etag: 'etag-2',
            size: 5000,
            part: 0,
          },
        }),
      }),
    ]);
  });

  it("forwards the parser's rejection and counts it by reason", async () => {
    const rejection = {
      source: { bucket: 'drop-bucket', key: 'empty.txt', versionId: 'v1', etag: 'etag-1', size: 0, part: 0 },
      reason: 'empty' as const,
      message: 'The file is empty.',
    };
    const { handler, next, recorded } = setup(
      new FakeObjects({ 'drop-bucket/empty.txt': objectResult('') }),
      () => ({
        kind: 'rejection',
        rejection,
      }),
    );

    await handler(sqsEvent(sqsRecord(s3Notification(created('empty.txt', 0)))), lambdaContext());

    expect(next.sent).toStrictEqual([
      {
        v: 1,
        type: 'rejection',
        revision: { pipelineVersion: 1, sequencer: '0A', eventTime: '2026-11-23T10:00:00.000Z' },
        rejection,
      },
    ]);
    expect(recorded).toStrictEqual([{ name: 'FilesRejected', value: 1 }]);
  });

  it('turns ObjectRemoved events, delete markers included, into removal messages', async () => {
    const objects = new FakeObjects();
    const { handler, next } = setup(objects);
    const removed = s3Record({
      eventName: 'ObjectRemoved:DeleteMarkerCreated',
      key: 'old+file.txt',
      versionId: 'dm1',
      sequencer: '0C',
    });

    await handler(sqsEvent(sqsRecord(s3Notification(removed))), lambdaContext());

    expect(objects.reads).toStrictEqual([]);
    expect(next.sent).toStrictEqual([
      {
        v: 1,
        type: 'removal',
        revision: { pipelineVersion: 1, sequencer: '0C', eventTime: '2026-11-23T10:00:00.000Z' },
        object: { bucket: 'drop-bucket', key: 'old file.txt', versionId: 'dm1' },
      },
    ]);
  });

  it('treats an object deleted before it could be read as nothing to do (its removal event follows)', async () => {
    const { handler, next, recorded } = setup(new FakeObjects());

    const response = await handler(sqsEvent(sqsRecord(s3Notification(created('gone.txt')))), lambdaContext());

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect(next.sent).toStrictEqual([]);
    expect(recorded).toStrictEqual([{ name: 'ObjectsGone', value: 1 }]);
  });

  it('fails only the record whose object read hit an S3 error, so it alone is retried', async () => {
    const throttled = Object.assign(new Error('Slow Down'), { name: 'SlowDown' });
    const { handler, next } = setup(
      new FakeObjects({ 'drop-bucket/ok.txt': objectResult('ok'), 'drop-bucket/throttled.txt': throttled }),
    );
    const ok = sqsRecord(s3Notification(created('ok.txt')));
    const failing = sqsRecord(s3Notification(created('throttled.txt')));

    const response = await handler(sqsEvent(ok, failing), lambdaContext());

    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: failing.messageId }] });
    expect(next.sent).toHaveLength(1);
  });

  it('fails a record whose body is not an S3 notification, and only that record', async () => {
    const { handler } = setup(new FakeObjects({ 'drop-bucket/ok.txt': objectResult('ok') }));
    const garbage = sqsRecord('{not json');
    const wrongShape = sqsRecord({ Records: [{ eventName: 'ObjectCreated:Put' }] });
    const ok = sqsRecord(s3Notification(created('ok.txt')));

    const response = await handler(sqsEvent(garbage, ok, wrongShape), lambdaContext());

    expect(response).toStrictEqual({
      batchItemFailures: [{ itemIdentifier: garbage.messageId }, { itemIdentifier: wrongShape.messageId }],
    });
  });

  it('reports every record when the whole batch fails, instead of throwing', async () => {
    const { handler, next } = setup(
      new FakeObjects({ 'drop-bucket/a.txt': objectResult('a'), 'drop-bucket/b.txt': objectResult('b') }),
    );
    next.failWith = new Error('SQS unavailable');
    const a = sqsRecord(s3Notification(created('a.txt')));
    const b = sqsRecord(s3Notification(created('b.txt')));

    const response = await handler(sqsEvent(a, b), lambdaContext());

    expect(response).toStrictEqual({
      batchItemFailures: [{ itemIdentifier: a.messageId }, { itemIdentifier: b.messageId }],
    });
  });

  it('counts parsed files and articles', async () => {
    const { handler, recorded } = setup(new FakeObjects({ 'drop-bucket/a.txt': objectResult('abc') }));

    await handler(sqsEvent(sqsRecord(s3Notification(created('a.txt')))), lambdaContext());

    expect(recorded).toStrictEqual([
      { name: 'FilesParsed', value: 1 },
      { name: 'ArticlesParsed', value: 1 },
      { name: 'BytesParsed', value: 3 },
    ]);
  });
});
