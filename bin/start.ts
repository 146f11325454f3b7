/**
 * `npm start [-- --once PATH... [--json]] [--persist DIR] [--dynamodb-port N] [--fauxqs-port N]`:
 * the whole pipeline on an embedded local stack (see local/start-command.ts).
 */
import '../local/node-support';
import { parseStartArgs, runStart } from '../local/start-command';

async function main(): Promise<number> {
  const args = parseStartArgs(process.argv.slice(2));
  return runStart(args, {
    out: (line) => process.stdout.write(`${line}\n`),
    // Progress goes to stderr in --json mode, so stdout carries only the JSON summary.
    info: (line) => (args.json ? process.stderr : process.stdout).write(`${line}\n`),
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
