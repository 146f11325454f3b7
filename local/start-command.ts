/**
 * `npm start`: the whole pipeline on the embedded local stack.
 *
 *   npm start                              ingest samples/, then watch inbox/ until Ctrl-C
 *   npm start -- --once PATH...            ingest files/folders, wait until each is accounted for, summarize, exit
 *   npm start -- --once samples/ --json    the summary as one JSON object on stdout
 *   --persist DIR                          keep the table in DIR (DynamoDB Local -dbPath); DIR/stack.json says where
 *   --dynamodb-port N, --fauxqs-port N     fixed ports (free ports otherwise)
 *   --timeout SECONDS                      how long --once waits (default 300)
 *   --log-level DEBUG|INFO|WARN|ERROR      handler logs (default WARN)
 *   --port N                               dashboard port on 127.0.0.1 (default 8080; not with --once)
 */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ENV } from '../lambdas/aws/environment';
import { collectFiles, dropFile } from './drop';
import { watchInbox } from './inbox-watcher';
import { type LocalStack, startLocalStack } from './local-stack';
import { type FileResult, PipelineTracker } from './pipeline-tracker';
import {
  dynamoDbDataDir,
  removeStackFile,
  type StackFile,
  stackFilePath,
  writeStackFile,
} from './stack-file';
import type * as StageHandlers from './stage-handlers';
import type { LocalLogLevel } from './stage-handlers';
import { type DashboardServer, DEFAULT_DASHBOARD_PORT, startDashboardServer } from './dashboard-server';

export interface StartArgs {
  readonly once: boolean;
  readonly paths: string[];
  readonly json: boolean;
  readonly persist?: string;
  readonly dynamoDbPort?: number;
  readonly fauxqsPort?: number;
  readonly timeoutSeconds: number;
  readonly logLevel: LocalLogLevel;
  /** Dashboard port (plain `npm start` only); DEFAULT_DASHBOARD_PORT when absent. */
  readonly port?: number;
}

/** The --once summary; --json prints exactly these keys. */
export interface Summary {
  readonly files: number;
  readonly articles: number;
  readonly quotes: number;
  readonly events: number;
  readonly rejected: number;
  readonly 'dead-lettered': number;
  readonly seconds: number;
}

export const SAMPLES_DIR = 'samples';
export const INBOX_DIR = 'inbox';

function port(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new Error(`${flag} expects a port number, got '${value}'`);
  return n;
}

export function parseStartArgs(argv: readonly string[]): StartArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      once: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      persist: { type: 'string' },
      'dynamodb-port': { type: 'string' },
      'fauxqs-port': { type: 'string' },
      timeout: { type: 'string', default: '300' },
      'log-level': { type: 'string', default: 'WARN' },
      port: { type: 'string' },
    },
  });
  if (!values.once && positionals.length > 0) {
    throw new Error(
      `Paths are taken with --once only (got ${positionals.join(' ')}); plain \`npm start\` ingests samples/`,
    );
  }
  if (values.json && !values.once) throw new Error('--json goes with --once');
  if (values.port !== undefined && values.once)
    throw new Error('--port goes with plain `npm start` (--once serves no dashboard)');
  const timeoutSeconds = Number(values.timeout);
  if (!(timeoutSeconds > 0)) throw new Error(`--timeout expects seconds, got '${values.timeout}'`);
  const logLevel = values['log-level'].toUpperCase();
  if (!['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'].includes(logLevel)) {
    throw new Error(`--log-level expects DEBUG, INFO, WARN, ERROR or SILENT, got '${values['log-level']}'`);
  }
  return {
    once: values.once,
    paths: values.once ? (positionals.length > 0 ? positionals : [SAMPLES_DIR]) : [SAMPLES_DIR],
    json: values.json,
    ...(values.persist !== undefined && { persist: values.persist }),
    ...(values['dynamodb-port'] !== undefined && {
      dynamoDbPort: port(values['dynamodb-port'], '--dynamodb-port'),
    }),
    ...(values['fauxqs-port'] !== undefined && { fauxqsPort: port(values['fauxqs-port'], '--fauxqs-port') }),
    timeoutSeconds,
    logLevel: logLevel as LocalLogLevel,
    ...(values.port !== undefined && { port: port(values.port, '--port') }),
  };
}

