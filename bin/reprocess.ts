/**
 * `npm run reprocess -- [--stage S] [--prefix P] [--since YYYY-MM-DD] [--dry-run]`: stored objects through
 * the current pipeline version again (see local/reprocess-command.ts).
 */
import '../local/node-support';
import { parseArgs } from 'node:util';
import { runOpsCommand, UsageError } from '../local/ops-command';
import { opsTarget } from '../local/ops-target';
import { checkpointsFor, reprocess, validateSince } from '../local/reprocess-command';

const USAGE = `usage: npm run reprocess -- [--stage dev|staging|prod] [--prefix P] [--since YYYY-MM-DD] [--dry-run]
  Re-runs the drop bucket's current objects through the current pipeline (the backfill after a rule change):
  one S3-shaped ObjectCreated event per object to the parse queue, carrying the revision the table records,
  so unchanged articles write nothing and changed ones have exactly their changed items replaced.
  --prefix P      only keys starting with P
  --since D       only objects last modified on or after day D (UTC)
  --dry-run       list what would be sent; send nothing, keep no checkpoint
  --rate N        messages per second (default 25), so live uploads keep their share of the parse stage
  --restart       ignore the checkpoint of an earlier run with the same bucket, prefix and since
  --stage S       a deployed stage: bucket, queue and table from the stack's outputs (Dateline-Dev, -Staging,
                  -Prod); the checkpoint is kept in its artifacts bucket under reprocess/
  (no --stage)    the running local stack (\`npm start\`); the checkpoint is kept in .local/reprocess/
  --persist DIR   the local stack started with \`npm start -- --persist DIR\` (checkpoint in DIR/reprocess/)
  --json          the report as one JSON object
Interrupted (Ctrl-C, crash)? Run the same command again: it continues after the last batch sent.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      stage: { type: 'string' },
      persist: { type: 'string' },
      prefix: { type: 'string' },
      since: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      rate: { type: 'string', default: '25' },
      restart: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const rate = Number(values.rate);
  if (!(rate > 0 && rate <= 3000))
    throw new UsageError(`--rate expects messages per second (1–3000), got "${values.rate}"`);
  try {
    validateSince(values.since);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const target = await opsTarget({
    ...(values.stage !== undefined && { stage: values.stage }),
    ...(values.persist !== undefined && { persist: values.persist }),
  });
  const params = {
    ...(values.prefix !== undefined && { prefix: values.prefix }),
    ...(values.since !== undefined && { since: values.since }),
  };
  const abort = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\nstopping after the batch in flight (the checkpoint keeps the place)…\n');
    abort.abort();
  });
  try {
    const report = await reprocess(target, {
      ...params,
      dryRun: values['dry-run'],
      rate,
      restart: values.restart,
      checkpoints: checkpointsFor(target, params),
      signal: abort.signal,
      onProgress: (line) => process.stderr.write(`\r${line}`),
      onObject: (o) =>
        process.stdout.write(
          `would send ${o.key}  (${o.size} bytes, modified ${o.lastModified}, revision ${o.revision})\n`,
        ),
    });
    if (report.sent > 0 && !report.dryRun) process.stderr.write('\n');
    if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else if (report.alreadyDone) {
      process.stdout.write(
        `Already done: ${report.sentTotal} objects of s3://${report.bucket}/${params.prefix ?? ''} were sent by an earlier run ` +
          `(checkpoint ${report.checkpoint}). Use --restart to run it again.\n`,
      );
    } else {
      const verb = report.dryRun ? 'Would send' : 'Sent';
      process.stdout.write(
        `${verb} ${report.sent} ObjectCreated events to the parse queue of ${target.label} in ${report.seconds} s` +
          (report.resumedAfter ? ` (resumed after ${report.resumedAfter})` : '') +
          (report.dryRun
            ? '.\n'
            : `; ${report.sentTotal} in this run overall. Checkpoint: ${report.checkpoint}\n`) +
          (report.interrupted ? 'Interrupted: run the same command again to continue.\n' : ''),
      );
    }
    return report.interrupted ? 130 : 0;
  } finally {
    target.close();
  }
}

runOpsCommand('reprocess', USAGE, main);
