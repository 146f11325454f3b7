import { decodeS3Key, parseS3Notification } from '../../../lambdas/core/s3-event';
import { S3_TEST_EVENT, s3Notification, s3Record } from '../handlers/stage-fixtures';

describe('decodeS3Key', () => {
  it('turns "+" into a space and percent-escapes into characters, once', () => {
    expect(decodeS3Key('news/my+file%2B1.txt')).toBe('news/my file+1.txt');
    expect(decodeS3Key('caf%C3%A9/r%C3%A9sum%C3%A9.md')).toBe('café/résumé.md');
    // A literal "%25" stays a percent sign followed by the rest: decoding twice would be wrong.
    expect(decodeS3Key('100%2525.txt')).toBe('100%25.txt');
  });
});

describe('parseS3Notification', () => {
  it('recognises the s3:TestEvent S3 sends when notifications are configured', () => {
    expect(parseS3Notification(S3_TEST_EVENT)).toStrictEqual({ kind: 'test' });
  });

  it('reads a created object with its decoded key, size, etag, version and sequencer', () => {
    const body = s3Notification(
      s3Record({
        eventName: 'ObjectCreated:CompleteMultipartUpload',
        key: 'in/two+words.txt.gz',
        size: 1234,
        eTag: 'abc',
        versionId: 'v7',
        sequencer: '0065F1A2B3C4D5E6F7',
        eventTime: '2026-11-23T10:00:01.000Z',
      }),
    );

    expect(parseS3Notification(body)).toStrictEqual({
      kind: 'records',
      ignored: 0,
      records: [
        {
          action: 'created',
          eventName: 'ObjectCreated:CompleteMultipartUpload',
          bucket: 'drop-bucket',
          key: 'in/two words.txt.gz',
          size: 1234,
          etag: 'abc',
          versionId: 'v7',
          sequencer: '0065F1A2B3C4D5E6F7',
          eventTime: '2026-11-23T10:00:01.000Z',
        },
      ],
    });
  });

  it('reads removals (delete and delete marker) without size or etag', () => {
    const body = s3Notification(
      s3Record({ eventName: 'ObjectRemoved:Delete', key: 'a.txt', sequencer: '01' }),
      s3Record({
        eventName: 'ObjectRemoved:DeleteMarkerCreated',
        key: 'b.txt',
        versionId: 'dm',
        sequencer: '02',
      }),
    );

    const parsed = parseS3Notification(body);

    expect(
      parsed.kind === 'records' && parsed.records.map((r) => [r.action, r.key, r.size, r.etag, r.versionId]),
    ).toStrictEqual([
      ['removed', 'a.txt', null, null, null],
      ['removed', 'b.txt', null, null, 'dm'],
    ]);
  });

  it('skips and counts event types the pipeline does not act on', () => {
    const body = s3Notification(
      s3Record({ eventName: 'ObjectRestore:Completed', key: 'a.txt' }),
      s3Record({ eventName: 'ObjectCreated:Copy', key: 'b.txt', size: 1 }),
    );

    const parsed = parseS3Notification(body);

    expect(parsed.kind === 'records' && [parsed.ignored, parsed.records.map((r) => r.key)]).toStrictEqual([
      1,
      ['b.txt'],
    ]);
  });

  it('throws on a body that is neither a test event nor S3 records', () => {
    expect(() => parseS3Notification({ hello: 'world' })).toThrow();
    expect(() => parseS3Notification({ Records: [{ eventName: 'ObjectCreated:Put', s3: {} }] })).toThrow();
    expect(() => parseS3Notification(null)).toThrow();
  });
});
