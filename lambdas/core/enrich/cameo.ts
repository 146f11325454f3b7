import type { CameoRoot } from './model';
import { verbPatterns } from './verbs';

/**
 * CAMEO root classification of the actions reported in one sentence: a verb (and event noun) lexicon, then
 * context rules that the verb alone cannot decide (a "warning" that something could follow is a threat; a
 * person "attacking" someone for something is criticism; actions under "could"/"would" have not happened).
 */

export const CAMEO_LABELS: Readonly<Record<CameoRoot, string>> = {
  '01': 'make public statement',
  '02': 'appeal',
  '03': 'express intent to cooperate',
  '04': 'consult',
  '05': 'engage in diplomatic cooperation',
  '06': 'engage in material cooperation',
  '07': 'provide aid',
  '08': 'yield',
  '09': 'investigate',
  '10': 'demand',
  '11': 'disapprove',
  '12': 'reject',
  '13': 'threaten',
  '14': 'protest',
  '15': 'exhibit force posture',
  '16': 'reduce relations',
  '17': 'coerce',
  '18': 'assault',
  '19': 'fight',
  '20': 'use unconventional mass violence',
};

export interface LexiconEntry {
  readonly root: CameoRoot;
  /** Regex source, matched case-insensitively on word boundaries. */
  readonly pattern: string;
  /** An event noun ("the meeting", "an attack on"): reported actions only when dated (see events.ts). */
  readonly nominal?: boolean;
}

