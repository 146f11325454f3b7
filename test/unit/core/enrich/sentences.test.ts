import { splitSentences, tokenize } from '../../../../lambdas/core/enrich/sentences';

function sentencesOf(paragraph: string): string[] {
  return splitSentences(paragraph).map((s) => paragraph.slice(s.start, s.end));
}

describe('splitSentences', () => {
  it('splits at terminal punctuation followed by a capital', () => {
    expect(sentencesOf('The talks ended. Both sides left Geneva! Will they return? Nobody knows.')).toEqual([
      'The talks ended.',
      'Both sides left Geneva!',
      'Will they return?',
      'Nobody knows.',
    ]);
  });

  it('does not split after titles and abbreviations such as Mr., Gen. and Sept.', () => {
    expect(sentencesOf('Mr. Hale met Gen. Ortiz on Sept. 4 in Lisbon. They spoke for an hour.')).toEqual([
      'Mr. Hale met Gen. Ortiz on Sept. 4 in Lisbon.',
      'They spoke for an hour.',
    ]);
  });

  it('keeps "U.S." inside a sentence unless the next word opens a new one', () => {
    expect(
      sentencesOf('The U.S. Navy sent a ship to the U.S. base. The crew stayed in the U.S. The port closed.'),
    ).toEqual([
      'The U.S. Navy sent a ship to the U.S. base.',
      'The crew stayed in the U.S.',
      'The port closed.',
    ]);
  });

  it('keeps a quotation and its attribution in one sentence', () => {
    expect(sentencesOf('“We will not leave,” the mayor said. “Never.” She then went home.')).toEqual([
      '“We will not leave,” the mayor said.',
      '“Never.”',
      'She then went home.',
    ]);
  });

  it('does not split before a lower-case word after a quoted question', () => {
    expect(sentencesOf('"Why now?" asked the senator. Aides shrugged.')).toEqual([
      '"Why now?" asked the senator.',
      'Aides shrugged.',
    ]);
  });

  it('returns paragraph offsets that cover the trimmed text', () => {
    const paragraph = '  One. Two.  ';
    expect(splitSentences(paragraph)).toEqual([
      { start: 2, end: 6 },
      { start: 7, end: 11 },
    ]);
  });
});

describe('tokenize', () => {
  it('keeps names with particles, possessives, initialisms and numbers whole', () => {
    expect(tokenize('Kerry’s U.S. visit to al-Assad cost 4,000 dollars.').map((t) => t.text)).toEqual([
      'Kerry’s',
      'U.S.',
      'visit',
      'to',
      'al-Assad',
      'cost',
      '4,000',
      'dollars',
      '.',
    ]);
  });

  it('offsets tokens by the given start', () => {
    expect(tokenize('Mr. Lind', 10)).toEqual([
      { text: 'Mr.', start: 10, end: 13 },
      { text: 'Lind', start: 14, end: 18 },
    ]);
  });
});

describe('splitSentences with other quotation conventions', () => {
  it("splits before ``…'', «…» and „…“ quotations and after their closing marks", () => {
    const paragraph = "He left.'' ``We stay,'' she said. «Never.» „Nobody goes.“ The end.";
    expect(splitSentences(paragraph).map((s) => paragraph.slice(s.start, s.end))).toEqual([
      "He left.''",
      "``We stay,'' she said.",
      '«Never.»',
      '„Nobody goes.“',
      'The end.',
    ]);
  });
});

describe('splitSentences after a closing quotation mark', () => {
  it('ends the sentence after an initialism that closes a quotation', () => {
    const paragraph = '"We will stay in the U.S." Ana Ruiz, a farmer, disagreed.';
    expect(splitSentences(paragraph).map((s) => paragraph.slice(s.start, s.end))).toEqual([
      '"We will stay in the U.S."',
      'Ana Ruiz, a farmer, disagreed.',
    ]);
  });
});
