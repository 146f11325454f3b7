/**
 * Gazetteers: countries (ISO 3166-1 alpha-2) with their other names, demonyms and seats of government, and the
 * organisations news prose names most. Hand-written tables because the NLP libraries measured for issue 5 either do
 * not tag organisations at all (wink-eng-lite-web-model) or tag them too loosely and too slowly (compromise); a
 * lookup table is exact, tiny and O(1).
 */

export interface Place {
  /** Canonical country name ("Russia"). */
  name: string;
  iso: string;
  /** How the text named it: the country itself, a demonym/adjective, or a seat of government standing for it. */
  via: 'country' | 'demonym' | 'seat';
}

export type OrganizationCategory = 'media' | 'government' | 'armed' | 'international' | 'other';

export interface KnownOrganization {
  name: string;
  aliases: string[];
  category: OrganizationCategory;
  /** ISO code of the country it belongs to, when it belongs to one. */
  country?: string;
}

// ISO|Name|other names|demonyms and adjectives|seats of government standing for the state
const COUNTRY_ROWS = `AF|Afghanistan||Afghan,Afghans|Kabul
AL|Albania||Albanian,Albanians|Tirana
DZ|Algeria||Algerian,Algerians|Algiers
AO|Angola||Angolan,Angolans|Luanda
AR|Argentina||Argentine,Argentinian,Argentinians,Argentines|Buenos Aires
AM|Armenia||Armenian,Armenians|Yerevan
AU|Australia||Australian,Australians|Canberra
AT|Austria||Austrian,Austrians|
AZ|Azerbaijan||Azerbaijani,Azeri,Azerbaijanis|Baku
BH|Bahrain||Bahraini,Bahrainis|Manama
BD|Bangladesh||Bangladeshi,Bangladeshis|Dhaka
BY|Belarus|Byelorussia|Belarusian,Belarussian,Belarusians|Minsk
BE|Belgium||Belgian,Belgians|
BO|Bolivia||Bolivian,Bolivians|
BA|Bosnia and Herzegovina|Bosnia|Bosnian,Bosnians|Sarajevo
BR|Brazil||Brazilian,Brazilians|Brasilia,Brasília
BG|Bulgaria||Bulgarian,Bulgarians|Sofia
MM|Myanmar|Burma|Burmese|Naypyidaw
KH|Cambodia||Cambodian,Cambodians|Phnom Penh
CM|Cameroon||Cameroonian,Cameroonians|Yaounde
CA|Canada||Canadian,Canadians|Ottawa
CF|Central African Republic|||Bangui
TD|Chad||Chadian,Chadians|N'Djamena
CL|Chile||Chilean,Chileans|Santiago
CN|China|People's Republic of China,PRC,Mainland China|Chinese|Beijing,Zhongnanhai
CO|Colombia||Colombian,Colombians|Bogota,Bogotá
CD|Democratic Republic of the Congo|DR Congo,DRC|Congolese|Kinshasa
CR|Costa Rica||Costa Rican,Costa Ricans|
HR|Croatia||Croatian,Croatians,Croat,Croats|Zagreb
CU|Cuba||Cuban,Cubans|Havana
CY|Cyprus||Cypriot,Cypriots|Nicosia
CZ|Czech Republic|Czechia|Czech,Czechs|Prague
DK|Denmark||Danish,Dane,Danes|Copenhagen
DJ|Djibouti||Djiboutian|
EC|Ecuador||Ecuadorian,Ecuadorians|Quito
EG|Egypt||Egyptian,Egyptians|Cairo
SV|El Salvador||Salvadoran,Salvadorans|San Salvador
ER|Eritrea||Eritrean,Eritreans|Asmara
EE|Estonia||Estonian,Estonians|Tallinn
ET|Ethiopia||Ethiopian,Ethiopians|Addis Ababa
FI|Finland||Finnish,Finn,Finns|Helsinki
FR|France|French Republic|French,Frenchman,Frenchmen|Paris,Élysée,Elysee,Elysee Palace,Élysée Palace
GE|Georgia||Georgian,Georgians|Tbilisi
DE|Germany|Federal Republic of Germany|German,Germans|Berlin
GH|Ghana||Ghanaian,Ghanaians|Accra
GR|Greece||Greek,Greeks|Athens
GT|Guatemala||Guatemalan,Guatemalans|
HT|Haiti||Haitian,Haitians|Port-au-Prince
HN|Honduras||Honduran,Hondurans|Tegucigalpa
HK|Hong Kong|||
HU|Hungary||Hungarian,Hungarians|Budapest
IS|Iceland||Icelandic,Icelander,Icelanders|Reykjavik
IN|India||Indian,Indians|New Delhi
ID|Indonesia||Indonesian,Indonesians|Jakarta
IR|Iran|Islamic Republic of Iran,Islamic Republic|Iranian,Iranians,Persian|Tehran,Teheran
IQ|Iraq||Iraqi,Iraqis|Baghdad
IE|Ireland|Republic of Ireland|Irish|Dublin
IL|Israel||Israeli,Israelis|Jerusalem,Tel Aviv
IT|Italy||Italian,Italians|Rome
CI|Ivory Coast|Côte d'Ivoire,Cote d'Ivoire|Ivorian,Ivorians|
JP|Japan||Japanese|Tokyo
JO|Jordan||Jordanian,Jordanians|Amman
KZ|Kazakhstan||Kazakh,Kazakhs,Kazakhstani|Astana,Nur-Sultan
KE|Kenya||Kenyan,Kenyans|Nairobi
KP|North Korea|Democratic People's Republic of Korea,DPRK|North Korean,North Koreans|Pyongyang
KR|South Korea|Republic of Korea,ROK|South Korean,South Koreans|Seoul
XK|Kosovo||Kosovar,Kosovars|Pristina
KW|Kuwait||Kuwaiti,Kuwaitis|Kuwait City
KG|Kyrgyzstan||Kyrgyz|Bishkek
LA|Laos||Lao,Laotian|Vientiane
LV|Latvia||Latvian,Latvians|Riga
LB|Lebanon||Lebanese|Beirut
LY|Libya||Libyan,Libyans|Tripoli
LT|Lithuania||Lithuanian,Lithuanians|Vilnius
LU|Luxembourg|||
MY|Malaysia||Malaysian,Malaysians|Kuala Lumpur
ML|Mali||Malian,Malians|Bamako
MT|Malta||Maltese|Valletta
MX|Mexico||Mexican,Mexicans|Mexico City
MD|Moldova||Moldovan,Moldovans|Chisinau
MN|Mongolia||Mongolian,Mongolians|Ulaanbaatar
ME|Montenegro||Montenegrin,Montenegrins|Podgorica
MA|Morocco||Moroccan,Moroccans|Rabat
MZ|Mozambique||Mozambican,Mozambicans|Maputo
NP|Nepal||Nepali,Nepalese|Kathmandu
NL|Netherlands|Holland,The Netherlands|Dutch|The Hague,Amsterdam
NZ|New Zealand||New Zealander,New Zealanders|Wellington
NI|Nicaragua||Nicaraguan,Nicaraguans|Managua
NE|Niger||Nigerien,Nigeriens|Niamey
NG|Nigeria||Nigerian,Nigerians|Abuja
MK|North Macedonia|Macedonia|Macedonian,Macedonians|Skopje
NO|Norway||Norwegian,Norwegians|Oslo
OM|Oman||Omani,Omanis|Muscat
PK|Pakistan||Pakistani,Pakistanis|Islamabad
PS|Palestine|Palestinian territories,State of Palestine|Palestinian,Palestinians|Ramallah
PA|Panama||Panamanian,Panamanians|
PY|Paraguay||Paraguayan,Paraguayans|Asuncion,Asunción
PE|Peru||Peruvian,Peruvians|Lima
PH|Philippines|the Philippines|Filipino,Filipinos,Philippine|Manila
PL|Poland||Polish,Pole,Poles|Warsaw
PT|Portugal||Portuguese|Lisbon
QA|Qatar||Qatari,Qataris|Doha
RO|Romania||Romanian,Romanians|Bucharest
RU|Russia|Russian Federation|Russian,Russians|Moscow,Kremlin,the Kremlin
RW|Rwanda||Rwandan,Rwandans|Kigali
SA|Saudi Arabia|Kingdom of Saudi Arabia,KSA|Saudi,Saudis|Riyadh
SN|Senegal||Senegalese|Dakar
RS|Serbia||Serbian,Serbians,Serb,Serbs|Belgrade
SG|Singapore||Singaporean,Singaporeans|
SK|Slovakia||Slovak,Slovaks,Slovakian|Bratislava
SI|Slovenia||Slovenian,Slovenians,Slovene|Ljubljana
SO|Somalia||Somali,Somalis|Mogadishu
ZA|South Africa||South African,South Africans|Pretoria
SS|South Sudan||South Sudanese|Juba
ES|Spain||Spanish,Spaniard,Spaniards|Madrid
LK|Sri Lanka||Sri Lankan,Sri Lankans|Colombo
SD|Sudan||Sudanese|Khartoum
SE|Sweden||Swedish,Swede,Swedes|Stockholm
CH|Switzerland||Swiss|Bern,Berne
SY|Syria|Syrian Arab Republic|Syrian,Syrians|Damascus
TW|Taiwan|Republic of China|Taiwanese|Taipei
TJ|Tajikistan||Tajik,Tajiks|Dushanbe
TZ|Tanzania||Tanzanian,Tanzanians|Dodoma
TH|Thailand||Thai|Bangkok
TN|Tunisia||Tunisian,Tunisians|Tunis
TR|Turkey|Türkiye,Turkiye|Turkish,Turk,Turks|Ankara
TM|Turkmenistan||Turkmen|Ashgabat
UG|Uganda||Ugandan,Ugandans|Kampala
UA|Ukraine|the Ukraine|Ukrainian,Ukrainians|Kiev,Kyiv
AE|United Arab Emirates|UAE,the UAE,Emirates|Emirati,Emiratis|Abu Dhabi
GB|United Kingdom|UK,U.K.,Britain,Great Britain,the UK,the United Kingdom|British,Briton,Britons|London,Downing Street,Whitehall,Westminster
US|United States|US,U.S.,USA,U.S.A.,America,United States of America,the United States,the US,the U.S.|American,Americans,US-led,US-backed,U.S.-led,U.S.-backed|Washington,Washington DC,Washington D.C.
UY|Uruguay||Uruguayan,Uruguayans|Montevideo
UZ|Uzbekistan||Uzbek,Uzbeks|Tashkent
VE|Venezuela||Venezuelan,Venezuelans|Caracas
VN|Vietnam|Viet Nam|Vietnamese|Hanoi
YE|Yemen||Yemeni,Yemenis|Sanaa,Sana'a
ZM|Zambia||Zambian,Zambians|Lusaka
ZW|Zimbabwe||Zimbabwean,Zimbabweans|Harare
AD|Andorra||Andorran|
AG|Antigua and Barbuda|Antigua||
BS|Bahamas|The Bahamas|Bahamian,Bahamians|Nassau
BB|Barbados||Barbadian,Barbadians|Bridgetown
BZ|Belize||Belizean|Belmopan
BJ|Benin||Beninese|Porto-Novo
BT|Bhutan||Bhutanese|Thimphu
BW|Botswana||Botswanan,Motswana|Gaborone
BN|Brunei||Bruneian|
BF|Burkina Faso||Burkinabe|Ouagadougou
BI|Burundi||Burundian,Burundians|Gitega
CV|Cape Verde|Cabo Verde|Cape Verdean|Praia
KM|Comoros||Comorian|Moroni
CG|Republic of the Congo|Congo-Brazzaville||Brazzaville
DM|Dominica|||
DO|Dominican Republic||Dominican,Dominicans|Santo Domingo
TL|East Timor|Timor-Leste|Timorese|Dili
GQ|Equatorial Guinea||Equatoguinean|Malabo
SZ|Eswatini|Swaziland|Swazi|Mbabane
FJ|Fiji||Fijian,Fijians|Suva
GA|Gabon||Gabonese|Libreville
GM|Gambia|The Gambia|Gambian,Gambians|Banjul
GD|Grenada||Grenadian|
GN|Guinea||Guinean,Guineans|Conakry
GW|Guinea-Bissau||Bissau-Guinean|Bissau
GY|Guyana||Guyanese|
JM|Jamaica||Jamaican,Jamaicans|
KI|Kiribati|||Tarawa
LS|Lesotho||Basotho|Maseru
LR|Liberia||Liberian,Liberians|Monrovia
LI|Liechtenstein|||Vaduz
MG|Madagascar||Malagasy|Antananarivo
MW|Malawi||Malawian,Malawians|Lilongwe
MV|Maldives|the Maldives|Maldivian|
MH|Marshall Islands|||Majuro
MR|Mauritania||Mauritanian,Mauritanians|Nouakchott
MU|Mauritius||Mauritian|Port Louis
FM|Micronesia|||Palikir
MC|Monaco||Monegasque|
NA|Namibia||Namibian,Namibians|Windhoek
NR|Nauru||Nauruan|
PW|Palau||Palauan|
PG|Papua New Guinea||Papua New Guinean|Port Moresby
KN|Saint Kitts and Nevis|St Kitts and Nevis||Basseterre
LC|Saint Lucia|St Lucia||Castries
VC|Saint Vincent and the Grenadines|St Vincent||Kingstown
WS|Samoa||Samoan,Samoans|Apia
SM|San Marino||Sammarinese|
ST|Sao Tome and Principe|São Tomé and Príncipe||
SC|Seychelles||Seychellois|
SL|Sierra Leone||Sierra Leonean,Sierra Leoneans|Freetown
SB|Solomon Islands||Solomon Islander|Honiara
SR|Suriname||Surinamese|Paramaribo
TG|Togo||Togolese|Lome,Lomé
TO|Tonga||Tongan|Nuku'alofa
TT|Trinidad and Tobago|Trinidad|Trinidadian,Trinidadians|Port of Spain
TV|Tuvalu||Tuvaluan|Funafuti
VU|Vanuatu||Ni-Vanuatu|Port Vila
EH|Western Sahara||Sahrawi,Sahrawis|
PR|Puerto Rico||Puerto Rican,Puerto Ricans|San Juan
GL|Greenland||Greenlandic,Greenlander,Greenlanders|Nuuk
VA|Vatican City|Holy See,the Vatican,Vatican||`;

