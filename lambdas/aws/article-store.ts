import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EnrichedMessage } from '../core/messages';

export type EnrichedArticleMessage = Extract<EnrichedMessage, { type: 'enriched' }>;
export type RejectionMessage = Extract<EnrichedMessage, { type: 'rejection' }>;
export type RemovalMessage = Extract<EnrichedMessage, { type: 'removal' }>;

/** What the store stage needs from the table. Every method is idempotent and safe to repeat. */
export interface ArticleStore {
  saveArticle(message: EnrichedArticleMessage): Promise<void>;
  saveRejection(message: RejectionMessage): Promise<void>;
  removeObject(message: RemovalMessage): Promise<void>;
}

/** (Placeholder until the store work lands; see issue 6.) */
export function createArticleStore(_doc: DynamoDBDocumentClient, _tableName: string): ArticleStore {
  const unavailable = async (): Promise<void> => {
    throw new Error('article store not yet available');
  };
  return { saveArticle: unavailable, saveRejection: unavailable, removeObject: unavailable };
}
