import * as z from 'zod';
import type { Revision } from '../messages';

/** A message's revision together with the object it describes: what the store compares before writing. */
export interface StoredRevision {
  readonly pipelineVersion: number;
  readonly bucket: string;
  readonly key: string;
  readonly sequencer: string | null;
  readonly eventTime: string;
}

/** Validates a revision read back from the table. */
export const StoredRevisionSchema = z.object({
  pipelineVersion: z.number(),
  bucket: z.string(),
  key: z.string(),
  sequencer: z.string().nullable(),
  eventTime: z.string(),
});

export type RevisionOrder = 'newer' | 'same' | 'older';

export function storedRevision(revision: Revision, object: { bucket: string; key: string }): StoredRevision {
  return {
    pipelineVersion: revision.pipelineVersion,
    bucket: object.bucket,
    key: object.key,
    sequencer: revision.sequencer,
    eventTime: revision.eventTime,
  };
}

/**
 * S3 sequencers are hex strings of varying length: left-pad the shorter with zeros, then compare
 * lexicographically (they only order events of the same key).
 */
export function compareSequencers(a: string, b: string): number {
  const width = Math.max(a.length, b.length);
  const x = a.toUpperCase().padStart(width, '0');
  const y = b.toUpperCase().padStart(width, '0');
  return x < y ? -1 : x > y ? 1 : 0;
}

function sign(n: number): RevisionOrder {
  return n > 0 ? 'newer' : n < 0 ? 'older' : 'same';
}

/**
 * Is `incoming` newer than what is stored? The pipeline version decides first: a late result of an older
 * version never overwrites a newer one. For the same object the S3 sequencer orders events (event time when
 * a sequencer is missing); results from different objects carrying the same article are ordered by event time,
 * then by object name, so the outcome never depends on arrival order.
 */
export function orderRevisions(incoming: StoredRevision, stored: StoredRevision): RevisionOrder {
  if (incoming.pipelineVersion !== stored.pipelineVersion) {
    return sign(incoming.pipelineVersion - stored.pipelineVersion);
  }
  const sameObject = incoming.bucket === stored.bucket && incoming.key === stored.key;
  if (sameObject && incoming.sequencer !== null && stored.sequencer !== null) {
    return sign(compareSequencers(incoming.sequencer, stored.sequencer));
  }
  if (incoming.eventTime !== stored.eventTime) {
    return sign(
      Date.parse(incoming.eventTime) - Date.parse(stored.eventTime) ||
        incoming.eventTime.localeCompare(stored.eventTime),
    );
  }
  if (sameObject) return 'same';
  const a = `${incoming.bucket}/${incoming.key}`;
  const b = `${stored.bucket}/${stored.key}`;
  return sign(a < b ? -1 : a > b ? 1 : 0);
}

/** A string that identifies a revision exactly: the value conditional writes compare. */
export function revisionToken(revision: StoredRevision): string {
  return [
    revision.pipelineVersion,
    revision.eventTime,
    revision.sequencer ?? '-',
    `${revision.bucket}/${revision.key}`,
  ].join('|');
}
