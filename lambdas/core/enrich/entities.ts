/**
 * People, organisations and places of an article: capitalised runs split by the gazetteers and a title lexicon,
 * classified by head words and context, merged under canonical names. Rules rather than a library: the measured
 * candidates (compromise, wink-nlp) were over the Lambda's size/time budget and mislabelled news names
 * ("State John", "Staff Joseph Dunford."), see the issue 5 notes in the README.
 */
import type { Entity } from './model';
import {
  EVENT_HEADS,
  isKnownPlaceName,
  lookupOrganization,
  lookupPlace,
  ORGANIZATION_HEADS,
  PLACE_HEADS,
  startsMultiWordName,
  stripPossessive,
} from './gazetteer';
import { tokenize, type Token } from './sentences';

/** Words for positions and titles; in front of a name they form its role. Lower-case forms are compared. */
const ROLE_NOUNS = new Set(
  (
    'president vice-president minister secretary spokesman spokeswoman spokesperson ambassador chairman ' +
    'chairwoman chair chancellor governor senator representative congressman congresswoman speaker leader whip ' +
    'general admiral colonel lieutenant captain commander director chief ceo judge justice mayor deputy ' +
    'professor envoy commissioner premier king queen prince princess pope sheikh emir ayatollah sultan ' +
    'president-elect patriarch archbishop cardinal bishop reverend journalist reporter correspondent editor ' +
    'columnist analyst strategist official officer diplomat negotiator adviser advisor aide head founder ' +
    'candidate nominee activist researcher scientist economist lawyer attorney prosecutor spokesmen ' +
    'counsellor counselor councillor councilor lawmaker legislator mp senior-adviser sergeant major-general ' +
    'secretary-general commissar marshal superintendent inspector detective constable physician doctor ' +
    'coordinator administrator executive owner manager actor actress author writer ' +
    'singer player coach monarch cleric imam rabbi priest historian expert member counterpart host founder'
  ).split(' '),
);

/** True for words naming a position or title ("spokesman", "envoy", "minister"). */
export function isRoleNoun(word: string): boolean {
  return ROLE_NOUNS.has(word.toLowerCase());
}

/** Honorifics that stay part of a one-word name ("Pope Francis", "King Salman"). */
const NAME_TITLES = new Set(
  'Pope King Queen Prince Princess Sheikh Emir Ayatollah Sultan Saint Lord Lady Sir Dame Imam'.split(' '),
);
/** Courtesy titles dropped from names ("Mr Blair" → Blair). */
const COURTESY = new Set('Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Mx'.split(' '));

/** Capitalised modifiers that belong to titles and roles, not names. */
const TITLE_WORDS = new Set(
  (
    'Foreign Defense Defence Interior Finance Health Justice Prime Vice Deputy Acting Former Press State Chief ' +
    'Executive Supreme Special Senior Assistant Under Attorney Secretary General Secretary-General Presidential ' +
    'National Security Majority Minority House Senate Grand Crown Economy Energy Trade Home Education First ' +
    'Regional Provincial Federal Emergency Emergencies Situations Deputy Director Army Air Naval Military Lieutenant ' +
    'Major Brigadier Staff Joint Information Labour Labor Transport Culture Environment Agriculture Development ' +
    'Intelligence Treasury Commerce Public Affairs Sen. Rep. Gen. Col. Lt. Capt. Adm. Gov. Maj.'
  ).split(' '),
);

/** Capitalised words that start sentences or name times and groups, never names. */
const NOT_NAMES = new Set(
  (
    'The A An In On At Of For To By With From This That These Those It Its He She They We I You His Her Their ' +
    'Our My Your But And Or Nor If When While As After Before Despite During Since Although Though However ' +
    'Meanwhile According Under Over Within Without Even Yet So Then There Here What Why How Who Whom Where Which ' +
    'Both All Any Some Many Most Much No Not Last Next Earlier Later Yesterday Today Tomorrow Tonight Monday ' +
    'Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August ' +
    'September October November December Approximately About Around Such Prior Days Weeks Months Years One ' +
    'Two Three Four Five Six Seven Eight Nine Ten Only Also Other Another Each Every Several Few Whichever ' +
    'Whatever Indeed Instead Still Just Now Once Thus Therefore Moreover Furthermore Although Unlike Like Among ' +
    'Amid Against Between Behind Beyond Through Throughout Toward Towards Upon Via Whether Until Unless Because ' +
    'Yes Please Thank Thanks Mr Mrs Ms Dr Loading English Reports Report References Reference Note Update ' +
    'Updated Read More See Share Photo Image Video Source Sources Related Click Subscribe Advertisement ' +
    'Officials Police Authorities Witnesses Residents Analysts Experts Critics Protesters Troops Soldiers Rebels ' +
    'Militants People Students Workers Doctors Investigators Prosecutors Lawmakers Leaders Americans'
  ).split(' '),
);

const NAME_MONTHS = new Set(['May', 'June', 'April', 'August']);

