import type { Entity } from '../../../../lambdas/core/enrich/model';
import {
  attributionAfter,
  isParticiple,
  lastCue,
  phraseBeforeCue,
  sentenceSubject,
  SpeakerResolver,
} from '../../../../lambdas/core/enrich/speakers';

describe('attributionAfter', () => {
  it('reads a speaker before the cue verb', () => {
    expect(attributionAfter(', an unnamed US official said.')).toEqual({
      phrase: 'an unnamed US official',
      cue: 'said',
    });
    expect(attributionAfter(' Obama told a press conference afterwards.')).toEqual({
      phrase: 'Obama',
      cue: 'told',
    });
  });

  it('reads the inverted British order', () => {
    expect(attributionAfter(', says Mr Major.')).toEqual({ phrase: 'Mr Major', cue: 'says' });
    expect(attributionAfter(', said Khan, ||||')).toEqual({ phrase: 'Khan', cue: 'said' });
    expect(attributionAfter(', wrote Trump on Twitter.')).toEqual({ phrase: 'Trump', cue: 'wrote' });
  });

  it('reads `according to`', () => {
    expect(attributionAfter(', according to a tweet by the minister.')).toEqual({
      phrase: 'a tweet by the minister',
      cue: 'according to',
    });
  });

  it('reads the attribution after the closing mark only (callers pass the text after it)', () => {
    expect(attributionAfter(' the minister added.')).toEqual({ phrase: 'the minister', cue: 'added' });
  });

  it('finds nothing when the sentence goes on without a speech cue or with a capitalised noun', () => {
    expect(attributionAfter(' would presumably mean the end of the truce.')).toBeUndefined();
    expect(attributionAfter(' similarly denounced the proposal.')).toBeUndefined();
    expect(attributionAfter(' in the United States.')).toBeUndefined();
  });
});

describe('lastCue and isParticiple', () => {
  it('finds the last lower-case speech cue, not a capitalised homograph', () => {
    expect(lastCue('Assad praised the bombing, saying that it had prevented ')).toEqual({
      text: 'saying',
      index: 27,
    });
    expect(lastCue('the United States is ')).toBeUndefined();
    expect(lastCue('Putin allowed that the participation of ')).toEqual({ text: 'allowed that', index: 6 });
    expect(isParticiple('saying')).toBe(true);
    expect(isParticiple('said')).toBe(false);
  });
});

describe('phraseBeforeCue', () => {
  it('skips adverbs between the speaker and the cue', () => {
    expect(phraseBeforeCue('Erdogan pointedly ')).toBe('Erdogan');
    expect(phraseBeforeCue('The minister also ')).toBe('The minister');
  });

  it('stops at a clause boundary and prefers a pronoun subject', () => {
    expect(phraseBeforeCue('After describing the partition, he ')).toBe('he');
    expect(phraseBeforeCue('On the live television he ')).toBe('he');
    expect(phraseBeforeCue('a plan that ')).toBe('');
  });

  it('prefers the name before an appositive description', () => {
    expect(phraseBeforeCue('Nancy Pelosi, the Speaker of the House, ')).toBe('Nancy Pelosi');
    expect(phraseBeforeCue('The Vice President, Mike Pence, ')).toBe('Mike Pence');
  });
});

describe('sentenceSubject', () => {
  it('skips a leading adverbial and stops at the verb', () => {
    expect(sentenceSubject('At a meeting yesterday, UN envoy Sara Lind also attacked Russia, ')).toBe(
      'UN envoy Sara Lind',
    );
    expect(sentenceSubject('This Wednesday Greek Foreign Minister George Katrougalos stressed it, ')).toBe(
      'Greek Foreign Minister George Katrougalos',
    );
    expect(sentenceSubject('An anonymous Turkish official commented that ')).toBe(
      'An anonymous Turkish official',
    );
  });

  it('uses the appositive name after a described subject', () => {
    expect(sentenceSubject('The mayor of London, Sadiq Khan, gave his condolences, adding, ')).toBe(
      'Sadiq Khan',
    );
  });
});

describe('SpeakerResolver', () => {
  const entities: Entity[] = [
    {
      name: 'Lena Ford',
      type: 'person',
      aliases: ['Ford'],
      mentions: [{ paragraph: 0, start: 0, end: 9, text: 'Lena Ford' }],
      role: 'Finance Minister',
    },
    {
      name: 'Washington Post',
      type: 'organization',
      aliases: [],
      mentions: [{ paragraph: 0, start: 20, end: 35, text: 'Washington Post' }],
      country: 'US',
    },
  ];
  const resolver = new SpeakerResolver(entities, new Map([[1, [{ start: 0, end: 40 }]]]));
  const at = { paragraph: 1, offset: 50 };

  it('resolves names, pronouns and descriptions to entities', () => {
    expect(resolver.speakerOf('Ford', at)).toEqual({ name: 'Lena Ford', kind: 'person' });
    expect(resolver.speakerOf('she', at)).toEqual({ name: 'Lena Ford', kind: 'person', description: 'she' });
    expect(resolver.speakerOf('The newspaper', at)).toEqual({
      name: 'Washington Post',
      kind: 'organization',
      description: 'The newspaper',
    });
    expect(resolver.speakerOf('the minister', at)).toEqual({
      name: 'Lena Ford',
      kind: 'person',
      description: 'the minister',
    });
  });

  it('keeps anonymous sources anonymous, even when they name an organisation', () => {
    expect(resolver.speakerOf('an unnamed White House official', at)).toEqual({
      name: 'unnamed White House official',
      kind: 'anonymous',
      description: 'an unnamed White House official',
    });
  });

  it('marks a pronoun without antecedent as unknown', () => {
    expect(resolver.speakerOf('he', { paragraph: 0, offset: 0 })).toEqual({
      name: 'unknown',
      kind: 'unknown',
      description: 'he',
    });
  });
});
