/**
 * `npm run bench -- --only enrich`: parse + enrich time per article, in process, on one core, over every file in
 * samples/ (the seeds and the format samples). After a warm-up round, each article is parsed and enriched ROUNDS
 * times; the figures are over all those runs:
 * - parse_enrich_ms_p50 / parse_enrich_ms_p99: time per article (parseArticleFile + enrichArticle);
 * - parse_enrich_ms_1000_words_p50 / _p99: the target measured directly: each seed cut to its first
 *   1,000 words (whole paragraphs, as a .txt a user would drop), parsed and enriched;
 * - parse_enrich_ms_per_1000_words: median time per article scaled to 1,000 words, over articles of 500+ words
 *   (below that, fixed per-file costs such as building an HTML DOM dominate and scaling them up misleads);
 * - parse_enrich_cpu_ms_per_1000_words: the same in CPU time of this process, which other processes competing
 *   for the cores inflate far less than wall time (the figure "on one core" when the machine is busy).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleFile } from '../../lambdas/core/article/parse-article';
import { enrichArticle } from '../../lambdas/core/enrich/enrich-article';
import { localParseInput } from '../eval/article-file';

export const name = 'enrich';

const SAMPLES = join(__dirname, '..', '..', 'samples');
const ROUNDS = 40;
const TARGET_WORDS = 1000;
const MIN_WORDS_FOR_SCALING = 500;

/** The first whole paragraphs of a seed that reach 1,000 words, as the bytes of a .txt file. */
function thousandWordArticle(path: string): Uint8Array {
  const kept: string[] = [];
  let words = 0;
  for (const block of readFileSync(path, 'utf8').split(/\n\s*\n/)) {
    if (words >= TARGET_WORDS) break;
    kept.push(block);
    words += block.split(/\s+/).filter(Boolean).length;
  }
  return new TextEncoder().encode(kept.join('\n\n'));
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

function quantile(sorted: readonly number[], q: number): number {
  const at = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, at)] ?? 0;
}

interface Run {
  readonly ms: number;
  readonly cpuMs: number;
  readonly words: number;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

export async function run(): Promise<Record<string, unknown>> {
  const inputs = files(SAMPLES).map((path) => localParseInput(path, new Uint8Array(readFileSync(path))));
  const seeds = readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => localParseInput(join(SAMPLES, f), thousandWordArticle(join(SAMPLES, f))));
  const measure = (batch: typeof inputs): Run[] =>
    batch.flatMap((input) => {
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      const outcome = parseArticleFile(input);
      const articles = outcome.kind === 'articles' ? outcome.articles : [];
      for (const article of articles) enrichArticle(article);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const used = process.cpuUsage(cpu);
      const words = articles.reduce((sum, a) => sum + a.wordCount, 0);
      return articles.length > 0 ? [{ ms, cpuMs: (used.user + used.system) / 1000, words }] : [];
    });
  measure(inputs);
  measure(seeds);
  const runs: Run[] = [];
  const targetRuns: Run[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    runs.push(...measure(inputs));
    targetRuns.push(...measure(seeds));
  }
  const targetTimes = targetRuns.map((r) => r.ms).sort((a, b) => a - b);
  const scalable = runs.filter((r) => r.words >= MIN_WORDS_FOR_SCALING);
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  const per1000 = (pick: (r: Run) => number): number =>
    quantile(
      scalable.map((r) => (pick(r) * TARGET_WORDS) / Math.max(1, r.words)).sort((a, b) => a - b),
      0.5,
    );
  return {
    parse_enrich_ms_p50: round2(quantile(times, 0.5)),
    parse_enrich_ms_p99: round2(quantile(times, 0.99)),
    parse_enrich_ms_1000_words_p50: round2(quantile(targetTimes, 0.5)),
    parse_enrich_ms_1000_words_p99: round2(quantile(targetTimes, 0.99)),
    parse_enrich_1000_word_articles_words: Math.round(
      targetRuns.reduce((sum, r) => sum + r.words, 0) / Math.max(1, targetRuns.length),
    ),
    parse_enrich_ms_per_1000_words: round2(per1000((r) => r.ms)),
    parse_enrich_cpu_ms_per_1000_words: round2(per1000((r) => r.cpuMs)),
    parse_enrich_articles: runs.length / ROUNDS,
  };
}
