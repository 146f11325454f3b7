import type { CameoRoot } from './model';

/**
 * A compact CAMEO verb lexicon: lemmas and particle verbs per root, inflected here into the word forms news
 * reports use (third person, past, participle, -ing). Learnt from the PETRARCH2 verb dictionary
 * (github.com/openeventdata/petrarch2, petrarch2/data/dictionaries/CAMEO.2.0.txt, MIT licence, © 2015 Open
 * Event Data Alliance): its verb blocks and their synonym sets gave the lemmas and their default roots; we kept
 * the verbs that news of states and politicians actually use, dropped WordNet synonyms that are mostly other
 * senses ("mine", "score", "pit"), and wrote the particle verbs and phrases ("tore into", "pulled out of",
 * "ramped up pressure on") by hand. No text of the dictionary is copied.
 *
 * Spec syntax, one string per verb:
 * - `question`: a regular verb (questions, questioned, questioning);
 * - `ban*`: doubles its last consonant (banned, banning);
 * - `tear/tore/torn`: irregular lemma/past/participle (the -s and -ing forms are regular);
 * - a leading `!`: its -s form is mostly a plural noun ("talks", "calls", "backs"), so it is not a trigger;
 * - a leading `~`: its -ing form is mostly a noun ("meeting", "fighting") — not a trigger either;
 * - words after the first are a literal tail (regex source, written here): `tear/tore/torn into`.
 */
export interface VerbSpec {
  readonly root: CameoRoot;
  readonly specs: readonly string[];
}

