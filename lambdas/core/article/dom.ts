import { parseHTML } from 'linkedom';

/**
 * The slice of the DOM the readers use. The project compiles without the browser DOM typings, and linkedom
 * types its document as the global `Window`; these structural types name exactly what is relied on.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly parentNode: DomNode | null;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  remove(): void;
  innerHTML: string;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  readonly head: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  createElement(tagName: string): DomElement;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/**
 * Parses a page or a fragment. linkedom only builds a document element when the markup has an <html> root
 * (and its `body` getter throws without one), so anything else is parsed again wrapped in one.
 */
export function parseDocument(html: string): DomDocument {
  if (/<html[\s>]/i.test(html)) {
    const document = parseHTML(html).document as unknown as DomDocument;
    if (document.documentElement?.nodeName.toUpperCase() === 'HTML') return document;
  }
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`)
    .document as unknown as DomDocument;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}
