#!/usr/bin/env node
/*
 * Runs one child process and guarantees it dies with us: when our parent goes away (its end of our
 * stdin pipe closes, even on SIGKILL of the parent), or when we are told to stop, the child is killed.
 * Usage: node supervise.cjs <command> [args...]   (plain JS: no transpiler on the shutdown path)
 */
'use strict';
const { spawn } = require('node:child_process');

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: supervise.cjs <command> [args...]\n');
  process.exit(2);
}
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  child.kill(signal || 'SIGTERM');
  // A JVM that ignores SIGTERM for too long gets SIGKILL.
  setTimeout(() => child.kill('SIGKILL'), 3000).unref();
}
child.on('error', (err) => {
  process.stderr.write(`supervise: cannot start ${command}: ${err.message}\n`);
  process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
process.stdin.on('end', () => stop('SIGTERM'));
process.stdin.on('error', () => stop('SIGTERM'));
process.stdin.resume();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop('SIGTERM'));
// A crash on demand (the fault-injection tests kill DynamoDB Local mid-run): SIGKILL, no shutdown at all.
process.on('SIGUSR2', () => stop('SIGKILL'));
