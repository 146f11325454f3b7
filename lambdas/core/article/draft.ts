import type { PublishedSource, RejectionReason } from './record';

/** What one format's reader extracts from a file, before overrides, id and word count are applied. */
export interface ArticleDraft {
  readonly title: string | null;
  readonly subtitle: string | null;
  readonly authors: readonly string[];
  readonly published: string | null;
  readonly publishedSource: PublishedSource;
  readonly publisher: string | null;
  /** A wire agency credited for the story, kept apart from the authors. */
  readonly credit?: string | null;
  readonly language: string | null;
  readonly url: string | null;
  readonly paragraphs: readonly string[];
}

/** A reader's failure: becomes the file's rejection. */
export interface ReadFailure {
  readonly reason: RejectionReason;
  readonly message: string;
}

export type ReadResult =
  | { readonly ok: true; readonly drafts: readonly ArticleDraft[] }
  | { readonly ok: false; readonly failure: ReadFailure };

export function emptyDraft(): ArticleDraft {
  return {
    title: null,
    subtitle: null,
    authors: [],
    published: null,
    publishedSource: null,
    publisher: null,
    language: null,
    url: null,
    paragraphs: [],
  };
}
