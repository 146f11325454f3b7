import { gunzipSync } from 'node:zlib';

/** A gzip member starts with 1f 8b and the deflate method byte 08. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

export type GunzipResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | {
      readonly ok: false;
      readonly reason: 'decompressed-too-large' | 'undecodable';
      readonly message: string;
    };

/**
 * Decompresses gzip with a hard cap: zlib stops at maxBytes + 1 output bytes (maxOutputLength), so a
 * decompression bomb costs at most the cap in memory and time, never the bomb's full size.
 */
export function gunzipBounded(bytes: Uint8Array, maxBytes: number): GunzipResult {
  try {
    const out = gunzipSync(bytes, { maxOutputLength: Math.max(1, maxBytes + 1) });
    if (out.length > maxBytes) return tooLarge(maxBytes);
    return { ok: true, bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength) };
  } catch (error) {
    if (isBufferTooLarge(error)) return tooLarge(maxBytes);
    const detail = errorMessage(error);
    return {
      ok: false,
      reason: 'undecodable',
      message: `The gzip data is corrupt or truncated (${detail}).`,
    };
  }
}

// Errors are recognised by shape, not instanceof: zlib's errors may come from another realm (test sandboxes).
function isBufferTooLarge(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE'
  );
}

function errorMessage(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}

function tooLarge(maxBytes: number): GunzipResult {
  return {
    ok: false,
    reason: 'decompressed-too-large',
    message: `The file decompresses to more than the ${maxBytes}-byte limit.`,
  };
}
