import { extractEntities } from '../../../../lambdas/core/enrich/entities';
import { extractEvents } from '../../../../lambdas/core/enrich/events';
import type { NewsEvent } from '../../../../lambdas/core/enrich/model';
import { extractTimexes } from '../../../../lambdas/core/enrich/timexes';

/**
 * One test per failure class of issue 9, part 4, each on invented text, through the real entity and date
 * extractors (as enrichArticle runs them).
 */

// Friday 10 May 2024.
const PUBLISHED = '2024-05-10';

function events(paragraphs: string[]): NewsEvent[] {
  return extractEvents({
    paragraphs,
    entities: extractEntities(paragraphs),
    timexes: extractTimexes(paragraphs, PUBLISHED),
  });
}

const brief = (e: NewsEvent): [string, string | null, string | null, string | null] => [
  e.action.root,
  e.source?.name ?? null,
  e.target?.name ?? null,
  e.date,
];

describe('who did what to whom', () => {
  it('takes the subject of the clause as source, not the nearest name', () => {
    const found = events([
      'Senator Mara Hale asked how Governor Tim Lee would deal with Premier Ana Voss; blamed President Rui Ortiz for the delay.',
    ]);
    expect(found.map(brief)).toEqual([['11', 'Mara Hale', 'Rui Ortiz', null]]);
  });

  it('takes the agent of a passive as source and its subject as target', () => {
    const found = events(['President Rui Ortiz was condemned on Tuesday by Chancellor Anna Berg.']);
    expect(found.map(brief)).toEqual([['11', 'Anna Berg', 'Rui Ortiz', '2024-05-07']]);
  });

  it('reads a relative clause and the main clause with the same subject', () => {
    const found = events(['Chancellor Anna Berg, who met Premier Ana Voss on Monday, criticised Norway.']);
    expect(found.map(brief)).toEqual([
      ['04', 'Anna Berg', 'Ana Voss', '2024-05-06'],
      ['11', 'Anna Berg', 'Norway', null],
    ]);
  });

  it('resolves a pronoun subject to the story’s last actor of that kind', () => {
    const found = events([
      'On Saturday, President Rui Ortiz accused Spain of spying.',
      'He also warned Portugal against joining the pact.',
    ]);
    expect(found.map(brief)).toEqual([
      ['11', 'Rui Ortiz', 'Spain', '2024-05-04'],
      ['13', 'Rui Ortiz', 'Portugal', '2024-05-04'],
    ]);
  });

  it('names an unnamed collective actor as a group', () => {
    const [event] = events(['On Friday, police arrested two activists in Lyon.']);
    expect(event?.source).toEqual({ name: 'police', kind: 'group' });
    expect(event?.action.root).toBe('17');
  });

  it('reads "the President" as the person named with that role', () => {
    const found = events([
      'Angolan President Rui Ortiz met Chancellor Anna Berg on Monday.',
      'The President later denied any deal.',
    ]);
    expect(found.map((e) => e.source?.name)).toEqual(['Rui Ortiz', 'Rui Ortiz']);
  });

  it('files a statement beside the action it reports, and only with a speaker', () => {
    const found = events([
      'Spain said on Monday that Moroccan troops had shelled the border post, witnesses said.',
    ]);
    expect(found.map((e) => e.action.root).sort()).toEqual(['01', '19']);
  });
});

