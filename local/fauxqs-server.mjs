#!/usr/bin/env node
/*
 * Runs fauxqs (S3 + SQS emulator, ESM-only) in its own process so CommonJS callers, jest included, share one
 * code path. Prints {"port":N} as one JSON line on stdout once listening, and exits when its stdin closes:
 * the parent going away in any manner (Ctrl-C, crash, SIGKILL, a failing test) closes the pipe.
 * Usage: node fauxqs-server.mjs [port]   (0 or omitted: a free port chosen by the OS)
 */
import { startFauxqs } from 'fauxqs';

const port = Number(process.argv[2] ?? 0);
const server = await startFauxqs({ port, logger: false });
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => undefined);
  process.exit(0);
}
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
// Ctrl-C reaches the whole process group; ignore it and let the parent stop us after its pollers have drained.
process.on('SIGINT', () => undefined);
for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, stop);
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