// Name|aliases|category|country
const ORGANIZATION_ROWS = `United Nations|UN,U.N.|international|
UN Security Council|Security Council,United Nations Security Council,U.N. Security Council|international|
UN General Assembly|General Assembly,United Nations General Assembly|international|
NATO|North Atlantic Treaty Organization,North Atlantic Treaty Organisation|international|
European Union|EU,E.U.|international|
European Commission||international|
Arab League|League of Arab States|international|
African Union|AU|international|
OPEC|Organization of the Petroleum Exporting Countries|international|
World Health Organization|WHO|international|
UNESCO||international|
UNICEF||international|
UNHCR|UN refugee agency|international|
International Monetary Fund|IMF|international|
World Bank||international|
International Criminal Court|ICC|international|
International Atomic Energy Agency|IAEA|international|
Interpol||international|
OSCE|Organization for Security and Co-operation in Europe|international|
G20|G-20|international|
G7|G-7|international|
Red Cross|International Committee of the Red Cross,ICRC|international|
Amnesty International|Amnesty|other|
Human Rights Watch|HRW|other|
Doctors Without Borders|Médecins Sans Frontières,MSF|other|
Syrian Observatory for Human Rights|SOHR|other|SY
ISIS|Islamic State,ISIL,IS,Daesh,Islamic State of Iraq and Syria,Islamic State of Iraq and the Levant,Islamic State in Iraq and Syria|armed|
al-Nusra Front|Nusra Front,al-Nusra,Al Nusra,Al Nusra Front,Al-Nusra,Al-Nusra Front,Jabhat al-Nusra,Nusra|armed|
al-Qaeda|al-Qaida,Al Qaeda,Al Qaida,Al-Qaeda,Al-Qaida,AQ|armed|
Taliban|the Taliban|armed|
Hezbollah|Hizbollah,Hizballah|armed|LB
Hamas||armed|PS
Free Syrian Army|FSA|armed|SY
Syrian Democratic Forces|SDF|armed|SY
People's Protection Units|YPG|armed|SY
Kurdistan Workers' Party|PKK|armed|TR
Ahrar al-Sham||armed|SY
Islamic Revolutionary Guard Corps|IRGC,Revolutionary Guards,Revolutionary Guard,Iranian Revolutionary Guard Corps,Revolutionary Guard Corps|armed|IR
Quds Force||armed|IR
Pentagon|US Department of Defense,Department of Defense,Defense Department,the Pentagon|government|US
State Department|US State Department,Department of State,United States Department of State,U.S. State Department|government|US
White House||government|US
CIA|Central Intelligence Agency|government|US
FBI|Federal Bureau of Investigation|government|US
NSA|National Security Agency|government|US
Joint Chiefs of Staff||government|US
US Congress|Congress,United States Congress|government|US
US Senate|Senate,United States Senate|government|US
House of Representatives|US House of Representatives,House|government|US
Obama administration||government|US
Trump administration||government|US
FSB|Federal Security Service|government|RU
Russian Defense Ministry|Russian Defence Ministry,Russian Ministry of Defense,Russian Ministry of Defence|government|RU
Downing Street||government|GB
Syrian Civil Defence|White Helmets,Syrian Civil Defense|other|SY
Reuters||media|
Associated Press|AP|media|
Agence France-Presse|AFP|media|
BBC|British Broadcasting Corporation|media|GB
CNN||media|US
Fox News||media|US
NBC News|NBC|media|US
CBS News|CBS|media|US
ABC News|ABC|media|US
Al Jazeera|Al-Jazeera|media|QA
RT|Russia Today|media|RU
TASS|ITAR-TASS|media|RU
Sputnik|Sputnik News|media|RU
Interfax||media|RU
Xinhua||media|CN
New York Times|The New York Times,NYT|media|US
Washington Post|The Washington Post|media|US
Wall Street Journal|The Wall Street Journal,WSJ|media|US
Newsweek||media|US
Time magazine||media|US
The Guardian|Guardian|media|GB
Financial Times|FT|media|GB
The Times of London|Times of London|media|GB
The Telegraph|Daily Telegraph|media|GB
The Economist|Economist|media|GB
Der Spiegel|Spiegel|media|DE
Le Monde||media|FR
Haaretz||media|IL
Hurriyet|Hürriyet,Hurriyet Daily News|media|TR
Anadolu|Anadolu Agency|media|TR
SANA|Syrian Arab News Agency|media|SY
World Socialist Web Site|WSWS|media|
Wikinews||media|
Twitter||other|US
Facebook||other|US
YouTube||other|US
Instagram||other|US
Telegram||other|
WhatsApp||other|US
TikTok||other|CN
Google||other|US
Apple||other|US
Microsoft||other|US
Amazon||other|US
Boeing||other|US
Airbus||other|
Siemens||other|DE
Gazprom||other|RU
Rosneft||other|RU
Aramco|Saudi Aramco|other|SA`;

