/**
 * Who said a quotation: speech cues around it (verbs, "according to", a colon, a signing dash) and the noun phrase
 * they attach to, resolved through the article's entities, pronouns ("she" → the last person who can be a she,
 * preferring a sentence's subject), descriptions ("the newspaper" → the last news outlet named, "the company" →
 * the last business) and unnamed sources ("a spokesman for the ministry"), which stay anonymous but name the
 * entity they refer to. Common nouns, places and headline fragments are never speakers.
 */
import type { Entity, Speaker } from './model';
import {
  isKnownPlaceName,
  lookupOrganization,
  lookupPlace,
  ORGANIZATION_HEADS,
  PLACE_HEADS,
  stripPossessive,
} from './gazetteer';
import { createEntityResolver, fold, isRoleNoun } from './entities';
import { genderOfPronoun, genderOfRole, genderOfTitle, genderOfWord, type Gender } from './genders';
import type { Span } from './sentences';

const FINITE_CUES =
  'said|says|say|told|tells|added|adds|warned|warns|commented|comments|declared|declares|insisted|insists|argued|' +
  'argues|complained|complains|noted|notes|wrote|writes|asked|asks|stated|states|claimed|claims|explained|' +
  'explains|replied|replies|answered|responded|responds|continued|continues|concluded|acknowledged|acknowledges|' +
  'admitted|admits|conceded|concedes|maintained|maintains|asserted|asserts|stressed|stresses|emphasised|' +
  'emphasized|emphasises|emphasizes|announced|announces|recalled|recalls|remarked|observed|suggested|suggests|' +
  'charged|alleged|alleges|lamented|laments|intoned|tweeted|posted|urged|urges|demanded|vowed|promised|predicted|' +
  'reported|cautioned|reiterated|confirmed|described|describes|called|calls|termed|dubbed|branded|' +
  'labelled|labeled|accused|criticised|criticized|denounced|thundered|boasted|joked|shouted|quipped|testified|' +
  'read|reads|headlined|titled|entitled|allowed that|indicated|estimated|blamed|cited|pointed out|shrugged|' +
  'laughed|sighed|smiled|snapped|retorted|countered|exclaimed|whispered|cried|scoffed|mused|wondered|' +
  'characterized|characterised|characterizes|characterises|reports|revealed|disclosed|recounted|recounts|' +
  'pleaded|appealed|elaborated|clarified|summarized|summarised|texted|emailed|denied|denies|' +
  'explain|argue|warn|insist|claim|note|add|jokes|laughs|sighs|smiles|quips|boasts|cautions|predicts|' +
  'remembers|remembered|reflects|reflected|enthuses|enthused|gushes|gushed|muses|shares|shared|proclaimed|' +
  'proclaims|contended|contends|pledged|pledges|threatened|highlighted|underlined|reminded|assured|assures|' +
  'informed|advised|questioned|challenged|slammed|blasted|opined|speculated|surmised|forecast|reckoned|' +
  'reckons|recalled|described|wonders|admits|observes|offers|offered|affirmed|affirms|recited|chanted|sang|' +
  'yelled|screamed|shouted|announced|rejoined|interjected|interrupted|began|begins|went on|goes on';
const PARTICIPLE_CUES =
  'saying|adding|telling|writing|warning|noting|arguing|insisting|declaring|stating|claiming|explaining|' +
  'calling|describing|lamenting|complaining|asking|stressing|urging|accusing|blaming|replying|responding|' +
  'announcing|suggesting|alleging|tweeting|concluding|quoting|citing|emphasising|emphasizing|reiterating|' +
  'characterizing|characterising|recounting|pleading|denying|labelling|labeling|branding|dubbing|terming|' +
  'remarking|commenting|observing|recalling|reporting|pointing out|acknowledging|admitting|conceding|' +
  'predicting|vowing|promising|pledging|threatening|demanding|questioning|wondering|joking|posting|' +
  'proclaiming|asserting|maintaining|contending|charging|highlighting|underlining|reminding|assuring|' +
  'cautioning|recounting|reflecting|shouting|chanting|reading';

/** Verbs that name something with the quoted words ("called the memo an “important statement”"). */
export const NAMING_CUES = new Set([
  'called',
  'calls',
  'calling',
  'described',
  'describes',
  'describing',
  'termed',
  'dubbed',
  'branded',
  'labelled',
  'labeled',
  'labelling',
  'labeling',
  'branding',
  'dubbing',
  'terming',
  'characterized',
  'characterised',
  'characterizes',
  'characterises',
  'characterizing',
  'characterising',
]);

/**
 * "said|says|told" → "s(?:aid|ays)|t(?:old)": the words grouped by first letter, so that a regex tries one group
 * at a position instead of all ~150 words. Matches stay the same: words of a group keep their order, and words
 * of different groups cannot match at the same position.
 */
