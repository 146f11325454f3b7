import {
  countryByIso,
  isKnownPlaceName,
  lookupOrganization,
  lookupPlace,
} from '../../../../lambdas/core/enrich/gazetteer';

describe('lookupPlace', () => {
  it('maps country names and short forms to the country with its ISO code', () => {
    expect(lookupPlace('Britain')).toEqual({ name: 'United Kingdom', iso: 'GB', via: 'country' });
    expect(lookupPlace('the United States')).toEqual({ name: 'United States', iso: 'US', via: 'country' });
    expect(lookupPlace('U.S.')).toEqual({ name: 'United States', iso: 'US', via: 'country' });
  });

  it('maps demonyms and adjectives to their country', () => {
    expect(lookupPlace('Russian')).toEqual({ name: 'Russia', iso: 'RU', via: 'demonym' });
    expect(lookupPlace('Turkish')).toEqual({ name: 'Turkey', iso: 'TR', via: 'demonym' });
  });

  it('maps seats of government used as actors to the state', () => {
    expect(lookupPlace('Washington')).toEqual({ name: 'United States', iso: 'US', via: 'seat' });
    expect(lookupPlace('the Kremlin')).toEqual({ name: 'Russia', iso: 'RU', via: 'seat' });
    expect(lookupPlace('Damascus')).toEqual({ name: 'Syria', iso: 'SY', via: 'seat' });
    expect(lookupPlace('Ankara')).toEqual({ name: 'Turkey', iso: 'TR', via: 'seat' });
  });

  it('ignores a possessive and does not read the pronoun "us" as a country', () => {
    expect(lookupPlace('Moscow’s')?.name).toBe('Russia');
    expect(lookupPlace('us')).toBeUndefined();
    expect(lookupPlace('Springfield')).toBeUndefined();
  });
});

describe('lookupOrganization', () => {
  it('finds organisations by name or alias with category and country', () => {
    expect(lookupOrganization('Islamic State')).toMatchObject({ name: 'ISIS', category: 'armed' });
    expect(lookupOrganization('the Pentagon')).toMatchObject({
      name: 'Pentagon',
      category: 'government',
      country: 'US',
    });
    expect(lookupOrganization('Nusra Front')?.name).toBe('al-Nusra Front');
    expect(lookupOrganization('The Washington Post')).toMatchObject({
      name: 'Washington Post',
      category: 'media',
    });
  });

  it('matches acronyms only in capitals', () => {
    expect(lookupOrganization('IS')?.name).toBe('ISIS');
    expect(lookupOrganization('is')).toBeUndefined();
  });
});

describe('countryByIso and isKnownPlaceName', () => {
  it('name countries by code and know regions that are not countries', () => {
    expect(countryByIso('SY')).toEqual({ name: 'Syria', iso: 'SY' });
    expect(isKnownPlaceName('Aleppo')).toBe(true);
    expect(isKnownPlaceName('Middle East')).toBe(true);
    expect(isKnownPlaceName('Tuesday')).toBe(false);
  });
});
