/**
 * `npm run bench [-- --json] [-- --only NAME]`: runs every benchmark module in tools/bench and prints
 * their figures (a table by default, one JSON object with --json).
 * Each module exports `name` and `run(): Promise<Record<string, unknown>>`.
 */
import '../local/node-support';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface BenchModule {
  readonly name: string;
  run(): Promise<Record<string, unknown>>;
}

const FIRST = ['bundles.ts', 'parse.ts', 'enrich.ts'];

function rank(file: string): number {
  const at = FIRST.indexOf(file);
  return at < 0 ? FIRST.length : at;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  const dir = join(__dirname, '..', 'tools', 'bench');
  // Timing benchmarks first: the local-stack ones leave emulators, heaps and timers behind that slow what follows.
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const figures: Record<string, unknown> = {};
  for (const file of files) {
    const mod = (await import(join(dir, file))) as BenchModule;
    if (only && mod.name !== only) continue;
    if (!json) process.stderr.write(`bench: ${mod.name}…\n`);
    Object.assign(figures, await mod.run());
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } else {
    for (const [key, value] of Object.entries(figures)) {
      process.stdout.write(
        `${key.padEnd(28)} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}\n`,
      );
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
