import type { ArticleFormat } from './record';

/** Extensions read by each format; `.gz` around any of them is unwrapped first. */
const BY_EXTENSION: Readonly<Record<string, ArticleFormat>> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  mdown: 'md',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  json: 'json',
  jsonl: 'json',
  ndjson: 'json',
};

const COMPRESSED = new Set(['gz', 'gzip']);

export type FormatByName =
  | { readonly kind: 'known'; readonly format: ArticleFormat; readonly jsonLines: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'unsupported'; readonly extension: string };

/** The file's extension(s) decide its format: "a.json.gz" → json, "a" → none (sniffed), "a.pdf" → unsupported. */
export function formatFromKey(key: string): FormatByName {
  const name = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
  const parts = name.split('.');
  if (parts.length < 2) return { kind: 'none' };
  let extension = parts[parts.length - 1] ?? '';
  if (COMPRESSED.has(extension)) {
    if (parts.length < 3) return { kind: 'none' };
    extension = parts[parts.length - 2] ?? '';
  }
  const format = BY_EXTENSION[extension];
  if (format) return { kind: 'known', format, jsonLines: extension === 'jsonl' || extension === 'ndjson' };
  // Names like "Report 5.2" or "v1.0" have a dot but no real extension.
  if (!/^[a-z][a-z0-9]{0,7}$/.test(extension)) return { kind: 'none' };
  return { kind: 'unsupported', extension };
}

/** A Content-Type header's format, for objects whose key has no extension. */
export function formatFromContentType(contentType: string | undefined): ArticleFormat | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/json' || type === 'application/x-ndjson' || type === 'application/jsonl')
    return 'json';
  if (type === 'text/markdown' || type === 'text/x-markdown') return 'md';
  if (type === 'text/plain') return 'txt';
  return null;
}

/** Content sniffing as the last resort: markup → html, a JSON value → json, anything else → txt. */
export function sniffFormat(text: string): ArticleFormat {
  const head = text.slice(0, 1024).trimStart();
  if (/^(?:<!doctype html|<html|<head|<body|<article|<!--|<meta|<p[\s>]|<div[\s>])/i.test(head))
    return 'html';
  if (/^[{[]/.test(head)) return 'json';
  return 'txt';
}
