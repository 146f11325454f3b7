import { encodeS3EventKey, s3EventMessage, SequencerClock } from '../../../local/s3-notification';

/** How consumers must decode a key from an S3 event (once). */
const decode = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

describe('encodeS3EventKey', () => {
  it.each([
    ['plain.txt', 'plain.txt'],
    ['folder/my article.txt', 'folder/my+article.txt'],
    ['a+b.txt', 'a%2Bb.txt'],
    ['Zürich café/Ünïcode ✓.md', 'Z%C3%BCrich+caf%C3%A9/%C3%9Cn%C3%AFcode+%E2%9C%93.md'],
    ["it's (draft)~1!.json", 'it%27s+%28draft%29%7E1%21.json'],
    ['a=b&c?.html', 'a%3Db%26c%3F.html'],
    ['deep/er/and/deeper/file_*-.txt', 'deep/er/and/deeper/file_*-.txt'],
  ])('encodes %j as S3 does: %j', (key, encoded) => {
    expect(encodeS3EventKey(key)).toBe(encoded);
  });

  it.each(['a b+c/d%20e.txt', '100% sure.txt', 'ü/ß/😀 x+y.md', 'already%2Bencoded.txt'])(
    'round-trips %j through one decode',
    (key) => {
      expect(decode(encodeS3EventKey(key))).toBe(key);
    },
  );
});

describe('SequencerClock', () => {
  it('hands out fixed-width hex that strictly grows, even within one millisecond and if the clock goes back', () => {
    const clock = new SequencerClock();
    const values = [clock.next(1000), clock.next(1000), clock.next(1000), clock.next(999), clock.next(2000)];
    expect(values.every((v) => /^[0-9A-F]{18}$/.test(v))).toBe(true);
    expect([...values].sort()).toEqual(values);
    expect(new Set(values).size).toBe(values.length);
  });
});

describe('s3EventMessage', () => {
  const eventTime = new Date('2024-05-01T10:00:00.000Z');

  it('builds a creation record with the fields S3 sends', () => {
    const message = s3EventMessage({
      eventName: 'ObjectCreated:Put',
      bucket: 'drop',
      key: 'in box/a+b.txt',
      region: 'us-east-1',
      size: 42,
      eTag: '"abc123"',
      versionId: 'v1',
      sequencer: '0000000000000000A1',
      eventTime,
    });
    expect(message.Records).toHaveLength(1);
    const record = message.Records[0]!;
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2024-05-01T10:00:00.000Z',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: 'drop', arn: 'arn:aws:s3:::drop' },
        object: {
          key: 'in+box/a%2Bb.txt',
          size: 42,
          eTag: 'abc123',
          versionId: 'v1',
          sequencer: '0000000000000000A1',
        },
      },
    });
    expect(record.responseElements['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
  });

  it('builds a removal record without size and eTag, and without versionId for unversioned objects', () => {
    const record = s3EventMessage({
      eventName: 'ObjectRemoved:Delete',
      bucket: 'drop',
      key: 'gone.txt',
      region: 'us-east-1',
      sequencer: '0000000000000000B2',
      eventTime,
    }).Records[0]!;
    expect(record.eventName).toBe('ObjectRemoved:Delete');
    expect(record.s3.object).toStrictEqual({ key: 'gone.txt', sequencer: '0000000000000000B2' });
  });
});
