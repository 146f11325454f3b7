import { extractEntities } from '../../../../lambdas/core/enrich/entities';
import type { Quote } from '../../../../lambdas/core/enrich/model';
import { extractQuotes, findQuoteSpans } from '../../../../lambdas/core/enrich/quotes';

function quotesOf(paragraphs: string[]): Quote[] {
  return extractQuotes(paragraphs, extractEntities(paragraphs));
}

describe('extractQuotes', () => {
  it('splits a quotation around its attribution and gives both parts the speaker', () => {
    const paragraph = '“We will not retreat,” an unnamed Western diplomat said. “The talks are over.”';
    const speaker = {
      name: 'unnamed Western diplomat',
      kind: 'anonymous',
      description: 'an unnamed Western diplomat',
    };
    expect(quotesOf([paragraph])).toEqual([
      { text: 'We will not retreat,', kind: 'direct', speaker, cue: 'said', paragraph: 0, start: 1, end: 21 },
      { text: 'The talks are over.', kind: 'direct', speaker, cue: 'said', paragraph: 0, start: 58, end: 77 },
    ]);
  });

  it('returns offsets of the quoted words in the paragraph', () => {
    const paragraph = 'She said: “Not today.” Then she left.';
    const [quote] = quotesOf([paragraph]);
    expect(quote && paragraph.slice(quote.start, quote.end)).toBe('Not today.');
  });

  it('attributes `X said: “…”` through a pronoun to the last person named', () => {
    expect(
      quotesOf(['Finance Minister Jon Hale spoke in Leeds. He said: “Taxes will rise next year.”']),
    ).toEqual([
      {
        text: 'Taxes will rise next year.',
        kind: 'direct',
        speaker: { name: 'Jon Hale', kind: 'person', description: 'He' },
        cue: 'said',
        paragraph: 0,
        start: 52,
        end: 78,
      },
    ]);
  });

  it('attributes the British `“…,” says Mr Major` to the full name given earlier', () => {
    const quotes = quotesOf([
      'Former prime minister John Major spoke in Leeds.',
      '“It is a grave mistake,” says Mr Major.',
    ]);
    expect(quotes.map((q) => [q.text, q.speaker.name, q.cue, q.paragraph])).toEqual([
      ['It is a grave mistake,', 'John Major', 'says', 1],
    ]);
  });

  it('attributes straight-quoted speech after `X said:` and `said X,` between two parts', () => {
    const quotes = quotesOf([
      'Ana Ruiz of the central bank said: "Prices are falling."',
      '"Wages are not," said Ruiz, "and that worries us."',
    ]);
    expect(quotes.map((q) => [q.text, q.kind, q.speaker.name, q.cue])).toEqual([
      ['Prices are falling.', 'direct', 'Ana Ruiz', 'said'],
      ['Wages are not,', 'direct', 'Ana Ruiz', 'said'],
      ['and that worries us.', 'partial', 'Ana Ruiz', 'said'],
    ]);
  });

  it('gives a `saying, “…”` quotation to the subject of the sentence', () => {
    const quotes = quotesOf([
      'At a briefing on Monday, UN envoy Sara Lind urged restraint, saying, “Nobody wins this war.”',
    ]);
    expect(quotes.map((q) => [q.text, q.speaker, q.cue])).toEqual([
      ['Nobody wins this war.', { name: 'Sara Lind', kind: 'person' }, 'saying'],
    ]);
  });

  it('resolves `he said` to the person named before the quotation', () => {
    const quotes = quotesOf([
      'Pope Francis visited Lampedusa on Monday. “We have forgotten how to weep,” he said.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual([
      { name: 'Pope Francis', kind: 'person', description: 'he' },
    ]);
  });

  it('keeps a headline as a title and resolves `the newspaper` to the outlet', () => {
    const quotes = quotesOf([
      'The Daily Telegraph published an editorial on Sunday headlined "A Nation Adrift". The newspaper complained, "Ministers have lost control of the border."',
    ]);
    expect(quotes.map((q) => [q.text, q.kind, q.speaker.name, q.cue])).toEqual([
      ['A Nation Adrift', 'title', 'The Telegraph', 'headlined'],
      ['Ministers have lost control of the border.', 'direct', 'The Telegraph', 'complained'],
    ]);
  });

  it('keeps a headline after a noun naming a work as a title, but not speech after "the report,"', () => {
    const quotes = quotesOf([
      'A Reuters analysis, "Why Is the Dollar Falling Again?" drew wide attention.',
      'According to the report, "The schools are failing our children."',
    ]);
    expect(quotes.map((q) => [q.text, q.kind, q.speaker.name, q.cue])).toEqual([
      ['Why Is the Dollar Falling Again?', 'title', 'Reuters', 'analysis'],
      ['The schools are failing our children.', 'direct', 'report', 'according to'],
    ]);
  });

  it('resolves `It said` to the organisation named before and keeps a long partial quotation', () => {
    const quotes = quotesOf([
      'The Interior Ministry issued a statement late on Friday. It said the attackers had been "known to the security services for years."',
    ]);
    expect(quotes.map((q) => [q.text, q.kind, q.speaker.name, q.speaker.kind])).toEqual([
      ['known to the security services for years.', 'partial', 'Interior Ministry', 'organization'],
    ]);
  });

  it('keeps a two-word partial quotation after a naming verb', () => {
    const quotes = quotesOf(['Mayor Ruth Adler called the proposal a “reckless gamble” and left the room.']);
    expect(quotes.map((q) => [q.text, q.kind, q.speaker.name, q.cue])).toEqual([
      ['reckless gamble', 'partial', 'Ruth Adler', 'called'],
    ]);
  });

  it('drops scare quotes that nobody is reported to have said', () => {
    expect(
      quotesOf([
        'Government forces shelled “rebel” positions, the so-called "moderates" fled, and the "coalition" stayed silent.',
        'Officials said the “humanitarian” corridor and the "hot line" were working.',
      ]),
    ).toEqual([]);
  });

  it('continues a quotation into the next paragraph when the first one leaves it open', () => {
    const quotes = quotesOf([
      '“The first part of my answer is simple.',
      '“The second part is harder,” Finance Minister Jon Hale said.',
    ]);
    expect(quotes).toEqual([
      {
        text: 'The first part of my answer is simple. The second part is harder,',
        kind: 'direct',
        speaker: { name: 'Jon Hale', kind: 'person' },
        cue: 'said',
        paragraph: 0,
        start: 1,
        end: 39,
      },
    ]);
  });

  it('resolves `the minister` to the person with that role', () => {
    const quotes = quotesOf([
      'Finance Minister Jon Hale left early. "I have nothing to add," the minister told reporters.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual([
      { name: 'Jon Hale', kind: 'person', description: 'the minister' },
    ]);
  });

  it('gives a lone quotation the previous speaker, and an unattributed one an unknown speaker', () => {
    const quotes = quotesOf([
      '“We are ready,” the general said.',
      '“Our troops are in position.”',
      'The crowd cheered. “This changes nothing for the families.”',
    ]);
    expect(quotes.map((q) => [q.speaker.name, q.cue])).toEqual([
      ['general', 'said'],
      ['general', 'said'],
      ['general', 'said'],
    ]);
    const alone = quotesOf(['The crowd cheered. “This changes nothing for the families.”']);
    expect(alone.map((q) => q.speaker)).toEqual([{ name: 'unknown', kind: 'unknown' }]);
  });

  it('reads British single quotation marks without taking apostrophes for them', () => {
    const quotes = quotesOf([
      '‘We won’t give in,’ says Mr Major. ‘Not now, not ever.’ The Tories’ mood darkened.',
    ]);
    expect(quotes.map((q) => [q.text, q.speaker.name, q.cue, q.start, q.end])).toEqual([
      ['We won’t give in,', 'Mr Major', 'says', 1, 18],
      ['Not now, not ever.', 'Mr Major', 'says', 36, 54],
    ]);
  });

  it('skips a relative clause between the speaker and the cue', () => {
    const quotes = quotesOf(['Vladimir Putin, who spoke in Sochi on Friday, said: "We will respond."']);
    expect(quotes.map((q) => [q.text, q.speaker.name])).toEqual([['We will respond.', 'Vladimir Putin']]);
  });

  it('reads an abbreviated courtesy title in an inverted attribution', () => {
    const quotes = quotesOf(['"We have no choice," said Mr. Smith, the company\'s chief executive.']);
    expect(quotes.map((q) => [q.speaker.name, q.speaker.kind])).toEqual([['Mr. Smith', 'person']]);
  });

  it('gives a partial quotation after `, adding that` to the subject, not the object, of the sentence', () => {
    const quotes = quotesOf([
      '"We are ready," the official told Reuters, adding that troops were "in position and waiting for orders."',
    ]);
    expect(quotes.map((q) => [q.text, q.kind, q.speaker.name, q.speaker.kind, q.cue])).toEqual([
      ['We are ready,', 'direct', 'official', 'anonymous', 'told'],
      ['in position and waiting for orders.', 'partial', 'official', 'anonymous', 'adding'],
    ]);
  });

  it('keeps a family name that is also a month ("Theresa May")', () => {
    const quotes = quotesOf(['Prime Minister Theresa May told MPs: "Brexit means Brexit."']);
    expect(quotes.map((q) => q.speaker)).toEqual([{ name: 'Theresa May', kind: 'person' }]);
  });

  it('drops names in quotation marks and does not read "so-called" as a speech cue', () => {
    expect(
      quotesOf([
        'The rebels, calling themselves the "Army of Free Men", seized the town.',
        'Analysts doubt the so-called "war on terror" can be won.',
      ]),
    ).toEqual([]);
  });

  it('gives a standalone quotation to the named subject of the sentence before it, not to an earlier speaker', () => {
    const quotes = quotesOf([
      'Governor Ada Blum wrote on Twitter, "We will rebuild."',
      'Mayor Tom Ekker, who lost his home in the flood, criticised the response. "Help came three days too late."',
    ]);
    expect(quotes.map((q) => [q.text, q.speaker.name, q.cue])).toEqual([
      ['We will rebuild.', 'Ada Blum', 'wrote'],
      ['Help came three days too late.', 'Tom Ekker', null],
    ]);
  });

  it('attributes `according to X`', () => {
    const quotes = quotesOf([
      '"The airline moves weapons across the region," according to a statement by the Treasury.',
    ]);
    expect(quotes.map((q) => [q.speaker.name, q.cue])).toEqual([
      ['statement by the Treasury', 'according to'],
    ]);
  });
});

