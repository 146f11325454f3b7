/**
 * Test support: an article's event items as the layout before root-sharded months wrote them, for tests that
 * check the queries over a table written by an earlier version (and that a rewrite moves them).
 *
 * That layout: the event item on gsi2 `EVM#<month>#<FNV(sort key) mod 4>` and on gsi3 `EVR#<root>#<month>`,
 * filed under its first distinct actor on gsi1; an `event-actor` item (gsi1) for every further distinct actor,
 * the second included.
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys, nameKey, shardOf, type TableItem } from '../../../lambdas/core/items';

interface Actor {
  readonly name: string;
  readonly role: string;
}

/** The old layout of one content item: events re-keyed (and an event-actor for the second actor), others as is. */
export function legacyEventItems(item: TableItem): TableItem[] {
  if (item['type'] !== 'event') return [item];
  const { gsi3pk, gsi3sk, ...event } = item as TableItem & { gsi3pk?: string; gsi3sk?: string };
  const sk = String(event['gsi1sk'] ?? gsi3sk ?? '');
  const legacy: TableItem = { ...event };
  if (typeof event['gsi2pk'] === 'string') {
    const month = event['gsi2pk'].split('#')[1] as string;
    Object.assign(legacy, {
      gsi2pk: `EVM#${month}#${shardOf(String(event['gsi2sk']))}`,
      gsi3pk: `EVR#${String(event['root'])}#${month}`,
      gsi3sk: event['gsi2sk'],
    });
  }
  if (gsi3pk === undefined) return [legacy];
  const second = gsi3pk.slice('ACT#'.length);
  const mentions = (event['actors'] as unknown as Actor[]).filter((a) => nameKey(a.name) === second);
  const index = Number(event['index']);
  const actorItem: TableItem = {
    ...keys.eventActor(String(event['articleId']), index, second),
    type: 'event-actor',
    articleId: event['articleId'] ?? null,
    published: event['published'] ?? null,
    publisher: event['publisher'] ?? null,
    title: event['title'] ?? null,
    eventIndex: index,
    actor: (mentions[0] as Actor).name,
    roles: [...new Set(mentions.map((a) => a.role))],
    date: event['date'] ?? null,
    root: event['root'] ?? null,
    label: event['label'] ?? null,
    sentence: event['sentence'] ?? null,
    gsi1pk: gsi3pk,
    gsi1sk: sk,
  };
  return [legacy, actorItem];
}

/** Rewrites an article's stored event items in the old layout, as a table written before would hold them. */
export async function toLegacyLayout(
  doc: DynamoDBDocumentClient,
  tableName: string,
  articleId: string,
): Promise<void> {
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':pk': keys.articlePartition(articleId), ':e': 'E#' },
      ConsistentRead: true,
    }),
  );
  const items = (out.Items ?? []) as TableItem[];
  if (!items.some((i) => i['type'] === 'event')) throw new Error(`article ${articleId} has no events`);
  for (const item of items) {
    await doc.send(new DeleteCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk } }));
  }
  for (const item of items.flatMap(legacyEventItems)) {
    await doc.send(new PutCommand({ TableName: tableName, Item: item }));
  }
}
