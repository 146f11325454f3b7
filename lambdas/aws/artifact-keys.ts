/**
 * Key layout of the artifacts bucket, shared by the adapters that write it and the CDK construct that sets its
 * lifecycle and grants.
 */
export const ARTIFACT_PREFIXES = {
  /** Stage messages too large for SQS; expire after the configured days. */
  claimChecks: 'claim-checks/',
  /** Article bodies too large for one DynamoDB item; kept until the store deletes the article. */
  articleBodies: 'article-bodies/',
} as const;
