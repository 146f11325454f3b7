/**
 * `npm run --silent extract -- FILE [--published YYYY-MM-DD] [--part N]`: parses and enriches one local file
 * exactly as the pipeline would and prints one JSON object {article, entities, quotes, events, timexes}.
 * --published is passed as object metadata (x-amz-meta-published); --part picks an article of a multi-article file.
 */
import { extractArticle, parseLocalFile } from '../tools/eval/article-file';

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run --silent extract -- FILE [--published YYYY-MM-DD] [--part N]\n`,
  );
  process.exit(2);
}

function main(): void {
  const args = process.argv.slice(2);
  let file: string | undefined;
  let published: string | undefined;
  let part = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--published') {
      published = args[++i];
      if (!published || !/^\d{4}-\d{2}-\d{2}$/.test(published)) usage('--published needs a date YYYY-MM-DD');
    } else if (arg === '--part') {
      part = Number(args[++i]);
      if (!Number.isInteger(part) || part < 0) usage('--part needs a non-negative integer');
    } else if (arg?.startsWith('--')) {
      usage(`unknown option ${arg}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      usage(`unexpected argument ${arg ?? ''}`);
    }
  }
  if (!file) usage('missing FILE');

  const outcome = parseLocalFile(file, published);
  if (outcome.kind === 'rejection') {
    process.stderr.write(`rejected (${outcome.rejection.reason}): ${outcome.rejection.message}\n`);
    process.exit(1);
  }
  const article = outcome.articles[part];
  if (!article) usage(`the file holds ${outcome.articles.length} article(s); --part ${part} does not exist`);
  if (outcome.articles.length > 1) {
    process.stderr.write(
      `the file holds ${outcome.articles.length} articles; showing part ${part} (--part N)\n`,
    );
  }
  process.stdout.write(`${JSON.stringify(extractArticle(article), null, 2)}\n`);
}

main();
