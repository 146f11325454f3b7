import { decodeHTML } from 'entities/decode';

const MAYBE_ENTITY = /&(?:#\d|#x[0-9a-f]|[a-z])/i;

/**
 * Decodes HTML character references (`&amp;`, `&#8220;`, `&eacute;`, legacy `&amp` without `;`) in plain
 * text with the decoder htmlparser2 itself uses (the `entities` package; its decoder entry alone, without the
 * encoder's tables), so text files, markdown and JSON decode exactly as HTML pages do; other text is untouched.
 */
export function decodeEntities(text: string): string {
  return MAYBE_ENTITY.test(text) ? decodeHTML(text) : text;
}
