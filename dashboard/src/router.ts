/**
 * State in the URL: `#/page?key=value`. Hash routes work from any static host (no rewrite rules) and survive
 * the sign-in redirect, so every view is a shareable link.
 */
import { useEffect, useState } from 'preact/hooks';

export const PAGES = ['overview', 'article', 'articles', 'speaker', 'events', 'top', 'rejections'] as const;
export type PageName = (typeof PAGES)[number];

export interface Location {
  readonly page: PageName;
  readonly params: Readonly<Record<string, string>>;
}

export function parseHash(hash: string): Location {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const page = (PAGES as readonly string[]).includes(path) ? (path as PageName) : 'overview';
  return { page, params: Object.fromEntries(new URLSearchParams(query)) };
}

export function href(page: PageName, params: Record<string, string | undefined | null> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') query.set(k, v);
  const qs = query.toString();
  return `#/${page}${qs ? `?${qs}` : ''}`;
}

export function navigate(page: PageName, params: Record<string, string | undefined | null> = {}): void {
  location.hash = href(page, params);
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = (): void => setLoc(parseHash(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return loc;
}
