import type * as HtmlReader from './html';

/**
 * The HTML reader, loaded on the first HTML page or HTML-bodied JSON item rather than at cold start. It pulls in
 * linkedom (htmlparser2, css-select, entity tables) and Readability, most of the parse bundle's module
 * initialisation, which plain-text and markdown files never use. esbuild keeps a require() inside a function
 * lazy: the required module and its imports are wrapped and initialised at the call, while still being
 * bundled and tree-shaken as ES modules; a static import would initialise them when the bundle loads.
 */
let reader: typeof HtmlReader | undefined;

function htmlReader(): typeof HtmlReader {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see above
  reader ??= require('./html') as typeof HtmlReader;
  return reader;
}

export function readHtml(html: string): ReturnType<typeof HtmlReader.readHtml> {
  return htmlReader().readHtml(html);
}

export function readHtmlFragment(html: string): string[] {
  return htmlReader().readHtmlFragment(html);
}
