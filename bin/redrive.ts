/**
 * `npm run redrive -- --queue parse|enrich|store [--stage S]`: a stage's dead-letter messages back to its
 * queue (see local/redrive-command.ts).
 */
import '../local/node-support';
import { parseArgs } from 'node:util';
import { runOpsCommand, UsageError } from '../local/ops-command';
import { opsTarget } from '../local/ops-target';
import { isPipelineStage, redrive } from '../local/redrive-command';

const USAGE = `usage: npm run redrive -- --queue parse|enrich|store [--stage dev|staging|prod] [--persist DIR] [--json]
  Moves every message in the stage's dead-letter queue back to the stage's queue, and waits until done.
  Fix the cause first (read the stage's logs; \`npm run query -- object KEY\` shows a file's fate).
  --queue Q      parse, enrich or store: whose dead-letter queue to drain
  --stage S      a deployed stage: the queues come from the stack's outputs (Dateline-Dev, -Staging, -Prod),
                 the move is an SQS StartMessageMoveTask (credentials and region from the usual AWS settings)
  (no --stage)   the running local stack (\`npm start\`), found through .local/stack.json
  --persist DIR  the local stack started with \`npm start -- --persist DIR\`
  --json         the report as one JSON object`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      queue: { type: 'string' },
      stage: { type: 'string' },
      persist: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const queue = values.queue ?? '';
  if (!isPipelineStage(queue)) throw new UsageError(`--queue must be parse, enrich or store, got "${queue}"`);
  const target = await opsTarget({
    ...(values.stage !== undefined && { stage: values.stage }),
    ...(values.persist !== undefined && { persist: values.persist }),
  });
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  try {
    const report = await redrive(target, queue, (line) => process.stderr.write(`\r${line}`), abort.signal);
    process.stderr.write('\n');
    if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      process.stdout.write(
        report.found === 0 && report.moved === 0
          ? `The ${queue} dead-letter queue of ${target.label} is empty: nothing to redrive.\n`
          : `Moved ${report.moved} of ${report.found} messages from the ${queue} dead-letter queue back to the ${queue} queue ` +
              `of ${target.label} (${report.method}${report.status ? `, task ${report.status}` : ''}).\n` +
              (report.failureReason ? `The move task failed: ${report.failureReason}\n` : ''),
      );
    }
    return report.status === 'FAILED' ? 1 : 0;
  } finally {
    target.close();
  }
}

runOpsCommand('redrive', USAGE, main);
