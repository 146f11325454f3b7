import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { ENV } from '../environment';
import { withoutUnreadCallLogs } from './call-logging';

/**
 * S3 client settings of a stage. Region, credentials and endpoint come from the SDK's usual sources (so
 * AWS_ENDPOINT_URL_S3 points it at an emulator); path-style addressing, which the SDK reads from no
 * variable, is switched on by AWS_S3_FORCE_PATH_STYLE=true (fauxqs serves buckets only path-style).
 */
export function s3ClientConfig(
  config: S3ClientConfig = {},
  env: NodeJS.ProcessEnv = process.env,
): S3ClientConfig {
  return { forcePathStyle: env[ENV.s3ForcePathStyle] === 'true', ...config };
}

/** An S3 client, or a function that creates one on first use. */
export type S3ClientSource = S3Client | (() => Promise<S3Client>);

/**
 * A client created on first use. Enrich and store need S3 only for the rare claim check; loading the S3 SDK
 * at init would add ~40 ms to every cold start for it.
 */
export function lazyS3Client(
  config: S3ClientConfig = {},
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<S3Client> {
  let client: Promise<S3Client> | undefined;
  return () =>
    (client ??= import('@aws-sdk/client-s3').then(({ S3Client: Client }) =>
      withoutUnreadCallLogs(new Client(s3ClientConfig(config, env)), config.logger),
    ));
}

/** Resolves a source to its client (creating it the first time). */
export function resolveS3Client(source: S3ClientSource): Promise<S3Client> {
  return typeof source === 'function' ? source() : Promise.resolve(source);
}