function groupedByFirstLetter(words: string): string {
  const groups = new Map<string, string[]>();
  for (const word of words.split('|')) {
    const first = word[0] ?? '';
    groups.set(first, [...(groups.get(first) ?? []), word.slice(1)]);
  }
  return [...groups].map(([first, rests]) => `${first}(?:${rests.join('|')})`).join('|');
}

// Case-sensitive: cues are lower-case verbs, so "United States" or "Says" in a headline are not cues.
// Every cue starts with a-z or "A": that cheap lookahead spares the Unicode lookbehind at most positions.
const CUE_PATTERN = new RegExp(
  `(?=[a-zA])(?<![\\p{L}-])(?:[Aa]ccording to|${groupedByFirstLetter(`${FINITE_CUES}|${PARTICIPLE_CUES}`)})\\b`,
  'gu',
);
const PARTICIPLE = new RegExp(`^(?:${PARTICIPLE_CUES})$`, 'iu');
const INVERTED_CUE =
  /^(?:(?:also|later|then|again)\s+)?(said|says|added|adds|asked|asks|wrote|writes|continued|explained|told|tweeted|replied|warned|insisted|declared|noted|argued|commented|complained|read|reads|stated|recalled|concluded)\s+/u;
const AFTER_NP_CUE = new RegExp(
  `^((?:[^,.;:!?|]{1,100}?))\\s+(?:(?:also|later|then|again|has|had|have|was|once|reportedly|[\\p{Ll}]+ly)\\s+)*(${FINITE_CUES})\\b`,
  'u',
);

const APPOSITIVE_CUE = new RegExp(
  `^([^,.;:!?|]{1,60}?),\\s+([^,;:!?|]{1,80}?),\\s+(?:(?:also|later|then|again|has|had|have|was|once|reportedly|[\\p{Ll}]+ly)\\s+)*(${FINITE_CUES})\\b`,
  'u',
);
const FINITE_CUE_WORD = new RegExp(`^(?:${FINITE_CUES})$`, 'u');

// A speaker phrase names someone: a capitalised name, a pronoun or a determiner phrase — not "similarly".
const NOUN_PHRASE_START =
  /^(?:\p{Lu}|(?:he|she|it|they|we|i|the|a|an|one|this|that|his|her|its|their|our|some|several|two|three|many|officials|sources)\b)/u;

const ANONYMOUS_HEADS = new Set(
  (
    'official officials source sources diplomat diplomats spokesman spokeswoman spokesperson spokespeople aide ' +
    'aides insider insiders analyst analysts witness witnesses eyewitness eyewitnesses resident residents person ' +
    'people member members officer officers expert experts commander commanders lawmaker lawmakers staffer ' +
    'staffers employee employees worker workers activist activists observer observers negotiator negotiators ' +
    'investigator investigators authorities doctor doctors soldier soldiers fighter fighters adviser advisers ' +
    'advisor advisors representative representatives minister ministers leader leaders man woman men women ' +
    'protester protesters police officials'
  ).split(' '),
);
const MEDIA_NOUNS = new Set([
  'newspaper',
  'paper',
  'daily',
  'weekly',
  'magazine',
  'outlet',
  'broadcaster',
  'network',
  'channel',
  'website',
  'site',
  'agency',
  'tabloid',
]);
const MEDIA_HEADS =
  /\b(Post|Times|Journal|News|Herald|Tribune|Telegraph|Gazette|Magazine|Daily|Guardian|Reuters|Press|Observer|Economist|Newsweek|Independent|Mail|Express|Mirror|Sun|Star|Agency|Radio|TV|Television)\b/;
const PRONOUNS_PERSON = /^(he|she|him|her)$/i;
const PRONOUNS_THING = /^(it)$/i;
const PRONOUNS_GROUP = /^(they|them)$/i;
const DETERMINERS = /^(?:(?:the|a|an|one|this|that|its|his|her|their|our|another|some)\s+)+/i;

export interface Cue {
  /** The cue as written ("said", "according to"). */
  text: string;
  /** Offset of the cue in the context string. */
  index: number;
}

/** Where a quotation sits, for resolving pronouns and descriptions against what came before it. */
export interface Position {
  paragraph: number;
  offset: number;
}

/** The last speech cue in `before` (text of the sentence before a quotation, other quotations masked). */
export function lastCue(before: string): Cue | undefined {
  let found: Cue | undefined;
  for (const m of before.matchAll(CUE_PATTERN)) found = { text: m[0], index: m.index ?? 0 };
  return found;
}

/** True for participial cues ("saying", "adding"), whose speaker is the subject of the main clause. */
export function isParticiple(cue: string): boolean {
  return PARTICIPLE.test(cue);
}

/**
 * An attribution right after a quotation's closing mark: `," an official said`, `," says Mr Major`,
 * `" Obama told a press conference`, `," according to X`. `after` starts after the closing mark, with other
 * quotations masked by `|`. Returns the speaker phrase and the cue, or undefined.
 */
