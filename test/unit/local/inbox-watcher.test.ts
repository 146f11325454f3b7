import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalFile } from '../../../local/drop';
import { watchInbox } from '../../../local/inbox-watcher';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watchInbox', () => {
  let root: string;
  let inbox: string;
  let stop: () => void = () => undefined;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'dateline-inbox-'));
    inbox = join(root, 'inbox');
    mkdirSync(inbox);
  });

  afterEach(() => {
    stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('hands over new files (also in subfolders) once, keyed relative to the working directory, and ignores earlier and hidden ones', async () => {
    writeFileSync(join(inbox, 'before.txt'), 'already here');
    const seen: LocalFile[] = [];
    stop = watchInbox(inbox, (f) => seen.push(f), root);
    writeFileSync(join(inbox, 'new article.md'), '# Title');
    mkdirSync(join(inbox, 'sub', 'deeper'), { recursive: true });
    writeFileSync(join(inbox, 'sub', 'deeper', 'b.json'), '{}');
    writeFileSync(join(inbox, '.partial.tmp'), 'hidden');
    await pause(1600);
    expect(seen.map((f) => f.key).sort()).toStrictEqual(['inbox/new article.md', 'inbox/sub/deeper/b.json']);
    expect(seen.find((f) => f.key === 'inbox/new article.md')?.path).toBe(join(inbox, 'new article.md'));
  });

  it('hands a file over again when it changes, not while it is unchanged', async () => {
    const seen: string[] = [];
    stop = watchInbox(inbox, (f) => seen.push(f.key), root);
    writeFileSync(join(inbox, 'a.txt'), 'one');
    await pause(1600);
    writeFileSync(join(inbox, 'a.txt'), 'one, then two');
    await pause(1600);
    expect(seen).toStrictEqual(['inbox/a.txt', 'inbox/a.txt']);
  });
});