export const VERBS: readonly VerbSpec[] = [
  { root: '20', specs: ['massacre', '!slaughter', 'exterminate'] },
  // Statements: events only when nothing else happens in the sentence (events.ts).
  {
    root: '01',
    specs: [
      'say/said/said',
      'tell/told/told',
      'add',
      '!state',
      'write/wrote/written',
      'indicate',
      'emphasi[sz]e',
      '!stress',
      'cite',
      'characteri[sz]e',
      'describe',
      'explain',
      '!comment',
      '!remark',
      '!note',
      '!claim',
      'deny/denied/denied',
      '!reply',
      '!respond',
      '!tweet',
      'reiterate',
      'argue',
      'assert',
      'suggest',
      'estimate',
      'admit*',
      'acknowledge',
      'confirm',
      'share (?:his|her|their|its) (?:\\w+ )?(?:experience|views?|thoughts|story|account)',
      'give/gave/given (?:his|her|their|its) (?:\\w+ )?condolences',
      'issue (?:a |an |the |joint )?(?:\\w+ )?statements?',
      'make/made/made (?:his|her|an|the|their|its|a) (?:\\w+ )?(?:announcement|statement|remarks|speech)',
      'post (?:a |an )?(?:\\w+ )?(?:message|statement|video)',
      'release (?:a |an |the )?(?:\\w+ )?(?:statement|summary|transcript|report)',
    ],
  },
  {
    root: '18',
    specs: [
      'abduct',
      'kidnap*',
      'torture',
      'assassinate',
      'stab*',
      'behead',
      'execute',
      '!assault',
      '!wound',
      'injure',
      'beat/beat/beaten',
      'rape',
      'poison',
      'lynch',
      'take/took/taken (?:\\w+ ){0,3}hostages?',
      'shoot/shot/shot (?:\\w+ ){0,3}dead',
      'set*/set/set fire to',
      'torch',
    ],
  },
  {
    root: '19',
    specs: [
      '!attack',
      '!bomb',
      'bombard',
      '!shell',
      '!strike/struck/struck',
      'invade',
      '!clash',
      '~fight/fought/fought',
      '!battle',
      '!ambush',
      'kill',
      '!storm',
      'besiege',
      'surround',
      'encircle',
      'occupy',
      'overrun/overran/overrun',
      'repel*',
      'repulse',
      'retaliate',
      '!down',
      'shoot/shot/shot down',
      'open fire',
      'fire (?:on|at|upon)',
      '!raid',
      'hit*/hit/hit back',
      'begin*/began/begun (?:a |an |its |the |their )?(?:\\w+ ){0,2}(?:offensive|assault|invasion|incursion|bombing campaign|air ?strikes|airstrikes|attacks?|raids?|shelling)',
      'start (?:a |an |its |the |their )?(?:\\w+ ){0,2}(?:offensive|assault|invasion|incursion|bombing campaign|air ?strikes|airstrikes|attacks?|raids?|shelling)',
    ],
  },
  {
    root: '17',
    specs: [
      '!arrest',
      'detain',
      '!jail',
      'imprison',
      'incarcerate',
      '!sanction',
      '!blockade',
      'ban*',
      '!bar*',
      'outlaw',
      'confiscate',
      'seize',
      'deport',
      'evict',
      '!exile',
      'expel*',
      'indict',
      'convict',
      '!sentence',
      '!fine',
      'prosecute',
      'impeach',
      'impose (?:\\w+ ){0,3}(?:sanctions|tariffs|curfew|restrictions|a ban|an embargo|martial law)',
      'crack down (?:on)?',
      'clamp down (?:on)?',
      'ramp up (?:the |its |their |his |her )?(?:economic |military |diplomatic )?pressure on',
      'step*/stepped/stepped up (?:the |its |their |his |her )?(?:economic |military |diplomatic )?pressure on',
      '!pressure',
      'annex',
      'nationali[sz]e',
      'hijack',
      'censor',
      'suppress',
      'oust',
      'fire/fired/fired (?:his |her |the |its |their )?(?:[\\w-]+ ){0,3}(?:adviser|advisor|minister|secretary|director|chief|official|head|aide|ambassador|commander|general)',
      'sack (?:his |her |the |its |their )?(?:[\\w-]+ ){0,3}(?:adviser|advisor|minister|secretary|director|chief|official|head|aide|ambassador|commander|general)',
      'dismiss (?:his |her |the |its |their )(?:[\\w-]+ ){0,3}(?:adviser|advisor|minister|secretary|director|chief|official|head|aide|ambassador|commander|general)',
      'fire/fired/fired (?:\\w+ )?(?:tear gas|rubber bullets|water cannons?|stun grenades)',
      'use/used/used (?:\\w+ )?(?:tear gas|rubber bullets|water cannons?|stun grenades|pepper spray)',
      'disperse',
      'block (?:the |a |an |several |two )?(?:\\w+ )?(?:roads?|streets?|entrances?|access|highways?|bridges?|traffic|exits?)',
    ],
  },
  {
    root: '16',
    specs: [
      'suspend',
      'sever',
      'break/broke/broken off',
      'cut*/cut/cut (?:off )?(?:diplomatic )?(?:ties|relations)',
      'downgrade (?:diplomatic )?(?:ties|relations)',
      'pull (?:out|back) of (?:the |a |an |its )?(?:\\w+ ){0,3}(?:deal|agreement|accord|treaty|pact|talks|negotiations|coalition)',
      'withdraw/withdrew/withdrawn from (?:the |a |an |its )?(?:\\w+ ){0,3}(?:deal|agreement|accord|treaty|pact|talks|negotiations|coalition)',
      'recall (?:its |their |his )?(?:ambassador|envoy)',
      'cancel (?:a |the |his |her |its |their )?(?:planned )?(?:visit|trip|meeting|talks|summit)',
      'cancel* (?:a |the |his |her |its |their )?(?:planned )?(?:visit|trip|meeting|talks|summit)',
      'call/called/called off (?:a |the |his |her |its |their )?(?:planned )?(?:visit|trip|meeting|talks|summit)',
      'halt (?:all )?(?:cooperation|talks|aid|negotiations)',
      'freeze/froze/frozen (?:\\w+ )?(?:ties|relations|assets|aid|talks)',
      'blacklist',
    ],
  },
  {
    root: '15',
    specs: [
      'mobili[sz]e',
      'deploy',
      'mass',
      '!patrol*',
      'dispatch (?:\\w+ ){0,3}(?:troops|soldiers|forces|warships|ships|jets|bombers|aircraft|tanks)',
      'send/sent/sent (?:\\w+ ){0,3}(?:troops|soldiers|forces|warships|jets|bombers|tanks|reinforcements)',
      'put*/put/put (?:\\w+ ){0,3}on (?:high |full )?alert',
      'conduct (?:\\w+ ){0,3}(?:military )?(?:drills|exercises|manoeuvres|maneuvers)',
      'stage (?:\\w+ ){0,3}(?:military )?(?:drills|exercises|manoeuvres|maneuvers)',
      'reinforce',
    ],
  },
  {
    root: '14',
    specs: [
      '!protest',
      'demonstrate',
      '!boycott',
      'march (?:on|through|to|against|in)',
      '!rally (?:against|in|outside|for)',
      '!riot',
      'take/took/taken to the streets',
      'stage (?:a |an )?(?:\\w+ )?(?:protest|demonstration|sit-in|walkout|strike|rally|march)',
      'go/went/gone on (?:a )?(?:hunger )?strike',
      'walk/walked/walked out',
    ],
  },
  {
    root: '13',
    specs: [
      'threaten',
      'issue (?:a |an |the )?(?:threat|ultimatum)',
      'vow (?:harsh |severe |a )?(?:revenge|retaliation|retribution|to retaliate|to avenge|to respond|to punish|to destroy|to strike)',
      'endanger',
      'promise (?:harsh |severe |a )?(?:revenge|retaliation|retribution)',
    ],
  },
  {
    root: '12',
    specs: [
      '!reject',
      'oppose',
      'refuse',
      'veto',
      'rebuff',
      'snub*',
      'turn down',
      'rule (?:out)',
      'overrule',
      'dismiss (?:the |a |an |his |her |its |their )?(?:\\w+ )?(?:claims?|allegations?|accusations?|charges?|reports?|demands?|calls?|criticism|concerns?|proposal|offer|idea|suggestion|request)',
      'block (?:the |a |an |his |her |its |their )?(?:\\w+ )?(?:bill|resolution|measure|proposal|motion|nomination|plan|deal|vote)',
    ],
  },
  {
    root: '11',
    specs: [
      'critici[sz]e',
      'accuse',
      'denounce',
      'blame',
      'condemn',
      'censure',
      'rebuke',
      'chide',
      'castigate',
      'lambast',
      'lambaste',
      'berate',
      'decry',
      'deplore',
      'ridicule',
      'mock',
      'slam*',
      '!blast',
      '!question',
      'complain (?:about|that|of)',
      'lash/lashed/lashed out (?:at|against)',
      'tear/tore/torn into',
      'hit*/hit/hit out at',
      'round/rounded/rounded on',
      'speak/spoke/spoken out against',
      'sue',
      '!charge',
      'allege',
      'dispute',
      'protest against',
    ],
  },
  {
    root: '10',
    specs: [
      '!demand',
      'insist (?:on|that)',
      'press (?:for|\\w+ to)',
      '!order',
      'subpoena',
      'issue (?:a |an |the )?(?:\\w+ )?(?:subpoenas?|deposition requests?|summons)',
      'serve/served/served (?:a |an |the )?(?:\\w+ )?(?:subpoenas?|summons)',
      'ask/asked/asked for',
    ],
  },
  {
    root: '09',
    specs: [
      'investigate',
      '!probe',
      'inspect',
      'examine',
      'open (?:a |an )?(?:\\w+ )?(?:investigation|inquiry|probe)',
      'launch (?:a |an )?(?:\\w+ )?(?:investigation|inquiry|probe)',
      'interrogate',
      'start (?:a |an )?(?:\\w+ )?(?:investigation|inquiry|probe)',
      'begin*/began/begun (?:a |an )?(?:\\w+ )?(?:investigation|inquiry|probe)',
    ],
  },
  {
    root: '08',
    specs: [
      'withdraw/withdrew/withdrawn',
      'pull (?:out|back)',
      'retreat',
      'surrender',
      'capitulate',
      'concede',
      'resign',
      'step*/stepped/stepped down',
      'back/backed/backed down',
      'drop* out',
      'end (?:his |her |their |its )(?:\\w+ ){0,2}(?:bid|campaign|candidacy|boycott|blockade|strike)',
      'free/freed/freed',
      'release (?:\\w+ ){0,3}(?:prisoners|hostages|detainees|captives|soldiers|sailors|journalists?|activists?|crew)',
      'lift (?:the )?(?:\\w+ )?(?:sanctions|ban|blockade|embargo|curfew|restrictions)',
      'ease (?:the )?(?:\\w+ )?(?:sanctions|ban|blockade|embargo|curfew|restrictions)',
      'acquit*',
      'exonerate',
      'ratify',
    ],
  },
  {
    root: '07',
    specs: [
      'donate',
      '!~fund',
      '!rescue',
      'evacuate',
      'airlift',
      'grant (?:\\w+ )?asylum',
      'provide (?:\\w+ ){0,3}(?:aid|assistance|relief|supplies|shelter|loans?|funds|funding)',
      'send/sent/sent (?:\\w+ ){0,3}(?:aid|assistance|relief|supplies|food|medicine)',
      'deliver (?:\\w+ ){0,3}(?:aid|assistance|relief|supplies|food|medicine|weapons|arms)',
      'pledge (?:\\w+ ){0,4}(?:in )?(?:aid|assistance|relief)',
    ],
  },
  {
    root: '06',
    specs: [
      'share (?:\\w+ )?intelligence',
      'cooperate (?:militarily|on security)',
      'train (?:\\w+ ){0,2}(?:troops|soldiers|forces|police)',
      'extradite',
    ],
  },
  {
    root: '05',
    specs: [
      '!back',
      'endorse',
      '!support',
      'praise',
      'hail',
      'commend',
      'applaud',
      'congratulate',
      '!thank',
      'welcome',
      '!sign',
      'agree',
      'recogni[sz]e',
      'apologi[sz]e',
      'forgive/forgave/forgiven',
      'side (?:with)',
      '!ally (?:with)',
      'restore (?:diplomatic )?(?:ties|relations)',
      'normali[sz]e (?:ties|relations)',
      'reach/reached/reached (?:an |a )?(?:\\w+ )?(?:agreement|deal|accord|compromise)',
      'strike/struck/struck (?:an |a )?(?:\\w+ )?(?:agreement|deal|accord)',
      'voice (?:\\w+ )?support',
      'express (?:\\w+ )?support',
    ],
  },
  {
    root: '04',
    specs: [
      '~meet/met/met',
      '!visit',
      '!host',
      '!phone',
      'telephone',
      'discuss',
      'negotiate',
      'consult',
      'convene',
      'confer* with',
      'attend',
      '!interview',
      'hold/held/held (?:a |an )?(?:\\w+ ){0,2}(?:talks|meeting|summit|conversation|call|phone call|consultations|negotiations)',
      'call/called/called (?:his|her|their) (?:\\w+ )?counterpart',
      'speak/spoke/spoken (?:with|to|by (?:tele)?phone|on the (?:tele)?phone)',
      'talk/talked/talked (?:with|to)',
      'travel* to',
      'travel to',
      'fly/flew/flown to',
      'arrive (?:in)',
      'receive (?:\\w+ ){0,3}(?:delegation|envoy|minister|president|counterpart)',
    ],
  },
  {
    root: '03',
    specs: [
      '!offer',
      'propose',
      '!pledge',
      '!promise',
      '!vow',
      'volunteer',
      'intend',
      'express/expressed/expressed (?:\\w+ )?(?:willingness|readiness|hope)',
    ],
  },
  {
    root: '02',
    specs: [
      '!appeal',
      'urge',
      'plead',
      'beg*',
      'implore',
      'call/called/called (?:on|upon|for)',
      '!request',
      'ask/asked/asked (?:\\w+ ){1,4}to',
      '!petition',
      'invite',
      'recommend',
      'advise',
      "tell/told/told (?:[\\w’'-]+ ){1,4}to",
    ],
  },
];

