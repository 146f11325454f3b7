/** Recognises binary files by their magic numbers and by bytes no text file contains. */

interface Signature {
  readonly name: string;
  readonly offset: number;
  readonly bytes: readonly number[];
}

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

// Gzip is absent on purpose: it is unwrapped before this check.
const SIGNATURES: readonly Signature[] = [
  { name: 'a PDF document', offset: 0, bytes: ascii('%PDF-') },
  { name: 'a PNG image', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'a JPEG image', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', offset: 0, bytes: ascii('GIF8') },
  { name: 'a WebP image or RIFF media file', offset: 0, bytes: ascii('RIFF') },
  { name: 'a TIFF image', offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'a TIFF image', offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'a ZIP archive (or a DOCX/EPUB/ODT document)', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'an empty ZIP archive', offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'a 7-Zip archive', offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'a RAR archive', offset: 0, bytes: ascii('Rar!\x1a\x07') },
  { name: 'a bzip2 archive', offset: 0, bytes: ascii('BZh') },
  { name: 'an xz archive', offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'a Zstandard archive', offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: 'a tar archive', offset: 257, bytes: ascii('ustar') },
  {
    name: 'a Microsoft Office (OLE2) document',
    offset: 0,
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  },
  { name: 'an RTF document', offset: 0, bytes: ascii('{\\rtf') },
  { name: 'an MP4/MOV video', offset: 4, bytes: ascii('ftyp') },
  { name: 'an MP3 audio file', offset: 0, bytes: ascii('ID3') },
  { name: 'an Ogg media file', offset: 0, bytes: ascii('OggS') },
  { name: 'an ELF executable', offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'a WebAssembly module', offset: 0, bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'an SQLite database', offset: 0, bytes: ascii('SQLite format 3\x00') },
];

/** The kind of binary file the bytes start with ("a PDF document"), or null. */
export function binarySignature(bytes: Uint8Array): string | null {
  for (const signature of SIGNATURES) {
    if (bytes.length < signature.offset + signature.bytes.length) continue;
    if (signature.bytes.every((byte, index) => bytes[signature.offset + index] === byte))
      return signature.name;
  }
  return null;
}

/** How many leading bytes are sampled for control characters. */
const SAMPLE = 8192;

/**
 * True when the text (already decoded) holds characters no article contains: NUL anywhere, or many C0
 * control characters near the start (other than tab, newline, carriage return, form feed).
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, SAMPLE);
  let controls = 0;
  for (let index = 0; index < sample.length; index += 1) {
    const code = sample.charCodeAt(index);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) controls += 1;
  }
  return sample.length > 0 && controls / sample.length > 0.05;
}
