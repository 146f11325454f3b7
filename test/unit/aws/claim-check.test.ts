import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { createS3ClaimCheckStore } from '../../../lambdas/aws/claim-check';

function memoryS3() {
  const objects = new Map<string, string>();
  const client = {
    send: jest.fn(async (command: PutObjectCommand | GetObjectCommand) => {
      const key = `${command.input.Bucket}/${command.input.Key}`;
      if (command instanceof PutObjectCommand) {
        objects.set(key, String(command.input.Body));
        return {};
      }
      const stored = objects.get(key);
      if (stored === undefined) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey' });
      return { Body: { transformToString: async () => stored } };
    }),
  };
  return { client: client as unknown as S3Client, objects };
}

describe('S3 claim-check store', () => {
  it('stores a body under its SHA-256 and returns a reference that resolves to it', async () => {
    const { client, objects } = memoryS3();
    const store = createS3ClaimCheckStore(client, 'artifacts');
    const body = JSON.stringify({ hello: 'wörld' });
    const sha = createHash('sha256').update(body).digest('hex');

    const claim = await store.put(body);

    expect(claim).toStrictEqual({
      v: 1,
      type: 'claim-check',
      bucket: 'artifacts',
      key: `claim-checks/${sha}.json`,
      bytes: Buffer.byteLength(body),
    });
    expect([...objects.keys()]).toStrictEqual([`artifacts/claim-checks/${sha}.json`]);
    await expect(store.get(claim)).resolves.toBe(body);
  });

  it('refuses to follow a reference into another bucket', async () => {
    const { client } = memoryS3();
    const store = createS3ClaimCheckStore(client, 'artifacts');

    await expect(
      store.get({ v: 1, type: 'claim-check', bucket: 'someone-else', key: 'x.json', bytes: 1 }),
    ).rejects.toThrow("Claim check points to bucket 'someone-else', expected 'artifacts'");
    expect(client.send).not.toHaveBeenCalled();
  });

  it('names the missing object when the body a claim check points to is gone', async () => {
    const { client } = memoryS3();
    const store = createS3ClaimCheckStore(client, 'artifacts');
    const claim = {
      v: 1,
      type: 'claim-check',
      bucket: 'artifacts',
      key: 'claim-checks/gone.json',
      bytes: 300_000,
    } as const;

    await expect(store.get(claim)).rejects.toMatchObject({
      name: 'ClaimCheckMissingError',
      message:
        'Claim check s3://artifacts/claim-checks/gone.json (300000 bytes) is missing: the message body was deleted or expired, so the message cannot be processed; it goes to the dead-letter queue after its retries',
    });
  });
});
