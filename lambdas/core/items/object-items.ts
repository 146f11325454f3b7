import type { Rejection, SourceRef } from '../article/record';
import { TTL_ATTRIBUTE } from '../table-schema';
import type { AttributeValue, TableItem } from './item';
import { indexKeys, keys, objectId } from './keys';
import { revisionToken, type StoredRevision } from './revision';

/** What an S3 object currently holds, as far as the table knows. */
export type ObjectState = 'articles' | 'rejected' | 'removed';

/** A removed object's record stays this long, so late events of the old object are still recognised as stale. */
export const TOMBSTONE_DAYS = 30;

export interface ObjectItem extends TableItem {
  readonly type: 'object';
  readonly bucket: string;
  readonly key: string;
  readonly state: ObjectState;
  readonly articleIds: readonly string[];
  readonly revision: StoredRevision & { readonly [name: string]: AttributeValue };
  readonly revisionToken: string;
}

/** The object's head record: the latest revision applied to it and the articles it carries. */
export function objectItem(
  bucket: string,
  key: string,
  state: ObjectState,
  articleIds: readonly string[],
  revision: StoredRevision,
): TableItem {
  const expiresAt = Math.floor(Date.parse(revision.eventTime) / 1000) + TOMBSTONE_DAYS * 86_400;
  return {
    ...keys.object(bucket, key),
    type: 'object',
    bucket,
    key,
    state,
    articleIds: [...new Set(articleIds)].sort(),
    revision: { ...revision },
    revisionToken: revisionToken(revision),
    ...(state === 'removed' && Number.isFinite(expiresAt) && { [TTL_ATTRIBUTE]: expiresAt }),
  };
}

/** A carrier item of the earlier layout ("this object carries this article"): now a HEAD attribute. */
export function carrierItem(articleId: string, source: SourceRef): TableItem {
  return {
    ...keys.carrier(articleId, source.bucket, source.key),
    type: 'carrier',
    articleId,
    object: objectId(source.bucket, source.key),
    source: { ...source },
  };
}

export function rejectionItem(rejection: Rejection, revision: StoredRevision): TableItem {
  const { bucket, key } = rejection.source;
  return {
    ...keys.rejection(bucket, key),
    type: 'rejection',
    bucket,
    key,
    reason: rejection.reason,
    message: rejection.message,
    source: { ...rejection.source },
    eventTime: revision.eventTime,
    revisionToken: revisionToken(revision),
    gsi3pk: indexKeys.rejections(),
    gsi3sk: `${revision.eventTime}#${objectId(bucket, key)}`,
  };
}
