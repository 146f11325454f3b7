import { findActions, type ActionMatch } from './cameo';
import { lookupOrganization, lookupPlace, isKnownPlaceName } from './gazetteer';
import type { Entity, NewsEvent, Timex } from './model';
import { splitSentences } from './sentences';

/**
 * Dated, located events: one per reported action in a sentence (see cameo.ts for what counts as one), with the
 * actors around its trigger and the date expression that belongs to it. Deliberately conservative: statement
 * verbs only when nothing else happens in the sentence, event nouns ("the meeting", "an attack on") only when
 * dated, verbs only with an actor or a date, and nothing inside quotation marks (that is what was said).
 */

/** A mention that can be an actor, with its canonical name and paragraph offsets. */
export interface ActorMention {
  readonly name: string;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
}

const MAX_EVENTS_PER_SENTENCE = 3;
/** Only a preposition before a date at the head of a sentence: it dates everything the sentence reports. */
const GOVERNING_LEAD = /^\s*(?:(?:on|in|since|by|at|during|until)\s+)?$/i;

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
        if (place) mentions.push({ name: place.name, paragraph: m.paragraph, start: m.start, end: m.end });
      }
      continue;
    }
    for (const m of entity.mentions) {
      mentions.push({ name: entity.name, paragraph: m.paragraph, start: m.start, end: m.end });
    }
  }
  paragraphs.forEach((text, paragraph) => {
    const taken = mentions.filter((m) => m.paragraph === paragraph);
    for (const run of text.matchAll(CAPITALISED_RUN)) {
      const words = run[0].split(/\s+/);
      let offset = run.index;
      // Longest known name at each word, then move past it.
      for (let i = 0; i < words.length; ) {
        let matched = 0;
        for (let n = words.length - i; n >= 1 && matched === 0; n--) {
          const candidate = words.slice(i, i + n).join(' ').replace(/[.,]$/, '');
          const name = lookupPlace(candidate)?.name ?? lookupOrganization(candidate)?.name;
          if (!name) continue;
          const start = text.indexOf(candidate, offset);
          const end = start + candidate.length;
          if (!taken.some((m) => m.start < end && start < m.end)) mentions.push({ name, paragraph, start, end });
          matched = n;
          offset = end;
        }
        if (matched === 0) offset = text.indexOf(words[i] ?? '', offset) + (words[i] ?? '').length;
        i += Math.max(matched, 1);
      }
    }
  });
  return mentions.sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
}

