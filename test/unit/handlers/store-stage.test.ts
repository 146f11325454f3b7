import type { ArticleStore } from '../../../lambdas/aws/article-store';
import { createStoreHandler } from '../../../lambdas/store/store-stage';
import type { EnrichedMessage } from '../../../lambdas/core/messages';
import {
  FakeClaimChecks,
  REVISION,
  article,
  lambdaContext,
  quietObservability,
  sqsEvent,
  sqsRecord,
} from './stage-fixtures';

/** Records each call; a message whose key is in `failKeys` fails like a throttled table. */
class FakeStore implements ArticleStore {
  readonly calls: Array<[string, EnrichedMessage]> = [];
  readonly failKeys = new Set<string>();

  private async record(method: string, message: EnrichedMessage, key: string): Promise<void> {
    if (this.failKeys.has(key))
      throw Object.assign(new Error('Throughput exceeded'), {
        name: 'ProvisionedThroughputExceededException',
      });
    this.calls.push([method, message]);
  }
  saveArticle(message: Extract<EnrichedMessage, { type: 'enriched' }>) {
    return this.record('saveArticle', message, message.article.source.key);
  }
  saveRejection(message: Extract<EnrichedMessage, { type: 'rejection' }>) {
    return this.record('saveRejection', message, message.rejection.source.key);
  }
  removeObject(message: Extract<EnrichedMessage, { type: 'removal' }>) {
    return this.record('removeObject', message, message.object.key);
  }
}

function setup() {
  const store = new FakeStore();
  const claimChecks = new FakeClaimChecks();
  const handler = createStoreHandler({ claimChecks, store, observability: quietObservability() });
  return { handler, store, claimChecks };
}

const enriched: EnrichedMessage = {
  v: 1,
  type: 'enriched',
  revision: REVISION,
  article: article(),
  fileArticleIds: [article().id],
  enrichment: { entities: [], quotes: [], events: [], timexes: [] },
};
const rejection: EnrichedMessage = {
  v: 1,
  type: 'rejection',
  revision: REVISION,
  rejection: { source: { ...article().source, key: 'bad.bin' }, reason: 'binary', message: 'Not text.' },
};
const removal: EnrichedMessage = {
  v: 1,
  type: 'removal',
  revision: REVISION,
  object: { bucket: 'drop-bucket', key: 'gone.txt', versionId: 'v3' },
};

describe('store stage', () => {
  it('saves articles and rejections and removes objects, one store call per message', async () => {
    const { handler, store } = setup();

    const response = await handler(
      sqsEvent(sqsRecord(enriched), sqsRecord(rejection), sqsRecord(removal)),
      lambdaContext(),
    );

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect(store.calls).toStrictEqual([
      ['saveArticle', enriched],
      ['saveRejection', rejection],
      ['removeObject', removal],
    ]);
  });

  it('resolves a claim-checked enriched message', async () => {
    const { handler, store, claimChecks } = setup();
    const claim = await claimChecks.put(JSON.stringify(enriched));

    await handler(sqsEvent(sqsRecord(claim)), lambdaContext());

    expect(store.calls).toStrictEqual([['saveArticle', enriched]]);
  });

  it('fails only the record whose write failed', async () => {
    const { handler, store } = setup();
    store.failKeys.add('bad.bin');
    const ok = sqsRecord(enriched);
    const failing = sqsRecord(rejection);

    const response = await handler(sqsEvent(ok, failing), lambdaContext());

    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: failing.messageId }] });
    expect(store.calls).toStrictEqual([['saveArticle', enriched]]);
  });

  it('fails a parse-stage message that reached the store queue without enrichment', async () => {
    const { handler, store } = setup();
    const unenriched = sqsRecord({ ...enriched, type: 'article', enrichment: undefined });

    const response = await handler(sqsEvent(unenriched), lambdaContext());

    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: unenriched.messageId }] });
    expect(store.calls).toStrictEqual([]);
  });
});