/** Organisation head words: a capitalised name ending in one of these names an organisation. */
export const ORGANIZATION_HEADS = new Set(
  (
    'Ministry Department Council Front Party Army Forces Force Agency Committee Commission Organization ' +
    'Organisation Union Institute Center Centre University Observatory Corps Command Administration Office ' +
    'Court Parliament Congress Senate Assembly Bank Fund Group Company Corporation Inc Ltd Airlines Airways ' +
    'Times Post Journal News Herald Tribune Telegraph Gazette Daily Magazine Review Service Services Police ' +
    'Brigade Brigades Movement Coalition Alliance League Association Society Foundation Network Channel ' +
    'Television Radio Units Guard Guards Board Authority Programme Program Team Club Church Defence Defense ' +
    'Navy Marines Cabinet Government Bureau Federation Conference Studies Site Website Reporter Press Legion ' +
    'Battalion Regiment Division Brotherhood Caliphate Emirate Directorate Secretariat Prosecutor Media ' +
    'Independent Observer Endowment Institution Trust Initiative Partnership Consortium Laboratory Academy ' +
    'Exchange Enterprises Holdings Industries Motors Systems Technologies Labs Watch Monitor System Air Airline ' +
    'Railways Railway Bahn Telekom Group Bureau Institutes Embassy Consulate Mission Corp Corp. Records ' +
    'Studios Pictures Entertainment Pharmaceuticals Productions'
  ).split(' '),
);

