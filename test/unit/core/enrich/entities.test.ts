import { createEntityResolver, extractEntities } from '../../../../lambdas/core/enrich/entities';
import type { Entity } from '../../../../lambdas/core/enrich/model';

const ARTICLE = [
  'State Department spokeswoman Maria Ortega said Washington would send more aid to Kyiv.',
  'Ortega added that the Kremlin had been warned. The Russian Defense Ministry did not reply.',
  'Pope Francis called for calm. Francis spoke in Rome.',
  'Former prime minister Tony Blair backed the plan. Mr Blair said it would work, and Mr Hale agreed.',
  'Lena Ford, a senior analyst at the Carnegie Endowment, said Iraqi Security Forces had retaken Mosul from ISIS.',
];

function byName(entities: Entity[], name: string): Entity | undefined {
  return entities.find((e) => e.name === name);
}

describe('extractEntities', () => {
  const entities = extractEntities(ARTICLE);

  it('attaches a title written before a name as the person’s role, and its country', () => {
    expect(byName(entities, 'Maria Ortega')).toEqual({
      name: 'Maria Ortega',
      type: 'person',
      aliases: ['Ortega'],
      mentions: [
        { paragraph: 0, start: 29, end: 41, text: 'Maria Ortega' },
        { paragraph: 1, start: 0, end: 6, text: 'Ortega' },
      ],
      role: 'State Department spokeswoman',
      country: 'US',
    });
  });

  it('maps capitals and seats of government used as actors to the country, with its ISO code', () => {
    expect(byName(entities, 'United States')).toEqual({
      name: 'United States',
      type: 'location',
      aliases: ['Washington'],
      mentions: [{ paragraph: 0, start: 47, end: 57, text: 'Washington' }],
      country: 'US',
    });
    expect(byName(entities, 'Russia')?.mentions).toEqual([
      { paragraph: 1, start: 22, end: 29, text: 'Kremlin' },
    ]);
    expect(byName(entities, 'Ukraine')?.country).toBe('UA');
  });

  it('recognises organisations from the gazetteer and from their head words', () => {
    expect(byName(entities, 'Russian Defense Ministry')).toMatchObject({
      type: 'organization',
      country: 'RU',
    });
    expect(byName(entities, 'Iraqi Security Forces')).toMatchObject({ type: 'organization', country: 'IQ' });
    expect(byName(entities, 'Carnegie Endowment')?.type).toBe('organization');
    expect(byName(entities, 'ISIS')?.type).toBe('organization');
  });

  it('keeps a one-word name with its honorific and resolves the bare name to it', () => {
    expect(byName(entities, 'Pope Francis')).toMatchObject({
      type: 'person',
      aliases: ['Francis'],
      role: 'Pope',
      mentions: [
        { paragraph: 2, start: 0, end: 12, text: 'Pope Francis' },
        { paragraph: 2, start: 30, end: 37, text: 'Francis' },
      ],
    });
  });

  it('resolves "Mr Blair" to the full name, and keeps an unknown "Mr Hale" as a person of its own', () => {
    expect(byName(entities, 'Tony Blair')).toMatchObject({
      aliases: ['Mr Blair'],
      role: 'Former prime minister',
    });
    expect(byName(entities, 'Mr Hale')).toMatchObject({ type: 'person', aliases: ['Hale'] });
  });

  it('takes a role from an appositive after the name', () => {
    expect(byName(entities, 'Lena Ford')?.role).toBe('senior analyst at the Carnegie Endowment');
  });

  it('lists entities in order of first mention', () => {
    expect(entities.map((e) => e.name)).toEqual([
      'State Department',
      'Maria Ortega',
      'United States',
      'Ukraine',
      'Russia',
      'Russian Defense Ministry',
      'Pope Francis',
      'Italy',
      'Tony Blair',
      'Mr Hale',
      'Lena Ford',
      'Carnegie Endowment',
      'Iraqi Security Forces',
      'Mosul',
      'ISIS',
    ]);
  });

  it('does not take sentence openers, weekdays or group adjectives for names', () => {
    const names = extractEntities([
      'On Tuesday, Kurdish fighters said the Syrian army had left. However, Shia groups disagreed.',
    ]).map((e) => e.name);
    expect(names).toEqual([]);
  });

  it('tells a place-like family or first name from the place', () => {
    const entities = extractEntities([
      'Jordan Shilton reported from Amman. The attacker, Sudesh Amman, was shot. Amman had been released.',
    ]);
    expect(entities.map((e) => [e.name, e.type, e.mentions.map((m) => m.text)])).toEqual([
      ['Jordan Shilton', 'person', ['Jordan Shilton']],
      ['Jordan', 'location', ['Amman']],
      ['Sudesh Amman', 'person', ['Sudesh Amman', 'Amman']],
    ]);
  });

  it('reads an organisation run by a leader ("the Obama administration") as an organisation', () => {
    const entities = extractEntities(['Critics said the Obama administration had failed.']);
    expect(entities.map((e) => [e.name, e.type])).toEqual([['Obama administration', 'organization']]);
  });
});

describe('createEntityResolver', () => {
  const resolve = createEntityResolver(extractEntities(ARTICLE));

  it('resolves short forms and titled forms of people to the full name', () => {
    expect(resolve('Ortega')).toBe('Maria Ortega');
    expect(resolve('spokeswoman Ortega')).toBe('Maria Ortega');
    expect(resolve('Mr Blair')).toBe('Tony Blair');
  });

  it('resolves demonym phrases, capitals and seats to the country', () => {
    expect(resolve('Russian jets')).toBe('Russia');
    expect(resolve('Washington')).toBe('United States');
    expect(resolve('the Kremlin')).toBe('Russia');
    expect(resolve('Damascus')).toBe('Syria');
    expect(resolve('Turkish troops')).toBe('Turkey');
  });

  it('resolves organisations by alias, with people ranked before organisations and countries', () => {
    expect(resolve('Islamic State fighters')).toBe('ISIS');
    expect(resolve('the Pentagon')).toBe('Pentagon');
    expect(resolve('Russian Foreign Minister Ortega')).toBe('Maria Ortega');
  });

  it('returns undefined when nothing in the text is known', () => {
    expect(resolve('local farmers')).toBeUndefined();
    expect(resolve('us')).toBeUndefined();
  });
});
