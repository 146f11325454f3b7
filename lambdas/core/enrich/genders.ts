/**
 * Grammatical gender of people named in news, for resolving "he" and "she" only to an agreeing antecedent:
 * from courtesy titles and honorifics, from gendered role nouns, and from first names.
 *
 * The first names are a compact hand-made list: the most frequent given names of the US Social Security
 * Administration's national baby-name data (public domain, https://www.ssa.gov/oact/babynames/), plus frequent
 * given names of people in international news (European, Arabic, Persian, Slavic, Turkish, South and East
 * Asian). Names used for both sexes (Jordan, Lee, Lindsey, Andrea, Jean, Kim, Robin…) are left out: an
 * unknown gender agrees with both pronouns.
 */

export type Gender = 'male' | 'female';

const MALE_NAMES = (
  'aaron abdul abdullah abdulaziz abu adam adil adrian ahmad ahmed akbar alan albert alberto alejandro ' +
  'aleksandr aleksei alexander alexandre alexei alexey alfred ali alistair amir anders andre andreas andrei ' +
  'andrew andrzej angus anthony antoine antonio anwar arnold arthur ashraf bashar barack benjamin bernard ' +
  'bernie bill billy bob boris brad bradley brandon brett brian bruce bruno carl carlos charles chris ' +
  'christian christopher chuck clarence claude colin craig dan daniel darren david dean dennis derek dick ' +
  'dmitri dmitry donald doug douglas duncan dwight ed eddie edward emmanuel enrique eric erik ernest ' +
  'ethan eugene evan fabio fahad faisal farid felipe fernando francesco francis francisco frank franz ' +
  'fred frederick gary gavin geoffrey george gerald gerhard giorgio giuseppe gordon graham greg gregory ' +
  'guy hamid hans harold harry hassan heinrich henry herbert hossein howard hugh hugo hussein ian ibrahim ' +
  'igor imran isaac ivan jack jacob jacques jake james jamie jan jason javad javier jay jean-claude ' +
  'jean-luc jean-pierre jeff jeffrey jens jeremy jerry jesse jim jimmy joe joel johann johannes john ' +
  'johnny jonathan jorge jose joseph josh joshua juan julian justin karl keith ken kenneth kevin khalid ' +
  'kirk klaus kurt larry lars lawrence leo leon leonid lloyd louis luca lucas luis luke ' +
  'mahmoud malcolm manuel marc marcel marco marcus mario mark martin matt matthew maurice max michael ' +
  'michel miguel mike mikhail mitch mitt mohamed mohammad mohammed muhammad mustafa narendra nathan neil ' +
  'nicholas nick nicolas nigel nikolai noah norman oleg oliver omar oscar otto owen pablo patrick paul ' +
  'pedro peter philip philippe phil pierre rafael ralph ramon randy raul ray raymond recep reza richard ' +
  'rick rob robert roberto rodrigo roger roland ron ronald rudolf rudy russell ryan saeed salman sam ' +
  'samuel scott sean sebastian sergei sergey seth shane simon stanley stefan stephen steve steven stuart ' +
  'ted terry theodore thomas tim timothy todd tom tommy tony travis tyler uwe valentin vasily victor ' +
  'viktor vincent vladimir volodymyr walter wayne werner william willie yevgeny yitzhak yuri yusuf ' +
  'zachary zoltan'
).split(' ');

const FEMALE_NAMES = (
  'abigail ada agnes aisha alexandra alice alicia alison amanda amber amelia amy ana anastasia angela ' +
  'angelina anita ann anna anne annette antonia ashley audrey barbara beatrice betty beverly brenda ' +
  'bridget brigitte carmen carol caroline catherine cecilia charlotte cheryl christina christine ' +
  'cindy claire clara claudia colleen cynthia daniela danielle deborah debra denise diana diane donna ' +
  'doris dorothy elena eleanor elisabeth elizabeth ella ellen elsa emily emma erin esther eva evelyn ' +
  'fatima fiona florence frances francesca gabriela gabrielle gloria grace hannah heather heidi helen ' +
  'helena hillary ilhan ingrid irene irina isabel isabella jacqueline jane janet janice jennifer jessica ' +
  'joan joanna josephine joy joyce judith judy julia julie justine karen katarzyna kate katherine kathleen ' +
  'kathryn kathy katie kristen kristin laura lauren leila leyla linda lisa liz lucy lydia lynn madeleine ' +
  'margaret maria marie marina marine marion marisa martha mary maryam megan melania melanie melissa ' +
  'mia michelle mildred monica nadia nancy natalia natalie natasha nicola nicole nikki nina nora olga ' +
  'olivia pamela patricia paula pauline penelope priya rachel rebecca renee rita rosa rose ruth sabine ' +
  'samantha sandra sara sarah sharon sheila shirley silvia simone sofia sonia sophia sophie stephanie ' +
  'susan suzanne svetlana sviatlana tamara tanya teresa theresa tiffany ursula valentina valerie vanessa ' +
  'victoria virginia wendy yulia yvonne zainab zoe'
).split(' ');

const NAMES = new Map<string, Gender>([
  ...MALE_NAMES.map((n) => [n, 'male'] as const),
  ...FEMALE_NAMES.map((n) => [n, 'female'] as const),
]);

/** Titles and honorifics written before a name. */
const TITLE_GENDER = new Map<string, Gender>([
  ...'mr mr. sir lord king prince sheikh emir sultan father brother monsieur herr señor'
    .split(' ')
    .map((t) => [t, 'male'] as const),
  ...'mrs mrs. ms ms. miss lady dame queen princess sister madam madame mme frau señora'
    .split(' ')
    .map((t) => [t, 'female'] as const),
]);

/** Role nouns that say the person's sex. */
const ROLE_GENDER =
  /\b(?:(spokesman|chairman|congressman|businessman|king|prince|actor|husband|father|son|brother|grandfather|uncle|boy|man|gentleman|nephew|councilman|policeman|fireman|sportsman)|(spokeswoman|chairwoman|congresswoman|businesswoman|queen|princess|actress|wife|mother|daughter|sister|grandmother|aunt|girl|woman|lady|niece|councilwoman|policewoman))\b/iu;

/** The gender a first name says, or undefined. */
export function genderOfWord(word: string): Gender | undefined {
  return NAMES.get(word.toLowerCase());
}

/** The gender a courtesy title or honorific says ("Ms", "Sir", "Queen"), or undefined. */
export function genderOfTitle(word: string): Gender | undefined {
  return TITLE_GENDER.get(word.toLowerCase());
}

/** The gender a role or description says ("spokeswoman", "the actress"), or undefined. */
export function genderOfRole(role: string): Gender | undefined {
  const m = ROLE_GENDER.exec(role);
  if (!m) return undefined;
  return m[1] ? 'male' : 'female';
}

/** The gender of "he" / "she" (and him, his, her). */
export function genderOfPronoun(pronoun: string): Gender | undefined {
  if (/^(?:he|him|his)$/iu.test(pronoun)) return 'male';
  if (/^(?:she|her|hers)$/iu.test(pronoun)) return 'female';
  return undefined;
}