/** Head words of named events and periods ("Sacred Defence Week", "G20 Summit"): neither people nor places. */
export const EVENT_HEADS = new Set(
  'Week Day Summit War Games Cup Festival Olympics Award Awards Prize Championship Election Elections Revolution Spring Accord Accords Agreement Treaty Act Bill Operation'.split(
    ' ',
  ),
);

/** Head words that make a capitalised name a place rather than a person. */
export const PLACE_HEADS = new Set(
  (
    'Sea Ocean River Lake Gulf Bay Strait Straits Mountains Mountain Mount Desert Valley Island Islands Peninsula ' +
    'Province Region Governorate District County City Square Street Road Avenue Airport Port Base Bridge ' +
    'Canal Heights Plain Coast Basin Border Corridor Hill Hills Park Palace Hospital Stadium Station Camp ' +
    'Tower Towers Building Zoo Museum Library Gallery Theatre Theater School College Hotel Mosque Cathedral ' +
    'Temple Church Monastery Prison Market Mall Bazaar Village Town Quarter Oblast Krai Prefecture ' +
    'Europe Asia Africa America East West'
  ).split(' '),
);

// Regions and cities that news names without context words; the countries' seats are in COUNTRY_ROWS.
const PLACE_NAMES = (
  'Middle East,Eastern Europe,Western Europe,Central Asia,Southeast Asia,Latin America,North Africa,Gulf,' +
  'Persian Gulf,Caucasus,Balkans,Crimea,Donbas,Kurdistan,Gaza,Gaza Strip,West Bank,Golan Heights,Sinai,' +
  'Aleppo,Homs,Hama,Idlib,Raqqa,Deir ez-Zor,Palmyra,Latakia,Tartus,Daraa,Kobani,Manbij,Afrin,Jarabulus,Azaz,' +
  'Mosul,Fallujah,Ramadi,Basra,Kirkuk,Erbil,Tikrit,Benghazi,Misrata,Sirte,Aden,Hodeidah,Kandahar,Helmand,' +
  'Istanbul,Izmir,Vienna,Geneva,Munich,Hamburg,Brussels,Lausanne,Astana,Sochi,St Petersburg,Saint Petersburg,' +
  'Hangzhou,Shanghai,Hong Kong,New York,Los Angeles,Chicago,Jeddah,Mecca,Medina,Karachi,Lahore,Mumbai,' +
  'Chechnya,Dagestan,Tatarstan,Siberia,Europe,Asia,Africa,Antarctica,Arctic,Mediterranean,Caspian Sea,' +
  'Black Sea,Red Sea,Euphrates,Tigris,Streatham,Toronto,Magnitogorsk,Kerala,Karaj,Bavaria,Scotland,Wales,' +
  'England,Northern Ireland,Quebec,Ontario,British Columbia,Sydney,Melbourne,' +
  'Alabama,Alaska,Arizona,Arkansas,California,Colorado,Connecticut,Delaware,Florida,Hawaii,Idaho,Illinois,' +
  'Indiana,Iowa,Kansas,Kentucky,Louisiana,Maine,Maryland,Massachusetts,Michigan,Minnesota,Mississippi,Missouri,' +
  'Montana,Nebraska,Nevada,New Hampshire,New Jersey,New Mexico,North Carolina,North Dakota,Ohio,Oklahoma,' +
  'Oregon,Pennsylvania,Rhode Island,South Carolina,South Dakota,Tennessee,Texas,Utah,Vermont,Virginia,' +
  'West Virginia,Wisconsin,Wyoming'
).split(',');