/** Hand-written triggers with context, ordered from the most specific to the most general. */
const CURATED: readonly LexiconEntry[] = [
  // 20: mass violence, before 19 so "chemical attack" is not an ordinary attack.
  {
    root: '20',
    pattern: '(?:chemical|chlorine|gas|poison gas|nerve agent|sarin)(?: weapons?)? attacks?',
    nominal: true,
  },
  { root: '20', pattern: 'massacr(?:ed|es|ing)|genocide|ethnic cleansing|mass killings?' },
  // 18: assault (unconventional violence, violence against civilians).
  {
    root: '18',
    pattern:
      'abduct(?:ed|s|ing)|kidnapp?(?:ed|s|ing)|tortur(?:ed|es|ing)|assassinat(?:ed|es|ing)|stabb(?:ed|ing)|executed|beheaded',
  },
  {
    root: '18',
    pattern: '(?:suicide|car|truck) bomb(?:ing|s|ings)?|(?:knife|ramming|terrorist|terror) attacks?',
    nominal: true,
  },
  // 19: fight.
  {
    root: '19',
    pattern:
      '(?:launch(?:ed|es|ing)?|carr(?:ied|y|ies|ying) out|conduct(?:ed|s|ing)?)(?: (?:a|an|the|its|their|his|her|new|fresh|second|third|major|joint|first|wave of|round of|series of|several|dozens of|multiple|\\w+-\\w+)){0,4} (?:air ?strikes?|strikes?|attacks?|offensive|assault|raids?|invasion|incursion|bombing campaign|operation|counteroffensive|(?:ballistic |cruise )?missiles|rockets|drones)',
  },
  {
    root: '19',
    pattern: '(?:forc(?:ed|ing)|dr(?:ove|iving|iven)|push(?:ed|ing))(?: [\\w\\s-]{2,40}?)? (?:out|back)\\b',
  },
  {
    root: '19',
    pattern:
      'seiz(?:ed|es|ing) control|captur(?:ed|es|ing)|recaptur(?:ed|es|ing)|overran|shot down|downed|opened fire',
  },
  {
    root: '19',
    pattern:
      'struck|shell(?:ed|ing)|bombed|bombarded|invad(?:ed|es|ing)|clashed|fought|ambush(?:ed)|targeted|(?:fired|firing) (?:\\d+ |\\w+ )?(?:missiles?|rockets?|shells|cruise missiles)|killed|killing|(?:was|were|been) hit',
  },
  { root: '19', pattern: 'attack(?:ed|ing)' },
  {
    root: '19',
    pattern:
      'bombing campaign|air ?strikes?|air war|attacks?|(?:rocket|missile|drone|mortar|artillery|military|armed) attacks?|attacks? on|airstrikes?|invasion|incursion|offensive|bombardment|raids?|fighting erupted|clashes|(?:abortive |failed |attempted |military )?coup(?: attempt)?',
    nominal: true,
  },
  // 17: coerce.
  {
    root: '17',
    pattern:
      'arrest(?:ed|ing)|detain(?:ed|s|ing)|(?:imposed|levied|slapped) (?:\\w+ )?sanctions|sanctioned|blockad(?:ed|ing)|banned|confiscat(?:ed|es)|(?:issued|issues) (?:\\w+ )?arrest warrants?|deport(?:ed|s|ing)',
  },
  { root: '17', pattern: 'arrests?|sanctions|blockade', nominal: true },
  // 16: reduce relations.
  {
    root: '16',
    pattern:
      'suspend(?:ed|s|ing)|br(?:oke|eak|eaks|eaking) off|cut (?:off )?(?:diplomatic )?ties|expel(?:led|s|ling)|sever(?:ed|s|ing)|recall(?:ed|s) (?:its |their )?ambassador|halt(?:ed|s) (?:all )?(?:cooperation|talks|aid)',
  },
  // 15: force posture.
  {
    root: '15',
    pattern:
      'mobiliz(?:ed|es|ing)|mobilis(?:ed|es|ing)|deploy(?:ed|s|ing)|put on (?:high )?alert|massed|massing',
  },
  { root: '15', pattern: 'deployment of', nominal: true },
  // 14: protest.
  {
    root: '14',
    pattern:
      'protest(?:ed|ing)|demonstrat(?:ed|ing)|boycott(?:ed|s|ing)|march(?:ed) (?:on|through|to)|went on strike|hunger strike',
  },
  { root: '14', pattern: 'protests|demonstrations|rall(?:y|ies) (?:against|in)', nominal: true },
  // 13: threaten.
  { root: '13', pattern: 'threaten(?:ed|s|ing)|issued (?:a |an |the )?(?:threat|ultimatum)|ultimatum' },
  // 12: reject.
  {
    root: '12',
    pattern: 'reject(?:ed|s|ing)|refus(?:ed|es|ing)|veto(?:ed|es)|rebuff(?:ed|s)|turned down|dismissed',
  },
  // 11: disapprove.
  {
    root: '11',
    pattern:
      'critici[sz](?:ed|es|ing)|accus(?:ed|es|ing)|denounc(?:ed|es|ing)|blam(?:ed|es|ing)|condemn(?:ed|s|ing)|blasted|slammed|charged|spoke out against|denunciations?',
  },
  // 10: demand.
  { root: '10', pattern: 'demand(?:ed|ing)|insist(?:ed|s) (?:on|that)' },
  // 09: investigate.
  {
    root: '09',
    pattern: 'investigat(?:ed|es|ing)|prob(?:ed|es|ing)|launched (?:an |a )?(?:investigation|inquiry|probe)',
  },
  // 08: yield.
  {
    root: '08',
    pattern:
      'withdr(?:ew|awn|aws|awing)|pull(?:ed|s|ing) (?:out|back)|retreat(?:ed|s)|eased|lift(?:ed|s) (?:the )?(?:sanctions|ban|blockade)|releas(?:ed|es|ing) (?:\\w+ ){0,3}(?:prisoners|hostages|detainees|captives|soldiers|sailors|journalists?|activists?)|freed|resign(?:ed|s)|surrender(?:ed|s)',
  },
  { root: '08', pattern: '(?:partial )?cease-?fire|truce|withdrawal', nominal: true },
  // 07: aid.
  {
    root: '07',
    pattern:
      '(?:sent|sends|deliver(?:ed|s)|provid(?:ed|es)|suppl(?:ied|ies)|shipped|send) (?:\\w+ ){0,3}(?:aid|assistance|supplies|weapons|arms|missiles|food|medicine)|funded|donated',
  },
  // 06: material cooperation.
  {
    root: '06',
    pattern:
      'shar(?:ed|es|ing) intelligence|cooperat(?:ed|es|ing) militarily|joint (?:military )?(?:exercises?|patrols?)',
  },
  // 05: diplomatic cooperation.
  {
    root: '05',
    pattern:
      'agreed|signed|endors(?:ed|es|ing)|prais(?:ed|es|ing)|reach(?:ed|es) (?:an |a )?(?:agreement|deal|accord)|welcomed|reassur(?:ed|ing)|recogni[sz]ed|apologi[sz]ed|forgave|pardon(?:ed)',
  },
  // 04: consult.
  {
    root: '04',
    pattern:
      'met|meet(?:s|ing)? (?:with|in)|to meet|held talks|(?:hold|holds|holding) talks|visit(?:ed|s|ing)|hosted|phon(?:ed|ing)|called (?:his|her) (?:\\w+ )?counterpart|discuss(?:ed|es)?|negotiat(?:ed|es|ing)|spoke (?:with|to|by phone)',
  },
  {
    root: '04',
    pattern:
      'meeting (?:between|with)|(?:\\d+-minute |bilateral |private |secret )?meeting|summit|talks (?:with|between|in|on)|in talks|trip to|visit to|telephone call|phone call|negotiations',
    nominal: true,
  },
  // 03: intent to cooperate.
  {
    root: '03',
    pattern:
      'offer(?:ed|s|ing)|propos(?:ed|es|ing)|pledg(?:ed|es|ing)|promis(?:ed|es|ing)|submitted (?:a |an )?(?:proposal|offer|plan)|vow(?:ed|s) to (?:help|support|cooperate)',
  },
  { root: '03', pattern: 'proposal|diplomatic feelers', nominal: true },
  // 02: appeal.
  {
    root: '02',
    pattern:
      'appeal(?:ed|ing)|urg(?:ed|es|ing)|call(?:ed|ing) (?:for|on)|request(?:ed|ing)|plead(?:ed|s)|asked (?:\\w+ ){1,4}to',
  },
  // 01: public statement (kept only when nothing more specific happens in the sentence).
  {
    root: '01',
    pattern:
      'announc(?:ed|es|ing)|declar(?:ed|es|ing)|stated|acknowledg(?:ed|es|ing)|admitted|(?<!(?:was|were|is|are|been|be|being) )confirmed|(?:published|released|issued) (?:a |an |the )?(?:\\w+ )?(?:editorial|statement|report|summary|transcript|video)|(?<!(?:was|were|is|are|been|be|being|as|a|widely) )reported(?! by)',
  },
];

