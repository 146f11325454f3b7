/**
 * `npm run eval -- GOLD.json CORPUS_DIR [--verbose] [--json] [--split dev|test] [--min KEY=RATE,...]`: scores the
 * extractor against a gold file. Prints one line per article; when the gold marks a dev/test split, one line per half
 * ("dev: …", "test: …"); last, the summary line over every article scored (format in tools/eval/score.ts).
 * --verbose lists every miss. --json prints one JSON document instead of the lines. --split scores one half only.
 * --min exits 1 when a measure of the summary is below its minimum (e.g. --min quote_p=1,event_recall=0.95).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extractArticle, parseLocalFile } from '../tools/eval/article-file';
import { EVAL_USAGE, parseEvalArgs, type EvalOptions } from '../tools/eval/eval-args';
import { GoldFileSchema, type GoldFile } from '../tools/eval/gold';
import {
  belowThresholds,
  formatArticle,
  formatSummary,
  scoreArticle,
  sumScores,
  totalsJson,
  type ArticleScore,
  type Totals,
} from '../tools/eval/score';

function fail(message: string): never {
  process.stderr.write(`${message}\n${EVAL_USAGE}`);
  process.exit(2);
}

/** The gold file, or a clear error (exit 2) when it is missing, not JSON or not in the gold format. */
function readGold(path: string): GoldFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    fail(`cannot read the gold file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(`the gold file ${path} is not JSON: ${(error as Error).message}`);
  }
  const parsed = GoldFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(
      `the gold file ${path} is not in the gold format: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
}

function main(): void {
  let options: EvalOptions;
  try {
    options = parseEvalArgs(process.argv.slice(2));
  } catch (error) {
    fail((error as Error).message);
  }
  const gold = readGold(options.goldPath);
  if (!existsSync(options.corpusDir) || !statSync(options.corpusDir).isDirectory())
    fail(`the corpus folder ${options.corpusDir} does not exist`);
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
    if (!existsSync(path)) fail(`${name} of the gold is not in ${options.corpusDir}`);
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
