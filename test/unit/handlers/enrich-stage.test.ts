import { createEnrichHandler } from '../../../lambdas/enrich/enrich-stage';
import type { Enrichment } from '../../../lambdas/core/enrich/model';
import type { EnrichedMessage, ParsedMessage } from '../../../lambdas/core/messages';
import {
  FakeClaimChecks,
  FakeQueue,
  REVISION,
  article,
  lambdaContext,
  quietObservability,
  sqsEvent,
  sqsRecord,
} from './stage-fixtures';

// The extractor is substituted through the deps; keep the real one out of this suite.
jest.mock('../../../lambdas/core/enrich/enrich-article', () => ({
  enrichArticle: () => {
    throw new Error('the tests pass enrich');
  },
}));

const ENRICHMENT: Enrichment = {
  entities: [
    {
      name: 'Geneva',
      type: 'location',
      aliases: [],
      mentions: [{ paragraph: 0, start: 0, end: 6, text: 'GENEVA' }],
    },
  ],
  quotes: [
    {
      text: 'We agreed,',
      kind: 'direct',
      speaker: { name: 'the minister', kind: 'unknown' },
      cue: 'said',
      paragraph: 1,
      start: 1,
      end: 11,
    },
  ],
  events: [],
  timexes: [],
};

function setup() {
  const next = new FakeQueue<EnrichedMessage>();
  const claimChecks = new FakeClaimChecks();
  const observability = quietObservability();
  const handler = createEnrichHandler({ claimChecks, next, observability, enrich: () => ENRICHMENT });
  return { handler, next, claimChecks, recorded: observability.recorded };
}

const articleMessage: ParsedMessage = {
  v: 1,
  type: 'article',
  revision: REVISION,
  article: article(),
  fileArticleIds: [article().id],
};

describe('enrich stage', () => {
  it('adds the enrichment to each article and sends it on as an enriched message', async () => {
    const { handler, next, recorded } = setup();

    const response = await handler(sqsEvent(sqsRecord(articleMessage)), lambdaContext());

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect(next.sent).toStrictEqual([
      {
        v: 1,
        type: 'enriched',
        revision: REVISION,
        article: article(),
        fileArticleIds: [article().id],
        enrichment: ENRICHMENT,
      },
    ]);
    expect(recorded).toStrictEqual([
      { name: 'ArticlesEnriched', value: 1 },
      { name: 'EntitiesFound', value: 1 },
      { name: 'QuotesFound', value: 1 },
      { name: 'EventsFound', value: 0 },
    ]);
  });

  it('passes rejections and removals through unchanged', async () => {
    const { handler, next } = setup();
    const rejection: ParsedMessage = {
      v: 1,
      type: 'rejection',
      revision: REVISION,
      rejection: { source: article().source, reason: 'binary', message: 'Not text.' },
    };
    const removal: ParsedMessage = {
      v: 1,
      type: 'removal',
      revision: REVISION,
      object: { bucket: 'drop-bucket', key: 'news/geneva.txt', versionId: null },
    };

    await handler(sqsEvent(sqsRecord(rejection), sqsRecord(removal)), lambdaContext());

    expect(next.sent).toStrictEqual([rejection, removal]);
  });

  it('resolves a claim-checked message before validating it', async () => {
    const { handler, next, claimChecks } = setup();
    const claim = await claimChecks.put(JSON.stringify(articleMessage));

    const response = await handler(sqsEvent(sqsRecord(claim)), lambdaContext());

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect(next.sent).toStrictEqual([expect.objectContaining({ type: 'enriched', article: article() })]);
  });

  it('fails only the records that are not valid parsed messages', async () => {
    const { handler, next } = setup();
    const wrongVersion = sqsRecord({ ...articleMessage, v: 2 });
    const badArticleId = sqsRecord({ ...articleMessage, article: { ...article(), id: 'NOT-AN-ID' } });
    const ok = sqsRecord(articleMessage);

    const response = await handler(sqsEvent(wrongVersion, ok, badArticleId), lambdaContext());

    expect(response).toStrictEqual({
      batchItemFailures: [
        { itemIdentifier: wrongVersion.messageId },
        { itemIdentifier: badArticleId.messageId },
      ],
    });
    expect(next.sent).toHaveLength(1);
  });

  it('fails the record when the store queue cannot be reached, so it is retried', async () => {
    const { handler, next } = setup();
    next.failWith = new Error('SQS unavailable');
    const record = sqsRecord(articleMessage);

    const response = await handler(sqsEvent(record), lambdaContext());

    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
  });

  it('sends what the batch’s records produce together, once every record is handled', async () => {
    const { handler, next } = setup();
    const records = [sqsRecord(articleMessage), sqsRecord(articleMessage), sqsRecord(articleMessage)];
    const invalid = sqsRecord({ ...articleMessage, v: 2 });

    const response = await handler(sqsEvent(records[0]!, invalid, records[1]!, records[2]!), lambdaContext());

    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: invalid.messageId }] });
    // One send for the three good records (SendMessageBatch groups of ten within it), none for the bad one.
    expect(next.calls).toEqual([3]);
  });

  it('fails every record whose messages a failed send carried, and no other', async () => {
    const { handler, next } = setup();
    next.failWith = new Error('SQS unavailable');
    const ok = [sqsRecord(articleMessage), sqsRecord(articleMessage)];
    const invalid = sqsRecord({ ...articleMessage, v: 2 });

    const response = await handler(sqsEvent(ok[0]!, invalid, ok[1]!), lambdaContext());

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      [invalid.messageId, ok[0]!.messageId, ok[1]!.messageId].sort(),
    );
  });
});