/** Capitalised adjectives and group nouns: not names by themselves, but they may open an organisation's name. */
const GROUP_WORDS = new Set(
  (
    'Arab Arabs Kurdish Kurds Kurd Sunni Shia Shiite Islamist Islamists Islamic Jihadi Jihadist Jihadists Muslim ' +
    'Muslims Christian Christians Jewish Jews Western Eastern Northern Southern Central European Europeans ' +
    'African Asian Latin Soviet Democrat Democrats Republicans Democratic Republican Conservative Conservatives ' +
    'Labour Liberal Liberals Socialist Communist Marxist Catholic Orthodox Protestant Hindu Buddhist Sikh ' +
    'Internet Web Special Civil Human Rights International Global World Cold War Middle Houthi Houthis Pashtun ' +
    'Alawite Alawites Druze Yazidi Yazidis Uighur Uyghur Rohingya Baloch Tamil Hutu Tutsi'
  ).split(' '),
);

// Lower-case words that, right after a name, make it an organisation run by that person ("the Obama administration").
const LEADER_ORGS = new Set(['administration', 'government', 'regime', 'cabinet', 'camp', 'campaign']);
const CUE_AFTER_NAME =
  /^\s*(?:[’']s\s+)?(?:also\s+|later\s+|then\s+|again\s+|has\s+|had\s+|have\s+|was\s+|is\s+|\p{Ll}+ly\s+)*(?:said|says|told|tells|added|warned|commented|declared|insisted|argued|complained|noted|wrote|asked|stated|claimed|explained|replied|announced|denied|urged|called|accused|criticised|criticized|praised|met|spoke|visited|went|blasted|demanded|vowed|pledged|admitted|acknowledged|responded|reiterated|tweeted|posted|signed|ordered|launched|issued|attacked|denounced|agreed|rejected|welcomed|condemned|promised)\b/u;

interface Part {
  kind: 'org' | 'place' | 'seat' | 'demonym' | 'title' | 'name';
  tokens: Token[];
  canonical?: string;
  iso?: string;
}

interface Draft {
  name: string;
  type: Entity['type'];
  role?: string;
  country?: string;
  aliases: Set<string>;
  mentions: Entity['mentions'];
}

/** A maximal run of capitalised words; `start` indexes its first token in the paragraph's `paragraphTokens`. */
interface Run {
  tokens: Token[];
  sentenceInitial: boolean;
  start: number;
  paragraphTokens: readonly Token[];
}

interface Pending {
  paragraph: number;
  tokens: Token[];
  sentenceInitial: boolean;
  cued: boolean;
  courtesy: boolean;
  /** After "in"/"near"/"from"…: a place. */
  locative: boolean;
  /** After "the"/"a": a thing ("the Constitution"), not a person. */
  determined: boolean;
}

/**
 * People, organisations and locations mentioned in the paragraphs, each with a canonical name, the other surface
 * forms as aliases, every mention as {paragraph, start, end, text} (offsets in that paragraph), a role for people
 * when the text gives one ("State Department spokesman" for John Kirby), and an ISO 3166-1 alpha-2 `country`
 * for countries, their seats ("Washington" is a mention of United States) and people/organisations tied to one.
 * Short forms later in the text ("Kirby", "Mr Kirby", "Assad") become mentions of the full name.
 * Ordered by first mention. Pure and deterministic.
 */
export function extractEntities(paragraphs: readonly string[]): Entity[] {
  const drafts = new Map<string, Draft>();
  const order: string[] = [];
  const pending: Pending[] = [];

  const draftFor = (name: string, type: Entity['type']): Draft => {
    const id = `${type}:${fold(name)}`;
    let draft = drafts.get(id);
    if (!draft) {
      draft = { name, type, aliases: new Set(), mentions: [] };
      drafts.set(id, draft);
      order.push(id);
    }
    return draft;
  };
  const mention = (draft: Draft, paragraph: number, tokens: readonly Token[], text: string): void => {
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    if (!first || !last) return;
    const end = first.start + stripPossessive(text.slice(first.start, last.end)).length;
    const surface = text.slice(first.start, end);
    if (draft.mentions.some((m) => m.paragraph === paragraph && m.start === first.start)) return;
    draft.mentions.push({ paragraph, start: first.start, end, text: surface });
    if (surface !== draft.name) draft.aliases.add(surface);
  };

  paragraphs.forEach((text, paragraph) => {
    const tokens = tokenize(text);
    const quoted = quotedRanges(text);
    for (const run of capitalisedRuns(tokens, text)) {
      const parts = segment(run.tokens, text);
      const insideQuote = quoted.some(
        (q) => run.tokens[0] && run.tokens[0].start >= q.start && run.tokens[0].end <= q.end,
      );
      parts.forEach((part, index) => {
        if (part.kind === 'org' && part.canonical) {
          const org = draftFor(part.canonical, 'organization');
          if (part.iso) org.country ??= part.iso;
          mention(org, paragraph, part.tokens, text);
        } else if ((part.kind === 'place' || part.kind === 'seat') && part.canonical) {
          const place = draftFor(part.canonical, 'location');
          if (part.iso) place.country ??= part.iso;
          mention(place, paragraph, part.tokens, text);
        } else if (part.kind === 'name') {
          classifyName(part, index, parts, run, text, paragraph, insideQuote);
        }
      });
    }
  });

  function classifyName(
    part: Part,
    index: number,
    parts: Part[],
    run: Run,
    text: string,
    paragraph: number,
    insideQuote: boolean,
  ): void {
    const words = part.tokens.map((t) => stripPossessive(t.text));
    const last = part.tokens[part.tokens.length - 1];
    const first = part.tokens[0];
    if (!last || !first) return;
    // Splits a name run and classifies the pieces in the same context.
    const classifyTokens = (tokens: Part['tokens']): void =>
      classifyName({ kind: 'name', tokens }, index, parts, run, text, paragraph, insideQuote);
    const lastWord = words[words.length - 1] ?? '';
    const after = text.slice(last.end);
    const previous = parts[index - 1];
    // "Michael Siegel of Boston University", "Hassan Rouhani of Iran": a person, then where they belong.
    const of = words.findIndex((w) => w === 'of' || w === 'for');
    // After a courtesy title one word is a whole name ("Ms Lane of the Green Party").
    const afterCourtesy =
      parts[index - 1]?.kind === 'title' &&
      COURTESY.has(parts[index - 1]?.tokens[(parts[index - 1]?.tokens.length ?? 1) - 1]?.text ?? '');
    if (of >= (afterCourtesy ? 1 : 2) && of <= 3 && words.length > of + 1) {
      const right = words.slice(of + 1).join(' ');
      if (
        ORGANIZATION_HEADS.has(words[words.length - 1] ?? '') ||
        lookupPlace(right) ||
        lookupOrganization(right)
      ) {
        classifyTokens(part.tokens.slice(0, of));
        const rightTokens = part.tokens.slice(of + 1);
        while (rightTokens.length > 1 && CONNECTORS.has(rightTokens[0]?.text ?? '')) rightTokens.shift();
        classifyTokens(rightTokens);
        return;
      }
    }
    // An organisation named by its head word ("Socialist Equality Party"), with a leading demonym kept.
    if (ORGANIZATION_HEADS.has(lastWord) && words.length > 1) {
      const lead =
        previous && (previous.kind === 'demonym' || previous.kind === 'place') ? previous : undefined;
      const tokens = lead ? [...lead.tokens, ...part.tokens] : part.tokens;
      const name = stripPossessive(text.slice((tokens[0] ?? first).start, last.end));
      const org = draftFor(name, 'organization');
      if (lead?.iso) org.country ??= lead.iso;
      mention(org, paragraph, tokens, text);
      return;
    }
    // Contractions ("I’ve"), codes ("COVID-19") and operation names are not names.
    if (words.some((w) => /['’](?:ve|ll|m|d|re)$/iu.test(w) || /\d/u.test(w)) || words[0] === 'Operation')
      return;
    // "Regarding Trump", "Using government": a sentence-initial participle is not part of a name.
    if (run.sentenceInitial && index === 0 && /^\p{Lu}\p{Ll}+ing$/u.test(words[0] ?? '')) {
      if (words.length > 1) classifyTokens(part.tokens.slice(1));
      return;
    }
    // "Intelligence Committee Representative Adam Schiff": an organisation head inside a name ends a name.
    const inner = words.findIndex(
      (w, n) => n < words.length - 1 && ORGANIZATION_HEADS.has(w) && !CONNECTORS.has(words[n + 1] ?? ''),
    );
    if (inner >= 0) {
      classifyTokens(part.tokens.slice(0, inner + 1));
      classifyTokens(part.tokens.slice(inner + 1));
      return;
    }
    // Institutions are named with "of"/"for" ("Journal of Preventive Medicine"); people are not; places lead
    // with their head ("Strait of Hormuz").
    if (words.length > 2 && words.some((w) => w === 'of' || w === 'for')) {
      if (PLACE_HEADS.has(words[0] ?? '')) {
        mention(draftFor(words.join(' '), 'location'), paragraph, part.tokens, text);
        return;
      }
      mention(draftFor(words.join(' '), 'organization'), paragraph, part.tokens, text);
      return;
    }
    // Adjectives and lone head words ("Kurdish", "Forces") name nothing by themselves; nor do they open a name.
    if (
      words.length === 1 &&
      (GROUP_WORDS.has(lastWord) || ORGANIZATION_HEADS.has(lastWord) || PLACE_HEADS.has(lastWord))
    )
      return;
    if (EVENT_HEADS.has(lastWord)) return;
    // "the Maidan Wardak provincial council": a name modifying a lower-case institution is a place, not a person.
    const modified =
      /^\s+(provincial|province|regional|region|municipal|city|district|county|state|local|council|police|government|authorities|officials|airport|border)\b/u.exec(
        after,
      )?.[1];
    if (modified && words.length > 1) {
      mention(draftFor(words.join(' '), 'location'), paragraph, part.tokens, text);
      return;
    }
    if (GROUP_WORDS.has(words[0] ?? '')) {
      const rest = part.tokens.slice(1);
      if (rest.length > 0) classifyTokens(rest);
      return;
    }
    if (PLACE_HEADS.has(lastWord) && words.length > 1) {
      mention(draftFor(words.join(' '), 'location'), paragraph, part.tokens, text);
      return;
    }
    if (/^(?:\p{Lu}{2,6}|\p{Lu}\p{Ll}{0,3}\p{Lu})$/u.test(lastWord) && words.length === 1) {
      // Unknown acronyms in news are agencies, parties and outlets ("RT", "SDF"), not people.
      if (!insideQuote) mention(draftFor(lastWord, 'organization'), paragraph, part.tokens, text);
      return;
    }
    const leaderOrg = /^\s*([\p{Ll}]+)/u.exec(after)?.[1];
    if (leaderOrg && LEADER_ORGS.has(leaderOrg)) {
      const end = last.end + after.indexOf(leaderOrg) + leaderOrg.length;
      const name = `${words.join(' ')} ${leaderOrg}`;
      const org = draftFor(name, 'organization');
      const surfaceTokens = [{ text: text.slice(first.start, end), start: first.start, end }];
      mention(org, paragraph, surfaceTokens, text);
      return;
    }
    // Only a real title makes a lone word a name ("Secretary Kerry"), not a modifier like "National" or "Federal".
    const previousWord = previous?.tokens[previous.tokens.length - 1]?.text ?? '';
    const titled =
      previous?.kind === 'title' &&
      (ROLE_NOUNS.has(previousWord.toLowerCase()) ||
        NAME_TITLES.has(previousWord) ||
        COURTESY.has(previousWord));
    const nameTitle = titled ? (previous.tokens[previous.tokens.length - 1]?.text ?? '') : '';
    const courtesy = COURTESY.has(nameTitle);
    const roleBefore = roleBeforeName(run.paragraphTokens, run.start, parts, index);
    const cued = CUE_AFTER_NAME.test(after) || roleBefore !== undefined || titled;
    if (/\.(com|org|net|co\.uk|ru)$/i.test(lastWord)) {
      mention(draftFor(words.join(' '), 'organization'), paragraph, part.tokens, text);
      return;
    }
    // "a base in Maidan Wardak": an unknown name right after "in"/"near" is a place, unless a title names a person.
    if (!titled && !roleBefore && locativeBefore(text, first.start)) {
      if (!insideQuote) mention(draftFor(words.join(' '), 'location'), paragraph, part.tokens, text);
      return;
    }
    if (words.length >= 2 && words.length <= 5 && !insideQuote) {
      const person = draftFor(words.join(' '), 'person');
      mention(person, paragraph, part.tokens, text);
      if (roleBefore) assignRole(person, roleBefore);
      const appositive = roleAfterName(after);
      if (appositive && !person.role) person.role = appositive;
      return;
    }
    if (words.length === 1) {
      if (NAME_TITLES.has(nameTitle)) {
        const titleToken = previous?.tokens[previous.tokens.length - 1];
        const person = draftFor(`${nameTitle} ${lastWord}`, 'person');
        mention(person, paragraph, titleToken ? [titleToken, ...part.tokens] : part.tokens, text);
        person.aliases.add(lastWord);
        if (roleBefore) assignRole(person, roleBefore);
        return;
      }
      pending.push({
        paragraph,
        tokens: courtesy && previous ? [...previous.tokens, ...part.tokens] : part.tokens,
        sentenceInitial: run.sentenceInitial && index === 0,
        cued: cued && !insideQuote,
        courtesy,
        locative: locativeBefore(text, first.start),
        determined: /\b(?:the|a|an)\s+$/iu.test(text.slice(Math.max(0, first.start - 5), first.start)),
      });
    }
  }

  // Second pass: one-word names become mentions of a known full name, or people of their own when the text
  // treats them as such (a courtesy title, a speech verb, a role, or more than one mid-sentence mention).
  // Family names of the people found so far (first one wins), folded: "kirby" → John Kirby, "assad" → Bashar al-Assad.
  const bySurname = new Map<string, Draft>();
  const indexSurname = (d: Draft): void => {
    for (const key of surnameKeys(d.name)) if (!bySurname.has(key)) bySurname.set(key, d);
  };
  for (const id of order) {
    const d = drafts.get(id);
    if (d?.type === 'person') indexSurname(d);
  }
  const counts = new Map<string, number>();
  const placeWords = new Set<string>();
  for (const p of pending) {
    if (!p.sentenceInitial && !p.determined)
      counts.set(fold(bareWord(p)), (counts.get(fold(bareWord(p))) ?? 0) + 1);
    if (p.locative && !p.courtesy) placeWords.add(fold(bareWord(p)));
  }
  for (const p of pending) {
    const word = bareWord(p);
    const known = bySurname.get(fold(word));
    const text = paragraphs[p.paragraph] ?? '';
    if (known) {
      mention(known, p.paragraph, p.tokens, text);
    } else if (p.locative || placeWords.has(fold(word))) {
      // "flew to Omsk" makes every "Omsk" a place.
      if (!p.courtesy) mention(draftFor(word, 'location'), p.paragraph, p.tokens, text);
    } else if (!p.determined && (p.courtesy || p.cued || (counts.get(fold(word)) ?? 0) >= 2)) {
      const name = p.courtesy ? p.tokens.map((t) => t.text).join(' ') : word;
      const person = draftFor(name, 'person');
      if (p.courtesy) person.aliases.add(word);
      mention(person, p.paragraph, p.tokens, text);
      indexSurname(person);
    }
  }

  // A place or organisation mention that is a known person's family name ("Amman" after "Sudesh Amman").
  for (const id of order) {
    const d = drafts.get(id);
    if (!d || d.type === 'person') continue;
    d.mentions = d.mentions.filter((m) => {
      const person = bySurname.get(fold(m.text));
      if (!person) return true;
      // Still the place when named before the person or after a locative preposition ("flew to Amman").
      const first = person.mentions[0];
      if (
        !first ||
        m.paragraph < first.paragraph ||
        (m.paragraph === first.paragraph && m.start < first.start)
      )
        return true;
      const before = (paragraphs[m.paragraph] ?? '').slice(Math.max(0, m.start - 12), m.start);
      if (/\b(in|from|to|near|at|into|outside|around|across|via|toward|towards)\s+$/i.test(before))
        return true;
      person.mentions.push(m);
      person.aliases.add(m.text);
      return false;
    });
  }

  const entities = order.flatMap((id) => {
    const d = drafts.get(id);
    if (!d || d.mentions.length === 0) return [];
    d.aliases.delete(d.name);
    const entity: Entity = {
      name: d.name,
      type: d.type,
      aliases: [...d.aliases].sort(),
      mentions: [...d.mentions].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start),
    };
    if (d.role) entity.role = d.role;
    if (d.country) entity.country = d.country;
    return [entity];
  });
  const firstMention = (e: Entity): number =>
    (e.mentions[0]?.paragraph ?? 0) * 1e6 + (e.mentions[0]?.start ?? 0);
  return entities.sort((a, b) => firstMention(a) - firstMention(b));
}

function bareWord(p: Pending): string {
  const last = p.tokens[p.tokens.length - 1];
  return stripPossessive(last?.text ?? '');
}

function assignRole(person: Draft, role: string): void {
  person.role ??= role;
  if (person.country) return;
  const words = role.split(/\s+/);
  for (let length = 3; length >= 1; length--) {
    for (let i = 0; i + length <= words.length; i++) {
      const window = words.slice(i, i + length).join(' ');
      if (!/^\p{Lu}/u.test(window)) continue;
      const iso = lookupPlace(window)?.iso ?? lookupOrganization(window)?.country;
      if (iso) {
        person.country = iso;
        return;
      }
    }
  }
}

/** Case- and accent-insensitive comparison key ("Erdoğan" = "Erdogan"). */
export function fold(text: string): string {
  const cached = foldCache.get(text);
  if (cached !== undefined) return cached;
  const folded = foldUncached(text);
  if (foldCache.size > 20000) foldCache.clear();
  foldCache.set(text, folded);
  return folded;
}

const foldCache = new Map<string, string>();

function foldUncached(text: string): string {
  // Plain ASCII (most names) needs no Unicode decomposition.
  const ascii = /^[\x20-\x7e]*$/.test(text);
  return (ascii ? text : text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’`]/g, "'")).toLowerCase();
}

/** Keys under which a full name's family name is looked up ("John Kirby" → kirby; "Bashar al-Assad" → al-assad, assad). */
function surnameKeys(fullName: string): string[] {
  const parts = fullName.split(/\s+/);
  const last = parts[parts.length - 1] ?? '';
  if (parts.length < 2) return [];
  const key = fold(last);
  const bare = key.replace(/^(al|el|ad|as|ash|an|ar|at)-/, '');
  return bare === key ? [key] : [key, bare];
}

/** Character ranges inside quotation marks (straight, curly, ``…'', «…», „…“), for telling titles of works from names. */
function quotedRanges(text: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  const pattern = /“[^”]*”|"[^"\n]*"|``[^`\n]*?''|«[^»\n]*»|„[^“”\n]*[“”]/g;
  for (const m of text.matchAll(pattern))
    ranges.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  return ranges;
}

function isCapitalised(token: Token): boolean {
  const c = token.text.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128 && !(c >= 97 && c <= 122)) return false;
  // Quotation marks and dashes (General Punctuation) are frequent tokens and never letters.
  if (c >= 0x2000 && c <= 0x206f) return false;
  // Non-ASCII capitals ("Özal") and particles glued to a name ("al-Assad", "ez-Zor").
  return (
    /^\p{Lu}/u.test(token.text) || (token.text.indexOf('-') > 0 && /^\p{Ll}{1,3}-\p{Lu}/u.test(token.text))
  );
}

const CONNECTORS = new Set([
  'of',
  'for',
  'and',
  'the',
  'de',
  'du',
  'la',
  'le',
  'van',
  'von',
  'der',
  'bin',
  'ibn',
  'al',
  '&',
]);

/** Maximal runs of capitalised words, allowing inner connectors ("Chiefs of Staff", "Center for … Studies"). */
function capitalisedRuns(tokens: readonly Token[], text: string): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (!token || !isCapitalised(token) || /^\d+$/.test(token.text)) {
      i++;
      continue;
    }
    const run: Token[] = [token];
    let j = i + 1;
    while (j < tokens.length) {
      const next = tokens[j];
      if (!next) break;
      if (next.start - (run[run.length - 1]?.end ?? 0) > 1) break;
      if (isCapitalised(next)) {
        run.push(next);
        j++;
        continue;
      }
      // Connectors only inside a run, and only when a capitalised word follows.
      let k = j;
      while (k < tokens.length && CONNECTORS.has(tokens[k]?.text ?? '') && k - j < 2) k++;
      const after = tokens[k];
      if (k > j && after && isCapitalised(after) && !/^\d/.test(after.text)) {
        run.push(...tokens.slice(j, k + 1));
        j = k + 1;
        continue;
      }
      break;
    }
    runs.push({
      tokens: run,
      sentenceInitial: startsSentence(text, token.start),
      start: i,
      paragraphTokens: tokens,
    });
    i = j;
  }
  return runs;
}

/**
 * Whether the word at `at` opens a sentence (or a line, a quote, a heading): looks back over the whitespace
 * only, since a regex anchored at the end of the text before the word rescans the paragraph for every run.
 */
function startsSentence(text: string, at: number): boolean {
  if (at > 0 && text[at - 1] === '\n') return true;
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1] ?? '')) i--;
  return i === 0 || SENTENCE_END_BEFORE.has(text[i - 1] ?? '');
}

