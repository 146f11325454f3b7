/**
 * `npm run query -- <pattern> [options]`: the table's access patterns from the command line.
 *
 *   quotes --speaker "John Kerry" [--from D --to D]
 *   events --from 2016-09-01 --to 2016-09-30 [--root 19]
 *   events --actor Russia [--from D --to D]
 *   articles --publisher "World Socialist Web Site" [--from D --to D]
 *   articles --day 2016-09-07
 *   article <id>
 *   top speakers|actors --day 2016-09-07 | --month 2016-09
 *   rejections
 *   object KEY [--bucket B]          the fate of one dropped file: its article(s) or its rejection, and when
 *
 * Where: the running local stack (default), `--persist DIR` (the data of `npm start -- --persist DIR`,
 * starting DynamoDB Local on it when no stack runs), or `--stage dev|staging|prod` (the deployed table).
 * Output: a table, or `--json` for JSON lines. `--limit N` items per page; the next page's `--cursor` goes
 * to stderr.
 */
import '../local/node-support';
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ArticleQueries, type Page } from '../lambdas/aws/article-queries';
import { isStageName, stackId } from '../lib/config';
import { ObjectFates } from '../lambdas/aws/ops/object-fate';
import { openLocalTable, readStackFile, stackFilePath } from '../local/stack-file';

const USAGE = `usage: npm run query -- <pattern> [options]
  quotes --speaker NAME [--from D] [--to D]
  events --from D [--to D] [--root NN]
  events --actor NAME [--from D] [--to D]
  articles --publisher NAME [--from D] [--to D]
  articles --day YYYY-MM-DD
  article ID
  top speakers|actors (--day YYYY-MM-DD | --month YYYY-MM)
  rejections
  object KEY [--bucket B]     the fate of one dropped file (default bucket: the drop bucket)
options: --json  --limit N  --cursor C  --persist DIR  --stage dev|staging|prod
dates: YYYY-MM-DD or YYYY-MM`;

interface Options {
  readonly speaker?: string;
  readonly actor?: string;
  readonly publisher?: string;
  readonly day?: string;
  readonly month?: string;
  readonly from?: string;
  readonly to?: string;
  readonly root?: string;
  readonly limit?: string;
  readonly cursor?: string;
  readonly persist?: string;
  readonly stage?: string;
  readonly bucket?: string;
  readonly json?: boolean;
  readonly help?: boolean;
}

const PATTERNS = ['quotes', 'events', 'articles', 'article', 'top', 'rejections', 'object'];

class UsageError extends Error {}

interface Connection {
  readonly queries: ArticleQueries;
  readonly fates: ObjectFates;
  /** The drop bucket, the default for `object KEY`. */
  readonly dropBucket: string | null;
  close(): Promise<void>;
}

/** The deployed table's name and drop bucket, from the stack's `TableName` and `DropBucketName` outputs. */
async function deployedTable(stage: string): Promise<{ tableName: string; dropBucket: string | null }> {
  if (!isStageName(stage)) throw new UsageError(`--stage must be dev, staging or prod, got "${stage}"`);
  const cfn = new CloudFormationClient({});
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stackId(stage) }));
    const outputs = out.Stacks?.[0]?.Outputs ?? [];
    const name = outputs.find((o) => o.OutputKey === 'TableName')?.OutputValue;
    if (!name) throw new Error(`stack ${stackId(stage)} has no TableName output`);
    const dropBucket = outputs.find((o) => o.OutputKey === 'DropBucketName')?.OutputValue ?? null;
    return { tableName: name, dropBucket };
  } finally {
    cfn.destroy();
  }
}

async function connect(options: Options): Promise<Connection> {
  if (options.stage !== undefined) {
    const { tableName, dropBucket } = await deployedTable(options.stage);
    const client = new DynamoDBClient({});
    const doc = DynamoDBDocumentClient.from(client);
    return {
      queries: new ArticleQueries(doc, tableName),
      fates: new ObjectFates(doc, tableName),
      dropBucket,
      close: async () => client.destroy(),
    };
  }
  const local = await openLocalTable(options.persist !== undefined ? { persistDir: options.persist } : {});
  return {
    queries: new ArticleQueries(local.doc, local.tableName),
    fates: new ObjectFates(local.doc, local.tableName),
    dropBucket: readStackFile(stackFilePath(options.persist))?.dropBucket ?? null,
    close: () => local.stop(),
  };
}

