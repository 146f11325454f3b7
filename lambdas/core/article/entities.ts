import type * as Entities from 'entities';

/**
 * The decoder's entity table is built when `entities` loads; most files hold no character reference, so it
 * is loaded on the first one rather than at cold start.
 */
let entities: typeof Entities | undefined;

function decodeHTML(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see above
  entities ??= require('entities') as typeof Entities;
  return entities.decodeHTML(text);
}

const MAYBE_ENTITY = /&(?:#\d|#x[0-9a-f]|[a-z])/i;

/**
 * Decodes HTML character references (`&amp;`, `&#8220;`, `&eacute;`, legacy `&amp` without `;`) in plain
 * text with the decoder htmlparser2 itself uses (the `entities` package), so text files, markdown and JSON
 * decode exactly as HTML pages do; other text is untouched.
 */
export function decodeEntities(text: string): string {
  return MAYBE_ENTITY.test(text) ? decodeHTML(text) : text;
}