export function summarize(results: readonly FileResult[], files: number, seconds: number): Summary {
  const sum = (pick: (r: FileResult) => number): number => results.reduce((n, r) => n + pick(r), 0);
  return {
    files,
    articles: sum((r) => r.articles),
    quotes: sum((r) => r.quotes),
    events: sum((r) => r.events),
    rejected: results.filter((r) => r.outcome === 'rejected').length,
    'dead-lettered': results.filter((r) => r.outcome === 'dead-lettered').length,
    seconds: Math.round(seconds * 10) / 10,
  };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatFileLine(result: FileResult): string {
  const stages = (['parse', 'enrich', 'store'] as const)
    .filter((s) => result.stageMs[s] !== undefined)
    .map((s) => `${s} ${result.stageMs[s]} ms`);
  const timing = `${[...stages, `${(result.totalMs / 1000).toFixed(2)} s end to end`].join(', ')}`;
  const what =
    result.outcome === 'stored'
      ? `${plural(result.articles, 'article')} · ${plural(result.quotes, 'quote')} · ${plural(result.events, 'event')}`
      : result.outcome === 'rejected'
        ? `rejected: ${result.detail ?? 'unknown reason'}`
        : `dead-lettered in the ${result.detail ?? 'DLQ'}`;
  const mark = { stored: '✓', rejected: '–', 'dead-lettered': '✗' }[result.outcome];
  return `${mark} ${result.key}  ${what}  (${timing})`;
}

export function formatSummary(summary: Summary): string {
  return (
    `${plural(summary.files, 'file')}: ${plural(summary.articles, 'article')}, ${plural(summary.quotes, 'quote')}, ` +
    `${plural(summary.events, 'event')}, ${summary.rejected} rejected, ${summary['dead-lettered']} dead-lettered ` +
    `in ${summary.seconds} s`
  );
}

interface Io {
  readonly out: (line: string) => void;
  readonly info: (line: string) => void;
}

function whereTheDataLives(stack: LocalStack, args: StartArgs, stackFile: string): string[] {
  const persist = args.persist ? ` --persist ${args.persist}` : '';
  return [
    `Data: table ${stack.tableName} on DynamoDB Local ${stack.endpoints.dynamodb}` +
      (args.persist
        ? ` (kept in ${dynamoDbDataDir(args.persist)})`
        : ' (in memory: gone when this stops; keep it with --persist DIR)'),
    `      drop bucket s3://${stack.dropBucket} and queues on fauxqs ${stack.endpoints.s3}; endpoints in ${relative(process.cwd(), stackFile) || stackFile}`,
    `Query: npm run query -- articles --publisher "The Valley Courier"${persist}   (in another terminal, while this runs${args.persist ? ' or after' : ''})`,
    `       npm run query -- quotes --speaker "Helen Varga"${persist}  ·  npm run query -- rejections${persist}  ·  npm run query -- --help`,
    `       aws dynamodb scan --table-name ${stack.tableName} --endpoint-url ${stack.endpoints.dynamodb} --region ${stack.region}`,
  ];
}

/** The queues and artifacts bucket stack.json records for `npm run redrive` and `npm run reprocess`. */
export function stackFileQueues(stack: LocalStack): Pick<StackFile, 'queues' | 'artifactsBucket'> {
  const queues: Record<string, { url: string; deadLetterUrl: string | null }> = {};
  for (const [name, stage] of Object.entries(stack.stages)) {
    queues[name] = { url: stage.queue.url, deadLetterUrl: stage.deadLetterQueue?.url ?? null };
  }
  const artifactsBucket = stack.stages.parse.environment[ENV.artifactsBucket];
  return { queues, ...(artifactsBucket && { artifactsBucket }) };
}

/** Runs the command; resolves with the exit code (plain `npm start` resolves when interrupted). */
export async function runStart(args: StartArgs, io: Io): Promise<number> {
  const started = Date.now();
  io.info(
    'Starting the local stack: DynamoDB Local (java) and fauxqs (S3 + SQS), resources from the dev template…',
  );
  let tracker: PipelineTracker | undefined;
  let handlers: Promise<typeof StageHandlers> | undefined;
  // A computed specifier: under CommonJS tsx loads it as require() would (a literal would need an ESM extension).
  const loadHandlers = (): Promise<typeof StageHandlers> =>
    (handlers ??= import(join(__dirname, 'stage-handlers')) as Promise<typeof StageHandlers>);
  const stack = await startLocalStack({
    persistDir: args.persist ? dynamoDbDataDir(args.persist) : undefined,
    dynamoDbPort: args.dynamoDbPort,
    fauxqsPort: args.fauxqsPort,
    // The handler modules load while the emulators boot (see preload).
    handlerFactory: async (runtime) =>
      (await loadHandlers()).pipelineHandlers({ logLevel: args.logLevel })(runtime),
    preload: loadHandlers,
    onInvocation: (stage, report) => tracker?.observe(stage, report),
    startPollers: false,
  });
  const stackFile = stackFilePath(args.persist);
  let stopping: Promise<void> | null = null;
  let dashboard: DashboardServer | undefined;
  const shutdown = (): Promise<void> =>
    (stopping ??= (async () => {
      tracker?.stop();
      await dashboard?.close();
      // A persisted stack keeps its stack.json: `npm run query -- --persist DIR` restarts DynamoDB Local from it.
      if (!args.persist) removeStackFile(stackFile);
      await stack.stop();
    })());
  const interrupted = new Promise<number>((resolveExit) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      io.info(`\n${signal}: stopping the local stack…`);
      void shutdown().then(() => resolveExit(signal === 'SIGINT' ? 130 : 143));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });

  try {
    writeStackFile(stackFile, {
      version: 1,
      pid: process.pid,
      startedAt: new Date().toISOString(),
      region: stack.region,
      endpoints: stack.endpoints,
      tableName: stack.tableName,
      dropBucket: stack.dropBucket,
      ...stackFileQueues(stack),
      persistDir: args.persist ? resolve(args.persist) : null,
    });
    const results: FileResult[] = [];
    tracker = new PipelineTracker(stack, (result) => {
      results.push(result);
      io.info(formatFileLine(result));
    });
    stack.startPollers();
    if (!args.once) {
      // Listening before ingesting: a taken --port fails at once; pages show files as they are stored.
      dashboard = await startDashboardServer({
        doc: stack.clients.doc,
        tableName: stack.tableName,
        port: args.port ?? DEFAULT_DASHBOARD_PORT,
        fallbackToFreePort: args.port === undefined,
        onError: (err, route) =>
          io.info(`dashboard: ${route}: ${err instanceof Error ? err.message : String(err)}`),
      });
    }
    io.info(`Stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s (table ${stack.tableName}).`);

    const files = collectFiles(args.paths);
    const ingestStarted = Date.now();
    io.info(`Ingesting ${plural(files.length, 'file')} from ${args.paths.join(' ')}…`);
    for (const file of files) {
      tracker.expect(stack.dropBucket, file.key);
      await dropFile(stack, file);
    }
    const targets = files.map((f) => ({ bucket: stack.dropBucket, key: f.key }));
    let accounted = true;
    const waited = tracker.waitFor(targets, args.timeoutSeconds * 1000).catch((err: Error) => {
      accounted = false;
      io.info(err.message);
    });
    const outcome = await Promise.race([waited.then(() => null), interrupted]);
    if (outcome !== null) return outcome;
    const summary = summarize(results, files.length, (Date.now() - ingestStarted) / 1000);
    if (args.json) io.out(JSON.stringify(summary));
    else io.info(formatSummary(summary));
    if (args.once) {
      await shutdown();
      return accounted && results.length === files.length ? 0 : 1;
    }

    const inbox = resolve(INBOX_DIR);
    mkdirSync(inbox, { recursive: true });
    // Watch first, announce after: a file dropped the moment the prompt appears must count as new.
    const stopWatching = watchInbox(inbox, (file) => {
      tracker?.expect(stack.dropBucket, file.key);
      dropFile(stack, file).catch((err: Error) => io.info(`cannot drop ${file.key}: ${err.message}`));
    });
    for (const line of whereTheDataLives(stack, args, stackFile)) io.info(line);
    if (dashboard) {
      if (dashboard.fellBack)
        io.info(`Port ${DEFAULT_DASHBOARD_PORT} is in use: the dashboard took another.`);
      io.info(`Dashboard: ${dashboard.url}`);
    }
    io.info(
      `Watching ${INBOX_DIR}/ for new files (drop .txt .md .html .json .jsonl, optionally .gz) — Ctrl-C to stop.`,
    );
    const code = await interrupted;
    stopWatching();
    return code;
  } catch (err) {
    await shutdown();
    throw err;
  }
}
