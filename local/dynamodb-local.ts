import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { freePort } from './free-port';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
  /** Kills java with SIGKILL, as a crash would (fault-injection tests); resolves once it is gone. */
  kill(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Port to listen on; a free one when omitted. */
  readonly port?: number;
  /** Keep the data in this folder between runs; in memory when omitted. */
  readonly dbPath?: string;
  /** How long to wait for the emulator to answer. */
  readonly readyTimeoutMs?: number;
  /**
   * 'startup' (default): the client JIT only, for tests and `npm start`, which boot often and send little.
   * 'throughput': the JVM's full tiered JIT, for runs that send tens of thousands of requests (`npm run load`):
   * its optimizing compiler costs CPU for the first minute and then halves the CPU per request.
   */
  readonly jit?: 'startup' | 'throughput';
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17+ and no `java` was found on PATH.\n' +
        'Install it, e.g. on Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
        'on macOS: brew install openjdk@17',
    );
    this.name = 'JavaMissingError';
  }
}

/** The official emulator's jar, as shipped by the amplify-dynamodb-simulator package. */
export function emulatorDir(): string {
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

/** Any HTTP answer (even 400) means the emulator is up and listening. */
function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', timeout: 500 }, (res) => {
      res.resume();
      done(true);
    });
    req.on('error', () => done(false));
    req.on('timeout', () => {
      req.destroy();
      done(false);
    });
    req.end();
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });
}

/**
 * Starts DynamoDB Local under a supervisor process that kills java when this process goes away,
 * however it goes away (Ctrl-C, crash, a failing test).
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJava();
  const port = options.port ?? (await freePort());
  const dir = emulatorDir();
  const storage = options.dbPath ? ['-dbPath', resolve(options.dbPath)] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const javaArgs = [
    // Start-up over peak speed by default: the client JIT only (measured here: boot 7.5–9 s → 3.4–5 s on a
    // busy 2-core machine); a test or an interactive run is short and light. The serial collector either way:
    // the least CPU in all, and its pauses are short with this little live data.
    ...(options.jit === 'throughput' ? [] : ['-XX:TieredStopAtLevel=1']),
    '-XX:+UseSerialGC',
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    ...storage,
    // One database for every access key and region, so any local credentials see the same tables.
    '-sharedDb',
    // Nothing leaves this machine (and no CPU goes to collecting it).
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  const child = spawn(process.execPath, [join(__dirname, 'supervise.cjs'), 'java', ...javaArgs], {
    stdio: ['pipe', 'ignore', 'pipe'],
    // The emulator writes a metadata file into its working directory: keep it out of the project.
    cwd: options.dbPath ? resolve(options.dbPath) : tmpdir(),
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = async (): Promise<void> => {
    child.stdin?.end();
    child.kill('SIGTERM');
    await waitForExit(child);
  };
  const kill = async (): Promise<void> => {
    child.kill('SIGUSR2');
    await waitForExit(child);
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while (!(await answers(port))) {
    if (child.exitCode !== null) {
      throw new Error(`DynamoDB Local exited with code ${child.exitCode} before it was ready:\n${stderr}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`DynamoDB Local did not answer on port ${port} in time:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint: `http://127.0.0.1:${port}`, port, stop, kill };
}
