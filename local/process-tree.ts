/**
 * What a run costs the machine: CPU and memory of this process and the emulators it started, read from /proc
 * (Linux only; elsewhere the samples are empty). Used by `npm run load` and the store throughput bench.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessSample {
  readonly name: string;
  readonly cpuTicks: number;
  readonly rssKb: number;
}

/** /proc reports CPU time in clock ticks of 1/100 s. */
export const CLOCK_TICKS = 100;

/** User + system CPU ticks from a /proc `stat` line (fields 14 and 15; the name in parentheses may hold spaces). */
function cpuTicksOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** CPU seconds of the calling thread (Linux); 0 elsewhere. */
export function threadCpuSeconds(): number {
  try {
    return cpuTicksOf(readFileSync('/proc/thread-self/stat', 'utf8')) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** This process and its descendants (the emulators' supervisors, java, fauxqs), from /proc (Linux only). */
export function processTree(rootName: string, root: number = process.pid): ProcessSample[] {
  const out: ProcessSample[] = [];
  const visit = (pid: number): void => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const name =
        pid === root
          ? rootName
          : cmd.includes('DynamoDBLocal')
            ? 'dynamodb-local'
            : cmd.includes('fauxqs')
              ? 'fauxqs'
              : 'other';
      out.push({ name, cpuTicks: cpuTicksOf(stat), rssKb: rss });
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(' ') : []) visit(Number(child));
      }
    } catch {
      // The process ended, or this is not Linux: skip it.
    }
  };
  visit(root);
  return out;
}

export function cpuByName(samples: readonly ProcessSample[]): Map<string, number> {
  const by = new Map<string, number>();
  for (const s of samples) by.set(s.name, (by.get(s.name) ?? 0) + s.cpuTicks);
  return by;
}
