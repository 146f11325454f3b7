import { parseDocument } from './dom';

// Decoding goes through the same HTML parser the HTML reader uses (htmlparser2 inside linkedom), so every
// named and numeric entity is decoded as a browser would, without a second entity table.
const document = parseDocument('<!doctype html><html><body></body></html>');
const MAYBE_ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});?/i;

/** Decodes HTML character references (`&amp;`, `&#8220;`, `&eacute;`) in plain text; other text is untouched. */
export function decodeEntities(text: string): string {
  if (!MAYBE_ENTITY.test(text)) return text;
  const holder = document.createElement('div');
  holder.innerHTML = text.replace(/</g, '&lt;');
  return holder.textContent ?? text;
}