const GENERATED = verbPatterns();

/**
 * Ordered from the most specific to the most general (at one position the earlier entry wins): the particle
 * verbs and phrases of verbs.ts ("pulled out of the deal", "struck a deal"), the curated triggers, then the
 * single verbs of verbs.ts.
 */
export const LEXICON: readonly LexiconEntry[] = [
  ...GENERATED.phrases.map(([root, pattern]) => ({ root, pattern })),
  ...CURATED,
  ...GENERATED.words.map(([root, pattern]) => ({ root, pattern })),
];

/**
 * The lexicon is matched at word starts only, with one regex per first character holding just the alternatives
 * that can start with it: one regex of all ~200 alternatives tried them all at every word, the costliest step
 * of event extraction. Within a regex the entries keep their order (at one position the earlier entry wins);
 * the scan goes left to right, so the leftmost trigger wins and the longer phrases ("launched a second round of
 * strikes") start before the words inside them. Word edges exclude hyphens: "life-threatening" is not a
 * threat, "US-backed" not an act of backing.
 */
interface LexiconScanner {
  readonly regex: RegExp;
  /** The entry of each capture group, in order. */
  readonly entries: readonly LexiconEntry[];
}

/** Built on first use (splitting the lexicon is not free), by the lower-case ASCII letter or digit. */
const scanners = new Map<string, LexiconScanner | null>();

function scannerFor(first: string): LexiconScanner | null {
  let scanner = scanners.get(first);
  if (scanner === undefined) {
    const groups: string[] = [];
    const entries: LexiconEntry[] = [];
    for (const entry of LEXICON) {
      const fitting = alternatives(entry.pattern).filter((a) => {
        const chars = firstChars(a);
        return chars === ANY || chars.has(first);
      });
      if (fitting.length === 0) continue;
      groups.push(`(${fitting.join('|')})`);
      entries.push(entry);
    }
    scanner =
      groups.length > 0 ? { regex: new RegExp(`(?:${groups.join('|')})(?![\\w-])`, 'iy'), entries } : null;
    scanners.set(first, scanner);
  }
  return scanner;
}

export interface LexiconMatch {
  readonly entry: LexiconEntry;
  readonly start: number;
  readonly end: number;
}

/**
 * Lexicon triggers in `text`, left to right, not overlapping: what /\b(?:entry|…)(?![\w-])/gi finds, about
 * three times faster (measured): each word start tries only the alternatives that can start with its letter.
 */
