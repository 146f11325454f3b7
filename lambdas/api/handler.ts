/**
 * Lambda entry of the read API (API Gateway HTTP API, payload v2). Configuration is read and checked once, at
 * init: a missing TABLE_NAME fails the cold start. Reads only (Query, GetItem) through the query module.
 */
import { getStringFromEnv } from '@aws-lambda-powertools/commons/utils/env';
import { ArticleQueries } from '../aws/article-queries';
import { createDocumentClient } from '../aws/clients/dynamodb';
import { ENV } from '../aws/environment';
import { createApiHandler } from './api-routes';

export const handler = createApiHandler({
  queries: new ArticleQueries(createDocumentClient(), getStringFromEnv({ key: ENV.tableName })),
});