describe('findQuoteSpans', () => {
  it('keeps a quotation inside a quotation part of the outer one', () => {
    const paragraph = '"He told me "no" twice," she said.';
    expect(findQuoteSpans([paragraph])).toEqual([
      {
        paragraph: 0,
        open: 0,
        parts: [{ paragraph: 0, start: 1, end: 23 }],
        closeParagraph: 0,
        close: 24,
        closed: true,
      },
    ]);
  });

  it('closes a quotation left open at the end of a paragraph when the next does not continue it', () => {
    const spans = findQuoteSpans(['He said “this is unfinished', 'A new paragraph starts here.']);
    expect(spans).toEqual([
      {
        paragraph: 0,
        open: 8,
        parts: [{ paragraph: 0, start: 9, end: 27 }],
        closeParagraph: 0,
        close: 27,
        closed: false,
      },
    ]);
  });
});

describe('quotation conventions', () => {
  const texts = (paragraphs: string[]): string[][] =>
    quotesOf(paragraphs).map((q) => [q.text, q.speaker.name]);

  it("reads the ``…'' pairs of wire archives", () => {
    expect(texts(["``We will not retreat,'' said Ana Ruiz. ``The talks are over.''"])).toEqual([
      ['We will not retreat,', 'Ana Ruiz'],
      ['The talks are over.', 'Ana Ruiz'],
    ]);
  });

  it("reads doubled apostrophes ''…'' as quotation marks", () => {
    expect(texts(["''Prices will fall by spring,'' Finance Minister Jon Hale said on Friday."])).toEqual([
      ['Prices will fall by spring,', 'Jon Hale'],
    ]);
  });

  it("keeps a `…' quotation inside a ``…'' one, closing both at '''", () => {
    const paragraph = "``He told me `no' three times,'' said Ana Ruiz. ``Then he said `never.''' she added.";
    expect(texts([paragraph])).toEqual([
      ["He told me `no' three times,", 'Ana Ruiz'],
      ["Then he said `never.'", 'Ana Ruiz'],
    ]);
  });

  it('reads guillemets « » and » «', () => {
    expect(
      texts([
        'Interior Minister Jon Hale said: «The border stays closed until further notice.»',
        '»We have no other choice,« Hale added.',
      ]),
    ).toEqual([
      ['The border stays closed until further notice.', 'Jon Hale'],
      ['We have no other choice,', 'Jon Hale'],
    ]);
  });

  it('reads German „…“ marks, where “ closes', () => {
    expect(texts(['„The border stays closed,“ said Ana Ruiz. „Nobody crosses it.“'])).toEqual([
      ['The border stays closed,', 'Ana Ruiz'],
      ['Nobody crosses it.', 'Ana Ruiz'],
    ]);
  });

  it('reads straight single quotes where no double marks are used, not apostrophes or plural possessives', () => {
    expect(
      texts([
        "'We will rebuild the town,' Mayor Ana Ruiz said, as the students' union met in the '90s hall.",
      ]),
    ).toEqual([['We will rebuild the town,', 'Ana Ruiz']]);
  });

  it('does not close a single-quoted quotation at a plural possessive', () => {
    expect(texts(['‘The farmers’ anger is real and growing,’ said Ana Ruiz.'])).toEqual([
      ['The farmers’ anger is real and growing,', 'Ana Ruiz'],
    ]);
  });

  it('reads British single quotes around double ones as the outer quotation', () => {
    expect(texts(['‘He told me “no” three times,’ said Ana Ruiz. ‘I did not listen.’'])).toEqual([
      ['He told me “no” three times,', 'Ana Ruiz'],
      ['I did not listen.', 'Ana Ruiz'],
    ]);
  });

  it('keeps single quotes inside double quotes part of the outer quotation', () => {
    expect(texts(["\"He told me 'don't go', and I stayed,\" said Ana Ruiz."])).toEqual([
      ["He told me 'don't go', and I stayed,", 'Ana Ruiz'],
    ]);
  });
});

