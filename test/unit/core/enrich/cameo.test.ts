import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LEXICON,
  alternatives,
  findActions,
  firstChars,
  lexiconMatches,
} from '../../../../lambdas/core/enrich/cameo';

const roots = (sentence: string): Array<[string, string]> =>
  findActions(sentence).map((a) => [a.root, a.verb]);

describe('findActions', () => {
  it.each([
    ['Government troops shelled the northern suburbs overnight.', '19', 'shelled'],
    [
      'Coalition aircraft launched a fresh wave of air strikes on the port.',
      '19',
      'launched a fresh wave of air strikes',
    ],
    ['Rebel fighters were forced out of the old city.', '19', 'forced out'],
    ['The two leaders met in Brussels.', '04', 'met'],
    ['The prime minister visited the flooded region.', '04', 'visited'],
    ['The minister proposed a new round of negotiations.', '03', 'proposed'],
    ['The ambassador condemned the decision.', '11', 'condemned'],
    ['The court rejected the appeal.', '12', 'rejected'],
    ['Thousands protested outside the parliament.', '14', 'protested'],
    ['The government expelled two diplomats.', '16', 'expelled'],
    ['Police arrested the suspect at his home.', '17', 'arrested'],
    ['Gunmen abducted three aid workers.', '18', 'abducted'],
    ['The regime was accused of a chemical attack on the town.', '20', 'chemical attack'],
    ['The union urged its members to return to work.', '02', 'urged'],
    ['The rebels demanded the release of their leader.', '10', 'demanded'],
    ['The two sides agreed on a prisoner exchange.', '05', 'agreed'],
    ['The army withdrew from the border area.', '08', 'withdrew'],
    ['The navy deployed two frigates to the strait.', '15', 'deployed'],
  ])('classifies %p as %s', (sentence, root, verb) => {
    expect(roots(sentence)).toContainEqual([root, verb]);
  });

  it('reads a warning that something could follow as a threat', () => {
    expect(roots('The minister warned his counterpart that Paris could suspend all arms sales.')).toEqual([
      ['13', 'warned'],
    ]);
  });

  it('reads a warning without a consequence as a statement', () => {
    expect(roots('The agency warned that the figures are incomplete.')).toEqual([['01', 'warned']]);
  });

  it('reads "attacking X for" as criticism, not fighting', () => {
    expect(roots('The senator responded by attacking the ministry for its failure to act.')).toEqual([
      ['01', 'responded'],
      ['11', 'attacking'],
    ]);
  });

  it('drops actions under a modal or a negation', () => {
    expect(roots('The talks could collapse and the army might invade.')).toEqual([]);
    expect(roots('The ministry did not reject the plan.')).toEqual([]);
  });

  it('does not read hyphenated compounds as actions', () => {
    expect(
      roots('His injuries are not life-threatening, and the US-backed council proposed nothing.'),
    ).toEqual([['03', 'proposed']]);
  });

  it('returns every action of a sentence in order, with offsets', () => {
    const sentence = 'After the summit, the president criticized the air strikes.';
    expect(findActions(sentence)).toEqual([
      { root: '04', label: 'consult', verb: 'summit', start: 10, end: 16, nominal: true },
      { root: '11', label: 'disapprove', verb: 'criticized', start: 32, end: 42, nominal: false },
      { root: '19', label: 'fight', verb: 'air strikes', start: 47, end: 58, nominal: true },
    ]);
  });

  it('marks event nouns as nominal', () => {
    expect(findActions('The meeting ended early.').map((a) => [a.root, a.nominal])).toEqual([['04', true]]);
  });
});

/** The single regex the per-first-character scanners stand in for. */
const WHOLE_LEXICON = new RegExp(`\\b(?:${LEXICON.map((e) => `(${e.pattern})`).join('|')})(?![\\w-])`, 'gi');

function oracle(text: string): Array<[number, number, string]> {
  return [...text.matchAll(WHOLE_LEXICON)].map((m) => {
    const entry = LEXICON[m.findIndex((group, i) => i > 0 && group !== undefined) - 1];
    return [m.index, m.index + m[0].length, entry?.pattern ?? ''];
  });
}

const scanned = (text: string): Array<[number, number, string]> =>
  lexiconMatches(text).map((m) => [m.start, m.end, m.entry.pattern]);

describe('alternatives', () => {
  it('splits a pattern at top-level bars only', () => {
    expect(alternatives('met|meet(?:s|ing)? (?:with|in)|[a|b]x|\\|y')).toEqual([
      'met',
      'meet(?:s|ing)? (?:with|in)',
      '[a|b]x',
      '\\|y',
    ]);
  });
});

describe('firstChars', () => {
  it('reads literal letters, groups and digits, lower-cased', () => {
    expect(firstChars('Struck|(?:suicide|car) bomb|\\d+-minute')).toEqual(
      new Set(['s', 'c', ...'0123456789']),
    );
  });

  it('looks past an optional first item and a lookbehind', () => {
    expect(firstChars('(?:partial )?cease-?fire')).toEqual(new Set(['p', 'c']));
    expect(firstChars('(?<!(?:was|were) )confirmed')).toEqual(new Set(['c']));
  });

  it('gives any for what it cannot tell from the text', () => {
    expect(firstChars('\\w+ attack')).toBe('any');
    expect(firstChars('[a-z]+ed')).toBe('any');
    expect(firstChars('(?:|a)b')).toBe('any');
  });
});

describe('lexiconMatches', () => {
  it('finds the triggers the whole-lexicon regex finds, leftmost and longest first', () => {
    const text =
      'Jets launched a second round of air strikes on Idlib, then US-backed forces seized control.';
    expect(scanned(text)).toEqual(oracle(text));
    expect(scanned(text).map(([s, e]) => text.slice(s, e))).toEqual([
      'launched a second round of air strikes',
      // Hyphen edges are findActions' to drop ("US-backed" is no act of backing).
      'backed',
      'seized control',
    ]);
    expect(findActions(text).map((a) => a.verb)).toEqual([
      'launched a second round of air strikes',
      'seized control',
    ]);
  });

  it('skips word middles, underscores and non-ASCII word starts as \\b does', () => {
    const text = 'unattacked _attacked éattacked 2-minute meeting; the Attacked.';
    expect(scanned(text)).toEqual(oracle(text));
  });

  it('agrees with the whole-lexicon regex on every paragraph of the sample articles', () => {
    const dir = join(__dirname, '..', '..', '..', '..', 'samples');
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split(/\n\s*\n/));
    expect(texts.length).toBeGreaterThan(50);
    let matches = 0;
    for (const text of texts) {
      expect(scanned(text)).toEqual(oracle(text));
      matches += oracle(text).length;
    }
    expect(matches).toBeGreaterThan(100);
  });
});