type Row = Record<string, string | number | null>;

function cell(value: string | number | null, width: number): string {
  const text = value === null ? '—' : String(value).replace(/\s+/g, ' ');
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** A plain table: columns as wide as their content, capped so a line stays readable. */
function printTable(rows: readonly Row[]): void {
  const first = rows[0];
  if (!first) {
    process.stdout.write('(no results)\n');
    return;
  }
  const columns = Object.keys(first);
  const widths = columns.map((c) =>
    Math.min(70, Math.max(c.length, ...rows.map((r) => String(r[c] ?? '—').length))),
  );
  process.stdout.write(`${columns.map((c, i) => cell(c, widths[i] ?? 10)).join('  ')}\n`);
  process.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of rows) {
    process.stdout.write(`${columns.map((c, i) => cell(row[c] ?? null, widths[i] ?? 10)).join('  ')}\n`);
  }
}

function output<T>(page: Page<T>, toRow: (item: T) => Row, json: boolean): void {
  if (json) for (const item of page.items) process.stdout.write(`${JSON.stringify(item)}\n`);
  else printTable(page.items.map(toRow));
  if (page.cursor) process.stderr.write(`more: --cursor ${page.cursor}\n`);
}

async function run(pattern: string | undefined, rest: string[], options: Options, connection: Connection) {
  const { queries } = connection;
  const limit = options.limit !== undefined ? Number(options.limit) : undefined;
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
    throw new UsageError('--limit must be a positive integer');
  const paging = {
    ...(limit !== undefined && { limit }),
    ...(options.cursor !== undefined && { cursor: options.cursor }),
  };
  const range = {
    ...(options.from !== undefined && { from: options.from }),
    ...(options.to !== undefined && { to: options.to }),
  };
  const json = options.json === true;
  switch (pattern) {
    case 'quotes': {
      if (!options.speaker) throw new UsageError('quotes needs --speaker NAME');
      const page = await queries.quotesBySpeaker(options.speaker, { ...range, ...paging });
      return output(
        page,
        (q) => ({ published: q.published, speaker: q.speaker, quote: q.text, article: q.title }),
        json,
      );
    }
    case 'events': {
      if (options.actor) {
        const page = await queries.eventsByActor(options.actor, { ...range, ...paging });
        return output(
          page,
          (e) => ({
            date: e.date,
            actor: e.actor,
            roles: e.roles.join(','),
            root: e.root,
            action: e.label,
            sentence: e.sentence,
          }),
          json,
        );
      }
      if (!options.from) throw new UsageError('events needs --from D [--to D] or --actor NAME');
      const page = await queries.eventsBetween({
        from: options.from,
        ...(options.to !== undefined && { to: options.to }),
        ...(options.root !== undefined && { root: options.root }),
        ...paging,
      });
      return output(
        page,
        (e) => ({
          date: e.date,
          root: e.root,
          action: e.label,
          actors: e.actors.map((a) => a.name).join(', '),
          sentence: e.sentence,
        }),
        json,
      );
    }
    case 'articles': {
      const toRow = (a: Awaited<ReturnType<ArticleQueries['articlesByDay']>>['items'][number]): Row => ({
        published: a.published,
        publisher: a.publisher,
        id: a.articleId,
        title: a.title,
        quotes: a.quoteCount,
        events: a.eventCount,
      });
      if (options.day) return output(await queries.articlesByDay(options.day, paging), toRow, json);
      if (!options.publisher) throw new UsageError('articles needs --publisher NAME or --day YYYY-MM-DD');
      return output(
        await queries.articlesByPublisher(options.publisher, { ...range, ...paging }),
        toRow,
        json,
      );
    }
    case 'article': {
      const id = rest[0];
      if (!id) throw new UsageError('article needs an article id');
      const article = await queries.getArticle(id);
      if (!article) throw new Error(`no article ${id}`);
      if (json) return void process.stdout.write(`${JSON.stringify(article)}\n`);
      process.stdout.write(
        `${article.title ?? '(untitled)'}\n${article.publisher ?? '—'} · ${article.published ?? 'undated'} · ${article.source.bucket}/${article.source.key}\n\n`,
      );
      printTable(
        article.quotes.map((q) => ({ '#': q.index, speaker: q.speaker, kind: q.kind, quote: q.text })),
      );
      process.stdout.write('\n');
      printTable(
        article.events.map((e) => ({
          '#': e.index,
          date: e.date,
          root: e.root,
          action: e.label,
          actors: e.actors.map((a) => a.name).join(', '),
        })),
      );
      return;
    }
    case 'top': {
      const what = rest[0];
      if (what !== 'speakers' && what !== 'actors') throw new UsageError('top needs speakers or actors');
      const period = options.day ? 'day' : options.month ? 'month' : null;
      const value = options.day ?? options.month;
      if (!period || !value) throw new UsageError('top needs --day YYYY-MM-DD or --month YYYY-MM');
      const entries = await queries.top(
        what === 'speakers' ? 'speaker' : 'actor',
        period,
        value,
        limit ?? 10,
      );
      return output({ items: entries, cursor: null }, (e) => ({ name: e.name, count: e.count }), json);
    }
    case 'rejections': {
      const page = await queries.rejections(paging);
      return output(
        page,
        (r) => ({ time: r.eventTime, object: `${r.bucket}/${r.key}`, reason: r.reason, message: r.message }),
        json,
      );
    }
    case 'object':
      return printFate(rest, options, connection);
    default:
      throw new UsageError(pattern ? `unknown pattern "${pattern}"` : 'which pattern?');
  }
}

