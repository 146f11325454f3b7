import { findActions } from '../../../../lambdas/core/enrich/cameo';

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
