/**
 * `npm run load -- --articles N [--json]`: N generated articles through the embedded local stack, counted
 * exactly from the table afterwards (see local/load-run.ts).
 */
import '../local/node-support';
import { parseArgs } from 'node:util';
import { runLoad } from '../local/load-run';

const USAGE = `usage: npm run load -- --articles N [options]
  --articles N          article files to generate and drop (required)
  --json                print the report as one JSON object on stdout
  --seed S              generator seed (default 1): the same seed gives the same files
  --junk-percent P      non-article files added, as a percentage of N (default 1); they must end as rejections
  --template-stage S    whose event-source settings the local stack mirrors: dev (default), staging or prod
  --timeout SECONDS     how long to wait for the queues to drain (default 3600)
  --handler-threads N   worker threads running the stage handlers (default: one per core, at least 2; 0: none)
The run starts its own local stack (DynamoDB Local + fauxqs) and stops it at the end.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string' },
      json: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      'junk-percent': { type: 'string', default: '1' },
      'template-stage': { type: 'string', default: 'dev' },
      timeout: { type: 'string', default: '3600' },
      'handler-threads': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const articles = Number(values.articles);
  const seed = Number(values.seed);
  const junkPercent = Number(values['junk-percent']);
  const timeoutSeconds = Number(values.timeout);
  const handlerThreads =
    values['handler-threads'] === undefined ? undefined : Number(values['handler-threads']);
  const problems = [
    !(Number.isInteger(articles) && articles > 0) &&
      `--articles expects a positive integer, got '${values.articles ?? ''}'`,
    !Number.isInteger(seed) && `--seed expects an integer, got '${values.seed}'`,
    !(junkPercent >= 0 && junkPercent <= 100) &&
      `--junk-percent expects 0–100, got '${values['junk-percent']}'`,
    !(timeoutSeconds > 0) && `--timeout expects seconds, got '${values.timeout}'`,
    handlerThreads !== undefined &&
      !(Number.isInteger(handlerThreads) && handlerThreads >= 0) &&
      `--handler-threads expects a whole number, got '${values['handler-threads']}'`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  const tty = process.stderr.isTTY;
  let lastLength = 0;
  const report = await runLoad({
    articles,
    seed,
    junkPercent,
    templateStage: values['template-stage'],
    timeoutSeconds,
    ...(handlerThreads !== undefined && { handlerThreads }),
    // One line, rewritten in place.
    onProgress: (line) => {
      process.stderr.write(`\r${line.padEnd(lastLength)}`);
      lastLength = line.length;
    },
  });
  process.stderr.write(tty ? '\r\x1b[K' : '\n');
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    process.stdout.write(
      `${report.articles} articles (+${report.files - report.articles} junk files) in ${report.seconds} s: ` +
        `${report.articles_per_s} articles/s\n` +
        `stored ${report.stored} · rejected ${report.rejected} · dead-lettered ${report.dead_lettered} · ` +
        `lost ${report.lost} · duplicated ${report.duplicated} · unexpected ${report.unexpected}\n` +
        `${report.quotes} quotes · ${report.events} events · peak RSS ${report.rss_mb_max} MB ` +
        `(${report.rss_mb_max_total} MB with the emulators)\n` +
        `CPU seconds: ${Object.entries(report.cpu_s)
          .map(([k, v]) => `${k} ${v}`)
          .join(' · ')}\n` +
        Object.entries(report.stages)
          .map(
            ([s, f]) =>
              `${s}: ${f.invocations} invocations, mean batch ${f.mean_batch}/${f.batch_size}, ` +
              `${f.handler_s} s in the handler (max concurrency ${f.max_concurrency})`,
          )
          .join('\n') +
        '\n',
    );
  }
  const clean =
    report.lost === 0 && report.duplicated === 0 && report.dead_lettered === 0 && report.unexpected === 0;
  return clean ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`\nload failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