const SENTENCE_END_BEFORE = new Set([...'.!?:;"“”*#]—-']);

function joinTokens(tokens: readonly Token[], text: string): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return first && last ? text.slice(first.start, last.end) : '';
}

/**
 * Splits a capitalised run into known organisations, places, demonyms, titles and leftover name parts,
 * longest gazetteer match first.
 */
function segment(run: readonly Token[], text: string): Part[] {
  const parts: Part[] = [];
  // In "Iraqi Security Forces" or "Sacred Defence Week" the title-like words belong to the name.
  const finalWord = stripPossessive(run[run.length - 1]?.text ?? '');
  const headed = ORGANIZATION_HEADS.has(finalWord) || EVENT_HEADS.has(finalWord);
  // The words of a name being read; flushName turns them into name parts.
  const name: Token[] = [];
  let i = 0;
  while (i < run.length) {
    const match = longestKnown(run, i, text);
    // "Sudesh Amman", "Michael Jordan": a one-word place right after a first name is a family name.
    const placeWord =
      match && match.length === 1 && (match.part.kind === 'seat' || match.part.kind === 'place');
    const surname = placeWord && name.length > 0 && isPlainName(name[name.length - 1]?.text ?? '');
    // "Jordan Shilton", "Israel Katz": a one-word place opening a two-word run that ends in an unknown word.
    const firstName =
      match?.part.kind === 'place' &&
      match.length === 1 &&
      i === 0 &&
      run.length === 2 &&
      !/['’]s?$/u.test(run[0]?.text ?? '') &&
      isPlainName(run[1]?.text ?? '');
    if (match && !surname && !firstName) {
      flushName(name, parts);
      parts.push(match.part);
      i += match.length;
      continue;
    }
    const token = run[i];
    if (token) {
      const word = token.text;
      const prev = parts[parts.length - 1];
      const afterCourtesy =
        name.length === 0 &&
        prev?.kind === 'title' &&
        COURTESY.has(prev.tokens[prev.tokens.length - 1]?.text ?? '');
      // "John Major", "Mr Major": a title-like word closing a name, or right after Mr/Ms, is a name.
      const closesName =
        name.length > 0 &&
        TITLE_WORDS.has(word) &&
        !ROLE_NOUNS.has(word.toLowerCase()) &&
        i === run.length - 1;
      const title =
        !afterCourtesy &&
        !closesName &&
        (TITLE_WORDS.has(word) ||
          ROLE_NOUNS.has(word.toLowerCase()) ||
          NAME_TITLES.has(word) ||
          COURTESY.has(word));
      if (/^\p{Lu}[\p{L}]*-\p{Ll}+$/u.test(word)) {
        // "Yemen-based", "Iranian-backed": a modifier, not part of a name.
        flushName(name, parts);
        parts.push({ kind: 'demonym', tokens: [token] });
      } else if (title && !(headed && name.length + parts.length > 0 && !COURTESY.has(word))) {
        // A capitalised word that is a title ends any name before it and starts a title part.
        flushName(name, parts);
        const prev = parts[parts.length - 1];
        if (prev?.kind === 'title') prev.tokens.push(token);
        else parts.push({ kind: 'title', tokens: [token] });
      } else if (CONNECTORS.has(word) && name.length === 0) {
        // "Chairman of the Joint Chiefs": a connector after a title belongs to the title.
        const prev = parts[parts.length - 1];
        if (prev?.kind === 'title') prev.tokens.push(token);
      } else {
        name.push(token);
      }
    }
    i++;
  }
  flushName(name, parts);
  return parts;
}

/** A capitalised word no lexicon knows: not a title, head word, group word, sentence word or gazetteer name. */
/**
 * Moves the words of a name read so far into name parts (and empties `name`). A module function, not a closure
 * in segment: segment runs for every capitalised run.
 */
function flushName(name: Token[], parts: Part[]): void {
  // "WSWS and the Socialist Equality Party" are two names; "Center for Strategic and International Studies" one.
  const groups: Token[][] = [[]];
  for (const t of name) {
    const group = groups[groups.length - 1] ?? [];
    if (t.text === 'and' && !group.some((g) => g.text === 'for' || g.text === 'of')) groups.push([]);
    // "Theresa May": a month after a first name is a family name.
    else if (
      NOT_NAMES.has(stripPossessive(t.text)) &&
      !(NAME_MONTHS.has(stripPossessive(t.text)) && group.length > 0)
    )
      groups.push([]);
    else group.push(t);
  }
  for (let group of groups) {
    while (group.length > 0 && CONNECTORS.has(group[0]?.text ?? '')) group = group.slice(1);
    while (group.length > 0 && CONNECTORS.has(group[group.length - 1]?.text ?? ''))
      group = group.slice(0, -1);
    if (group.length > 0) parts.push({ kind: 'name', tokens: group });
  }
  name.length = 0;
}

function isPlainName(word: string): boolean {
  const bare = stripPossessive(word);
  return (
    /^\p{Lu}\p{Ll}/u.test(bare) &&
    !TITLE_WORDS.has(bare) &&
    !ROLE_NOUNS.has(bare.toLowerCase()) &&
    !ORGANIZATION_HEADS.has(bare) &&
    !PLACE_HEADS.has(bare) &&
    !EVENT_HEADS.has(bare) &&
    !GROUP_WORDS.has(bare) &&
    !NOT_NAMES.has(bare) &&
    !lookupPlace(bare) &&
    !lookupOrganization(bare) &&
    !isKnownPlaceName(bare)
  );
}

function longestKnown(
  run: readonly Token[],
  from: number,
  text: string,
): { part: Part; length: number } | undefined {
  const longest = startsMultiWordName(run[from]?.text ?? '') ? Math.min(7, run.length - from) : 1;
  for (let length = longest; length >= 1; length--) {
    const tokens = run.slice(from, from + length);
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    if (!first || !last || CONNECTORS.has(last.text) || CONNECTORS.has(first.text) || first.text === 'The')
      continue;
    const surface = joinTokens(tokens, text);
    // Compounds of places ("US-Russia", "Turkish-Syrian") describe, they do not name.
    if (length === 1 && /\p{L}-\p{Lu}/u.test(surface) && surface.split('-').some((p) => lookupPlace(p))) {
      return { part: { kind: 'demonym', tokens }, length };
    }
    const org = lookupOrganization(surface);
    if (org) {
      const part: Part = { kind: 'org', tokens, canonical: org.name };
      if (org.country) part.iso = org.country;
      return { part, length };
    }
    const place = lookupPlace(surface);
    if (place) {
      const kind = place.via === 'demonym' ? 'demonym' : place.via === 'seat' ? 'seat' : 'place';
      return { part: { kind, tokens, canonical: place.name, iso: place.iso }, length };
    }
    if (isKnownPlaceName(surface))
      return { part: { kind: 'place', tokens, canonical: stripPossessive(surface) }, length };
  }
  return undefined;
}

const ROLE_TOKEN = /^[\p{L}.'’-]+$/u;

/**
 * The role written in front of a name: titles, organisations, places and role nouns back to the start of the
 * noun phrase ("State Department spokesman" John Kirby, "German journalist" Jürgen Todenhöfer), or an appositive
 * before it ("an al-Nusra commander, Abu Al Ezz"). Undefined unless it contains a role noun.
 * `tokens` are the paragraph's tokens and `runStart` the index of the name's capitalised run in them.
 */
function roleBeforeName(
  tokens: readonly Token[],
  runStart: number,
  parts: Part[],
  index: number,
): string | undefined {
  // Parts of the same run before the name (titles, orgs, places) plus lower-case role words before the run.
  // Only the parts after any earlier name in the run ("US President Donald Trump and Turkish President …").
  let from = 0;
  for (let k = 0; k < index; k++) if (parts[k]?.kind === 'name') from = k + 1;
  const inRun = parts
    .slice(from, index)
    .flatMap((p) => p.tokens)
    .map((t) => t.text);
  const words: string[] = [];
  for (let i = runStart - 1; i >= 0 && i >= runStart - 24; i--) {
    const w = tokens[i]?.text ?? '';
    // "Mahan's director, Hamid Arabnejad Khanooki": a role before the comma of an appositive.
    if (i === runStart - 1 && w === ',' && inRun.length === 0) continue;
    if (!ROLE_TOKEN.test(w) || w === '.') break;
    const lower = w.toLowerCase();
    if (ROLE_STOPS.has(lower)) break;
    if (!(ROLE_NOUNS.has(lower) || ROLE_MODIFIERS.has(lower) || /^\p{Lu}/u.test(w))) break;
    words.unshift(w);
    if (words.length > 10) break;
  }
  const phrase = [...words, ...inRun]
    .join(' ')
    .replace(/^(of|and)\s+/i, '')
    .trim();
  const nouns = phrase.split(/\s+/).map((w) => w.toLowerCase().replace(/[’']s$/, ''));
  if (!nouns.some((w) => ROLE_NOUNS.has(w))) return undefined;
  // Courtesy titles are not roles; name titles ("Pope") are kept as the role of a one-word name.
  const cleaned = phrase.replace(/\b(Mr|Mrs|Ms|Miss|Dr|Mx)\.?$/, '').trim();
  return cleaned ? cleaned.replace(/\s+,/g, ',') : undefined;
}

const ROLE_STOPS = new Set([
  'a',
  'an',
  'the',
  'its',
  'his',
  'her',
  'their',
  'by',
  'with',
  'to',
  'from',
  'and',
  'that',
  'as',
]);
const ROLE_MODIFIERS = new Set(
  (
    'of former acting deputy senior veteran top chief regional provincial foreign state press prime presidential ' +
    'military opposition defence defense interior finance justice health police army party union security ' +
    'intelligence national federal general special lead'
  ).split(' '),
);

/** An appositive role after a name: "Anthony Cordesman, a veteran strategist of …," → "veteran strategist of …". */
function roleAfterName(after: string): string | undefined {
  const m = /^\s*,\s+(?:a|an|the)\s+([^,.;:“”"()]{3,80}?)(?:[,.;]|$)/u.exec(after);
  if (!m?.[1]) return undefined;
  const role = m[1].replace(/\s+(?:who|which|that|whose)\b.*$/u, '').trim();
  const words = role.split(/\s+/);
  if (words.length > 8) return undefined;
  return words.some((w) => ROLE_NOUNS.has(w.toLowerCase())) ? role : undefined;
}

const DETERMINERS = /^(?:the|a|an|its|his|her|their|our)\s+/i;
const LOCATIVE_BEFORE = /\b(?:in|near|outside|to|from)\s+$/u;
// "According to X", "spoke to X", "a letter to X": a person after "to", not a destination.
const TO_A_PERSON =
  /\b(?:according|spoke|speaking|talked|talking|wrote|writing|said|letter|message|tribute|thanks|due|next|married|sent|replied|responded|addressed|appealed|apologi[sz]ed|introduced|adviser|advisor|aide|ambassador|envoy|successor|predecessor|deputy|close|loyal)\s+to\s+$/iu;

function locativeBefore(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  return LOCATIVE_BEFORE.test(before.slice(-12)) && !TO_A_PERSON.test(before);
}

/**
 * A resolver from an actor mention to a canonical name, built over `extractEntities` output:
 * "Kerry" / "Secretary of State Kerry" → "John Kerry", "Russian jets" / "Moscow" / "the Kremlin" → "Russia",
 * "Washington" → "United States", "ISIS fighters" → "ISIS", "the Pentagon" → "Pentagon".
 * Tries the whole text, then every word window (longest first); people win over organisations over countries.
 * Undefined when nothing in the text is known.
 */
export function createEntityResolver(entities: readonly Entity[]): (text: string) => string | undefined {
  const byAlias = new Map<string, Entity>();
  const surnames = new Map<string, Entity>();
  for (const entity of entities) {
    for (const alias of [entity.name, ...entity.aliases]) {
      const k = fold(stripPossessive(alias).replace(DETERMINERS, ''));
      if (!byAlias.has(k) || entity.type === 'person') byAlias.set(k, entity);
    }
    if (entity.type === 'person') {
      const last = entity.name.split(/\s+/).pop() ?? '';
      if (entity.name.includes(' ')) {
        surnames.set(fold(last), entity);
        surnames.set(fold(last.replace(/^(al|el)-/i, '')), entity);
      }
    }
  }
  const rank = { person: 0, organization: 1, location: 2 } as const;
  const resolveWindow = (surface: string): { name: string; rank: number } | undefined => {
    const k = fold(stripPossessive(surface).replace(DETERMINERS, ''));
    const entity = byAlias.get(k) ?? surnames.get(k);
    if (entity) {
      // A seat or demonym listed under a country resolves to the country itself.
      return { name: entity.name, rank: rank[entity.type] };
    }
    const org = lookupOrganization(surface);
    if (org) return { name: org.name, rank: 1 };
    const place = lookupPlace(surface);
    if (place) return { name: place.name, rank: 2 };
    return undefined;
  };
  return (text: string): string | undefined => {
    const clean = text.replace(/[*_“”"]/g, '').trim();
    if (!clean) return undefined;
    const whole = resolveWindow(clean);
    if (whole) return whole.name;
    const words = tokenize(clean).filter((t) => /[\p{L}\p{N}]/u.test(t.text));
    let best: { name: string; rank: number } | undefined;
    for (let length = Math.min(words.length, 6); length >= 1; length--) {
      for (let i = 0; i + length <= words.length; i++) {
        const window = words.slice(i, i + length);
        // Only capitalised windows name something ("us" is a pronoun, "state" a noun).
        if (
          !window.every(
            (t, n) =>
              /^\p{Lu}/u.test(t.text) || /^\p{Ll}{1,3}-\p{Lu}/u.test(t.text) || (n > 0 && n < length - 1),
          )
        )
          continue;
        // Sentence words never open or close a name, except a month closing one ("Theresa May").
        const lastWord = window[window.length - 1]?.text ?? '';
        if (
          NOT_NAMES.has(window[0]?.text ?? '') ||
          (NOT_NAMES.has(lastWord) && !(length > 1 && NAME_MONTHS.has(lastWord)))
        )
          continue;
        const found = resolveWindow(clean.slice(window[0]?.start ?? 0, window[window.length - 1]?.end ?? 0));
        if (found && (!best || found.rank < best.rank)) best = found;
      }
      if (best?.rank === 0) break;
    }
    return best?.name;
  };
}
