/**
 * `npm run eval -- GOLD.json CORPUS_DIR [--verbose] [--json] [--split dev|test] [--min KEY=RATE,...]`: scores the
 * extractor against a gold file. Prints one line per article; when the gold marks a dev/test split, one line per half
 * ("dev: …", "test: …"); last, the summary line over every article scored (format in tools/eval/score.ts).
 * --verbose lists every miss. --json prints one JSON document instead of the lines. --split scores one half only.
 * --min exits 1 when a measure of the summary is below its minimum (e.g. --min quote_p=1,event_recall=0.95).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractArticle, parseLocalFile } from '../tools/eval/article-file';
import { GoldFileSchema } from '../tools/eval/gold';
import {
  belowThresholds,
  formatArticle,
  formatSummary,
  parseThresholds,
  scoreArticle,
  sumScores,
  totalsJson,
  type ArticleScore,
  type Totals,
} from '../tools/eval/score';

const USAGE =
  'usage: npm run eval -- GOLD.json CORPUS_DIR [--verbose] [--json] [--split dev|test] [--min KEY=RATE,...]\n';

interface Options {
  goldPath: string;
  corpusDir: string;
  verbose: boolean;
  json: boolean;
  split: 'dev' | 'test' | null;
  thresholds: Map<string, number>;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(args: readonly string[]): Options {
  const positional: string[] = [];
  let verbose = false;
  let json = false;
  let split: Options['split'] = null;
  let thresholds = new Map<string, number>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    if (flag === '--verbose') verbose = true;
    else if (flag === '--json') json = true;
    else if (flag === '--split') {
      const v = value();
      if (v !== 'dev' && v !== 'test') fail(`--split must be dev or test, not ${JSON.stringify(v)}`);
      split = v;
    } else if (flag === '--min') {
      try {
        thresholds = new Map([...thresholds, ...parseThresholds(value())]);
      } catch (error) {
        fail((error as Error).message);
      }
    } else if (flag.startsWith('--')) fail(`unknown option ${flag}`);
    else positional.push(arg);
  }
  const [goldPath, corpusDir, extra] = positional;
  if (!goldPath || !corpusDir || extra !== undefined) fail('expected GOLD.json and CORPUS_DIR');
  return { goldPath, corpusDir, verbose, json, split, thresholds };
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const gold = GoldFileSchema.parse(JSON.parse(readFileSync(options.goldPath, 'utf8')));
  const lines: string[] = [];
  const rows: { file: string; split: string | null; score: ArticleScore; parsed: boolean }[] = [];
  const entries = Object.entries(gold.articles)
    .filter(([, expected]) => options.split === null || expected.split === options.split)
    .sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0)
    fail(
      options.split ? `no article of the gold is in the ${options.split} split` : 'the gold has no articles',
    );
  for (const [name, expected] of entries) {
    const path = join(options.corpusDir, name);
    // Metadata is scored on the file alone; quotes and events with the hint a user would pass.
    const plain = parseLocalFile(path);
    const hinted = expected.published_hint ? parseLocalFile(path, expected.published_hint) : plain;
    const meta = plain.kind === 'articles' ? plain.articles[0] : undefined;
    const article = hinted.kind === 'articles' ? hinted.articles[0] : undefined;
    // A file the parser rejects still counts: every gold item in it is a miss.
    if (!meta || !article) lines.push(`${name}: not parsed into an article`);
    const extraction = article ? extractArticle(article) : { quotes: [], events: [] };
    const score = scoreArticle(expected, {
      metadata: meta ?? { title: null, subtitle: null, authors: [], published: null, language: null },
      quotes: extraction.quotes,
      events: extraction.events,
    });
    rows.push({ file: name, split: expected.split ?? null, score, parsed: Boolean(meta && article) });
    lines.push(formatArticle(name, score));
    if (options.verbose) for (const note of score.notes) lines.push(`  ${note}`);
  }
  const halves = (['dev', 'test'] as const)
    .map((split) => [split, rows.filter((r) => r.split === split).map((r) => r.score)] as const)
    .filter(([, scores]) => scores.length > 0)
    .map(([split, scores]) => [split, sumScores(scores)] as const);
  const summary: Totals = sumScores(rows.map((r) => r.score));
  const failures = belowThresholds(summary, options.thresholds);
  if (options.json) {
    const doc = {
      gold: options.goldPath,
      corpus: options.corpusDir,
      articles: rows.map((r) => ({
        file: r.file,
        split: r.split,
        parsed: r.parsed,
        scores: totalsJson(r.score),
        ...(options.verbose ? { notes: r.score.notes } : {}),
      })),
      splits: Object.fromEntries(halves.map(([split, totals]) => [split, totalsJson(totals)])),
      summary: totalsJson(summary),
      ...(options.thresholds.size > 0
        ? { thresholds: Object.fromEntries(options.thresholds), failures }
        : {}),
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    for (const [split, totals] of halves) lines.push(formatSummary(totals, split));
    lines.push(formatSummary(summary));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (failures.length > 0) {
    process.stderr.write(`eval: below the minimum: ${failures.join(' ')}\n`);
    process.exit(1);
  }
}

main();
