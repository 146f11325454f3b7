import { findActions } from '../../../../lambdas/core/enrich/cameo';
import { inflect, VERBS } from '../../../../lambdas/core/enrich/verbs';

const roots = (sentence: string): Array<[string, string]> =>
  findActions(sentence).map((a) => [a.root, a.verb]);

describe('inflect', () => {
  it('makes the third person, past and -ing forms of regular verbs', () => {
    expect(inflect('question')).toEqual(['questions', 'questioned', 'questioning']);
    expect(inflect('accuse')).toEqual(['accuses', 'accused', 'accusing']);
    expect(inflect('occupy')).toEqual(['occupies', 'occupied', 'occupying']);
    expect(inflect('ban*')).toEqual(['bans', 'banned', 'banning']);
  });

  it('takes irregular pasts and keeps a phrase tail on every form', () => {
    expect(inflect('tear/tore/torn into')).toEqual(['tears into', 'tore into', 'torn into', 'tearing into']);
    expect(inflect('hit*/hit/hit back')).toEqual(['hits back', 'hit back', 'hitting back']);
  });

  it('leaves out the forms that are mostly nouns', () => {
    expect(inflect('!talk')).toEqual(['talked', 'talking']);
    expect(inflect('~meet/met/met')).toEqual(['meets', 'met']);
  });

  it('covers all twenty CAMEO roots', () => {
    expect(new Set(VERBS.map((v) => v.root)).size).toBe(20);
  });
});

describe('verb coverage beyond the seeds', () => {
  it.each([
    ['The opposition leader called on the army to stand down.', '02'],
    ['Ankara pulled out of the arms treaty on Friday.', '16'],
    ['The brigade pulled out of the valley.', '08'],
    ['The senator tore into the minister over the budget.', '11'],
    ['Washington ramped up pressure on Caracas.', '17'],
    ['The council convened an emergency meeting.', '04'],
    ['Two deputies questioned the ruling.', '11'],
    ['Ten states backed the resolution.', '05'],
    ['Oslo warned Moscow against any incursion.', '13'],
    ['The envoy held talks with rebel leaders.', '04'],
    ['Police fired tear gas at the crowd.', '17'],
    ['The court acquitted the former mayor.', '08'],
    ['Inspectors launched an inquiry into the deaths.', '09'],
    ['The ministry expelled two diplomats.', '16'],
    ['Rebels shelled the airport.', '19'],
    ['Gunmen kidnapped a reporter.', '18'],
    ['The regime massacred villagers.', '20'],
    ['Thousands took to the streets.', '14'],
    ['The navy deployed two frigates.', '15'],
    ['Brussels sent humanitarian aid.', '07'],
    ['The two armies shared intelligence.', '06'],
    ['The minister demanded an apology.', '10'],
    ['The committee issued a subpoena for the records.', '10'],
    ['The president vetoed the bill.', '12'],
    ['The government offered talks.', '03'],
  ])('%s → %s', (sentence, root) => {
    expect(roots(sentence).map(([r]) => r)).toContain(root);
  });

  it('reads a passive "questioned" as an interrogation', () => {
    expect(roots('The driver was questioned by police.')).toEqual([['09', 'questioned']]);
  });
});

describe('negation and modality', () => {
  it('does not report what was not or may be done', () => {
    expect(roots('The army did not attack the town.')).toEqual([]);
    expect(roots('The union may impose sanctions.')).toEqual([]);
    expect(roots("Ministers haven't signed the deal.")).toEqual([]);
  });

  it('reports a threat, not the act threatened', () => {
    expect(roots('Beijing threatened to impose sanctions on Manila.')).toEqual([['13', 'threatened']]);
  });
});
