import type * as Chardet from 'chardet';

/** chardet (its byte-frequency models) is loaded only for the rare file that is not UTF-8. */
let chardet: typeof Chardet | undefined;

function analyse(bytes: Uint8Array): ReturnType<typeof Chardet.analyse> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see above
  chardet ??= require('chardet') as typeof Chardet;
  return chardet.analyse(bytes);
}

export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly encoding: string }
  | { readonly ok: false; readonly message: string };

/** chardet's names for single-byte Western encodings, all read as Windows-1252 (a superset of Latin-1). */
const WESTERN = new Set(['ISO-8859-1', 'ISO-8859-15', 'windows-1252']);
/** Fewest chardet confidence points (0–100) accepted for a legacy encoding guess. */
const MIN_CONFIDENCE = 10;

/**
 * Bytes → text. A BOM decides (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8, and anything else is
 * identified by chardet and decoded with the WHATWG decoder for that encoding (Windows-1252 for Latin-1).
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return strict('utf-8', bytes.subarray(3), 'UTF-8 (with BOM)');
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return { ok: false, message: 'UTF-32 text is not supported; save the file as UTF-8.' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return strict('utf-16le', bytes.subarray(2), 'UTF-16LE');
  if (startsWith(bytes, [0xfe, 0xff])) return strict('utf-16be', bytes.subarray(2), 'UTF-16BE');
  const utf8 = strict('utf-8', bytes, 'UTF-8');
  if (utf8.ok) return utf8;

  const guess = analyse(bytes).find((match) => match.confidence >= MIN_CONFIDENCE);
  if (!guess)
    return { ok: false, message: 'The text encoding could not be identified; save the file as UTF-8.' };
  const decoded = WESTERN.has(guess.name)
    ? { ok: true as const, text: decodeWindows1252(bytes), encoding: 'windows-1252' }
    : strict(guess.name, bytes, guess.name);
  if (!decoded.ok) return decoded;
  // Undefined Windows-1252 bytes decode to C1 controls: many of them mean the guess was wrong.
  if (c1Share(decoded.text) > 0.01) {
    return {
      ok: false,
      message: `The text is not valid UTF-8 and does not read as ${guess.name}; save it as UTF-8.`,
    };
  }
  return decoded;
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F, where it has typographic quotes, dashes and €.
 * Decoded here by table because Node 20's TextDecoder('windows-1252') silently decodes Latin-1 instead
 * (nodejs/node#56542), which would turn curly quotes into invisible C1 controls. Undefined bytes keep their
 * C1 code point, as the WHATWG decoder does.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes = Array.from(bytes.subarray(start, start + CHUNK), (byte) =>
      byte >= 0x80 && byte <= 0x9f ? (CP1252_HIGH[byte - 0x80] ?? byte) : byte,
    );
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join('');
}

function strict(label: string, bytes: Uint8Array, name: string): DecodeResult {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    return { ok: false, message: `The text encoding ${name} is not supported; save the file as UTF-8.` };
  }
  try {
    return { ok: true, text: decoder.decode(bytes), encoding: name };
  } catch {
    return { ok: false, message: `The file is not valid ${name} text.` };
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

function c1Share(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x80 && code <= 0x9f) count += 1;
  }
  return text.length === 0 ? 0 : count / text.length;
}