interface Tables {
  places: Map<string, Place>;
  organizations: Map<string, KnownOrganization>;
  countries: Map<string, { name: string; iso: string }>;
  otherPlaces: Set<string>;
  firstWords: Set<string>;
}

let tables: Tables | undefined;

/** Lookup keys ignore case differences in the first letter only ("the Kremlin"/"The Kremlin"), not in acronyms. */
function key(text: string): string {
  return text
    .replace(/[’`]/g, "'")
    .replace(/^the\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function build(): Tables {
  const places = new Map<string, Place>();
  const countries = new Map<string, { name: string; iso: string }>();
  for (const row of COUNTRY_ROWS.split('\n')) {
    const [iso = '', name = '', others = '', demonyms = '', seats = ''] = row.split('|');
    countries.set(iso, { name, iso });
    const add = (text: string, via: Place['via']): void => {
      const k = key(text);
      // Country names win over demonyms and seats ("Georgia" the country, not a demonym elsewhere).
      if (k && !places.has(k)) places.set(k, { name, iso, via });
    };
    add(name, 'country');
    for (const other of others.split(',')) add(other, 'country');
    for (const demonym of demonyms.split(',')) add(demonym, 'demonym');
    for (const seat of seats.split(',')) add(seat, 'seat');
  }
  const organizations = new Map<string, KnownOrganization>();
  for (const row of ORGANIZATION_ROWS.split('\n')) {
    const [name = '', aliasText = '', category = 'other', country = ''] = row.split('|');
    const aliases = aliasText ? aliasText.split(',') : [];
    const org: KnownOrganization = {
      name,
      aliases,
      category: category as OrganizationCategory,
      ...(country ? { country } : {}),
    };
    for (const text of [name, ...aliases]) organizations.set(orgKey(text), org);
  }
  const otherPlaces = new Set(PLACE_NAMES.map(key));
  // First words of multi-word names, so callers can skip window lookups that cannot match.
  const firstWords = new Set<string>();
  for (const k of [...places.keys(), ...organizations.keys(), ...otherPlaces]) {
    const words = k.replace(/^=/, '').split(' ');
    if (words.length > 1 && words[0]) firstWords.add(words[0].toLowerCase());
  }
  return { places, organizations, countries, otherPlaces, firstWords };
}

/** Acronyms are case-sensitive ("IS" the group, not "is"); other names compare case-insensitively. */
function orgKey(text: string): string {
  const plain = text
    .replace(/[’`]/g, "'")
    .replace(/^the\s+/i, '')
    .trim();
  return /^[A-Z0-9.-]+$/.test(plain) ? `=${plain}` : key(plain);
}

