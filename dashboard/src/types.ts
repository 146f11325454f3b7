/** The API's JSON shapes (docs/api.md). Kept here: the browser app imports no server code. */
export interface ArticleSummary {
  readonly articleId: string;
  readonly title: string | null;
  readonly publisher: string | null;
  readonly published: string | null;
  readonly authors: string[];
  readonly url: string | null;
  readonly wordCount: number;
  readonly quoteCount: number;
  readonly eventCount: number;
  readonly source: { readonly bucket: string; readonly key: string };
}

export interface Quote {
  readonly articleId: string;
  readonly index: number;
  readonly text: string;
  readonly kind: string;
  readonly speaker: string;
  readonly speakerKind: string;
  readonly cue: string | null;
  readonly paragraph: number | null;
  readonly start: number | null;
  readonly end: number | null;
  readonly published: string | null;
  readonly publisher: string | null;
  readonly title: string | null;
}

export interface Party {
  readonly name: string;
  readonly kind: string;
}

export interface Event {
  readonly articleId: string;
  readonly index: number;
  readonly date: string | null;
  readonly root: string;
  readonly label: string;
  readonly sentence: string;
  readonly paragraph: number | null;
  readonly dateText: string | null;
  readonly actors: { readonly name: string; readonly role: string }[];
  readonly source: Party | null;
  readonly target: Party | null;
  readonly location: string | null;
  readonly published: string | null;
  readonly title: string | null;
}

export interface ActorEvent {
  readonly articleId: string;
  readonly eventIndex: number;
  readonly actor: string;
  readonly roles: string[];
  readonly date: string | null;
  readonly root: string;
  readonly label: string;
  readonly sentence: string;
  readonly title: string | null;
}

export interface Article extends ArticleSummary {
  readonly subtitle: string | null;
  readonly language: string | null;
  readonly paragraphs: string[];
  readonly bodyRef: { readonly bucket: string; readonly key: string } | null;
  readonly quotes: Quote[];
  readonly events: Event[];
}

export interface TopEntry {
  readonly name: string;
  readonly count: number;
}

export interface Rejection {
  readonly bucket: string;
  readonly key: string;
  readonly reason: string;
  readonly message: string;
  readonly eventTime: string;
}

export interface Overview {
  readonly month: string;
  readonly articles: number;
  readonly quotes: number;
  readonly events: number;
  readonly rejections: number;
  readonly days: { day: string; articles: number; quotes: number; events: number }[];
  readonly latest: ArticleSummary[];
}

export interface Root {
  readonly root: string;
  readonly label: string;
}