describe('quotation boundaries', () => {
  it('closes a quotation at a misdirected closing mark instead of running into the next quotation', () => {
    const quotes = quotesOf([
      'Ms Ada Lane spoke first. “Nobody listened to our advice.“ This argument was rejected by Mr Grey, who said: “The advice came too late.”',
    ]);
    expect(quotes.map((q) => q.text)).toEqual([
      'Nobody listened to our advice.',
      'The advice came too late.',
    ]);
  });

  it('ends a quotation whose closing mark is lost at its last sentence, before the narration', () => {
    const spans = findQuoteSpans([
      '"Nobody listened to our advice. This argument was rejected by Mr Grey, who said: "The advice came too late."',
    ]);
    expect(spans.map((s) => [s.parts.map((p) => [p.start, p.end]), s.closed])).toEqual([
      [[[1, 31]], false],
      [[[82, 107]], true],
    ]);
  });

  it('ends an unclosed quotation before the attribution it ran into, not at the paragraph end', () => {
    const quotes = quotesOf([
      'Ana Ruiz spoke. "We will go to the end, she said. The hall emptied quickly after the vote.',
      '"Nobody stops us, said Ruiz. Then she left the hall.',
    ]);
    expect(quotes.map((q) => [q.text, q.speaker.name, q.cue])).toEqual([
      ['We will go to the end,', 'Ana Ruiz', 'said'],
      ['Nobody stops us,', 'Ana Ruiz', 'said'],
    ]);
  });

  it('crosses a paragraph break only when the next paragraph opens with a quotation mark', () => {
    const spans = findQuoteSpans([
      'Ms Ada Lane said: "We will go to the end of this.',
      'the council then voted on the budget.',
    ]);
    expect(spans.map((s) => [s.paragraph, s.closeParagraph, s.parts.length])).toEqual([[0, 0, 1]]);
    const continued = findQuoteSpans([
      'He said: ``We will go to the end.',
      "``And we will win.'' The hall cheered.",
    ]);
    expect(continued.map((s) => [s.paragraph, s.closeParagraph, s.parts.length, s.closed])).toEqual([
      [0, 1, 2, true],
    ]);
  });

  it('continues a paragraph broken mid-sentence (no closing punctuation, lower case next)', () => {
    const spans = findQuoteSpans(['He said: "We will go to the end of', 'this road, whatever it costs."']);
    expect(spans.map((s) => [s.paragraph, s.closeParagraph, s.closed])).toEqual([[0, 1, true]]);
  });
});

