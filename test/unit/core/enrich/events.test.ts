import { extractEvents } from '../../../../lambdas/core/enrich/events';
import type { Entity } from '../../../../lambdas/core/enrich/model';
import { extractTimexes } from '../../../../lambdas/core/enrich/timexes';

/** An entity with every occurrence of its surface forms in the paragraphs as mentions. */
function entity(paragraphs: readonly string[], name: string, type: Entity['type'], forms: string[]): Entity {
  const mentions: Entity['mentions'] = [];
  paragraphs.forEach((text, paragraph) => {
    for (const form of forms) {
      for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
        mentions.push({ paragraph, start: at, end: at + form.length, text: form });
      }
    }
  });
  return { name, type, aliases: forms.filter((f) => f !== name), mentions };
}

// Friday 10 May 2019.
const PUBLISHED = '2019-05-10';

function eventsOf(paragraphs: string[], entities: (p: string[]) => Entity[] = () => []) {
  const timexes = extractTimexes(paragraphs, PUBLISHED);
  return extractEvents({ paragraphs, entities: entities(paragraphs), timexes });
}

describe('extractEvents', () => {
  it('reports a dated, located consultation between two named people', () => {
    const paragraphs = ['On Tuesday, Chancellor Anna Berg met Prime Minister Tomas Lind in Vienna.'];
    const events = eventsOf(paragraphs, (p) => [
      entity(p, 'Anna Berg', 'person', ['Anna Berg']),
      entity(p, 'Tomas Lind', 'person', ['Tomas Lind']),
    ]);
    expect(events).toEqual([
      {
        sentence: 'On Tuesday, Chancellor Anna Berg met Prime Minister Tomas Lind in Vienna.',
        paragraph: 0,
        date: '2019-05-07',
        dateText: 'Tuesday',
        granularity: 'day',
        action: { root: '04', label: 'consult', verb: 'met' },
        actors: [
          { name: 'Anna Berg', role: 'source' },
          { name: 'Tomas Lind', role: 'target' },
        ],
        source: { name: 'Anna Berg', kind: 'person' },
        target: { name: 'Tomas Lind', kind: 'person' },
        location: 'Vienna',
      },
    ]);
  });

  it('maps demonyms to states and takes the place after "near"', () => {
    const paragraphs = ['Yesterday, Turkish jets struck Kurdish positions near Aleppo, killing 12 fighters.'];
    expect(eventsOf(paragraphs)).toEqual([
      expect.objectContaining({
        date: '2019-05-09',
        action: { root: '19', label: 'fight', verb: 'struck' },
        actors: [{ name: 'Turkey', role: 'source' }],
        location: 'Aleppo',
      }),
    ]);
  });

  it('reads a warning with a consequence as a threat, dated by the date beside it', () => {
    const paragraphs = [
      'French Foreign Minister Paul Roche warned Iran on Monday that Paris could suspend all trade talks.',
    ];
    const events = eventsOf(paragraphs, (p) => [entity(p, 'Paul Roche', 'person', ['Paul Roche'])]);
    expect(events.map((e) => [e.action.root, e.date, e.actors])).toEqual([
      [
        '13',
        '2019-05-06',
        [
          { name: 'Paul Roche', role: 'source' },
          { name: 'Iran', role: 'target' },
        ],
      ],
    ]);
  });

  it('takes the agent of a passive from "by"', () => {
    const paragraphs = ['Two soldiers were killed in a mortar attack by Taliban fighters on Wednesday.'];
    const events = eventsOf(paragraphs, (p) => [entity(p, 'Taliban', 'organization', ['Taliban'])]);
    expect(events.map((e) => [e.action.root, e.date, e.actors])).toEqual([
      [
        '19',
        '2019-05-08',
        [
          { name: 'Taliban', role: 'source' },
          { name: 'soldiers', role: 'target' },
        ],
      ],
    ]);
  });

  it('emits one event per kind of action, with the sentence-initial date governing all', () => {
    const paragraphs = ['Last week, Germany condemned the blockade and recalled its ambassador from Minsk.'];
    expect(eventsOf(paragraphs).map((e) => [e.action.root, e.date, e.actors[0]?.name])).toEqual([
      ['11', '2019-04-29/2019-05-05', 'Germany'],
      ['16', '2019-04-29/2019-05-05', 'Germany'],
    ]);
  });

  it('keeps a statement beside what it reports, and only when someone made it', () => {
    const paragraphs = [
      'Russia announced on Thursday that it had shelled the port.',
      'Russia announced on Thursday a new budget.',
      'On Friday, the port was shelled again, a source said.',
    ];
    expect(eventsOf(paragraphs).map((e) => [e.paragraph, e.action.root])).toEqual([
      [0, '01'],
      [0, '19'],
      [1, '01'],
      // The dated shelling is an event; "a source said" names no one.
      [2, '19'],
    ]);
  });

  it('ignores undated event nouns, actorless undated verbs and what is said inside quotes', () => {
    const paragraphs = [
      'The invasion remains a scar on the region.',
      'Several buildings were shelled.',
      '“We will never negotiate with those who bombed our cities,” Iran said on Monday.',
    ];
    // Saying it is the event; what was said is not.
    expect(
      eventsOf(paragraphs).map((e) => [e.paragraph, e.action.root, e.action.verb, e.source?.name]),
    ).toEqual([[2, '01', 'said', 'Iran']]);
  });

  it('leaves the date of an event null without a publication date, but keeps the event', () => {
    const paragraphs = ['On Sunday, Israeli aircraft bombed a depot in Gaza.'];
    const [event] = extractEvents({ paragraphs, entities: [], timexes: extractTimexes(paragraphs, null) });
    expect(event).toEqual(
      expect.objectContaining({ date: null, dateText: 'Sunday', granularity: null, location: 'Gaza' }),
    );
  });
  it('counts a demonym as an actor only before an agent noun', () => {
    const paragraphs = ['On Thursday, Greek officials met the organisers of the Serbian election in Athens.'];
    expect(eventsOf(paragraphs).map((e) => [e.action.root, e.actors, e.location])).toEqual([
      ['04', [{ name: 'Greece', role: 'source' }], 'Athens'],
    ]);
  });

  it('gives a participle after a comma the subject of the clause before it', () => {
    const paragraphs = ['On Monday, Iran shot down a drone over the gulf, blaming Israel for the incursion.'];
    expect(eventsOf(paragraphs).map((e) => [e.action.root, e.actors])).toEqual([
      ['19', [{ name: 'Iran', role: 'source' }]],
      [
        '11',
        [
          { name: 'Iran', role: 'source' },
          { name: 'Israel', role: 'target' },
        ],
      ],
    ]);
  });
  it('lets a date after "Late on" govern the sentence', () => {
    const paragraphs = [
      'Late on Sunday, after weeks of rumours about the health of the president, the Kremlin announced new elections.',
    ];
    expect(eventsOf(paragraphs).map((e) => [e.action.root, e.date, e.dateText])).toEqual([
      ['01', '2019-05-05', 'Sunday'],
    ]);
  });
});