const VOWEL = /[aeiou]/;

/** The trigger forms of one verb: third person, past, participle, -ing (as a regex alternation). */
export function inflect(spec: string): string[] {
  let head = spec;
  const noS = head.startsWith('!');
  if (noS) head = head.slice(1);
  const noIng = head.startsWith('~');
  if (noIng) head = head.slice(1);
  const space = head.indexOf(' ');
  const tail = space >= 0 ? head.slice(space) : '';
  const word = space >= 0 ? head.slice(0, space) : head;
  const [lemmaRaw = '', pastIrregular, participleIrregular] = word.split('/');
  const double = lemmaRaw.endsWith('*');
  const lemma = double ? lemmaRaw.slice(0, -1) : lemmaRaw;
  // "nationali[sz]e": a character class stays in every form.
  const stem = lemma.endsWith('e') && !lemma.endsWith('ee') ? lemma.slice(0, -1) : lemma;
  const doubled = double ? lemma + lemma.slice(-1) : stem;
  let third: string;
  let past: string;
  let ing: string;
  if (/[^aeiou]y$/.test(lemma)) {
    third = `${lemma.slice(0, -1)}ies`;
    past = `${lemma.slice(0, -1)}ied`;
    ing = `${lemma}ing`;
  } else {
    third = /(?:s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : `${lemma}s`;
    past = lemma.endsWith('e') ? `${lemma}d` : `${doubled}ed`;
    ing = lemma.endsWith('ee') ? `${lemma}ing` : `${doubled}ing`;
  }
  if (!VOWEL.test(lemma)) return [];
  const forms = new Set<string>();
  if (!noS) forms.add(third);
  forms.add(pastIrregular ?? past);
  forms.add(participleIrregular ?? pastIrregular ?? past);
  if (!noIng) forms.add(ing);
  return [...forms].map((form) => `${form}${tail}`);
}

/** One pattern per root and shape: phrases (with a tail) before single words, so the longer reading wins. */
export function verbPatterns(): { phrases: Array<[CameoRoot, string]>; words: Array<[CameoRoot, string]> } {
  const phrases: Array<[CameoRoot, string]> = [];
  const words: Array<[CameoRoot, string]> = [];
  for (const { root, specs } of VERBS) {
    const phraseForms = specs.filter((s) => s.includes(' ')).flatMap(inflect);
    const wordForms = specs.filter((s) => !s.includes(' ')).flatMap(inflect);
    if (phraseForms.length > 0) phrases.push([root, phraseForms.join('|')]);
    if (wordForms.length > 0) words.push([root, wordForms.join('|')]);
  }
  return { phrases, words };
}
