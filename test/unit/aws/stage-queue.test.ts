import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { batchBodies, createStageQueueSender, readStageMessage } from '../../../lambdas/aws/stage-queue';
import { ParsedMessageSchema, type ParsedMessage } from '../../../lambdas/core/messages';
import { FakeClaimChecks, REVISION, article } from '../handlers/stage-fixtures';

/** An SQS client double recording SendMessageBatch inputs; `failIds` entries come back in `Failed`. */
function fakeSqs(failIds: string[] = []) {
  const batches: Array<Array<{ Id?: string; MessageBody?: string }>> = [];
  const client = {
    send: jest.fn(async (command: SendMessageBatchCommand) => {
      const entries = command.input.Entries ?? [];
      batches.push(entries);
      const failed = entries.filter((e) => failIds.includes(e.Id ?? ''));
      return {
        Successful: entries
          .filter((e) => !failIds.includes(e.Id ?? ''))
          .map((e) => ({ Id: e.Id, MessageId: 'm', MD5OfMessageBody: 'x' })),
        Failed: failed.map((e) => ({
          Id: e.Id,
          Code: 'InternalError',
          SenderFault: false,
          Message: 'try again',
        })),
      };
    }),
  };
  return { client: client as unknown as SQSClient, batches };
}

const removal = (key: string): ParsedMessage => ({
  v: 1,
  type: 'removal',
  revision: REVISION,
  object: { bucket: 'drop-bucket', key, versionId: null },
});

describe('batchBodies', () => {
  it('groups at most 10 bodies per batch, in order', () => {
    const bodies = Array.from({ length: 23 }, (_, i) => String(i));
    expect(batchBodies(bodies).map((b) => b.length)).toStrictEqual([10, 10, 3]);
    expect(batchBodies(bodies).flat()).toStrictEqual(bodies);
  });

  it('starts a new batch before the total would exceed the byte limit', () => {
    const bodies = ['a'.repeat(100), 'b'.repeat(100), 'c'.repeat(100)];
    expect(batchBodies(bodies, 10, 250)).toStrictEqual([[bodies[0], bodies[1]], [bodies[2]]]);
  });
});

describe('stage queue sender', () => {
  it('sends each message as its JSON body', async () => {
    const { client, batches } = fakeSqs();
    const claimChecks = new FakeClaimChecks();
    const sender = createStageQueueSender<ParsedMessage>({
      sqs: client,
      queueUrl: 'https://queue',
      claimChecks,
    });

    await sender.send([removal('a.txt'), removal('b.txt')]);

    expect(batches).toStrictEqual([
      [
        { Id: '0', MessageBody: JSON.stringify(removal('a.txt')) },
        { Id: '1', MessageBody: JSON.stringify(removal('b.txt')) },
      ],
    ]);
    expect(claimChecks.objects.size).toBe(0);
  });

  it('sends a message over the threshold as a claim check holding the whole message', async () => {
    const { client, batches } = fakeSqs();
    const claimChecks = new FakeClaimChecks();
    const sender = createStageQueueSender<ParsedMessage>({
      sqs: client,
      queueUrl: 'https://queue',
      claimChecks,
      thresholdBytes: 500,
    });
    const big: ParsedMessage = {
      v: 1,
      type: 'article',
      revision: REVISION,
      article: article({ paragraphs: ['x'.repeat(600)] }),
      fileArticleIds: [article().id],
    };

    await sender.send([big]);

    const body = JSON.stringify(big);
    expect(batches).toStrictEqual([
      [
        {
          Id: '0',
          MessageBody: JSON.stringify({
            v: 1,
            type: 'claim-check',
            bucket: 'artifacts',
            key: 'claim-checks/0.json',
            bytes: Buffer.byteLength(body),
          }),
        },
      ],
    ]);
    expect(claimChecks.objects.get('claim-checks/0.json')).toBe(body);
  });

  it('throws when SQS reports failed entries, naming them, so the incoming record is retried', async () => {
    const { client } = fakeSqs(['1']);
    const sender = createStageQueueSender<ParsedMessage>({
      sqs: client,
      queueUrl: 'https://queue',
      claimChecks: new FakeClaimChecks(),
    });

    await expect(sender.send([removal('a.txt'), removal('b.txt')])).rejects.toThrow(
      'SendMessageBatch to https://queue failed for 1 entries (1: InternalError try again)',
    );
  });
});

describe('readStageMessage', () => {
  it('validates a plain message against the schema', async () => {
    await expect(
      readStageMessage(JSON.stringify(removal('a.txt')), ParsedMessageSchema, new FakeClaimChecks()),
    ).resolves.toStrictEqual(removal('a.txt'));
  });

  it('resolves a claim check to the message it holds', async () => {
    const claimChecks = new FakeClaimChecks();
    const claim = await claimChecks.put(JSON.stringify(removal('big.txt')));

    await expect(
      readStageMessage(JSON.stringify(claim), ParsedMessageSchema, claimChecks),
    ).resolves.toStrictEqual(removal('big.txt'));
  });

  it('rejects invalid JSON and messages of another version', async () => {
    await expect(readStageMessage('{', ParsedMessageSchema, new FakeClaimChecks())).rejects.toThrow(
      SyntaxError,
    );
    await expect(
      readStageMessage(
        JSON.stringify({ ...removal('a.txt'), v: 2 }),
        ParsedMessageSchema,
        new FakeClaimChecks(),
      ),
    ).rejects.toThrow();
  });
});
