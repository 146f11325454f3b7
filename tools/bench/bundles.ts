/**
 * `npm run bench -- --only bundles`: bundles each stage handler exactly as the CDK app does (same esbuild
 * options) and measures
 * - bundle_bytes: size of the deployed index.js (source map excluded);
 * - init_ms: time to load the bundle and run its module initialisation in a fresh Node process (median of
 *   RUNS), with the environment the handler checks at init set to dummy values. `@aws-sdk/*` is external in
 *   Lambda (the runtime provides it); here it resolves from node_modules.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV } from '../../lambdas/aws/environment';
import { PIPELINE_STAGES, type PipelineStageName } from '../../lib/config';
import { PIPELINE_BUNDLING } from '../../lib/pipeline-function';

export const name = 'bundles';

const ROOT = join(__dirname, '..', '..');
const RUNS = 7;

/** What the handlers read at init, as dummies: fail-fast passes, nothing is contacted. */
const DUMMY_ENV: Record<string, string> = {
  [ENV.nextQueueUrl]: 'https://sqs.us-east-1.amazonaws.com/123456789012/next',
  [ENV.artifactsBucket]: 'artifacts',
  [ENV.maxFileBytes]: '10485760',
  [ENV.tableName]: 'articles',
  AWS_REGION: 'us-east-1',
  POWERTOOLS_SERVICE_NAME: 'bench',
  POWERTOOLS_METRICS_NAMESPACE: 'Bench',
};

/** Same flags CDK passes to esbuild for a NodejsFunction with PIPELINE_BUNDLING. */
async function bundle(stage: PipelineStageName, outdir: string): Promise<string> {
  const outfile = join(outdir, stage, 'index.js');
  await build({
    entryPoints: [join(ROOT, 'lambdas', stage, 'handler.ts')],
    bundle: true,
    platform: 'node',
    target: PIPELINE_BUNDLING.target,
    format: PIPELINE_BUNDLING.format,
    mainFields: [...PIPELINE_BUNDLING.mainFields],
    minify: PIPELINE_BUNDLING.minify,
    sourcemap: PIPELINE_BUNDLING.sourceMap,
    sourcesContent: PIPELINE_BUNDLING.sourcesContent,
    external: [...PIPELINE_BUNDLING.externalModules],
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

/** One cold start: a new process that times require() of the bundle (module init included). */
function initOnce(bundlePath: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(bundlePath)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));`;
  const out = execFileSync(process.execPath, ['--enable-source-maps', '-e', script], {
    env: { ...process.env, ...DUMMY_ENV, NODE_PATH: join(ROOT, 'node_modules'), NODE_OPTIONS: '' },
    encoding: 'utf8',
    // The SDK warns on stderr about Node 20 here; only stdout carries the figure.
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return Number(out);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function run(): Promise<Record<string, unknown>> {
  const outdir = mkdtempSync(join(tmpdir(), 'dateline-bundles-'));
  try {
    const bundleBytes: Record<string, number> = {};
    const initMs: Record<string, number> = {};
    for (const stage of PIPELINE_STAGES) {
      const file = await bundle(stage, outdir);
      bundleBytes[stage] = statSync(file).size;
      initOnce(file); // warm the OS file cache once; every measured run is still a fresh process
      initMs[stage] = Math.round(median(Array.from({ length: RUNS }, () => initOnce(file))) * 10) / 10;
    }
    return { bundle_bytes: bundleBytes, init_ms: initMs };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
