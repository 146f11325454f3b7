/**
 * `npm run eval -- GOLD.json CORPUS_DIR [--verbose]`: scores the extractor against a gold file. Prints one line
 * per article and, last, one summary line (format in tools/eval/score.ts). --verbose lists every miss.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractArticle, parseLocalFile } from '../tools/eval/article-file';
import { GoldFileSchema } from '../tools/eval/gold';
import { formatArticle, formatSummary, scoreArticle, sumScores, type Totals } from '../tools/eval/score';

function main(): void {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const [goldPath, corpusDir] = args.filter((a) => !a.startsWith('--'));
  if (!goldPath || !corpusDir) {
    process.stderr.write('usage: npm run eval -- GOLD.json CORPUS_DIR [--verbose]\n');
    process.exit(2);
  }
  const gold = GoldFileSchema.parse(JSON.parse(readFileSync(goldPath, 'utf8')));
  const scores: Totals[] = [];
  for (const [name, expected] of Object.entries(gold.articles).sort(([a], [b]) => a.localeCompare(b))) {
    const path = join(corpusDir, name);
    // Metadata is scored on the file alone; quotes and events with the hint a user would pass.
    const plain = parseLocalFile(path);
    const hinted = expected.published_hint ? parseLocalFile(path, expected.published_hint) : plain;
    const meta = plain.kind === 'articles' ? plain.articles[0] : undefined;
    const article = hinted.kind === 'articles' ? hinted.articles[0] : undefined;
    // A file the parser rejects still counts: every gold item in it is a miss.
    if (!meta || !article) process.stdout.write(`${name}: not parsed into an article\n`);
    const extraction = article ? extractArticle(article) : { quotes: [], events: [] };
    const score = scoreArticle(expected, {
      metadata: meta ?? { title: null, subtitle: null, authors: [], published: null, language: null },
      quotes: extraction.quotes,
      events: extraction.events,
    });
    scores.push(score);
    process.stdout.write(`${formatArticle(name, score)}\n`);
    if (verbose) for (const note of score.notes) process.stdout.write(`  ${note}\n`);
  }
  process.stdout.write(`${formatSummary(sumScores(scores))}\n`);
}

main();
