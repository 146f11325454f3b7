import { CAMEO_LABELS, findActions, type ActionMatch } from './cameo';
import { lookupOrganization, lookupPlace, isKnownPlaceName, startsMultiWordName } from './gazetteer';
import type { CameoRoot, Entity, EventParty, NewsEvent, Timex } from './model';
import { datelineLength, passageKind, type PassageKind } from './passages';
import { splitSentences, type Span } from './sentences';

/**
 * Dated, located events: one per reported action in a sentence (see cameo.ts for what counts as one), with the
 * actors around its trigger and the date expression that belongs to it. Deliberately conservative: statement
 * verbs only when nothing else happens in the sentence, event nouns ("the meeting", "an attack on") only when
 * dated, verbs only with an actor or a date, and nothing inside quotation marks (that is what was said).
 */

/** A mention that can be an actor, with its canonical name and paragraph offsets. */
export interface ActorMention {
  readonly name: string;
  /** People act in words more often than in arms: see the verbal-attack rule. */
  readonly person: boolean;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
}

const MAX_EVENTS_PER_SENTENCE = 4;
/** Longest country or organisation name looked up in the gazetteer ("United Arab Emirates"). */
const MAX_NAME_WORDS = 4;
/** How far (in characters) a date may sit from its action across a comma when no date heads the sentence. */
const NEAR_DATE_CHARS = 40;
/** At most "late on"/"also in" before a date at the head of a sentence: it dates all the sentence reports. */
const GOVERNING_LEAD =
  /^\s*(?:(?:also|late|early|later|earlier)\s+)?(?:(?:on|in|since|by|at|during|until)\s+)?$/i;

/** Capitalised runs (with an optional "the") that may name a country, demonym, capital or known organisation. */
const CAPITALISED_RUN = /\b[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*){0,5}/g;

/**
 * Actors are people, organisations and states; a city or region is a place, not an actor, unless it is a seat
 * of government ("Moscow" for Russia). Entity mentions come first; the gazetteer adds demonyms and the
 * states and organisations the entity extractor did not list ("Russian jets" → Russia).
 */
export function actorMentions(paragraphs: readonly string[], entities: readonly Entity[]): ActorMention[] {
  const mentions: ActorMention[] = [];
  for (const entity of entities) {
    if (entity.type === 'location') {
      for (const m of entity.mentions) {
        const place = lookupPlace(m.text) ?? lookupPlace(entity.name);
        if (place)
          mentions.push({
            name: place.name,
            person: false,
            paragraph: m.paragraph,
            start: m.start,
            end: m.end,
          });
      }
      continue;
    }
    for (const m of entity.mentions) {
      mentions.push({
        name: entity.name,
        person: entity.type === 'person',
        paragraph: m.paragraph,
        start: m.start,
        end: m.end,
      });
    }
  }
  // The same names recur through an article: look each candidate up once.
  const known = new Map<string, string | null>();
  const entityMentions = byParagraph(mentions, paragraphs.length);
  paragraphs.forEach((text, paragraph) => {
    const taken = entityMentions[paragraph] ?? [];
    for (const run of text.matchAll(CAPITALISED_RUN)) {
      const words = run[0].split(/\s+/);
      let offset = run.index;
      // Longest known name at each word, then move past it.
      for (let i = 0; i < words.length;) {
        let matched = 0;
        // Longer windows only from a word that starts a multi-word name (or "the", which lookups drop).
        const first = words[i] ?? '';
        const longest = /^the$/i.test(first) || startsMultiWordName(first) ? MAX_NAME_WORDS : 1;
        for (let n = Math.min(longest, words.length - i); n >= 1 && matched === 0; n--) {
          const candidate = words
            .slice(i, i + n)
            .join(' ')
            .replace(/[.,]$/, '');
          let name = known.get(candidate);
          if (name === undefined) {
            name = lookupPlace(candidate)?.name ?? lookupOrganization(candidate)?.name ?? null;
            known.set(candidate, name);
          }
          if (!name) continue;
          const start = text.indexOf(candidate, offset);
          const end = start + candidate.length;
          if (!taken.some((m) => m.start < end && start < m.end))
            mentions.push({ name, person: false, paragraph, start, end });
          matched = n;
          offset = end;
        }
        if (matched === 0) offset = text.indexOf(words[i] ?? '', offset) + (words[i] ?? '').length;
        i += Math.max(matched, 1);
      }
    }
  });
  paragraphs.forEach((text, paragraph) => {
    const taken = mentions.filter((m) => m.paragraph === paragraph);
    for (const [name, start, end] of groupMentions(text)) {
      if (taken.some((t) => t.start < end && start < t.end)) continue;
      if (GROUP_COMPOUND.test(text.slice(end))) continue;
      mentions.push({ name, person: false, paragraph, start, end });
    }
    // "The President insists …", "the spokesperson added": a role stands for the person who holds it.
    for (const m of ROLE_WORD.test(text) ? text.matchAll(ROLE_MENTION) : []) {
      const role = m[1] ?? '';
      const start = m.index + m[0].length - role.length;
      const end = start + role.length;
      if (taken.some((t) => t.start < end && start < t.end)) continue;
      // "The Vice President, Mike Pence, said": the name that follows is the actor.
      if (/^\s*,\s*\p{Lu}/u.test(text.slice(end))) continue;
      if (!/^\s*(?:[,;.]|\p{Ll}+(?:ed|s)\b|(?:has|had|have|was|also|later|then)\b)/u.test(text.slice(end)))
        continue;
      const holder = holderOf(role, entities, paragraph, start);
      mentions.push({ name: holder ?? role.toLowerCase(), person: holder !== null, paragraph, start, end });
    }
  });
  mentions.sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
  const located = (m: ActorMention): boolean =>
    !m.person &&
    PLACE_PREPOSITION.test((paragraphs[m.paragraph] ?? '').slice(Math.max(0, m.start - 30), m.start));
  return mentions.filter((m, i) => {
    // "in Rome", "near Damascus": where something happened, not who did it.
    if (located(m)) return false;
    if (!m.person && !actingDemonym(paragraphs[m.paragraph] ?? '', m)) return false;
    // "Russian Foreign Minister Sergei Lavrov": the country qualifies the person, it is not a second actor.
    // "US Special Representative for Iran Brian Hook": a title may hold another name before the person.
    const next = mentions.slice(i + 1, i + 3).find((n) => n.person);
    if (m.person || !next || next.paragraph !== m.paragraph) return true;
    const gap = (paragraphs[m.paragraph] ?? '').slice(m.end, next.start);
    return !(gap.length <= 45 && TITLE_GAP.test(gap));
  });
}

