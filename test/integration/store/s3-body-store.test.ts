import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../../local/dynamodb-local';
import { type FauxqsLocal, startFauxqsLocal } from '../../../local/fauxqs-local';
import { ArticleQueries } from '../../../lambdas/aws/article-queries';
import { createArticleStore, createS3BodyStore } from '../../../lambdas/aws/article-store';
import { createTable, localClients, seedMessages } from './local-table';

jest.setTimeout(60_000);

let ddb: DynamoDbLocal;
let fauxqs: FauxqsLocal;
let raw: DynamoDBClient;
let s3: S3Client;

beforeAll(async () => {
  [ddb, fauxqs] = await Promise.all([startDynamoDbLocal(), startFauxqsLocal()]);
  ({ raw } = localClients(ddb.endpoint));
  s3 = new S3Client({
    endpoint: fauxqs.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    forcePathStyle: true,
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'artifacts' }));
}, 60_000);

afterAll(async () => {
  s3?.destroy();
  raw?.destroy();
  await Promise.all([ddb?.stop(), fauxqs?.stop()]);
});

it('keeps the body of an oversized article in S3 (fauxqs) and deletes it with the article', async () => {
  const table = await createTable(raw);
  const { doc } = localClients(ddb.endpoint);
  const seed = seedMessages()[4];
  if (!seed) throw new Error('missing seed');
  const store = createArticleStore(doc, table, {
    bodyStore: createS3BodyStore(s3, 'artifacts'),
    maxItemBytes: 2_000,
  });
  await store.saveArticle(seed);
  const article = await new ArticleQueries(doc, table).getArticle(seed.article.id);
  expect(article?.bodyRef).toEqual({ bucket: 'artifacts', key: `article-bodies/${seed.article.id}/v1.json` });
  const body = await s3.send(new GetObjectCommand({ Bucket: 'artifacts', Key: article?.bodyRef?.key }));
  expect(JSON.parse(await (body.Body?.transformToString() ?? '{}')).paragraphs).toEqual(
    seed.article.paragraphs,
  );
  await store.removeObject({
    type: 'removal',
    v: 1,
    revision: { pipelineVersion: 1, sequencer: 'FF0000000000000000', eventTime: '2026-11-23T14:00:00.000Z' },
    object: { bucket: seed.article.source.bucket, key: seed.article.source.key, versionId: null },
  });
  const left = await s3.send(new ListObjectsV2Command({ Bucket: 'artifacts' }));
  expect(left.Contents ?? []).toEqual([]);
});