/** `object KEY`: what became of one dropped file. Exit code 1 when the table knows nothing of it. */
async function printFate(rest: string[], options: Options, connection: Connection): Promise<void> {
  const key = rest.join(' ');
  if (!key) throw new UsageError('object needs the object key of a dropped file');
  const bucket = options.bucket ?? connection.dropBucket;
  if (!bucket) throw new UsageError('object needs --bucket B (the drop bucket is not known here)');
  // Accept "s3://bucket/key" as users copy it from listings.
  const prefix = `s3://${bucket}/`;
  const fate = await connection.fates.fate(bucket, key.startsWith(prefix) ? key.slice(prefix.length) : key);
  if (options.json) process.stdout.write(`${JSON.stringify(fate)}\n`);
  else {
    const when = fate.eventTime
      ? ` (S3 event ${fate.eventTime}, pipeline v${fate.pipelineVersion ?? '?'})`
      : '';
    const head = `s3://${fate.bucket}/${fate.key}`;
    switch (fate.outcome) {
      case 'articles':
        process.stdout.write(
          `${head}: stored as ${fate.articles.length} article${fate.articles.length === 1 ? '' : 's'}${when}\n\n`,
        );
        printTable(
          fate.articles.map((a) => ({
            id: a.articleId,
            title: a.stored ? a.title : '(listed, not yet written)',
            published: a.published,
            publisher: a.publisher,
            quotes: a.quotes,
            events: a.events,
          })),
        );
        process.stdout.write(`\nDetails: npm run query -- article ${fate.articles[0]?.articleId ?? 'ID'}\n`);
        break;
      case 'rejected':
        process.stdout.write(
          `${head}: rejected${when}\nreason:  ${fate.rejection?.reason ?? '?'}\nmessage: ${fate.rejection?.message ?? ''}\n`,
        );
        break;
      case 'removed':
        process.stdout.write(`${head}: removed from the bucket; its items were deleted${when}\n`);
        break;
      case 'unknown':
        process.stdout.write(
          `${head}: nothing recorded. Either it was never dropped under this key (keys are case-sensitive), it is still ` +
            'in flight (check the queues), or its message is in a dead-letter queue (see docs/operations.md: redrive).\n',
        );
        break;
    }
  }
  if (fate.outcome === 'unknown') process.exitCode = 1;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      speaker: { type: 'string' },
      actor: { type: 'string' },
      publisher: { type: 'string' },
      day: { type: 'string' },
      month: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      root: { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
      persist: { type: 'string' },
      stage: { type: 'string' },
      bucket: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const options: Options = values;
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [pattern, ...rest] = positionals;
  if (!PATTERNS.includes(pattern ?? ''))
    throw new UsageError(pattern ? `unknown pattern "${pattern}"` : 'which pattern?');
  if (options.persist !== undefined && options.stage !== undefined)
    throw new UsageError('use --persist or --stage, not both');
  const connection = await connect(options);
  try {
    await run(pattern, rest, options, connection);
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  if (
    err instanceof UsageError ||
    (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`query failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