describe('where events do not come from', () => {
  it('skips bylines, credits, captions, datelines and footers', () => {
    const found = events([
      'By Jane Doe and Li Wei, Reuters',
      'Photo: Police arrested protesters outside parliament (AFP/Getty Images)',
      'Additional reporting by Tom Grey in Madrid; editing by Ana Ruiz',
      'LISBON',
      '© 2024 Herald Media. All rights reserved.',
      '“Portugal condemns the strike” — Lisbon Herald, May 9, 2024',
    ]);
    expect(found).toEqual([]);
  });

  it('keeps a dateline’s city out of the actors', () => {
    const [event] = events(['MADRID (Reuters) - Portugal condemned the strike on Thursday.']);
    expect(brief(event as NewsEvent)).toEqual(['11', 'Portugal', null, '2024-05-09']);
  });

  it('takes a headline event only between two known parties', () => {
    expect(events(['Mayor Warns Plan Would Fail', 'The council will vote in June.'])).toEqual([]);
    const found = events([
      'France condemns Russia over strikes',
      'The French foreign ministry spoke on Monday.',
    ]);
    expect(found.map(brief)[0]).toEqual(['11', 'France', 'Russia', null]);
  });

  it('needs the participants of an event noun', () => {
    expect(events(['The summit ended without a joint statement.'])).toEqual([]);
    const found = events(['The talks between Chancellor Anna Berg and Premier Ana Voss lasted five hours.']);
    expect(found.map(brief)).toEqual([['04', 'Anna Berg', 'Ana Voss', null]]);
  });

  it('does not make an event, or an actor, of the occasion a statement was made at', () => {
    const found = events([
      'Chancellor Anna Berg said at a Herald summit on Monday that the tariffs would stay.',
    ]);
    expect(found.map(brief)).toEqual([['01', 'Anna Berg', null, '2024-05-06']]);
  });
});

describe('when it happened', () => {
  it('does not date an event by a deadline, a period or a year', () => {
    const found = events([
      'Spain pledged on Monday to extend the pact through 2031.',
      'Portugal vowed to cut emissions by 2030.',
      'In 2015, Norway signed the accord.',
    ]);
    expect(found.map((e) => [e.action.root, e.date])).toEqual([
      ['03', '2024-05-06'],
      ['03', null],
      ['05', null],
    ]);
  });

  it('gives an undated action the narrative’s day while the story stays with its actors', () => {
    const found = events([
      'On Saturday, President Rui Ortiz met Premier Ana Voss in Lisbon.',
      'Ortiz also criticised Spain.',
      'Premier Ana Voss was not available. Chancellor Anna Berg praised the talks.',
    ]);
    expect(found.map(brief)).toEqual([
      ['04', 'Rui Ortiz', 'Ana Voss', '2024-05-04'],
      ['11', 'Rui Ortiz', 'Spain', '2024-05-04'],
      // Someone else, with no date of her own: the text does not say when.
      ['05', 'Anna Berg', null, null],
    ]);
  });

  it('leaves the story’s day once the narrative moves to another period', () => {
    const found = events([
      'On Saturday, President Rui Ortiz met Premier Ana Voss.',
      'In 2019, Ortiz criticised Spain.',
    ]);
    expect(found.map((e) => e.date)).toEqual(['2024-05-04', null]);
  });

  it('dates a "when" clause by the date it follows', () => {
    const found = events(['The army reported losses yesterday, when rebels attacked a base.']);
    expect(found.map((e) => [e.action.root, e.date])).toContainEqual(['19', '2024-05-09']);
  });
});

describe('titles with "of"', () => {
  it('keeps a person named after "Secretary of State" as the subject', () => {
    const [event] = events(['US Secretary of State Jon Marr warned Premier Ana Voss on Monday.']);
    expect(event?.source?.name).toBe('Jon Marr');
  });
});

describe('light verbs', () => {
  it('gives a rally someone held the one who held it as source', () => {
    const [event] = events(['On Thursday, Premier Ana Voss held a rally in Porto.']);
    expect(brief(event as NewsEvent)).toEqual(['14', 'Ana Voss', null, '2024-05-09']);
  });
});

describe('appositions and "by" phrases', () => {
  it('takes the person named beside a role, not an earlier holder of a similar one', () => {
    const found = events([
      'President Rui Ortiz said on Friday that the talks were over.',
      'The Vice President, Tomas Lind, said on Friday that the vote would go ahead.',
    ]);
    expect(found.map((e) => e.source?.name)).toEqual(['Rui Ortiz', 'Tomas Lind']);
  });

  it('does not read "by X" after an active verb as its agent', () => {
    const [event] = events(['Foreign Minister Ana Voss stressed on Monday the need for approval by UNESCO.']);
    expect(event?.source?.name).toBe('Ana Voss');
  });
});
