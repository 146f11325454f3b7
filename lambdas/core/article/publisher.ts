/**
 * Canonical publisher names for the short forms and domains that footers, bylines and metadata use.
 * A name not listed here is kept as the file wrote it (domains lose "www.").
 */
const CANONICAL: ReadonlyMap<string, string> = new Map([
  ['wsws', 'World Socialist Web Site'],
  ['wsws.org', 'World Socialist Web Site'],
  ['world socialist web site', 'World Socialist Web Site'],
  ['wikinews', 'Wikinews'],
  ['en.wikinews.org', 'Wikinews'],
  ['wikinews.org', 'Wikinews'],
  ['reuters', 'Reuters'],
  ['reuters.com', 'Reuters'],
  ['ap', 'Associated Press'],
  ['apnews.com', 'Associated Press'],
  ['associated press', 'Associated Press'],
  ['afp', 'Agence France-Presse'],
  ['bbc', 'BBC News'],
  ['bbc.com', 'BBC News'],
  ['bbc.co.uk', 'BBC News'],
  ['bbc news', 'BBC News'],
  ['theguardian.com', 'The Guardian'],
  ['the guardian', 'The Guardian'],
  ['nytimes.com', 'The New York Times'],
  ['the new york times', 'The New York Times'],
  ['aljazeera.com', 'Al Jazeera'],
  ['al jazeera', 'Al Jazeera'],
]);

/** The canonical form of a publisher name or domain; null for an empty value. */
export function canonicalPublisher(name: string): string | null {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  if (trimmed === '') return null;
  const domain = hostOf(trimmed);
  const key = (domain ?? trimmed).toLowerCase();
  return (
    CANONICAL.get(key) ??
    CANONICAL.get(key.replace(/^www\./, '')) ??
    (domain ? domain.replace(/^www\./, '') : trimmed)
  );
}

/** The host of a URL or bare domain ("wsws.org/contact" → "wsws.org"); null when the text is not one. */
export function hostOf(text: string): string | null {
  const match = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?::\d+)?(?:[/?#]\S*)?$/i.exec(text.trim());
  return match?.[1] ? match[1].toLowerCase() : null;
}