function getTables(): Tables {
  tables ??= build();
  return tables;
}

/**
 * The country a place name stands for: a country name or short form ("US", "Britain"), a demonym/adjective
 * ("Russian", "Turkish") or a seat of government used as an actor ("Washington", "the Kremlin", "Damascus").
 * Case-insensitive, ignores a leading "the" and a possessive ("Moscow’s"). Undefined for anything else.
 */
export function lookupPlace(text: string): Place | undefined {
  return memo(placeCache, text, () => {
    const plain = stripPossessive(text);
    // "US" and "IS" style acronyms must be upper-case to count, so "us" (the pronoun) never becomes a country.
    if (/^(the\s+)?us$/i.test(plain) && !/US$/.test(plain)) return undefined;
    return getTables().places.get(key(plain));
  });
}

// Lookups repeat the same few hundred strings per article; caching them keeps enrich within its time budget.
// Bounded so a long-lived Lambda container cannot grow it without limit.
const placeCache = new Map<string, Place | undefined>();
const organizationCache = new Map<string, KnownOrganization | undefined>();
const knownPlaceCache = new Map<string, boolean>();
const CACHE_LIMIT = 20000;

function memo<T>(cache: Map<string, T>, text: string, compute: () => T): T {
  const cached = cache.get(text);
  // Most lookups miss the gazetteer (cached as undefined): only those need the second lookup.
  if (cached !== undefined || cache.has(text)) return cached as T;
  const value = compute();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, value);
  return value;
}

