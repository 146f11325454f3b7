import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface FauxqsLocal {
  /** S3 and SQS share this endpoint. */
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface FauxqsLocalOptions {
  /** Port to listen on; a free one chosen by the OS when omitted. */
  readonly port?: number;
  readonly readyTimeoutMs?: number;
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });
}

/**
 * Starts fauxqs (S3 + SQS) in a child process: it is ESM-only, and jest (CommonJS) cannot load it in-process.
 * The child exits when our end of its stdin closes, so it never outlives this process.
 */
export async function startFauxqsLocal(options: FauxqsLocalOptions = {}): Promise<FauxqsLocal> {
  const child = spawn(process.execPath, [join(__dirname, 'fauxqs-server.mjs'), String(options.port ?? 0)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = async (): Promise<void> => {
    child.stdin?.end();
    await waitForExit(child);
  };
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`fauxqs did not start in time:\n${stderr}`));
    }, options.readyTimeoutMs ?? 15_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const parsed = JSON.parse(line) as { port?: unknown };
      if (typeof parsed.port === 'number') resolve(parsed.port);
      else reject(new Error(`fauxqs printed an unexpected first line: ${line}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`fauxqs exited with code ${String(code)} before it was ready:\n${stderr}`));
    });
  });
  child.stdout?.resume();
  return { endpoint: `http://127.0.0.1:${port}`, port, stop };
}
