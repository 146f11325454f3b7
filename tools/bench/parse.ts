/**
 * `npm run bench -- --only parse`: time to parse one article file.
 * - parse_ms_p50 / parse_ms_p99: per-file parse time over the five seeds and larger generated articles
 *   (txt, markdown, HTML and JSON built from the seeds' paragraphs, 20 KB to 1 MB), each parsed RUNS times.
 * - parse_adversarial_5mb_ms: the slowest of several 5 MB hostile inputs (runs of '*', '[', '<', '&',
 *   spaces, one endless line, deep nesting); parse_adversarial_scaling is that input's time at 5 MB divided
 *   by its time at 1.25 MB (≈ 4 when cost is linear, 16 if it were quadratic).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArticleFile } from '../../lambdas/core/article/parse-article';

export const name = 'parse';

const ROOT = join(__dirname, '..', '..');
const RUNS = 15;
const MAX_BYTES = 10 * 1024 * 1024;
const FIVE_MB = 5 * 1024 * 1024;

interface BenchFile {
  readonly key: string;
  readonly bytes: Uint8Array;
}

function parseMs(file: BenchFile): number {
  const start = process.hrtime.bigint();
  const outcome = parseArticleFile({
    bytes: file.bytes,
    source: { bucket: 'bench', key: file.key, versionId: null, etag: null, size: file.bytes.length },
    maxBytes: MAX_BYTES,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (outcome.kind !== 'articles' && !file.key.startsWith('adversarial/')) {
    throw new Error(`${file.key} was rejected: ${outcome.rejection.message}`);
  }
  return ms;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

function seedFiles(): BenchFile[] {
  const dir = join(ROOT, 'samples');
  return readdirSync(dir)
    .filter((file) => /^\d{3}_[0-9a-f]+\.txt$/.test(file))
    .map((file) => ({ key: file, bytes: readFileSync(join(dir, file)) }));
}

/** Larger articles in every format, made of the seeds' own paragraphs repeated up to `size` bytes. */
function generatedFiles(seeds: readonly BenchFile[]): BenchFile[] {
  const paragraphs = seeds.flatMap((seed) =>
    Buffer.from(seed.bytes)
      .toString('utf8')
      .split(/\n\s*\n/)
      .filter((block) => block.length > 200),
  );
  const body = (size: number): string[] => {
    const out: string[] = [];
    let length = 0;
    for (let index = 0; length < size; index += 1) {
      const paragraph = paragraphs[index % paragraphs.length] ?? '';
      out.push(paragraph);
      length += paragraph.length + 2;
    }
    return out;
  };
  const files: BenchFile[] = [];
  for (const size of [20_000, 100_000, 1_000_000]) {
    const text = body(size);
    const title = `Generated article of ${size} bytes`;
    files.push({
      key: `gen/${size}.txt`,
      bytes: Buffer.from(`${title}\n\nJane Doe\n5 July 2016\n\n${text.join('\n\n')}\n`),
    });
    files.push({
      key: `gen/${size}.md`,
      bytes: Buffer.from(
        `# ${title}\n\n## A subtitle\n\n*By Jane Doe*\n\n${text.map((p, i) => (i % 5 === 0 ? `**${p}**` : p)).join('\n\n')}\n`,
      ),
    });
    const html = `<!doctype html><html lang="en"><head><title>${title}</title><meta property="og:title" content="${title}"><meta property="article:published_time" content="2016-07-05T10:00:00Z"><script>var x = 1;</script></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>${text.map((p) => `<p>${p.replace(/&/g, '&amp;')}</p>`).join('')}</article><footer>Contact us</footer></body></html>`;
    files.push({ key: `gen/${size}.html`, bytes: Buffer.from(html) });
    files.push({
      key: `gen/${size}.json`,
      bytes: Buffer.from(
        JSON.stringify({ title, body: text.join('\n\n'), date: '2016-07-05', author: 'Jane Doe' }),
      ),
    });
  }
  files.push({
    key: 'gen/100000.html.gz',
    bytes: gzipSync(files.find((file) => file.key === 'gen/100000.html')?.bytes ?? Buffer.alloc(0)),
  });
  return files;
}

/** Hostile inputs of about `size` bytes: each targets a rule that could backtrack or blow up. */
function adversarial(size: number): BenchFile[] {
  const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return [
    { key: 'adversarial/stars.md', bytes: Buffer.from(fill('**a*_')) },
    { key: 'adversarial/brackets.md', bytes: Buffer.from(fill('[a](')) },
    { key: 'adversarial/images.md', bytes: Buffer.from(fill('![[')) },
    { key: 'adversarial/spaces.txt', bytes: Buffer.from(`Title\n\n${fill(' ')}x`) },
    { key: 'adversarial/one-line.txt', bytes: Buffer.from(`Title\n\n${fill('word ')}`) },
    { key: 'adversarial/quotes.txt', bytes: Buffer.from(fill('"')) },
    { key: 'adversarial/entities.txt', bytes: Buffer.from(fill('&amp;')) },
    { key: 'adversarial/blank-lines.txt', bytes: Buffer.from(fill('a\n\n')) },
    { key: 'adversarial/lt.html', bytes: Buffer.from(fill('<')) },
    { key: 'adversarial/nested.html', bytes: Buffer.from(`${'<div>'.repeat(90_000)}${fill('x ')}`) },
    { key: 'adversarial/quotes.json', bytes: Buffer.from(fill('"')) },
    { key: 'adversarial/deep.json', bytes: Buffer.from(`${'['.repeat(size / 2)}${']'.repeat(size / 2)}`) },
    { key: 'adversarial/lines.jsonl', bytes: Buffer.from(fill('{"body":"x"}\n')) },
  ];
}

export async function run(): Promise<Record<string, unknown>> {
  const seeds = seedFiles();
  const files = [...seeds, ...generatedFiles(seeds)];
  for (const file of files) parseMs(file); // warm-up: JIT and lazy module initialisation
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    for (const file of files) times.push(parseMs(file));
  }
  times.sort((a, b) => a - b);

  let worst = { key: '', ms: 0 };
  for (const file of adversarial(FIVE_MB)) {
    const ms = parseMs(file);
    if (ms > worst.ms) worst = { key: file.key, ms };
  }
  const quarter = adversarial(FIVE_MB / 4).find((file) => file.key === worst.key);
  const quarterMs = quarter ? parseMs(quarter) : 0;

  return {
    parse_ms_p50: round(percentile(times, 50)),
    parse_ms_p99: round(percentile(times, 99)),
    parse_adversarial_5mb_ms: Math.round(worst.ms),
    parse_adversarial_5mb_worst: worst.key,
    parse_adversarial_scaling: quarterMs > 0 ? round(worst.ms / quarterMs) : null,
  };
}