export function attributionAfter(after: string): { phrase: string; cue: string } | undefined {
  // `“…” — Ana Ruiz, mayor of Leeds`: a name after a dash that ends the sentence signs the quotation.
  const signed = /^\s*[—–]\s*(\p{Lu}[^,.;:!?|—–]{1,60}?)\s*(?:,[^|]{0,80})?[.]?\s*$/u.exec(after);
  if (signed?.[1] && !INVERTED_CUE.test(signed[1])) return { phrase: signed[1], cue: '—' };
  const rest = after.replace(/^[\s,.;:!?—–-]*/u, '');
  const according = /^according to\s+([^,.;:!?|]{1,80})/iu.exec(rest);
  if (according?.[1]) return { phrase: according[1], cue: 'according to' };
  const inverted = INVERTED_CUE.exec(rest);
  if (inverted?.[1]) {
    const np =
      /^([^,.;:!?|]{1,80}?)(?=\s+(?:on|in|at|to|during|after|when|before|from|about|with|via|while|as|of|who|which|that)\b|[,.;:!?|]|$)/iu.exec(
        rest.slice(inverted[0].length),
      );
    if (np?.[1]) return { phrase: np[1], cue: inverted[1] };
  }
  // `," Ruiz, the town's mayor, said`, `," one resident, Maria Lopez, told`: a name in the apposition wins.
  const appositive = rest.includes(',') ? APPOSITIVE_CUE.exec(rest) : null;
  if (appositive?.[1] && appositive[2] && appositive[3] && NOUN_PHRASE_START.test(appositive[1])) {
    const name = /^\p{Lu}/u.test(appositive[2]) && !/^(?:The|A|An)\b/u.test(appositive[2]);
    return { phrase: name ? appositive[2] : appositive[1], cue: appositive[3] };
  }
  const npFirst = AFTER_NP_CUE.exec(rest);
  const np = npFirst?.[1];
  if (np && npFirst[2] && np.split(/\s+/).length <= 12 && NOUN_PHRASE_START.test(np)) {
    return { phrase: np, cue: npFirst[2] };
  }
  return undefined;
}

/**
 * The noun phrase a finite cue attaches to: the words right before it back to a clause boundary, skipping
 * adverbs and auxiliaries ("Kirby added menacingly" → "Kirby", "Erdogan pointedly told" → "Erdogan").
 * Empty when a boundary comes first (then the sentence subject or the words after the cue are used).
 */