/** Offsets of text inside quotation marks; an unclosed quote runs to the end of the paragraph. */
function quotedRegions(paragraph: string): Array<[number, number]> {
  const regions: Array<[number, number]> = [];
  for (const m of paragraph.matchAll(/“[^”]*(?:”|$)|"[^"]*(?:"|$)/g)) regions.push([m.index, m.index + m[0].length]);
  return regions;
}

const LOCATION_AFTER =
  /\b(?:in|near|at|outside|around|over|across|into|to)\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|(?:al|el|ez|as|ad|an|ash|de|du)-[A-Z][\w’'-]*))*)/g;

const CALENDAR = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

function isPlace(name: string, entities: readonly Entity[]): boolean {
  if (CALENDAR.test(name)) return false;
  const place = lookupPlace(name);
  if (place && place.via !== 'demonym') return true;
  if (isKnownPlaceName(name)) return true;
  return entities.some((e) => e.type === 'location' && (e.name === name || e.aliases.includes(name)));
}

/** "in Vienna", "near Deir ez-Zor", "to Moscow": the first stated place after the trigger, else before it. */
function findLocation(sentence: string, action: ActionMatch, entities: readonly Entity[]): string | null {
  const candidates: Array<{ name: string; at: number }> = [];
  for (const m of sentence.matchAll(LOCATION_AFTER)) {
    const preposition = m[0].split(/\s/)[0]?.toLowerCase();
    // Movement ("to", "into") locates visits and invasions, not statements addressed to someone.
    if ((preposition === 'to' || preposition === 'into') && action.root !== '04' && action.root !== '19') continue;
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
  }
  const after = candidates.find((c) => c.at >= action.start);
  return (after ?? candidates[candidates.length - 1])?.name ?? null;
}

interface SentenceContext {
  readonly paragraph: number;
  readonly start: number;
  readonly text: string;
  readonly mentions: readonly ActorMention[];
  readonly timexes: readonly Timex[];
}

const CLAUSE_BREAK = /[,;:—–]|\b(?:that|which|who|while|when|because|after|before|according)\b/i;

/** A passive agent right after the trigger ("were killed in a rocket attack by ISIS forces"). */
const AGENT_BY = /^[^,;.]{0,40}?\bby\s+(?:the\s+)?$/i;

function actorsFor(ctx: SentenceContext, action: ActionMatch): NewsEvent['actors'] {
  const at = (m: ActorMention): number => m.start - ctx.start;
  const before = ctx.mentions.filter((m) => at(m) + (m.end - m.start) <= action.start);
  const after = ctx.mentions.filter((m) => at(m) >= action.end);
  const actors: NewsEvent['actors'] = [];
  const add = (name: string, role: 'source' | 'target'): void => {
    if (!actors.some((a) => a.name === name)) actors.push({ name, role });
  };
  const agent = after.find((m) => AGENT_BY.test(ctx.text.slice(action.end, at(m))));
  if (agent) {
    add(agent.name, 'source');
    const patient = before[before.length - 1];
    if (patient) add(patient.name, 'target');
    return actors;
  }
  const last = before[before.length - 1];
  if (last) {
    add(last.name, 'source');
    // "Lavrov and Kerry are to meet": coordinated subjects are all sources.
    for (let i = before.length - 2; i >= 0; i--) {
      const current = before[i];
      const next = before[i + 1];
      if (!current || !next) break;
      if (!/^\s*(?:,|and|,\s*and)\s*(?:[\w’'-]+\s+){0,6}$/i.test(ctx.text.slice(at(current) + current.end - current.start, at(next)))) break;
      add(current.name, 'source');
    }
  }
  // A target is in the trigger's own clause ("launched strikes within 90 minutes, defying Pentagon warnings").
  const target = after.find(
    (m) => !actors.some((a) => a.name === m.name) && !CLAUSE_BREAK.test(ctx.text.slice(action.end, at(m))),
  );
  if (target) add(target.name, actors.length === 0 ? 'source' : 'target');
  if (actors.length === 1 && !last) {
    // "a meeting between Obama and Putin": the second named party is the other actor.
    const second = after.find((m) => !actors.some((a) => a.name === m.name));
    if (second) add(second.name, 'target');
  }
  return actors;
}

/** Each date expression goes to the nearest action; a sentence-initial one ("On Sunday, …") governs them all. */
function datesFor(ctx: SentenceContext, actions: readonly ActionMatch[]): Map<ActionMatch, Timex> {
  const distance = (t: Timex, a: ActionMatch): number => {
    const start = t.start - ctx.start;
    const end = t.end - ctx.start;
    return end <= a.start ? a.start - end : Math.max(0, start - a.end);
  };
  const dated = new Map<ActionMatch, Timex>();
  for (const timex of ctx.timexes) {
    const start = timex.start - ctx.start;
    const governing =
      GOVERNING_LEAD.test(ctx.text.slice(0, start)) && /^[\s,]/.test(ctx.text.slice(timex.end - ctx.start));
    const targets = governing
      ? actions
      : [...actions].sort((a, b) => distance(timex, a) - distance(timex, b)).slice(0, 1);
    for (const action of targets) {
      const current = dated.get(action);
      if (!current || distance(timex, action) < distance(current, action)) dated.set(action, timex);
    }
  }
  return dated;
}

export interface EventInput {
  readonly paragraphs: readonly string[];
  readonly entities: readonly Entity[];
  readonly timexes: readonly Timex[];
}

/** Events reported in the article, in reading order. */
export function extractEvents(input: EventInput): NewsEvent[] {
  const mentions = actorMentions(input.paragraphs, input.entities);
  const events: NewsEvent[] = [];
  input.paragraphs.forEach((paragraph, index) => {
    const quoted = quotedRegions(paragraph);
    for (const span of splitSentences(paragraph)) {
      const text = paragraph.slice(span.start, span.end);
      const inQuote = (a: ActionMatch): boolean =>
        quoted.some(([s, e]) => s <= span.start + a.start && span.start + a.end <= e);
      let actions = findActions(text).filter((a) => !inQuote(a));
      if (actions.some((a) => a.root !== '01')) actions = actions.filter((a) => a.root !== '01');
      if (actions.length === 0) continue;
      const ctx: SentenceContext = {
        paragraph: index,
        start: span.start,
        text,
        mentions: mentions.filter((m) => m.paragraph === index && m.start >= span.start && m.end <= span.end),
        timexes: input.timexes.filter((t) => t.paragraph === index && t.start >= span.start && t.end <= span.end),
      };
      const dates = datesFor(ctx, actions);
      const byRoot = new Map<string, NewsEvent>();
      for (const action of actions) {
        const timex = dates.get(action) ?? null;
        const actors = actorsFor(ctx, action);
        // Event nouns are everywhere in analysis prose; only a date makes one a reported happening.
        if (action.nominal ? !timex : actors.length === 0 && !timex) continue;
        const existing = byRoot.get(action.root);
        // One event per kind of action in a sentence: the dated mention of it wins.
        if (existing && (existing.date !== null || !timex)) continue;
        byRoot.set(action.root, {
          sentence: text,
          paragraph: index,
          date: timex?.value ?? null,
          dateText: timex?.text ?? null,
          granularity: timex?.granularity ?? null,
          action: { root: action.root, label: action.label, verb: action.verb },
          actors,
          location: findLocation(text, action, input.entities),
        });
      }
      events.push(...[...byRoot.values()].slice(0, MAX_EVENTS_PER_SENTENCE));
    }
  });
  return events;
}
