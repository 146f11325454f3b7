/**
 * Watches a folder for new or changed files by scanning it: fs.watch's recursive mode sets its watchers up
 * asynchronously on Linux (a file created right after starting is missed) and is unreliable on network and
 * container mounts; a half-second scan works everywhere. A file is handed over once its size and mtime are
 * unchanged across two scans, so a copy still in progress is not picked up half-written.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { LocalFile } from './drop';

const SCAN_MS = 500;

function listFiles(dir: string): string[] {
  const files: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return files; // the folder vanished between scans
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

function signature(path: string): string | null {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return null;
  }
}

/** Calls onFile for every file that appears (or changes) under dir after the call; returns a stop function. */
export function watchInbox(
  dir: string,
  onFile: (file: LocalFile) => void,
  cwd: string = process.cwd(),
): () => void {
  const known = new Map<string, string>();
  const settling = new Map<string, string>();
  for (const path of listFiles(dir)) {
    const sig = signature(path);
    if (sig) known.set(path, sig);
  }
  const timer = setInterval(() => {
    const present = new Set(listFiles(dir));
    for (const path of present) {
      const sig = signature(path);
      if (!sig || known.get(path) === sig) continue;
      if (settling.get(path) === sig) {
        settling.delete(path);
        known.set(path, sig);
        onFile({ path, key: relative(cwd, path).split(sep).join('/') });
      } else {
        settling.set(path, sig);
      }
    }
    for (const path of known.keys()) if (!present.has(path)) known.delete(path);
    for (const path of settling.keys()) if (!present.has(path)) settling.delete(path);
  }, SCAN_MS);
  return () => clearInterval(timer);
}
