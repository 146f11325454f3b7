import { analyse } from 'chardet';

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
  if (!guess) return { ok: false, message: 'The text encoding could not be identified; save the file as UTF-8.' };
  const label = WESTERN.has(guess.name) ? 'windows-1252' : guess.name;
  const decoded = strict(label, bytes, guess.name);
  if (!decoded.ok) return decoded;
  // Undefined Windows-1252 bytes decode to C1 controls: many of them mean the guess was wrong.
  if (c1Share(decoded.text) > 0.01) {
    return { ok: false, message: `The text is not valid UTF-8 and does not read as ${guess.name}; save it as UTF-8.` };
  }
  return decoded;
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
