import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { ENV } from '../environment';

/**
 * The S3 client of a stage. Region, credentials and endpoint come from the SDK's usual sources (so
 * AWS_ENDPOINT_URL_S3 points it at an emulator); path-style addressing, which the SDK reads from no
 * variable, is switched on by AWS_S3_FORCE_PATH_STYLE=true or by passing `forcePathStyle`.
 */
export function createS3Client(config: S3ClientConfig = {}, env: NodeJS.ProcessEnv = process.env): S3Client {
  return new S3Client({ forcePathStyle: env[ENV.s3ForcePathStyle] === 'true', ...config });
}
