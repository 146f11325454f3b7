import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { createS3ObjectReader } from '../../../lambdas/aws/object-reader';

/** An S3 client double whose GetObject answers with `respond` (mocked SDK client: error paths). */
function s3Answering(respond: (command: GetObjectCommand) => unknown) {
  const commands: GetObjectCommand[] = [];
  const client = {
    send: jest.fn(async (command: GetObjectCommand) => {
      commands.push(command);
      const answer = respond(command);
      if (answer instanceof Error) throw answer;
      return answer;
    }),
  };
  return { client: client as unknown as S3Client, commands };
}

function body(text: string) {
  const bytes = new TextEncoder().encode(text);
  return { transformToByteArray: jest.fn(async () => bytes), destroy: jest.fn() };
}

const REF = { bucket: 'drop-bucket', key: 'news/a.txt', versionId: 'v1' };

describe('S3 object reader', () => {
  it('reads the named version with its metadata, content headers and unquoted etag', async () => {
    const { client, commands } = s3Answering(() => ({
      Body: body('Hello'),
      ContentLength: 5,
      ETag: '"abc123"',
      VersionId: 'v1',
      Metadata: { published: '2026-11-01' },
      ContentType: 'text/plain',
      ContentEncoding: 'gzip',
    }));

    const result = await createS3ObjectReader(client).read(REF, 100);

    expect(commands.map((c) => c.input)).toStrictEqual([
      { Bucket: 'drop-bucket', Key: 'news/a.txt', VersionId: 'v1' },
    ]);
    expect(result).toStrictEqual({
      kind: 'object',
      bytes: new TextEncoder().encode('Hello'),
      size: 5,
      etag: 'abc123',
      versionId: 'v1',
      metadata: { published: '2026-11-01' },
      contentType: 'text/plain',
      contentEncoding: 'gzip',
    });
  });

  it('reports an object over the limit without reading its body', async () => {
    const big = body('x');
    const { client } = s3Answering(() => ({ Body: big, ContentLength: 101, ETag: '"e"', VersionId: 'v1' }));

    const result = await createS3ObjectReader(client).read(REF, 100);

    expect(result).toStrictEqual({ kind: 'too-large', size: 101, etag: 'e', versionId: 'v1' });
    expect(big.transformToByteArray).not.toHaveBeenCalled();
    expect(big.destroy).toHaveBeenCalledTimes(1);
  });

  it('reports a deleted key or version as gone', async () => {
    const noSuchKey = new NoSuchKey({
      message: 'The specified key does not exist.',
      $metadata: { httpStatusCode: 404 },
    });
    const noSuchVersion = Object.assign(new Error('The specified version does not exist.'), {
      name: 'NoSuchVersion',
      $metadata: { httpStatusCode: 404 },
    });

    await expect(
      createS3ObjectReader(s3Answering(() => noSuchKey).client).read(REF, 100),
    ).resolves.toStrictEqual({ kind: 'gone' });
    await expect(
      createS3ObjectReader(s3Answering(() => noSuchVersion).client).read(REF, 100),
    ).resolves.toStrictEqual({ kind: 'gone' });
  });

  it('rethrows throttling and other service errors so the record is retried', async () => {
    const slowDown = Object.assign(new Error('Please reduce your request rate.'), {
      name: 'SlowDown',
      $metadata: { httpStatusCode: 503 },
    });
    const denied = Object.assign(new Error('Access Denied'), {
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });

    await expect(createS3ObjectReader(s3Answering(() => slowDown).client).read(REF, 100)).rejects.toBe(
      slowDown,
    );
    await expect(createS3ObjectReader(s3Answering(() => denied).client).read(REF, 100)).rejects.toBe(denied);
  });

  it('reads the latest version when the event names none', async () => {
    const { client, commands } = s3Answering(() => ({ Body: body('x'), ContentLength: 1 }));

    const result = await createS3ObjectReader(client).read({ ...REF, versionId: null }, 100);

    expect(commands.map((c) => c.input)).toStrictEqual([
      { Bucket: 'drop-bucket', Key: 'news/a.txt', VersionId: undefined },
    ]);
    expect(result).toMatchObject({ kind: 'object', etag: null, versionId: null });
  });
});