/**
 * Unnamed collective actors ("officials", "Saudi officials", "the ministry", "protesters"): news reports much of
 * what is done through them. Plural heads stand alone; singular institutions need "the".
 */
const GROUP_PLURALS =
  'officials authorities police protesters protestors demonstrators residents troops soldiers militants rebels insurgents gunmen attackers prosecutors investigators lawmakers legislators activists witnesses rescuers firefighters officers';
const GROUP_INSTITUTIONS =
  'government ministry army military court agency committee council company coalition opposition regime administration parliament';
/** "officials" or "Officials" (at a sentence start), as regex source. */
const capitalisable = (words: string): string =>
  words
    .split(' ')
    .map((w) => `[${(w[0] ?? '').toUpperCase()}${w[0] ?? ''}]${w.slice(1)}`)
    .join('|');
/** The head word of a collective actor; what may stand before it is read backwards (cheaper than one regex). */
const GROUP_HEAD = new RegExp(
  `\\b(?:${capitalisable(GROUP_PLURALS)}|state media|${GROUP_INSTITUTIONS.replace(/ /g, '|')})(?![\\w-])`,
  'g',
);
const INSTITUTIONS = new Set(GROUP_INSTITUTIONS.split(' '));
const GROUP_HEADS = new Set([...GROUP_PLURALS.split(' '), ...INSTITUTIONS, 'media']);
/** Up to two capitalised modifiers before a head ("Saudi officials", "the Interior Ministry" aside). */
const GROUP_MODIFIERS =
  /(?:(?!(?:The|Some|Several|Many|Other|All|Both|Most|Two|Three|Four|Five|Six|Ten|Dozens|Hundreds|Thousands|These|Those|Its|Their|His|Her|Our|Local|Senior|State|Armed|Riot|In|On|At|By|For|With|From|After|But|And|When|While|If|As)\b)\p{Lu}[\p{L}-]+\s+){1,2}$/u;