/** Country name and ISO code for an ISO 3166-1 alpha-2 code from the gazetteer. */
export function countryByIso(iso: string): { name: string; iso: string } | undefined {
  return getTables().countries.get(iso);
}

/**
 * A known organisation by its name or an alias ("ISIS" → Islamic State, "the Pentagon" → Pentagon).
 * Acronyms match case-sensitively; other names case-insensitively. Undefined when unknown.
 */
export function lookupOrganization(text: string): KnownOrganization | undefined {
  return memo(organizationCache, text, () => getTables().organizations.get(orgKey(stripPossessive(text))));
}

/** True for regions and cities the gazetteer knows that are not countries or seats ("Aleppo", "Middle East"). */
export function isKnownPlaceName(text: string): boolean {
  return memo(knownPlaceCache, text, () => getTables().otherPlaces.has(key(stripPossessive(text))));
}

/** False when no multi-word gazetteer name starts with `word`: longer lookups from it cannot match. */
export function startsMultiWordName(word: string): boolean {
  const plain = word.includes('’') || word.includes('`') ? word.replace(/[’`]/g, "'") : word;
  return getTables().firstWords.has(plain.toLowerCase());
}

export function stripPossessive(text: string): string {
  // Called for nearly every capitalised token: skip the regex when there is nothing to strip.
  const last = text[text.length - 1] ?? '';
  if (last !== "'" && last !== '’' && last !== 's' && !/\s/.test(last) && !/^\s/.test(text)) return text;
  return text.replace(/['’]s?$/u, '').trim();
}
