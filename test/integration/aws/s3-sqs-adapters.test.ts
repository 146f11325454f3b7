/**
 * The S3 and SQS adapters against fauxqs (real HTTP, path-style S3): what the stage handlers rely on beyond
 * the unit fakes — a deleted key reads as "gone", metadata and content headers come through, claim checks
 * round-trip through a real bucket and queue.
 */
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createS3ClaimCheckStore } from '../../../lambdas/aws/claim-check';
import { s3ClientConfig } from '../../../lambdas/aws/clients/s3';
import { createS3ObjectReader } from '../../../lambdas/aws/object-reader';
import { createStageQueueSender, readStageMessage } from '../../../lambdas/aws/stage-queue';
import { ParsedMessageSchema, type ParsedMessage } from '../../../lambdas/core/messages';
import { type FauxqsLocal, startFauxqsLocal } from '../../../local/fauxqs-local';

jest.setTimeout(60_000);

const LOCAL = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
let fauxqs: FauxqsLocal;
let s3: S3Client;
let sqs: SQSClient;

beforeAll(async () => {
  fauxqs = await startFauxqsLocal();
  // Path style from the environment variable, as the Lambda entry points read it.
  s3 = new S3Client(
    s3ClientConfig({ ...LOCAL, endpoint: fauxqs.endpoint }, { AWS_S3_FORCE_PATH_STYLE: 'true' }),
  );
  sqs = new SQSClient({ ...LOCAL, endpoint: fauxqs.endpoint });
  await s3.send(new CreateBucketCommand({ Bucket: 'drop' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'artifacts' }));
}, 60_000);

afterAll(async () => {
  s3?.destroy();
  sqs?.destroy();
  await fauxqs?.stop();
});

describe('S3 object reader on fauxqs', () => {
  it('reads bytes, user metadata and content headers of a dropped file', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: 'drop',
        Key: 'news/a b.txt',
        Body: 'Hello, world',
        ContentType: 'text/plain',
        Metadata: { published: '2026-11-01', author: 'Jane Doe' },
      }),
    );

    const result = await createS3ObjectReader(s3).read(
      { bucket: 'drop', key: 'news/a b.txt', versionId: null },
      1000,
    );

    expect(result).toMatchObject({
      kind: 'object',
      bytes: new TextEncoder().encode('Hello, world'),
      size: 12,
      metadata: { published: '2026-11-01', author: 'Jane Doe' },
      contentType: 'text/plain',
    });
    expect(result.kind === 'object' && result.etag).toMatch(/^[0-9a-f]{32}$/);
  });

  it('does not download a file over the limit', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'drop', Key: 'big.txt', Body: 'x'.repeat(2000) }));

    const result = await createS3ObjectReader(s3).read(
      { bucket: 'drop', key: 'big.txt', versionId: null },
      1000,
    );

    expect(result).toMatchObject({ kind: 'too-large', size: 2000 });
  });

  it('reports a key deleted after its event as gone', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'drop', Key: 'short-lived.txt', Body: 'x' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'drop', Key: 'short-lived.txt' }));

    await expect(
      createS3ObjectReader(s3).read({ bucket: 'drop', key: 'short-lived.txt', versionId: null }, 1000),
    ).resolves.toStrictEqual({ kind: 'gone' });
  });
});

describe('stage queue with claim checks on fauxqs', () => {
  it('passes a message over the threshold by reference and reads it back whole', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'enrich' }));
    if (!QueueUrl) throw new Error('no queue url');
    const claimChecks = createS3ClaimCheckStore(s3, 'artifacts');
    const sender = createStageQueueSender<ParsedMessage>({
      sqs,
      queueUrl: QueueUrl,
      claimChecks,
      thresholdBytes: 200,
    });
    const small: ParsedMessage = {
      v: 1,
      type: 'removal',
      revision: { pipelineVersion: 1, sequencer: '01', eventTime: '2026-11-23T10:00:00.000Z' },
      object: { bucket: 'drop', key: 'a.txt', versionId: null },
    };
    const big: ParsedMessage = { ...small, object: { ...small.object, key: `${'k'.repeat(300)}.txt` } };

    await sender.send([small, big]);
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    const bodies = (received.Messages ?? []).map((m) => m.Body ?? '');

    expect(bodies).toHaveLength(2);
    expect(bodies.filter((b) => b.includes('"claim-check"'))).toHaveLength(1);
    const messages = await Promise.all(
      bodies.map((b) => readStageMessage(b, ParsedMessageSchema, claimChecks)),
    );
    expect(messages).toHaveLength(2);
    expect(messages).toEqual(expect.arrayContaining([small, big]));
  });
});
