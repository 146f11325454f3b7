import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ArticleTable, INDEX_PROJECTION_CONTEXT } from '../../../lib/article-table';
import {
  EVENT_UNDER_ACTOR_VIEW,
  INDEXES,
  MAX_PROJECTED_PER_INDEX,
  MAX_PROJECTED_PER_TABLE,
} from '../../../lambdas/core/table-schema';

function indexes(context: Record<string, unknown>): unknown[] {
  const stack = new Stack(new App({ context }), 'T');
  new ArticleTable(stack, 'Articles', {
    removal: 'destroy',
    pointInTimeRecovery: false,
    deletionProtection: false,
  });
  const tables = Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable');
  const table = Object.values(tables)[0] as {
    Properties: { GlobalSecondaryIndexes: { Projection: unknown }[] };
  };
  return table.Properties.GlobalSecondaryIndexes.map((i) => i.Projection);
}

describe('ArticleTable index projections', () => {
  it('projects into each index only what its queries show', () => {
    expect(indexes({})).toEqual(
      Object.values(INDEXES).map((index) => ({
        ProjectionType: 'INCLUDE',
        NonKeyAttributes: [...index.projected],
      })),
    );
    // Never the body: it is most of an article's bytes and no index query shows it.
    for (const index of Object.values(INDEXES)) expect(index.projected).not.toContain('body');
  });

  it('stays within DynamoDB’s projection limits, which CloudFormation enforces at deploy', () => {
    const counts = Object.values(INDEXES).map((index) => index.projected.length);
    for (const count of counts) expect(count).toBeLessThanOrEqual(MAX_PROJECTED_PER_INDEX);
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(MAX_PROJECTED_PER_TABLE);
  });

  it('projects what the actor view reads from an event item into both indexes that file it by actor', () => {
    // gsi1 holds an event under its first actor, gsi3 under its second; the label is derived from the root.
    const needed = EVENT_UNDER_ACTOR_VIEW.filter((name) => name !== 'label');
    expect(INDEXES.gsi1.projected).toEqual(expect.arrayContaining(needed));
    expect(INDEXES.gsi3.projected).toEqual(expect.arrayContaining(needed));
    // A root's events are filtered on `root` in its gsi2 shard: a filter sees only projected attributes.
    expect(INDEXES.gsi2.projected).toContain('root');
  });

  it(`keeps full projections with -c ${INDEX_PROJECTION_CONTEXT}=all, for tables created before`, () => {
    expect(indexes({ [INDEX_PROJECTION_CONTEXT]: 'all' })).toEqual(
      Object.values(INDEXES).map(() => ({ ProjectionType: 'ALL' })),
    );
  });
});