export function lexiconMatches(text: string): LexiconMatch[] {
  const found: LexiconMatch[] = [];
  // Restarted on each call; calls cannot interleave (synchronous, not re-entrant).
  WORD_START.lastIndex = 0;
  for (let word = WORD_START.exec(text); word; word = WORD_START.exec(text)) {
    const scanner = scannerFor(word[0].toLowerCase());
    if (!scanner) continue;
    scanner.regex.lastIndex = word.index;
    const m = scanner.regex.exec(text);
    const entry = m
      ? scanner.entries[m.findIndex((group, g) => g > 0 && group !== undefined) - 1]
      : undefined;
    if (!m || !entry) continue;
    found.push({ entry, start: word.index, end: word.index + m[0].length });
    WORD_START.lastIndex = word.index + m[0].length;
  }
  return found;
}

/** Where a trigger can start: \b before a letter or digit (\b and \w are ASCII-only without the u flag). */
const WORD_START = /\b[^\W_]/g;

/** First characters not evident from a pattern's text ("\\w+", "[a-z]", an empty alternative): any at all. */
const ANY = 'any';

/** The top-level alternatives of a pattern: "a|(?:b|c)d" → ["a", "(?:b|c)d"]. */
export function alternatives(pattern: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let from = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      found.push(pattern.slice(from, i));
      from = i + 1;
    }
  }
  found.push(pattern.slice(from));
  return found;
}

/** The index of the ")" closing the group opened at `open`. */
function closingParen(pattern: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return pattern.length;
}

const QUANTIFIER = /^(?:[?*+]|\{\d+(?:,\d*)?\})\??/;

/**
 * The lower-case characters a match of `pattern` (case-insensitive) can start with, or ANY. Reads only what the
 * lexicon uses (literals, groups, lookbehinds, quantifiers, \\d); anything else gives ANY, which is always safe.
 */
