import { onlyArticle, parseFixture } from './fixture-input';
import { decodeText, decodeWindows1252 } from '../../../../lambdas/core/article/encoding';

const TITLE = 'Café owner’s “slow coffee” idea spreads across the région';
const FIRST =
  'Élodie Marchetti opened her café in Saint-Aubin with one rule: no coffee to take away. “Sit down for ten minutes,” she tells customers. “The cup will wait for you.”';

describe('text encodings', () => {
  it.each(['utf8-bom.txt', 'utf16le-bom.txt', 'utf16be-bom.txt', 'windows-1252.txt'])(
    '%s decodes to the same accented text with curly quotes and dashes',
    (name) => {
      const article = onlyArticle(parseFixture(name));
      expect(article.title).toBe(TITLE);
      expect(article.published).toBe('2024-06-07');
      expect(article.paragraphs[0]).toBe(FIRST);
      expect(article.paragraphs[1]).toContain('the same rule — and');
    },
  );

  it('gives the same article the same id whatever its encoding', () => {
    const ids = ['utf8-bom.txt', 'utf16le-bom.txt', 'utf16be-bom.txt', 'windows-1252.txt'].map(
      (name) => onlyArticle(parseFixture(name)).id,
    );
    expect(new Set(ids).size).toBe(1);
  });

  it('decodes Latin-1 text', () => {
    const article = onlyArticle(parseFixture('latin1.txt'));
    expect(article.title).toBe('Señora Núñez wins the Ribeira rowing regatta');
    expect(article.paragraphs[1]).toBe(
      '«I train at dawn, before the wind», she said on the pontoon, still in her faded club jersey.',
    );
  });

  it('keeps no byte-order mark in the text', () => {
    const article = onlyArticle(parseFixture('utf8-bom.txt'));
    expect(article.title?.startsWith('\ufeff')).toBe(false);
  });
});

describe('decodeText', () => {
  it('reads plain ASCII and UTF-8 without a BOM as UTF-8', () => {
    expect(decodeText(Buffer.from('Zürich – “ok”', 'utf8'))).toEqual({
      ok: true,
      text: 'Zürich – “ok”',
      encoding: 'UTF-8',
    });
  });

  it('maps the Windows-1252 range 0x80–0x9F to quotes, dashes and the euro sign', () => {
    expect(decodeWindows1252(Uint8Array.from([0x93, 0x41, 0x94, 0x20, 0x96, 0x97, 0x80, 0x92, 0xe9]))).toBe(
      '“A” –—€’é',
    );
  });

  it('refuses UTF-32 with a message that says what to do', () => {
    const result = decodeText(Uint8Array.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]));
    expect(result).toEqual({ ok: false, message: 'UTF-32 text is not supported; save the file as UTF-8.' });
  });

  it('refuses a UTF-8 BOM followed by invalid UTF-8', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0x28]))).toEqual({
      ok: false,
      message: 'The file is not valid UTF-8 (with BOM) text.',
    });
  });
});