export function phraseBeforeCue(before: string): string {
  // "Putin, who spoke in Sochi on Friday, said": the speaker is the noun phrase before the relative clause.
  // Likewise "A senior official, speaking on condition of anonymity, said".
  // It ends in a comma: checking that first spares the regex, which rescans from every comma, most calls.
  const relative = before.trimEnd().endsWith(',')
    ? /([^,;:|—–]+),\s+(?:who|which|whose|\p{Ll}+ing)\b[^,;:|]*,\s*$/u.exec(before)
    : null;
  if (relative?.[1]) return phraseBeforeCue(`${relative[1]} `);
  // "… was rejected by Mr Grey, who said": the relative pronoun's antecedent (the agent, after a passive).
  const who = before.includes('who')
    ? /([^,;:|—–]+),\s+who\s+(?:(?:also|then|later|again|\p{Ll}+ly)\s+)*$/u.exec(before)
    : null;
  if (who?.[1]) return phraseBeforeCue(`${who[1].split(/\s+by\s+/u).pop() ?? who[1]} `);
  // "The Vice President, Mike Pence, said": the appositive's closing comma is not a boundary.
  // "the man, 34, had shouted": an age in apposition is no boundary.
  const words = before
    .trim()
    .replace(/,\s*\d{1,3},/gu, '')
    .replace(/,$/u, '')
    .split(/\s+/u)
    .filter(Boolean);
  const out: string[] = [];
  let skipping = true;
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i] ?? '';
    const lower = word.toLowerCase();
    if (
      skipping &&
      /^(also|later|then|again|has|had|have|was|were|is|once|reportedly|publicly|previously|\p{Ll}+ly)$/u.test(
        lower,
      )
    )
      continue;
    skipping = false;
    if (/[|—–(]$/u.test(word)) break;
    if (
      /^(that|which|who|and|but|while|when|as|because|although|after|before|since|where|whom|if|with)$/i.test(
        word,
      )
    )
      break;
    if (/[,;:]$/u.test(word)) break;
    // "Police said the man had shouted": another speech verb ends the phrase.
    if (FINITE_CUE_WORD.test(word)) break;
    out.unshift(word.replace(/^[|—–(]+/u, ''));
    if (/^[|—–(]/u.test(word) || out.length > 16) break;
  }
  // "Nancy Pelosi, the Speaker of the House, said": the name before an appositive description wins.
  const stop = words[words.length - 1 - out.length] ?? '';
  if ((/^(the|a|an)$/i.test(out[0] ?? '') || /^\p{Ll}/u.test(out[0] ?? '')) && /^\p{Lu}.*,$/u.test(stop)) {
    const name: string[] = [];
    for (let i = words.length - 1 - out.length; i >= 0; i--) {
      const word = (words[i] ?? '').replace(/,$/u, '');
      if (!/^(\p{Lu}|of$|al-|bin$)/u.test(word) || /[|]/.test(word)) break;
      name.unshift(word);
      if (name.length > 8) break;
    }
    if (name.length > 0) return name.join(' ');
  }
  // "On the live television he said": the pronoun is the subject, not the adverbial before it.
  const last = out[out.length - 1] ?? '';
  if (out.length > 1 && /^(he|she|it|they|we|I)$/.test(last)) return last;
  return out.join(' ');
}

/**
 * The subject of a sentence: its first noun phrase after a leading adverbial ("In a statement, the SDF said" →
 * "the SDF"; "At a meeting yesterday, UN Secretary General Ban Ki-Moon also attacked …" → "UN Secretary …").
 * `sentence` must have quotations masked.
 */
export function sentenceSubject(sentence: string): string {
  let text = sentence.replace(/^[\s|*#]+/u, '');
  if (LEADING_ADVERBIAL.test(text)) {
    const comma = text.indexOf(',');
    if (comma > 0 && comma < 140 && /[\p{L}]/u.test(text.slice(comma + 1).replace(/\|/g, '')))
      text = text.slice(comma + 1);
  }
  text = text.trim().replace(TIME_OPENER, '').trim();
  // "The mayor of London, Sadiq Khan, gave …": after a described subject, the appositive name is the handle.
  const described =
    /^((?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]wo|[Ss]ome|[Ss]everal|[Ee]ach|[Bb]oth)\b[^,|]{0,80}),\s*(?:the\s+)?(\p{Lu}[^,|]{1,80}),/u.exec(
      text,
    );
  if (described?.[2] && described[1] && described[1].split(/\s+/).length <= 8)
    return described[2].replace(/\s*\([^)]*\)$/u, '');
  const words: string[] = [];
  const all = text.split(/\s+/u);
  for (let i = 0; i < all.length; i++) {
    const word = all[i] ?? '';
    if (/^[|]/.test(word)) break;
    const bare = word.replace(/[,;:.]$/u, '');
    const lower = bare.toLowerCase();
    const next = all[i + 1] ?? '';
    // "UN envoy Sara Lind", "The newspaper": a lower-case title before a name, or the noun after a determiner.
    const titleBeforeName = isRoleNoun(bare) && /^\p{Lu}/u.test(next);
    const determinerNoun = words.length === 1 && /^(the|a|an|this|that)$/i.test(words[0] ?? '');
    if (
      words.length > 0 &&
      /^\p{Ll}/u.test(bare) &&
      !SUBJECT_INNER.test(bare) &&
      !ANONYMOUS_HEADS.has(lower) &&
      !titleBeforeName &&
      !determinerNoun
    )
      break;
    words.push(bare);
    if (bare !== word || words.length >= 8) break;
  }
  return words.join(' ');
}

const LEADING_ADVERBIAL =
  /^(in|on|at|during|after|before|according|earlier|later|yesterday|today|despite|following|prior|under|within|amid|while|when|as|although|since|speaking|asked|with|for|from|over|by|separately|meanwhile|however|then)\b/i;
const TIME_OPENER =
  /^(?:(?:this|last|next|on|earlier|later|early|late)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year|morning|afternoon|evening|night|weekend)\b,?/iu;
const SUBJECT_INNER = /^(of|for|the|and|de|al|bin|von|van|unnamed|anonymous|senior|\p{Ll}+-\p{Lu}.*)$/u;

/** Words of the head of a speaker phrase that name people: a phrase headed by one of them is an unnamed source. */
const PERSON_NOUNS = new Set(
  (
    'boy boys girl girls child children teenager teenagers student students pupil pupils mother father ' +
    'parent parents wife husband son daughter brother sister family families friend friends neighbour ' +
    'neighbor neighbours neighbors victim victims survivor survivors passenger passengers driver drivers ' +
    'patient patients nurse nurses farmer farmers owner owners shopkeeper voter voters citizen citizens ' +
    'villager villagers local locals fan fans visitor visitors guest guests participant participants ' +
    'organiser organisers organizer organizers attendee attendees colleague colleagues relative relatives ' +
    'teacher teachers scientist scientists researcher researchers author authors critic critics supporter ' +
    'supporters opponent opponents player players man men woman women someone somebody nobody everyone ' +
    'lawyer lawyers journalist journalists reporter reporters prosecutor prosecutors judge judges'
  ).split(' '),
);

/** Collective nouns: a phrase headed by one ("a bipartisan group of senators") is a group of sources. */
const GROUP_NOUNS = new Set(
  (
    'group team panel delegation crowd coalition alliance campaign committee council board family union ' +
    'majority minority jury chorus'
  ).split(' '),
);

/** Documents that speak for whoever issued them ("the statement read", "according to a report by …"). */
const SOURCE_NOUNS = new Set(
  (
    'statement report tweet tweets letter post release study survey document documents memo filing ruling ' +
    'indictment complaint message video note editorial article paper communique communiqué announcement ' +
    'notice website page account transcript summary petition lawsuit verdict decision resolution email ' +
    'e-mail text'
  ).split(' '),
);

/** Documents an organisation issues, so "the statement" is the last organisation's (a study or report is not). */
const ISSUED_NOUNS = new Set(
  'statement communique communiqué release announcement notice tweet post letter message'.split(' '),
);

/** Descriptions of a company; "the company added" refers back to the last business named. */
const COMPANY_NOUNS = new Set(
  (
    'company firm carrier airline bank manufacturer maker automaker carmaker retailer label studio ' +
    'developer operator insurer lender giant conglomerate business corporation startup start-up publisher ' +
    'broadcaster chain brand supplier producer distributor provider utility'
  ).split(' '),
);

/** Descriptions of a public body; "the ministry said" refers back to the last institution named. */
const INSTITUTION_NOUNS = new Set(
  (
    'ministry department government agency office embassy police army military navy council committee ' +
    'court party parliament commission administration organisation organization union coalition alliance ' +
    'campaign regime authority authorities cabinet senate congress assembly bureau service force forces ' +
    'directorate secretariat mission delegation club team federation association institute university ' +
    'foundation charity watchdog regulator tribunal legislature opposition movement group'
  ).split(' '),
);

/** Last words that make a capitalised name a business or a place, not a person ("Orbit Records"). */
const NON_PERSON_LAST = new Set(
  (
    'Records Studios Studio Corp Co Co. Corp. Pictures Entertainment Music Films Productions Publishing Books ' +
    'Games Software Energy Oil Gas Pharma Pharmaceuticals Foods Brewery Bakery Capital Partners Ventures ' +
    'Solutions Logistics Airport Hall Centre Center Arena Records Label Media Group Inc. Ltd. LLC PLC plc AG ' +
    'SA GmbH Holdings Limited TV Radio Television'
  ).split(' '),
);

/**
 * Capitalised verbs and auxiliaries of headlines: a phrase holding one is a headline fragment, not a name. Not
 * those that are also names (Will, May, Can).
 */
const HEADLINE_WORDS = new Set(
  (
    'Is Are Was Were Be Been Has Have Had Would Could Should Might Must Does Did Not Says Said ' +
    'Warns Tells Urges Vows Slams Calls Backs Rejects Plans Seeks Wins Loses Blames Denies Admits Claims Wants ' +
    'Fails Fail Faces Hits Signs Asks Gets Makes Takes Gives Announces Confirms Insists Accuses Criticises ' +
    'Criticizes Condemns Welcomes Praises Pledges Promises Threatens Orders Demands Agrees Refuses Resigns'
  ).split(' '),
);

function isFragmentOrPlace(name: string): boolean {
  return PLACE_COMPOUND.test(name) || name.split(/\s+/u).some((w) => HEADLINE_WORDS.has(w));
}

/** "Kingsbridge-on-Sea", "Stratford-upon-Avon", "Châlons-en-Champagne": place-name compounds. */
const PLACE_COMPOUND = /\p{L}-(?:on|upon|under|by|le|la|les|sur|en|am|in|de|del|di)-\p{Lu}/u;

const PREPOSITION_SPLIT = /\s+(?:of|for|from|at|in|with|on|by|to|within|inside|close to|familiar with)\s+/u;

/** A plural noun for people, with a capitalised modifier kept ("Iranian officials", "protesters"). */
const PLURAL_PEOPLE = new RegExp(
  `(?:\\b\\p{Lu}[\\p{L}-]+\\s+)?\\b(?:${(
    'officials sources diplomats aides insiders analysts witnesses eyewitnesses residents people members ' +
    'officers experts commanders lawmakers staffers employees workers activists observers negotiators ' +
    'investigators authorities doctors soldiers fighters advisers advisors representatives ministers leaders ' +
    'protesters protestors demonstrators students parents families survivors villagers voters organisers ' +
    'organizers critics supporters opponents researchers scientists police'
  )
    .split(' ')
    .join('|')})\\b`,
  'gu',
);

/** Resolves speaker phrases against one article's entities. */
export class SpeakerResolver {
  private readonly resolve: (text: string) => string | undefined;
  private readonly byName = new Map<string, Entity>();
  private readonly genders = new Map<Entity, Gender | undefined>();
  private readonly persons = new Map<Entity, boolean>();

  constructor(
    private readonly entities: readonly Entity[],
    /** Character ranges inside quotations per paragraph: names there are not antecedents. */
    private readonly quoted: ReadonlyMap<number, readonly { start: number; end: number }[]>,
    /** The paragraphs, for the titles written before a mention ("Ms Lane"); optional. */
    private readonly paragraphs: readonly string[] = [],
    /** Sentence spans per paragraph, for preferring a sentence's subject as antecedent; optional. */
    private readonly sentencesOf: readonly (readonly Span[])[] = [],
  ) {
    this.resolve = createEntityResolver(entities);
    for (const e of entities) this.byName.set(e.name, e);
  }

  /**
   * The speaker a phrase names, as of a position in the text: a person or organisation entity (canonical name),
   * a pronoun's or description's agreeing antecedent, an unnamed source (name = the phrase without its
   * determiner, with the entity it refers to in brackets when the phrase does not name it: "spokesman for the
   * ministry (Ministry of Defence)"; kind 'anonymous', description = the phrase), or kind 'unknown'. Undefined
   * when the phrase names nothing that speaks: a common noun ("the trouble"), a place, an adjective.
   */
  speakerOf(phrase: string, at: Position): Speaker | undefined {
    const clean = stripPossessive(phrase.replace(/[*_|]/g, ' ').replace(/\s+/g, ' ').trim()).replace(
      /[,;:.]+$/u,
      '',
    );
    if (!clean) return undefined;
    const bare = clean.replace(DETERMINERS, '');
    // A pronoun with no antecedent still marks reported speech: the speaker is unknown, not absent.
    const unresolved: Speaker = { name: 'unknown', kind: 'unknown', description: clean };
    if (PRONOUNS_PERSON.test(clean)) {
      const gender = genderOfPronoun(clean);
      return (
        this.antecedent(at, (e) => this.isPerson(e) && this.agrees(e, gender), clean, true) ?? unresolved
      );
    }
    if (PRONOUNS_THING.test(clean))
      return (
        this.antecedent(at, (e) => this.isOrganization(e), clean) ??
        this.antecedent(at, (e) => e.type === 'location' && !!e.country, clean) ??
        unresolved
      );
    if (PRONOUNS_GROUP.test(clean))
      return (
        this.groupBefore(at, clean) ?? this.antecedent(at, (e) => this.isOrganization(e), clean) ?? unresolved
      );
    if (/^(i|we|you|one)$/i.test(clean)) return unresolved;

    const words = bare.split(/\s+/);
    const headPhrase = bare.split(PREPOSITION_SPLIT)[0] ?? bare;
    const headWord = headPhrase.split(/\s+/).pop() ?? '';
    const head = headWord.toLowerCase();
    const named = this.resolve(clean);
    const entity = named ? this.byName.get(named) : undefined;
    if (named && entity?.type === 'person') {
      // A headline fragment or a place read as a person's name is no speaker.
      if (isFragmentOrPlace(entity.name)) return undefined;
      return { name: named, kind: this.isPerson(entity) ? 'person' : 'organization' };
    }
    // "the newspaper", "the ministry", "the minister", "the foreign ministry": someone named before under that
    // description.
    const description =
      /^(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts)\s+(?:\p{Ll}[\p{Ll}-]*\s+)?(\p{Ll}[\p{Ll}-]*)$/u.exec(clean)?.[1];
    if (description) {
      const found = this.describe(description, at, clean);
      if (found) return found;
    }
    // "the 45-year-old": the person the text last named.
    if (/^(?:the|this)\s+\d{1,3}-year-old$/iu.test(clean))
      return this.antecedent(at, (e) => this.isPerson(e), clean, true) ?? unresolved;
    const lowerHead = /^\p{Ll}/u.test(headWord);
    // "An unnamed White House official", "a spokesman for the ministry", "officials", "a group of senators".
    if (
      ANONYMOUS_HEADS.has(head) ||
      isRoleNoun(head) ||
      PERSON_NOUNS.has(head) ||
      GROUP_NOUNS.has(head) ||
      isRoleNoun(head.replace(/s$/u, ''))
    ) {
      // "his spokeswoman", "its spokesman": the owner is the last agreeing person, or organisation.
      const owner = /^(his|her|its|their)\s/iu.exec(clean)?.[1]?.toLowerCase();
      if (owner && !named) {
        const gender = genderOfPronoun(owner);
        const found =
          owner === 'his' || owner === 'her'
            ? this.antecedent(at, (e) => this.isPerson(e) && this.agrees(e, gender), clean, true)
            : this.antecedent(at, (e) => this.isOrganization(e), clean);
        return { name: this.linkName(bare, found?.name), kind: 'anonymous', description: clean };
      }
      return { name: this.linked(bare, named, at), kind: 'anonymous', description: clean };
    }
    // "the statement read", "according to a report by the Treasury": the document speaks for its issuer.
    if (SOURCE_NOUNS.has(head)) {
      const issuer =
        named ??
        (words.length <= 2 && ISSUED_NOUNS.has(head)
          ? this.antecedent(at, (e) => this.isOrganization(e), clean)?.name
          : undefined);
      return {
        name: this.linkName(bare, issuer),
        kind: issuer ? 'organization' : 'unknown',
        description: clean,
      };
    }
    // "The Foreign Ministry of Iraq": an institution named after its country is the institution, not the country.
    if (named && entity?.type !== 'organization' && ORGANIZATION_HEADS.has(headWord) && words.length > 1)
      return { name: bare, kind: 'organization', description: clean };
    if (named) {
      // A place that is no country does not speak ("… in Kingsbridge-on-Sea" is no speaker), unless it was a
      // person taken for a place ("a letter from Ana Ruiz"): a known first name says so.
      if (entity?.type === 'location' && !entity.country) {
        const first = entity.name.split(/\s+/u);
        return first.length > 1 && genderOfWord(first[0] ?? '') ? { name: named, kind: 'person' } : undefined;
      }
      return { name: named, kind: 'organization' };
    }
    // A common noun or an adjective ("the trouble", "master", "a bipartisan") names nobody.
    if (lowerHead) return undefined;
    // A capitalised name no lexicon knows: a speaker of unknown kind. A headline's words ("Plan Would Fail",
    // "Mayor Warns") or a place are no name.
    if (
      words.length <= 5 &&
      words.every((w) => /^[\p{Lu}\d]/u.test(w) || /^(?:of|the|and|de|al|bin|van|von)$/u.test(w)) &&
      !words.some((w) => HEADLINE_WORDS.has(w)) &&
      !PLACE_HEADS.has(headWord) &&
      !PLACE_COMPOUND.test(bare)
    )
      return { name: bare, kind: 'unknown', description: clean };
    return undefined;
  }

  /**
   * "Protesters gathered … “…,” they said": people named by a plural noun in the paragraph after its last
   * organisation mention (so "The ministry … they said" stays the ministry's).
   */
  private groupBefore(at: Position, phrase: string): Speaker | undefined {
    const text = (this.paragraphs[at.paragraph] ?? '').slice(0, at.offset);
    const quoted = this.quoted.get(at.paragraph) ?? [];
    let found: { text: string; index: number } | undefined;
    for (const m of text.matchAll(PLURAL_PEOPLE)) {
      const index = m.index ?? 0;
      if (!quoted.some((q) => index >= q.start && index < q.end)) found = { text: m[0], index };
    }
    if (!found) return undefined;
    const lastOrg = this.entities
      .filter((e) => this.isOrganization(e))
      .flatMap((e) => e.mentions)
      .filter((m) => m.paragraph === at.paragraph && m.start < at.offset)
      .reduce((max, m) => Math.max(max, m.start), -1);
    if (lastOrg > found.index) return undefined;
    const name = found.text.replace(DETERMINERS, '');
    return { name, kind: 'anonymous', description: phrase };
  }

  /** The phrase with the entity it refers to: named in it, or a description at its end ("for the ministry"). */
  private linked(bare: string, named: string | undefined, at: Position): string {
    if (named) return this.linkName(bare, named);
    const tail = /\b(?:the|its|this|that)\s+(\p{Ll}[\p{Ll}-]*)$/u.exec(bare)?.[1];
    if (!tail || (!INSTITUTION_NOUNS.has(tail) && !COMPANY_NOUNS.has(tail) && !MEDIA_NOUNS.has(tail)))
      return bare;
    return this.linkName(bare, this.describe(tail, at, bare)?.name);
  }

  private linkName(bare: string, entity: string | undefined): string {
    if (!entity) return bare;
    const phrase = fold(bare);
    const name = fold(entity);
    // "Iranian officials" already says Iran; "White House official" says White House.
    if (phrase.includes(name) || phrase.includes(name.slice(0, Math.max(4, name.length - 2)))) return bare;
    return `${bare} (${entity})`;
  }

  /**
   * "the newspaper" → the last news outlet named; "the ministry" → the last organisation with that head, else
   * the last institution; "the company" → the last business (or organisation) named; "the minister" → the person
   * with that role.
   */
  private describe(noun: string, at: Position, phrase: string): Speaker | undefined {
    if (MEDIA_NOUNS.has(noun)) {
      const media = this.antecedent(
        at,
        (e) =>
          e.type === 'organization' &&
          (lookupOrganization(e.name)?.category === 'media' || MEDIA_HEADS.test(e.name)),
        phrase,
      );
      if (media) return media;
    }
    const wanted = fold(noun);
    const byHead = this.antecedent(
      at,
      (e) =>
        e.type !== 'location' &&
        (fold(e.name).includes(wanted) ||
          fold(e.role ?? '')
            .split(/\s+/)
            .includes(wanted)),
      phrase,
    );
    if (byHead) return byHead;
    if (COMPANY_NOUNS.has(noun) || INSTITUTION_NOUNS.has(noun)) {
      const found = this.antecedent(at, (e) => this.isOrganization(e), phrase);
      // A business is what "the company" means; an institution's type alone is weaker ("the army" after the
      // Revolutionary Guard Corps): keep the noun and link the candidate.
      if (!found || COMPANY_NOUNS.has(noun)) return found;
      return { ...found, name: `${noun} (${found.name})` };
    }
    return undefined;
  }

  /** A person entity that is not a business or place read as a name ("Orbit Records", "Kingsbridge-on-Sea"). */
  private isPerson(e: Entity): boolean {
    if (e.type !== 'person') return false;
    // Asked for every entity at every pronoun: computed once per entity.
    let person = this.persons.get(e);
    if (person === undefined) {
      const last = e.name.split(/\s+/).pop() ?? '';
      person =
        !NON_PERSON_LAST.has(last) &&
        !ORGANIZATION_HEADS.has(last) &&
        !PLACE_HEADS.has(last) &&
        !isFragmentOrPlace(e.name) &&
        !lookupPlace(e.name) &&
        !isKnownPlaceName(e.name);
      this.persons.set(e, person);
    }
    return person;
  }

  private isOrganization(e: Entity): boolean {
    if (e.type === 'organization') return true;
    const last = e.name.split(/\s+/).pop() ?? '';
    return e.type === 'person' && (NON_PERSON_LAST.has(last) || ORGANIZATION_HEADS.has(last));
  }

  /** An unknown gender agrees with both pronouns. */
  private agrees(e: Entity, gender: Gender | undefined): boolean {
    if (!gender) return true;
    const own = this.genderOf(e);
    return own === undefined || own === gender;
  }

  /** From a title before a mention ("Ms Lane"), a gendered role ("spokeswoman"), or the first name. */
  private genderOf(e: Entity): Gender | undefined {
    if (this.genders.has(e)) return this.genders.get(e);
    let gender: Gender | undefined;
    for (const m of e.mentions) {
      const before = (this.paragraphs[m.paragraph] ?? '').slice(Math.max(0, m.start - 12), m.start);
      const title = /([\p{L}.]+)\s*$/u.exec(before)?.[1];
      gender = (title ? genderOfTitle(title) : undefined) ?? genderOfTitle(m.text.split(/\s+/)[0] ?? '');
      if (gender) break;
    }
    gender ??= e.role ? genderOfRole(e.role) : undefined;
    gender ??= genderOfWord(e.name.split(/\s+/)[0] ?? '');
    this.genders.set(e, gender);
    return gender;
  }

  /**
   * The nearest entity mention before `at` (same paragraph, then up to five paragraphs back) outside quotations.
   * With `preferSubject`, the first accepted mention of that mention's sentence: "Tom Hale met John Berg. “…,”
   * he said" is Hale's.
   */
  private antecedent(
    at: Position,
    accept: (e: Entity) => boolean,
    phrase: string,
    preferSubject = false,
  ): Speaker | undefined {
    let best: { entity: Entity; paragraph: number; start: number } | undefined;
    const all: { entity: Entity; paragraph: number; start: number }[] = [];
    for (const entity of this.entities) {
      if (!accept(entity)) continue;
      for (const m of entity.mentions) {
        if (m.paragraph > at.paragraph || m.paragraph < at.paragraph - 5) continue;
        if (m.paragraph === at.paragraph && m.start >= at.offset) continue;
        if ((this.quoted.get(m.paragraph) ?? []).some((q) => m.start >= q.start && m.end <= q.end)) continue;
        const found = { entity, paragraph: m.paragraph, start: m.start };
        all.push(found);
        if (
          !best ||
          m.paragraph > best.paragraph ||
          (m.paragraph === best.paragraph && m.start > best.start)
        ) {
          best = found;
        }
      }
    }
    if (!best) return undefined;
    if (preferSubject) {
      // The subject of the sentence of the nearest candidate, when it is a candidate too.
      const chosen = best;
      const sentence = (this.sentencesOf[chosen.paragraph] ?? []).find(
        (s) => chosen.start >= s.start && chosen.start < s.end,
      );
      const text = sentence
        ? (this.paragraphs[chosen.paragraph] ?? '').slice(sentence.start, sentence.end)
        : '';
      const subject = text ? this.resolve(sentenceSubject(text)) : undefined;
      const inSentence = all.find(
        (c) =>
          c.entity.name === subject &&
          c.paragraph === chosen.paragraph &&
          sentence !== undefined &&
          c.start >= sentence.start &&
          c.start < chosen.start,
      );
      if (inSentence) best = inSentence;
    }
    const kind = this.isPerson(best.entity) ? 'person' : 'organization';
    return { name: best.entity.name, kind, description: phrase };
  }
}
