/**
 * `npm start` as a user runs it: a real process (node + tsx) with its own local stack. Checks the --once
 * summary, --persist, and that neither Ctrl-C nor a killed process leaves java, fauxqs or a port behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../../lambdas/core/items';
import { readStackFile, type StackFile, stackFilePath, openLocalTable } from '../../../local/stack-file';

const ROOT = join(__dirname, '..', '..', '..');
jest.setTimeout(180_000);

interface Run {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exit: Promise<number | null>;
  /** Resolves with the first stdout/stderr line matching. */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

/** Every process a test started: killed after each test, so a failing test leaves nothing running. */
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function start(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  running.push(child);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onLine = (sink: string[]) => (line: string) => {
    sink.push(line);
    for (const w of [...waiters]) {
      if (w.pattern.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  createInterface({ input: child.stdout! }).on('line', onLine(stdout));
  createInterface({ input: child.stderr! }).on('line', onLine(stderr));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout,
    stderr,
    exit,
    line: (pattern, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const seen = [...stdout, ...stderr].find((l) => pattern.test(l));
        if (seen !== undefined) return resolve(seen);
        const timer = setTimeout(
          () => reject(new Error(`no line ${pattern} in time:\n${[...stdout, ...stderr].join('\n')}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      }),
  };
}

function portOpen(endpoint: string): Promise<boolean> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('--once --json ingests a folder and prints exactly the summary keys, exiting 0 when every file is accounted for', async () => {
    const run = start(['--once', 'samples/formats', '--json']);
    const code = await run.exit;
    expect(code).toBe(0);
    expect(run.stdout).toHaveLength(1);
    const summary = JSON.parse(run.stdout[0]!) as Record<string, number>;
    expect(Object.keys(summary)).toStrictEqual([
      'files',
      'articles',
      'quotes',
      'events',
      'rejected',
      'dead-lettered',
      'seconds',
    ]);
    // 7 files: md, html, json object, json array (2), JSON Lines (2), gzip, and one empty file.
    expect(summary).toMatchObject({ files: 7, articles: 8, rejected: 1, 'dead-lettered': 0 });
    expect(summary['quotes']).toBeGreaterThan(0);
    expect(run.stderr.filter((l) => /^[✓–✗] /.test(l))).toHaveLength(7);
  });

  it('--persist keeps the table after exit, and openLocalTable brings it back for queries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-persist-'));
    try {
      const run = start(['--once', 'samples/formats/wire-brief.json', '--persist', dir, '--json']);
      expect(await run.exit).toBe(0);
      const file = readStackFile(stackFilePath(dir)) as StackFile;
      expect(file.persistDir).toBe(dir);
      expect(await portOpen(file.endpoints.dynamodb)).toBe(false);

      const table = await openLocalTable({ persistDir: dir });
      try {
        expect(table.started).toBe(true);
        expect(table.tableName).toBe(file.tableName);
        const object = await table.doc.send(
          new QueryCommand({
            TableName: table.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: {
              ':pk': keys.object(file.dropBucket, 'samples/formats/wire-brief.json').pk,
            },
          }),
        );
        expect(object.Items?.map((i) => i['state'])).toContain('articles');
      } finally {
        await table.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ingests samples, then processes a file dropped into inbox/, and Ctrl-C stops everything', async () => {
    const run = start([]);
    await run.line(/^Watching inbox\//);
    const file = readStackFile(stackFilePath()) as StackFile;
    expect(file.pid).toBe(run.child.pid);
    expect(run.stdout.some((l) => l.startsWith('Query: npm run query'))).toBe(true);

    const name = `e2e-inbox-${process.pid}.md`;
    const inboxFile = join(ROOT, 'inbox', name);
    writeFileSync(inboxFile, readFileSync(join(ROOT, 'samples', 'formats', 'harbour-council-vote.md')));
    try {
      expect(await run.line(new RegExp(`^✓ inbox/${name}  1 article`))).toBeDefined();
    } finally {
      rmSync(inboxFile, { force: true });
    }

    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(await eventually(async () => !(await portOpen(file.endpoints.dynamodb)))).toBe(true);
    expect(await eventually(async () => !(await portOpen(file.endpoints.sqs)))).toBe(true);
    expect(existsSync(stackFilePath())).toBe(false);
  });

  it('leaves no java, fauxqs or port behind when the process is killed outright', async () => {
    const run = start(['--once', 'samples/formats']);
    await run.line(/^Stack ready/);
    const file = readStackFile(stackFilePath()) as StackFile;
    run.child.kill('SIGKILL');
    await run.exit;
    expect(processAlive(run.child.pid!)).toBe(false);
    // The emulators notice their stdin pipe closing and stop (java within the supervisor's grace period).
    expect(await eventually(async () => !(await portOpen(file.endpoints.dynamodb)))).toBe(true);
    expect(await eventually(async () => !(await portOpen(file.endpoints.sqs)))).toBe(true);
    rmSync(stackFilePath(), { force: true });
  });
});