export function firstChars(pattern: string): Set<string> | typeof ANY {
  const chars = new Set<string>();
  const add = (more: Set<string> | typeof ANY): boolean => {
    if (more === ANY) return false;
    for (const c of more) chars.add(c);
    return true;
  };
  for (const alternative of alternatives(pattern)) {
    if (alternative === '') return ANY;
    // The first item: a group, \d or a literal character, then its quantifier.
    let itemEnd: number;
    let item: Set<string> | typeof ANY;
    if (alternative.startsWith('(')) {
      itemEnd = closingParen(alternative, 0) + 1;
      const rest = alternative.slice(itemEnd);
      if (/^\(\?<?[=!]/.test(alternative)) {
        // A lookaround matches nothing itself: what follows it starts the match.
        if (!add(firstChars(rest))) return ANY;
        continue;
      }
      // An inner alternative that can be empty gives ANY (it is not read past), which is safe.
      item = firstChars(alternative.slice(alternative.startsWith('(?:') ? 3 : 1, itemEnd - 1));
    } else if (alternative.startsWith('\\d')) {
      itemEnd = 2;
      item = new Set('0123456789');
    } else if (/^[\p{L}\p{N}]/u.test(alternative)) {
      itemEnd = 1;
      item = new Set([(alternative[0] ?? '').toLowerCase()]);
    } else {
      return ANY;
    }
    if (!add(item)) return ANY;
    const rest = alternative.slice(itemEnd);
    const quantifier = QUANTIFIER.exec(rest)?.[0];
    // "(?:partial )?cease-?fire": an optional first item lets the next one start the match.
    if (quantifier !== undefined && /^(?:\?|\*|\{0[,}])/.test(quantifier)) {
      if (!add(firstChars(rest.slice(quantifier.length)))) return ANY;
    }
  }
  return chars;
}

export interface ActionMatch {
  readonly root: CameoRoot;
  readonly label: string;
  /** The matched words ("launched a second round of strikes", "warned"). */
  readonly verb: string;
  /** Offsets of the trigger in the sentence. */
  readonly start: number;
  readonly end: number;
  readonly nominal: boolean;
}

/** Modal, conditional or negating words among the three before a trigger: the action is possible, not reported. */
const HYPOTHETICAL_WORDS = new Set([
  ...'could would might may should must if unless whether no not never to cannot'.split(' '),
  ...[
    "won't",
    "wouldn't",
    "didn't",
    "doesn't",
    "don't",
    "hasn't",
    "haven't",
    "hadn't",
    "wasn't",
    "weren't",
  ].flatMap((w) => [w, w.replace("'", '’')]),
  ...["couldn't", "shouldn't", "mustn't", "can't", "isn't", "aren't"].flatMap((w) => [
    w,
    w.replace("'", '’'),
  ]),
]);

function isHypothetical(sentence: string, start: number): boolean {
  const words = sentence
    .slice(Math.max(0, start - 40), start)
    .toLowerCase()
    .split(/\s+/);
  // The slice ends in the space before the trigger, so the last element is empty.
  return words.slice(-4).some((w) => HYPOTHETICAL_WORDS.has(w));
}

/** What follows "warned" when the warning is a threat: a consequence that could happen. */
const THREAT_CONSEQUENCE = /^[^.;]{0,160}?\b(?:could|would|will|might)\b/i;
/** A verbal "attack" on someone, for something: criticism, not fighting. */
const VERBAL_ATTACK =
  /^[^.;]{0,80}?(?:\bfor\b|,\s*saying|\bover\b\s+(?:its|his|her|their)|\bas\s+(?:a|an)\b)|^\s+(?:the|his|her|its|their|this|that)\s+(?:[\w’'-]+\s+){0,3}?(?:proclamation|decision|plan|policy|policies|proposal|remarks|comments|statement|law|bill|move|idea|claims?|report|record|handling|stance|position|deal|agreement|rhetoric|speech|views?)\b/i;

/** "warned Manila against …", "warned them not to …": a warning addressed to someone about what they do. */
const WARNED_OFF = /^\s+(?:[\w’'.-]+\s+){0,4}?(?:of|against|not to|to stop|to stay)\b/i;

function warningRoot(sentence: string, end: number): CameoRoot {
  const rest = sentence.slice(end);
  // CAMEO files "warn" under threaten (PETRARCH2's WARN block); only a bare forecast is a statement.
  if (WARNED_OFF.test(rest)) return '13';
  return THREAT_CONSEQUENCE.test(rest) ? '13' : '01';
}

const ADJECTIVAL = /\s(?:a|an|the|its|his|her|their|our|this|that)\s+$/i;

/** "was questioned by police": a passive "questioned" is an interrogation, not criticism. */
const PASSIVE_BEFORE = /\b(?:was|were|been|being|is|are)\s+$/i;

/**
 * Candidate actions in a sentence, in order of appearance, hypothetical ones dropped. The caller decides
 * which become events (statement verbs only when nothing else happens, event nouns only when dated).
 */
export function findActions(sentence: string): ActionMatch[] {
  const found: ActionMatch[] = [];
  const taken: Array<[number, number]> = [];
  const claim = (root: CameoRoot, start: number, end: number, nominal: boolean): void => {
    if (taken.some(([s, e]) => s < end && start < e)) return;
    taken.push([start, end]);
    found.push({ root, label: CAMEO_LABELS[root], verb: sentence.slice(start, end), start, end, nominal });
  };
  // "warned" is decided by what follows it.
  for (const m of /warn/i.test(sentence) ? sentence.matchAll(/\bwarn(?:ed|s|ing)\b/gi) : []) {
    claim(warningRoot(sentence, m.index + m[0].length), m.index, m.index + m[0].length, false);
  }
  for (const { entry, start, end } of lexiconMatches(sentence)) {
    // The hyphen edge is checked here: a lookbehind at every word would cost more.
    if (sentence[start - 1] === '-') continue;
    // "a banned organisation", "the confirmed toll": a participle after a determiner is an adjective.
    if (
      ADJECTIVAL.test(` ${sentence.slice(Math.max(0, start - 12), start)}`) &&
      /^\w+ed$/i.test(sentence.slice(start, end))
    )
      continue;
    let root = entry.root;
    if (
      root === '19' &&
      /^attack(?:ed|ing)$/i.test(sentence.slice(start, end)) &&
      VERBAL_ATTACK.test(sentence.slice(end))
    )
      root = '11';
    if (root === '11' && /^question/i.test(sentence.slice(start, end)))
      if (PASSIVE_BEFORE.test(sentence.slice(Math.max(0, start - 12), start))) root = '09';
    claim(root, start, end, entry.nominal === true);
  }
  return found
    .filter((a) => a.root === '13' || !isHypothetical(sentence, a.start))
    .sort((a, b) => a.start - b.start);
}