describe('speakers', () => {
  const speakers = (paragraphs: string[]): string[] => quotesOf(paragraphs).map((q) => q.speaker.name);

  it('gives a quotation-only paragraph the previous quotation’s speaker', () => {
    expect(
      speakers([
        'Councillor Ada Lane spoke at the hearing. "We cannot wait another year for this," Lane said.',
        '"Is it in our interest to act? I think it is."',
      ]),
    ).toEqual(['Ada Lane', 'Ada Lane']);
  });

  it('gives a quotation-only paragraph the speaker of reported speech that ends the paragraph before', () => {
    expect(speakers(['Mr Grey said the plan would fail.', '"Is it in our interest to act at all?"'])).toEqual(
      ['Mr Grey'],
    );
  });

  it('gives a quotation-only paragraph to reported speech after the last quotation, not before it', () => {
    expect(
      speakers([
        '"We will win," Ana Ruiz said. Her rival, Tom Berg, said the plan would fail.',
        '"It is a fantasy from start to finish."',
      ]),
    ).toEqual(['Ana Ruiz', 'Tom Berg']);
  });

  it('resolves he/she only to a person, never to a place or a business read as a name', () => {
    expect(speakers(['Tom Hale grew up in Kingsbridge-on-Sea. "It was a quiet place," he said.'])).toEqual([
      'Tom Hale',
    ]);
    expect(
      speakers([
        'Singer Tom Hale signed with Orbit Records in 2010. Orbit Records later dropped him. "It was a shock," he said.',
      ]),
    ).toEqual(['Tom Hale']);
    expect(
      quotesOf(['Anna Berg visited Kingsbridge-on-Sea. "It was a shock," he said.']).map((q) => q.speaker),
    ).toEqual([{ name: 'unknown', kind: 'unknown', description: 'he' }]);
  });

  it('reads "Ms Lane of the Green Party" as a person of an organisation, and "she" as Ms Lane', () => {
    expect(
      speakers([
        'Ms Lane of the Green Party addressed the council. "We cannot wait another year for this," she said.',
      ]),
    ).toEqual(['Ms Lane']);
  });

  it('resolves he/she to an antecedent of the same gender, from titles and first names', () => {
    expect(speakers(['Mr Hale met Anna Berg. "We agreed on nothing," she said.'])).toEqual(['Anna Berg']);
    expect(speakers(['Mrs Hale met Tom Berg. "We agreed on nothing," she said.'])).toEqual(['Mrs Hale']);
    expect(speakers(['Lady Ashby met Tom Berg. "We agreed on nothing," he said.'])).toEqual(['Tom Berg']);
  });

  it('prefers the subject of the sentence over a person it mentions', () => {
    expect(speakers(['Tom Hale met John Berg in Leeds. "It went well," he said.'])).toEqual(['Tom Hale']);
  });

  it('resolves "the company" to the business named before and "it" to an organisation', () => {
    expect(
      speakers(['Orbit Records released the album in May. "We are proud of the result," the company added.']),
    ).toEqual(['Orbit Records']);
    expect(speakers(['Acme Corp said profits fell. "We expect a better year," it said.'])).toEqual([
      'Acme Corp',
    ]);
  });

  it('keeps a role description and links the entity it refers to', () => {
    const [quote] = quotesOf([
      'The Ministry of Defence confirmed the strike. "All our pilots returned safely," a spokesman for the ministry said.',
    ]);
    expect(quote?.speaker).toEqual({
      name: 'spokesman for the ministry (Ministry of Defence)',
      kind: 'anonymous',
      description: 'a spokesman for the ministry',
    });
  });

  it('links "his spokeswoman" to the person and "its spokesman" to the organisation', () => {
    expect(
      speakers([
        'President Tom Berg left for Rome. "The president looks forward to the visit," his spokeswoman said.',
        'Acme Corp cut 300 jobs. "The cuts were unavoidable," its spokesman said.',
      ]),
    ).toEqual(['spokeswoman (Tom Berg)', 'spokesman (Acme Corp)']);
  });

  it('resolves "they" to people named by a plural noun, unless an organisation was named after them', () => {
    expect(
      speakers([
        'Hundreds of protesters gathered outside parliament. "We want new elections," they said.',
        'Iranian officials denied the report. "It is a fabrication," they said.',
        'Residents blocked the road. The Interior Ministry condemned it. "It is illegal," they said.',
      ]),
    ).toEqual(['protesters', 'Iranian officials', 'Interior Ministry']);
  });

  it('gives a statement to the organisation that issued it', () => {
    expect(
      speakers([
        'The Interior Ministry issued a statement on Friday. "The border stays closed," the statement read.',
      ]),
    ).toEqual(['statement (Interior Ministry)']);
  });

  it('never takes a headline fragment or a place for a speaker', () => {
    expect(
      speakers(['"We are doomed," Plan Would Fail said.', '"We are doomed," Kingsbridge-on-Sea said.']),
    ).toEqual(['unknown', 'unknown']);
  });

  it('resolves "the 45-year-old" to the person named before', () => {
    expect(
      speakers(['Tom Berg was released on Monday. "I never lost hope," the 45-year-old told reporters.']),
    ).toEqual(['Tom Berg']);
  });

  it('never takes a common noun for a speaker', () => {
    expect(quotesOf(['"It was the worst day of my life," the trouble said.']).map((q) => q.speaker)).toEqual([
      { name: 'unknown', kind: 'unknown' },
    ]);
  });

  it('does not give a quotation to the person the next sentence is about', () => {
    expect(
      speakers([
        'Ms Ada Lane spoke first. "We will not give up on this town." John Berg, a local farmer, shook his head.',
        '"We will not give up on this town," Mayor Ana Ruiz said. John Berg, a local farmer, had lost his barn.',
      ]),
    ).toEqual(['Ada Lane', 'Ana Ruiz']);
  });

  it('reads the agent before "who said" and a colon after a clause about the speaker', () => {
    expect(
      speakers([
        'This argument was rejected by Mr Grey, who said: "The advice came too late."',
        'Senator Ana Ruiz gave a different account on Twitter: "I offered to resign last night."',
      ]),
    ).toEqual(['Mr Grey', 'Ana Ruiz']);
  });

  it('reads appositions after the closing mark, preferring the name in them', () => {
    expect(
      speakers([
        'Mayor Ana Ruiz spoke on Monday. "We will win," Ruiz, the town\'s mayor, said.',
        '"This is a disgrace," one resident, Maria Lopez, told local radio.',
        '"We will win this fight" Ruiz said.',
      ]),
    ).toEqual(['Ana Ruiz', 'Maria Lopez', 'Ana Ruiz']);
  });

  it('reads a name signing a quotation after a dash', () => {
    expect(
      speakers([
        '"We will rebuild this town, whatever it takes." — Ana Ruiz, mayor of Leeds',
        'Officials promised help. "It will come soon" – Tom Berg',
      ]),
    ).toEqual(['Ana Ruiz', 'Tom Berg']);
  });

  it('keeps a person taken for a place by the entity rules ("a letter from Ana Ruiz") as a speaker', () => {
    expect(speakers(['A letter from Ana Ruiz arrived. "We are broke," wrote Ana Ruiz.'])).toEqual([
      'Ana Ruiz',
    ]);
  });

  it('reads "according to X" when X follows "to"', () => {
    expect(speakers(['According to Ana Ruiz, "the town will recover within a year".'])).toEqual(['Ana Ruiz']);
  });
});

describe('quotations without a speech verb', () => {
  it('gives four or more quoted words inside a sentence to its named subject', () => {
    const quotes = quotesOf([
      'Councillor Ada Lane wants the council to "stop wasting time on studies" before winter.',
      'The ministry\'s only reply was "We will not comment on rumours."',
    ]);
    expect(quotes.map((q) => [q.text, q.kind, q.speaker.name, q.cue])).toEqual([
      ['stop wasting time on studies', 'partial', 'Ada Lane', null],
    ]);
  });

  it('keeps dropping titles of works and short labels', () => {
    expect(
      quotesOf(['Ada Lane starred in "The Return Of The Long Night" and the "pig cracker" case.']),
    ).toEqual([]);
  });
});
