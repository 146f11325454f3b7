import { parseThresholds } from './score';

/** The arguments of `npm run eval` (bin/eval.ts), parsed apart from the I/O so that they can be unit-tested. */

export const EVAL_USAGE =
  'usage: npm run eval -- GOLD.json CORPUS_DIR [--verbose] [--json] [--split dev|test] [--min KEY=RATE,...]\n';

export interface EvalOptions {
  goldPath: string;
  corpusDir: string;
  verbose: boolean;
  json: boolean;
  /** Score only this half of a split gold file. */
  split: 'dev' | 'test' | null;
  /** Minimum per summary key; eval exits 1 below one. */
  thresholds: Map<string, number>;
}

/** Throws an Error with a message for the user on a bad argument. Flags take `--flag value` or `--flag=value`. */
export function parseEvalArgs(args: readonly string[]): EvalOptions {
  const positional: string[] = [];
  let verbose = false;
  let json = false;
  let split: EvalOptions['split'] = null;
  let thresholds = new Map<string, number>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const [flag, inline] =
      arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--verbose') verbose = true;
    else if (flag === '--json') json = true;
    else if (flag === '--split') {
      const v = value();
      if (v !== 'dev' && v !== 'test')
        throw new Error(`--split must be dev or test, not ${JSON.stringify(v)}`);
      split = v;
    } else if (flag === '--min') thresholds = new Map([...thresholds, ...parseThresholds(value())]);
    else if (flag.startsWith('--')) throw new Error(`unknown option ${flag}`);
    else positional.push(arg);
  }
  const [goldPath, corpusDir, extra] = positional;
  if (!goldPath || !corpusDir || extra !== undefined) throw new Error('expected GOLD.json and CORPUS_DIR');
  return { goldPath, corpusDir, verbose, json, split, thresholds };
}
