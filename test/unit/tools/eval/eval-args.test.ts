import { parseEvalArgs } from '../../../../tools/eval/eval-args';

describe('parseEvalArgs', () => {
  it('takes the gold file and the corpus folder, with no flags by default', () => {
    expect(parseEvalArgs(['gold.json', 'corpus'])).toEqual({
      goldPath: 'gold.json',
      corpusDir: 'corpus',
      verbose: false,
      json: false,
      split: null,
      thresholds: new Map(),
    });
  });

  it('reads --verbose, --json, --split and repeated --min, as separate or inline values', () => {
    const options = parseEvalArgs([
      '--split',
      'dev',
      'gold.json',
      '--verbose',
      'corpus',
      '--json',
      '--min=quote_p=1',
      '--min',
      'event_recall=0.7,speaker=0.92',
    ]);
    expect(options).toMatchObject({
      goldPath: 'gold.json',
      corpusDir: 'corpus',
      verbose: true,
      json: true,
      split: 'dev',
    });
    expect([...options.thresholds]).toEqual([
      ['quote_p', 1],
      ['event_recall', 0.7],
      ['speaker', 0.92],
    ]);
  });

  it('rejects a missing or extra path, an unknown flag, a bad split and a bad minimum with a message', () => {
    expect(() => parseEvalArgs(['gold.json'])).toThrow('expected GOLD.json and CORPUS_DIR');
    expect(() => parseEvalArgs(['a', 'b', 'c'])).toThrow('expected GOLD.json and CORPUS_DIR');
    expect(() => parseEvalArgs(['a', 'b', '--fast'])).toThrow('unknown option --fast');
    expect(() => parseEvalArgs(['a', 'b', '--split', 'train'])).toThrow(
      '--split must be dev or test, not "train"',
    );
    expect(() => parseEvalArgs(['a', 'b', '--split'])).toThrow('--split needs a value');
    expect(() => parseEvalArgs(['a', 'b', '--min', 'recall=1'])).toThrow(/bad threshold "recall=1"/);
  });
});