/** A role with a determiner, standing for its holder: "the President", "a spokesperson for …" aside. */
const ROLE_MENTION =
  /(?<![\w-])(?:[Tt]he|[Aa]n?|[\p{Lu}][\p{L}-]+[’']s)\s+((?:[Vv]ice |[Pp]rime |[Ff]oreign |[Dd]efen[cs]e |[Ii]nterior |[Pp]olice )?(?:[Pp]resident|[Mm]inister|[Ss]pokesperson|[Ss]pokesman|[Ss]pokeswoman|[Gg]overnor|[Mm]ayor|[Pp]remier|[Cc]hancellor|[Aa]mbassador|[Ee]nvoy|[Pp]rosecutor|[Jj]udge|[Cc]hief|[Cc]ommander|[Ss]ecretary|[Ss]peaker|[Kk]ing|[Qq]ueen|[Pp]ope))(?![\w-])/gu;

const ROLE_WORD =
  /[Pp]resident|[Mm]inister|[Ss]pokes|[Gg]overnor|[Mm]ayor|[Pp]remier|[Cc]hancellor|[Aa]mbassador|[Ee]nvoy|[Pp]rosecutor|[Jj]udge|[Cc]hief|[Cc]ommander|[Ss]ecretary|[Ss]peaker|[Kk]ing|[Qq]ueen|[Pp]ope/;

/** The person an earlier mention named with this role ("the President" → Donald Trump, "United States President"). */
function holderOf(
  role: string,
  entities: readonly Entity[],
  paragraph: number,
  start: number,
): string | null {
  const head = role.toLowerCase();
  let best: { name: string; at: number } | null = null;
  for (const e of entities) {
    if (e.type !== 'person' || !e.role?.toLowerCase().includes(head)) continue;
    for (const m of e.mentions) {
      const at = m.paragraph * 1e6 + m.start;
      if (at < paragraph * 1e6 + start && (!best || at > best.at)) best = { name: e.name, at };
    }
  }
  return best?.name ?? null;
}

/** Collective actors in a paragraph: [name, start, end]. */
function groupMentions(text: string): Array<[string, number, number]> {
  const found: Array<[string, number, number]> = [];
  for (const m of text.matchAll(GROUP_HEAD)) {
    const head = m[0];
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const modifiers = GROUP_MODIFIERS.exec(before)?.[0] ?? '';
    // Singular institutions need "the" ("the ministry", "the Interior ministry"), not "government forces".
    if (INSTITUTIONS.has(head) && !/\b[Tt]he\s+$/.test(before.slice(0, before.length - modifiers.length)))
      continue;
    found.push([modifiers + head, m.index - modifiers.length, m.index + head.length]);
  }
  return found;
}
/** "police complex", "officials' statement": the group noun modifies another noun. */
const GROUP_COMPOUND =
  /^(?:[’']s?\s|\s+(?:complex|station|headquarters|chief|car|cars|van|custody|force|officer|officers|spokes\w+|sources?)\b)/i;

const PLACE_PREPOSITION =
  /\b(?:in|at|near|outside|inside|across|into|throughout)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|north|south|east|west)\s+)?$/i;

/** Nouns that make a demonym an actor ("Russian jets", "Turkish troops"), unlike "the Belarusian election". */
const AGENT_NOUN =
  /^\s+(?:[A-Z]|(?:air ?force|army|navy|military|troops|soldiers|forces|jets|warplanes|aircraft|planes|pilots|warships|ships|artillery|drones|tanks|fighters|militias?|rebels|police|officials?|authorities|government|regime|diplomats?|ministry|president|leaders?|prime minister|minister|counterparts?|negotiators|envoys?|state|media|court|parliament|lawmakers|prosecutors|intelligence|security|side|delegation)\b)/;

/** A singular demonym acts only through an agent noun; plural demonyms ("Serbians protested") are nouns. */
function actingDemonym(paragraph: string, m: ActorMention): boolean {
  const text = paragraph.slice(m.start, m.end);
  if (lookupPlace(text)?.via !== 'demonym' || /s$/.test(text)) return true;
  return AGENT_NOUN.test(paragraph.slice(m.end, m.end + 30));
}

/** Only capitalised title words between a country and a person ("Secretary of State"). */
const TITLE_GAP =
  /^(?:\s+(?:[A-Z][\w.'’-]*|of|the|for|his|her|its|their|counterpart|president|prime|minister|foreign|defen[cs]e|secretary|leader|opposition|envoy|ambassador|spokes(?:man|woman|person)|official|general|commander|king|queen|chancellor))*\s+$/;

/** Offsets of text inside quotation marks; an unclosed quote runs to the end of the paragraph. */
function quotedRegions(paragraph: string): Array<[number, number]> {
  const regions: Array<[number, number]> = [];
  for (const m of paragraph.matchAll(/“[^”]*(?:”|$)|"[^"]*(?:"|$)/g))
    regions.push([m.index, m.index + m[0].length]);
  return regions;
}

const LOCATION_AFTER =
  /\b(?:in|near|at|outside|around|over|across|into|to|(?:outskirts|suburbs|city|town|village|province|region) of)\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|(?:al|el|ez|as|ad|an|ash|de|du)-[A-Z][\w’'-]*))*)/g;

const CALENDAR =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

function isPlace(name: string, entities: readonly Entity[]): boolean {
  if (CALENDAR.test(name)) return false;
  const place = lookupPlace(name);
  if (place && place.via !== 'demonym') return true;
  if (isKnownPlaceName(name)) return true;
  return entities.some((e) => e.type === 'location' && (e.name === name || e.aliases.includes(name)));
}

/** Capitalised words that are no calendar word, demonym, person or organisation: probably a place. */
function isUnknownName(name: string, entities: readonly Entity[]): boolean {
  if (CALENDAR.test(name) || lookupPlace(name) || lookupOrganization(name)) return false;
  return !entities.some((e) => e.type !== 'location' && (e.name === name || e.aliases.includes(name)));
}

/** "in Vienna", "near Deir ez-Zor", "to Moscow": the first stated place after the trigger, else before it. */
function findLocation(sentence: string, action: ActionMatch, entities: readonly Entity[]): string | null {
  const candidates: Array<{ name: string; at: number }> = [];
  for (const m of sentence.matchAll(LOCATION_AFTER)) {
    const preposition = m[0].split(/\s/)[0]?.toLowerCase();
    // Movement ("to", "into") locates visits and invasions, not statements addressed to someone.
    if ((preposition === 'to' || preposition === 'into') && action.root !== '04' && action.root !== '19')
      continue;
    const raw = (m[1] ?? '').replace(/[’']s$/, '');
    // "Hangzhou, China": the most specific name is the first one.
    const words = raw.split(/\s+/);
    for (let n = words.length; n >= 1; n--) {
      const name = words.slice(0, n).join(' ');
      if (isPlace(name, entities)) {
        candidates.push({ name, at: m.index });
        break;
      }
    }
    // A name the gazetteers do not know still places the action after "in"/"near", unless it names someone.
    if (candidates[candidates.length - 1]?.at !== m.index && preposition !== 'to' && preposition !== 'into') {
      if (isUnknownName(raw, entities)) candidates.push({ name: raw, at: m.index });
    }
  }
  const after = candidates.find((c) => c.at >= action.start);
  return (after ?? candidates[candidates.length - 1])?.name ?? null;
}

interface SentenceContext {
  readonly paragraph: number;
  readonly start: number;
  readonly text: string;
  readonly mentions: readonly ActorMention[];
  /** Date expressions that can date an event (no periods, deadlines or durations). */
  readonly timexes: readonly Timex[];
  /** Who the story was last about: "he"/"she" and "it"/"they" at a clause start stand for them. */
  readonly discourse: Discourse;
}

/** The latest sources of the story, by kind, for pronoun subjects. */
interface Discourse {
  person: string | null;
  other: string | null;
}

const CLAUSE_BREAK = /[,;:—–]|\b(?:that|which|who|while|when|because|after|before|according)\b/i;

/** Where a new clause, with a subject of its own, begins. */
const CLAUSE_OPENER =
  /[;:—–]|\b(?:that|who|which|whom|whose|while|when|whereas|because|after|before|until|unless|although|though|if|since|as|according to|but)\b/gi;
/** Openers of a subordinate clause that a comma closes ("After Moscow bombed Aleppo, Kerry …"). */
const SUBORDINATE =
  /^(?:while|when|whereas|because|after|before|until|unless|although|though|if|since|as|according to)$/i;
const RELATIVE = /^(?:who|which|whom|whose)$/i;

/** "Lavrov and US Secretary of State Kerry", "China, Iran and Russia": a list, not an apposition. */
const COORDINATION = /^\s*(?:,|,?\s*(?:and|&)\s+(?:[\w’'-]+\s+){0,5})\s*$/i;

/** Triggers that can be passive participles ("were killed", "was hit"), unlike "are to meet". */
const PARTICIPLE =
  /^(?:\w+(?:ed|en)|hit|struck|shot|met|held|fought|overran|downed|bombed|torn|sent|cut|put|set|beaten|taken|told|said|written|given|made)\b/i;

const PASSIVE = /\b(?:was|were|been|being|be|is|are|get|got)\s+(?:\w+ly\s+)?$/i;

/** A passive agent right after the trigger ("were killed in a rocket attack by ISIS forces"). */
const AGENT_BY =
  /^[^,;.]{0,40}?\bby\s+(?:(?:the|both|several|some|many|other|senior)\s+)*(?:(?:members?|officials?|leaders?|representatives?|forces|troops|fighters|militants|supporters|soldiers)\s+(?:of|from)\s+(?:the\s+)?)?(?:[A-Z][\w.'’-]*\s+){0,3}$/;

/** A mention governed by a preposition ("with Premier Voss", "at a Herald summit") is no subject. */
const PREPOSITIONS = new Set(
  (
    'with in at of for from to by on against about over into near between among toward towards under after ' +
    'before during without like than including per via despite amid behind beside across around upon through'
  ).split(' '),
);
const DETERMINERS_AND_TITLES = new Set(
  'the a an his her its their this that former then fellow acting new'.split(' '),
);
const ROLE_HEAD = /(?:minister|president|leader|secretary|official|spokes\w+)$/;

/** Whether the words just before a mention end in a preposition, past its titles and determiners. */
function governedBy(before: string): boolean {
  const words = before.trimEnd().split(/\s+/).slice(-8);
  let titles = 0;
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i] ?? '';
    const lower = word.toLowerCase();
    // "Secretary of State John Kerry": an "of" inside a capitalised title governs nothing.
    const inTitle = (lower === 'of' || lower === 'for') && titles > 0 && /^\p{Lu}/u.test(words[i - 1] ?? '');
    if (PREPOSITIONS.has(lower) && !inTitle) return true;
    if (inTitle) continue;
    // "for the 2020 United States presidential election": a year after a determiner modifies the name.
    const year =
      /^(?:19|20)\d\d$/.test(word) && DETERMINERS_AND_TITLES.has((words[i - 1] ?? '').toLowerCase());
    if (DETERMINERS_AND_TITLES.has(lower) || year) continue;
    if ((/^\p{Lu}/u.test(word) || ROLE_HEAD.test(lower)) && titles < 4 && !/[,;:]$/.test(word)) {
      titles++;
      continue;
    }
    return false;
  }
  return false;
}

/** A pronoun or role noun standing for the story's actor at the start of a clause ("He also warned …"). */
const PERSON_PRONOUN = /^[\s,]*(?:(?:and|but|then|also|later|earlier)\s+)*(?:he|she)\b/i;
const OTHER_PRONOUN =
  /^[\s,]*(?:(?:and|but|then|also|later|earlier)\s+)*(?:it|they|the (?:government|ministry|country|company|group|party|regime|administration|army|military))\b/i;

const LIGHT_VERB =
  /\b(?:held|holds|hold|holding|staged|stages|staging|organi[sz]ed|led|leads|launched|launches|began|begins|started|starts|carried out|conducted|attended|attends|joined|joins)\s+(?:[\w’'-]+\s+){0,3}$/i;

/** Mentions are read for every action of their sentence: decide each once. */
const GOVERNED_CACHE = new WeakMap<ActorMention, boolean>();

const OPENERS = new Map<string, Array<{ index: number; word: string }>>();

/** Where the clause holding the trigger begins, and whether a relative pronoun opened it. */
function clauseOf(text: string, at: number): { start: number; relative: number | null } {
  let openers = OPENERS.get(text);
  if (!openers) {
    // A sentence has a few actions: find its clause openers once.
    openers = [...text.matchAll(CLAUSE_OPENER)].map((m) => ({ index: m.index, word: m[0] }));
    OPENERS.set(text, openers);
    if (OPENERS.size > 64) OPENERS.delete(OPENERS.keys().next().value ?? '');
  }
  let start = 0;
  let opener: { index: number; word: string } | null = null;
  const before = openers.filter((m) => m.index < at);
  // "Gillibrand, who was a candidate …, ended her campaign": a relative clause closed by a comma is behind us.
  while (before.length > 0) {
    const last = before[before.length - 1];
    if (!last || !RELATIVE.test(last.word) || text.lastIndexOf(',', at) < last.index) break;
    before.pop();
  }
  const last = before[before.length - 1];
  if (last) {
    start = last.index + last.word.length;
    opener = last;
  }
  const word = opener?.word ?? '';
  if (opener && SUBORDINATE.test(word)) {
    // "After Moscow bombed Aleppo, Kerry criticised Russia": the comma ends the subordinate clause.
    const comma = text.lastIndexOf(',', at);
    if (comma >= start) start = comma + 1;
  }
  return { start, relative: opener && RELATIVE.test(word) ? opener.index : null };
}

function passive(ctx: SentenceContext, action: ActionMatch): boolean {
  return (
    PARTICIPLE.test(action.verb) && PASSIVE.test(ctx.text.slice(Math.max(0, action.start - 30), action.start))
  );
}

/**
 * Source and target of one action: the source is the subject of its clause (the first mention before the
 * trigger that no preposition governs and no earlier trigger takes as object), else the antecedent of a
 * relative pronoun, else the sentence's subject, else the story's actor a pronoun stands for; the target is
 * the first mention after the trigger in its clause. A passive swaps them ("was condemned by X": source X).
 */
function actorsFor(
  ctx: SentenceContext,
  action: ActionMatch,
  actions: readonly ActionMatch[],
): NewsEvent['actors'] {
  const at = (m: ActorMention): number => m.start - ctx.start;
  const end = (m: ActorMention): number => m.end - ctx.start;
  const actors: NewsEvent['actors'] = [];
  const add = (name: string, role: 'source' | 'target'): void => {
    if (!actors.some((a) => a.name === name)) actors.push({ name, role });
  };
  const after = ctx.mentions.filter((m) => at(m) >= action.end);
  const clause = clauseOf(ctx.text, action.start);
  const free = (m: ActorMention, from: number): boolean => {
    let governed = GOVERNED_CACHE.get(m);
    if (governed === undefined) {
      governed = governedBy(ctx.text.slice(Math.max(0, at(m) - 60), at(m)));
      GOVERNED_CACHE.set(m, governed);
    }
    if (governed) return false;
    // The object of an earlier trigger in the clause ("met Lavrov and criticised …") is not this subject.
    return !actions.some((a) => a !== action && a.end <= at(m) && a.start >= from && a.start < action.start);
  };
  const subjects = (from: number): ActorMention[] => {
    const inClause = ctx.mentions.filter((m) => at(m) >= from && end(m) <= action.start && free(m, from));
    const first = inClause[0];
    if (!first) return [];
    // "Lavrov and Kerry are to meet": coordinated subjects are all sources.
    const list = [first];
    for (const next of inClause.slice(1)) {
      const previous = list[list.length - 1];
      if (!previous || !COORDINATION.test(ctx.text.slice(end(previous), at(next)))) break;
      list.push(next);
    }
    return list;
  };
  // "held a rally", "staged a protest": after a light verb the event noun's source is the clause's subject.
  const light =
    action.nominal && LIGHT_VERB.test(ctx.text.slice(Math.max(0, action.start - 40), action.start));
  if (action.nominal && !light) {
    // "Assad's trip to Moscow": the possessor of an event noun is its source; the sentence's subject is not.
    const owner = ctx.mentions.find(
      (m) =>
        end(m) <= action.start && /^[’']s?\s+(?:[\w-]+\s+){0,2}$/.test(ctx.text.slice(end(m), action.start)),
    );
    const partners = after.filter((m) => !CLAUSE_BREAK.test(ctx.text.slice(action.end, at(m))));
    for (const m of [...(owner ? [owner] : []), ...partners].slice(0, 2))
      add(m.name, actors.length === 0 ? 'source' : 'target');
    return actors;
  }
  let subject = subjects(clause.start);
  // "…, local officials said": a name right before the verb, after a comma, is its subject.
  const last = ctx.mentions.filter((m) => end(m) <= action.start).pop();
  if (
    last &&
    subject[0] !== last &&
    /^\s*(?:\w+ly\s+|also\s+|later\s+)?$/i.test(ctx.text.slice(end(last), action.start)) &&
    /[,”"]\s*(?:[\p{L}.'’-]+\s+){0,3}$/u.test(ctx.text.slice(Math.max(0, at(last) - 30), at(last)))
  )
    subject = [last];
  if (subject.length === 0 && clause.relative !== null) {
    // "Kerry, who met Lavrov, …": the relative pronoun stands for the name just before it.
    const antecedent = ctx.mentions.filter((m) => end(m) <= (clause.relative ?? 0)).pop();
    if (antecedent && /^[\s,]*$/.test(ctx.text.slice(end(antecedent), clause.relative)))
      subject = [antecedent];
  }
  const clauseHead = ctx.text.slice(clause.start, action.start);
  if (subject.length === 0 && !PERSON_PRONOUN.test(clauseHead) && !OTHER_PRONOUN.test(clauseHead))
    subject = subjects(0);
  let pronoun: string | null = null;
  if (subject.length === 0) {
    const head = ctx.text.slice(clause.start, action.start);
    const whole = ctx.text.slice(0, action.start);
    if (PERSON_PRONOUN.test(head) || PERSON_PRONOUN.test(whole)) pronoun = ctx.discourse.person;
    else if (OTHER_PRONOUN.test(head) || OTHER_PRONOUN.test(whole)) pronoun = ctx.discourse.other;
  }

  // Only a passive has a "by" agent: "emphasised the need for approval by UNESCO" is UNESCO's approval.
  const isPassive = passive(ctx, action);
  const agent = after.find((m) => {
    const gap = ctx.text.slice(action.end, at(m));
    // A participle right before "by" ("an attack conducted by …") is a passive too.
    if (isPassive || (subject.length === 0 && !pronoun)) return AGENT_BY.test(gap);
    return /^\s+by\s+(?:the\s+)?$/i.test(gap) && PARTICIPLE.test(action.verb);
  });
  if (isPassive || agent) {
    // "X was condemned by Y": Y acted on X; without a "by" agent no source is known.
    if (agent) add(agent.name, 'source');
    const patient = subject[0]?.name ?? pronoun;
    if (patient) add(patient, 'target');
    return actors;
  }
  for (const m of subject) add(m.name, 'source');
  if (subject.length === 0 && pronoun) add(pronoun, 'source');
  // A target is in the trigger's own clause ("launched strikes within 90 minutes, defying Pentagon warnings").
  const target = after.find(
    (m) => !actors.some((a) => a.name === m.name) && !CLAUSE_BREAK.test(ctx.text.slice(action.end, at(m))),
  );
  if (target) add(target.name, actors.length === 0 && action.nominal ? 'source' : 'target');
  if (action.nominal && actors.length === 1 && subject.length === 0) {
    // "a meeting between Obama and Putin": the second named party is the other actor.
    const second = after.find(
      (m) => !actors.some((a) => a.name === m.name) && !CLAUSE_BREAK.test(ctx.text.slice(action.end, at(m))),
    );
    if (second) add(second.name, 'target');
  }
  return actors;
}

/** Words before a date that make it a period, a deadline or a duration, not when something happened. */
const PERIOD_BEFORE =
  /\b(?:through|thru|until|till|by|for|before|ahead of|within|since|from|beyond|after|between|deadline(?: of)?|expires?(?: on| in)?|due(?: on| in)?|end of|start of|beginning of|no later than|as of|up to)\s+(?:(?:the|early|late|mid|mid-)\s*)?$/i;

/** A year dates an event only as "in 2016" (not "the 2016 elections", "through 2031", "for 2016"). */
function datesAnEvent(sentence: string, timex: Timex, sentenceStart: number): boolean {
  if (timex.value === null) return true;
  const before = sentence.slice(Math.max(0, timex.start - sentenceStart - 30), timex.start - sentenceStart);
  if (PERIOD_BEFORE.test(before)) return false;
  // "In 2015, …" sets the scene in a year; an event's date is a day, a week or a month.
  if (timex.granularity === 'year') return false;
  return true;
}

/**
 * Dates of the actions in a sentence. A date at the head of the sentence ("On Sunday, …") governs every action;
 * any other date belongs to its nearest action when nothing but words separates them, or, when no date governs
 * the sentence, when it is close ("a summit in Hangzhou, China Monday").
 */
function datesFor(ctx: SentenceContext, actions: readonly ActionMatch[]): Map<ActionMatch, Timex> {
  const span = (t: Timex): [number, number] => [t.start - ctx.start, t.end - ctx.start];
  const between = (t: Timex, a: ActionMatch): string => {
    const [start, end] = span(t);
    return end <= a.start ? ctx.text.slice(end, a.start) : ctx.text.slice(a.end, Math.max(a.end, start));
  };
  const governing = governingDate(ctx);
  const dated = new Map<ActionMatch, Timex>();
  for (const timex of ctx.timexes) {
    if (timex === governing) continue;
    // The nearest action in the date's own clause, else the nearest at all ("met Voss on Monday, criticised").
    const byDistance = [...actions].sort((a, b) => between(timex, a).length - between(timex, b).length);
    const nearest = byDistance.find((a) => !CLAUSE_BREAK.test(between(timex, a))) ?? byDistance[0];
    if (!nearest) continue;
    const gap = between(timex, nearest);
    // Under a governing date, a later date belongs to a noun far from the trigger ("a call … in July").
    const attached = governing
      ? !CLAUSE_BREAK.test(gap) && gap.length <= NEAR_DATE_CHARS
      : !CLAUSE_BREAK.test(gap) || gap.length <= NEAR_DATE_CHARS;
    const current = dated.get(nearest);
    // "Earlier this week on Wednesday": the day is the more precise.
    const better =
      !current ||
      (timex.granularity === 'day' && current.granularity !== 'day') ||
      (gap.length < between(current, nearest).length &&
        !(current.granularity === 'day' && timex.granularity !== 'day'));
    if (attached && better) dated.set(nearest, timex);
  }
  if (governing) for (const action of actions) if (!dated.has(action)) dated.set(action, governing);
  // "cited Article 5 …, while addressing the press yesterday": the sentence's only day dates its actions.
  const days = ctx.timexes.filter((t) => t.granularity === 'day' && t.value !== null);
  const only = days.length === 1 ? days[0] : undefined;
  // "yesterday, when two soldiers were killed": the clause a "when" opens after a date is at that date.
  for (const timex of ctx.timexes) {
    const rest = ctx.text.slice(timex.end - ctx.start);
    const when = /^\s*,?\s*when\b/i.exec(rest);
    if (!when) continue;
    const from = timex.end - ctx.start + when[0].length;
    for (const action of actions) if (!dated.has(action) && action.start >= from) dated.set(action, timex);
  }
  const taken = [...dated.entries()].some(([action, timex]) => timex === only && !action.nominal);
  if (!governing && only && !taken)
    for (const action of actions) {
      if (dated.has(action) || action.nominal) continue;
      // Not a day inside a relative clause about something else ("…, which was made on Monday").
      if (!RELATIVE_BETWEEN.test(between(only, action))) dated.set(action, only);
    }
  return dated;
}

const RELATIVE_BETWEEN = /\b(?:which|who|whom|whose|that)\b/i;

/** A date at the head of the sentence, after at most a preposition ("On Sunday, …", "Yesterday, …"). */
function governingDate(ctx: SentenceContext): Timex | undefined {
  const head = ctx.timexes.find((t) => {
    const start = t.start - ctx.start;
    const end = t.end - ctx.start;
    return GOVERNING_LEAD.test(ctx.text.slice(0, start)) && /^[\s,]/.test(ctx.text.slice(end));
  });
  if (!head || head.granularity === 'day') return head;
  // "Earlier this week on Wednesday": the day that narrows the period governs.
  const next = ctx.timexes[ctx.timexes.indexOf(head) + 1];
  const gap = next ? ctx.text.slice(head.end - ctx.start, next.start - ctx.start) : '';
  return next?.granularity === 'day' && /^\s*,?\s*(?:on\s+)?$/i.test(gap) ? next : head;
}

interface Candidate {
  readonly action: ActionMatch;
  readonly root: CameoRoot;
  readonly timex: Timex | null;
  readonly actors: NewsEvent['actors'];
}

function candidateFor(
  ctx: SentenceContext,
  action: ActionMatch,
  actions: readonly ActionMatch[],
  timex: Timex | null,
): Candidate {
  const actors = actorsFor(ctx, action, actions);
  const source = actors.find((a) => a.role === 'source');
  // A named person "attacking" a state or a policy does it in words.
  const verbal =
    action.root === '19' &&
    !action.nominal &&
    /^attack(?:ed|ing|s)?$/i.test(action.verb) &&
    source !== undefined &&
    ctx.mentions.some((m) => m.person && m.name === source.name);
  // "Protesters surrounded the police complex": what demonstrators do as demonstrators is a protest.
  const protest =
    source !== undefined &&
    PROTESTERS.test(source.name) &&
    !action.nominal &&
    ['12', '13', '15', '17', '19'].includes(action.root) &&
    !/^(?:kill|shot|shoot|bomb|stab)/i.test(action.verb);
  return { action, root: verbal ? '11' : protest ? '14' : action.root, timex, actors };
}

const PROTESTERS = /(?:^|\s)(?:protesters|protestors|demonstrators|activists)$/i;

/** The candidates of a sentence, in order; ", blaming X" shares the subject of the clause before it. */
function candidatesOf(ctx: SentenceContext, actions: readonly ActionMatch[]): Candidate[] {
  const dates = datesFor(ctx, actions);
  const candidates: Candidate[] = [];
  let previous: Candidate | undefined;
  for (const action of actions) {
    let candidate = candidateFor(ctx, action, actions, dates.get(action) ?? null);
    const leader = previous?.actors.filter((a) => a.role === 'source') ?? [];
    if (leader.length > 0 && /,\s*$/.test(ctx.text.slice(0, action.start)) && /ing\b/i.test(action.verb)) {
      const targets = candidate.actors.filter(
        (a) => a.role === 'target' && !leader.some((l) => l.name === a.name),
      );
      candidate = { ...candidate, actors: [...leader, ...targets] };
    }
    if (candidate.actors.some((a) => a.role === 'source')) previous = candidate;
    candidates.push(candidate);
    // "Russia announced that it had shelled …": a pronoun later in the sentence stands for this source.
    const source = candidate.actors.find((a) => a.role === 'source');
    if (source) {
      if (ctx.mentions.some((m) => m.person && m.name === source.name)) ctx.discourse.person = source.name;
      else ctx.discourse.other = source.name;
    }
  }
  return candidates;
}

/** Event nouns whose happening is its participants meeting: without them "the summit" reports nothing. */
const NEEDS_PARTICIPANTS: ReadonlySet<CameoRoot> = new Set(['03', '04', '05']);

/** An event noun as the setting of something else ("said at a Herald summit", "on the sidelines of talks"). */
const SETTING =
  /\b(?:at|during|on the sidelines of|on the margins of|throughout)\s+(?:(?:the|a|an|this|that|last|next|its|his|her|their|[\p{Lu}][\p{L}.'’-]*|\d[\w-]*|annual|emergency|weekly|recent|upcoming|latest|first|second|joint|regional|international|global|economic|security|peace|press)\s+){0,5}$/iu;

/** The verb of a trigger in the simple past ("warned", "met"), passive included ("was killed"). */
const IRREGULAR_PAST = new Set(
  (
    'met held struck fought took tore broke sent shot froze withdrew spoke went led began gave flew put hit cut ' +
    'set overran forgave sought won lost beat drove stood rose fell threw swore bought brought caught left made ' +
    'kept told said ran rang saw came'
  ).split(' '),
);

function simplePast(ctx: SentenceContext, action: ActionMatch): boolean {
  if (action.nominal) return false;
  const first = (action.verb.split(/\s+/)[0] ?? '').toLowerCase();
  if (!first.endsWith('ed') && !IRREGULAR_PAST.has(first)) return false;
  // "has condemned", "had met", "will have signed": not on the story's day.
  const before = ctx.text.slice(Math.max(0, action.start - 30), action.start);
  return (
    !/\b(?:has|have|had|'s|’s|will|would|to|be|being)\s+(?:\w+\s+){0,2}$/i.test(before) ||
    PASSIVE.test(before)
  );
}

/**
 * The narrative's reference time: the date of the last dated event and who acted in it. A later sentence with
 * no date of its own is on that day when it goes on about the same actors ("Trump said on Friday …. He also
 * said …", "Then both nations …"); a year or another period in between moves the story elsewhere.
 */
interface Narrative {
  reference: { readonly timex: Timex; readonly actors: ReadonlySet<string> } | null;
}

/** A sentence that goes on with the story: "Then …", "Later that day …", "Also on that day …". */
const CONTINUES =
  /^\s*(?:then|later(?: that day)?|that (?:same )?day|afterwards|subsequently|also that day)\b/i;

/** A date that takes the story away from its day: a year, a month or a range that is not around it. */
function movesElsewhere(
  timex: Timex,
  reference: Narrative['reference'],
  sentence: string,
  sentenceStart: number,
): boolean {
  if (timex.value === null || timex.granularity === 'day') return false;
  // "the 2020 election" names a thing; "in 2009, she was appointed" moves the story.
  const before = sentence.slice(Math.max(0, timex.start - sentenceStart - 20), timex.start - sentenceStart);
  if (
    timex.granularity === 'year' &&
    !/\b(?:in|during|since|from|until|till|by|through|between)\s+(?:(?:early|late|mid)-?\s*)?$/i.test(before)
  )
    return false;
  const day = reference?.timex.value;
  if (!day || reference?.timex.granularity !== 'day') return true;
  if (timex.granularity === 'range') {
    const [from = '', to = ''] = timex.value.split('/');
    return !(from <= day && day <= to);
  }
  return !day.startsWith(timex.value);
}

/**
 * One event per kind of action in a sentence ("a meeting between Obama and Putin at the summit Monday"): the
 * mentions of it pool their date and actors. Event nouns are everywhere in analysis prose: only a date of their
 * own (or, for meetings and agreements, their participants) makes one a reported happening.
 */
function eventsOf(
  ctx: SentenceContext,
  candidates: readonly Candidate[],
  entities: readonly Entity[],
  narrative: Narrative,
  kind: PassageKind,
  known: (name: string) => boolean,
): NewsEvent[] {
  const groups = new Map<CameoRoot, Candidate[]>();
  for (const c of candidates) groups.set(c.root, [...(groups.get(c.root) ?? []), c]);
  const governing = governingDate(ctx);
  const events: NewsEvent[] = [];
  for (const [root, group] of groups) {
    const dated = group.find((c) => c.timex !== null);
    const withActors = group.find((c) => c.actors.length > 0);
    if (group.every((c) => c.action.nominal)) {
      const ownDate = group.some((c) => c.timex !== null && (c.timex !== governing || groups.size === 1));
      const participants = group.some((c) => c.actors.length > 0);
      if (NEEDS_PARTICIPANTS.has(root) ? !participants : !ownDate) continue;
    } else if (!dated && !withActors) {
      continue;
    }
    const lead = dated ?? withActors ?? group[0];
    if (!lead) continue;
    const actors = withActors?.actors ?? [];
    const partiesOf = parties(actors, entities);
    // A statement is someone's: "…, local officials said" alone names no one.
    if (root === '01' && !partiesOf.source) continue;
    // "Mayor Warns Plan Would Fail": a headline reports an event only between two known parties.
    if (
      kind === 'headline' &&
      !(partiesOf.source && partiesOf.target && known(partiesOf.source.name) && known(partiesOf.target.name))
    )
      continue;
    let timex = dated?.timex ?? null;
    const reference = narrative.reference;
    if (!timex && reference && kind === 'narrative' && simplePast(ctx, lead.action)) {
      // No date of its own: the narrative's day, when the sentence goes on about the same actors.
      const same = actors.some((a) => a.role === 'source' && reference.actors.has(a.name));
      if (same || CONTINUES.test(ctx.text)) timex = reference.timex;
    }
    events.push({
      sentence: ctx.text,
      paragraph: ctx.paragraph,
      date: timex?.value ?? null,
      dateText: timex?.text ?? null,
      granularity: timex?.granularity ?? null,
      action: { root, label: CAMEO_LABELS[root], verb: lead.action.verb },
      actors,
      ...partiesOf,
      location: findLocation(ctx.text, lead.action, entities),
    });
  }
  return events.slice(0, MAX_EVENTS_PER_SENTENCE);
}

/** Source and target from the actors' roles, typed by the entity each names. */
function parties(
  actors: NewsEvent['actors'],
  entities: readonly Entity[],
): Pick<NewsEvent, 'source' | 'target'> {
  const party = (role: 'source' | 'target'): EventParty | null => {
    const actor = actors.find((a) => a.role === role);
    if (!actor) return null;
    const type = entities.find((e) => e.name === actor.name)?.type;
    return {
      name: actor.name,
      kind: type ?? partyKind(actor.name),
    };
  };
  return { source: party('source'), target: party('target') };
}

/** The kind of a party no entity names: a known state or organisation, an unnamed group, or unknown. */
function partyKind(name: string): EventParty['kind'] {
  if (lookupPlace(name)) return 'location';
  if (lookupOrganization(name)) return 'organization';
  return GROUP_HEADS.has((name.split(' ').pop() ?? '').toLowerCase()) ? 'group' : 'unknown';
}

export interface EventInput {
  readonly paragraphs: readonly string[];
  readonly entities: readonly Entity[];
  readonly timexes: readonly Timex[];
  /** Sentence spans of each paragraph, when the caller has them already (enrichArticle shares them). */
  readonly sentences?: readonly (readonly Span[])[];
}

/** Events reported in the article, in reading order. */
export function extractEvents(input: EventInput): NewsEvent[] {
  const mentions = byParagraph(actorMentions(input.paragraphs, input.entities), input.paragraphs.length);
  const timexes = byParagraph(input.timexes, input.paragraphs.length);
  const kinds = input.paragraphs.map((p, i) => passageKind(p, i));
  // A headline's parties must be known from the story itself, or be states and organisations we know.
  const inBody = new Set<string>();
  mentions.forEach((list, i) => {
    if (kinds[i] === 'narrative') for (const m of list) inBody.add(m.name);
  });
  const known = (name: string): boolean =>
    inBody.has(name) || lookupPlace(name) !== undefined || lookupOrganization(name) !== undefined;
  const discourse: Discourse = { person: null, other: null };
  const narrative: Narrative = { reference: null };
  const events: NewsEvent[] = [];
  input.paragraphs.forEach((paragraph, index) => {
    const kind = kinds[index] ?? 'narrative';
    if (kind === 'apparatus') return;
    const quoted = quotedRegions(paragraph);
    const dateline = datelineLength(paragraph);
    const paragraphMentions = (mentions[index] ?? []).filter((m) => m.start >= dateline);
    const paragraphTimexes = timexes[index] ?? [];
    for (const span of input.sentences?.[index] ?? splitSentences(paragraph)) {
      const text = paragraph.slice(span.start, span.end);
      const sentenceTimexes = paragraphTimexes.filter(
        (t) =>
          t.start >= span.start && t.end <= span.end && !quoted.some(([s, e]) => s <= t.start && t.end <= e),
      );
      const eventTimexes = sentenceTimexes.filter((t) => datesAnEvent(text, t, span.start));
      let actions = findActions(text).filter(
        (a) => !quoted.some(([s, e]) => s <= span.start + a.start && span.start + a.end <= e),
      );
      // "…, saying …": the statement of the clause before, not one of its own.
      actions = actions.filter(
        (a) => !(a.root === '01' && /ing$/i.test(a.verb) && /,\s*$/.test(text.slice(0, a.start))),
      );
      // "said at a Herald summit": an event noun that sets the scene is not an event of its own.
      actions = actions.filter(
        (a) => !(a.nominal && SETTING.test(text.slice(Math.max(0, a.start - 80), a.start))),
      );
      // "In 2019, …": a period that dates no event still takes the story off its day, before this sentence.
      if (
        sentenceTimexes.some(
          (t) => !eventTimexes.includes(t) && movesElsewhere(t, narrative.reference, text, span.start),
        )
      )
        narrative.reference = null;
      let found: NewsEvent[] = [];
      if (actions.length > 0) {
        const ctx: SentenceContext = {
          paragraph: index,
          start: span.start,
          text,
          mentions: paragraphMentions.filter((m) => m.start >= span.start && m.end <= span.end),
          timexes: eventTimexes,
          discourse,
        };
        found = eventsOf(ctx, candidatesOf(ctx, actions), input.entities, narrative, kind, known);
        events.push(...found);
        for (const event of found) {
          if (event.source) {
            if (event.source.kind === 'person') discourse.person = event.source.name;
            else discourse.other = event.source.name;
          }
        }
      }
      if (kind !== 'narrative') continue;
      // The reference time moves with every dated event, and away with every other period the narrative names.
      for (const event of found) {
        const timex = eventTimexes.find((t) => t.value === event.date && t.text === event.dateText);
        // A day sets the story's time; "arrested in May" is background about someone.
        if (timex?.value && timex.granularity === 'day')
          narrative.reference = { timex, actors: new Set(event.actors.map((a) => a.name)) };
      }
      if (
        sentenceTimexes.some(
          (t) =>
            !found.some((e) => e.dateText === t.text) &&
            movesElsewhere(t, narrative.reference, text, span.start),
        )
      )
        narrative.reference = null;
      const person = firstPerson(paragraphMentions, span, paragraph);
      if (person) discourse.person = person;
    }
  });
  return events;
}

/** The first person named in a sentence: who "he"/"she" in the next one most likely is. */
function firstPerson(mentions: readonly ActorMention[], span: Span, paragraph: string): string | null {
  const first = mentions.find((m) => m.start >= span.start && m.end <= span.end);
  if (!first?.person) return null;
  const before = paragraph.slice(span.start, first.start);
  return /^(?:[\p{Lu}\p{Ll}][\p{L}.'’-]*\s+){0,6}$/u.test(before) && !governedBy(before) ? first.name : null;
}

/** Items grouped by paragraph, order kept: each sentence then filters its own paragraph's few, not all. */
function byParagraph<T extends { readonly paragraph: number }>(items: readonly T[], count: number): T[][] {
  const groups: T[][] = Array.from({ length: count }, () => []);
  for (const item of items) groups[item.paragraph]?.push(item);
  return groups;
}
