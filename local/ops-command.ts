/**
 * The shell of the operator commands (`npm run redrive`, `npm run reprocess`): usage errors and unreachable
 * targets exit 2 with the message (and the usage), anything else exits 1 with one line, never a stack trace.
 */
import { OpsTargetError } from './ops-target';

/** A command line the command cannot act on: the message is followed by the usage. */
export class UsageError extends Error {}

export function runOpsCommand(name: string, usage: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      if (err instanceof UsageError || err instanceof OpsTargetError) {
        process.stderr.write(`${err.message}\n${err instanceof UsageError ? `${usage}\n` : ''}`);
        process.exit(2);
      }
      process.stderr.write(`\n${name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
