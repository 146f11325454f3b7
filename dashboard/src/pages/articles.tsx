/** Articles of a day or a publisher, paged with the API's cursor. */
import { useState } from 'preact/hooks';
import { apiGet, type Page } from '../api';
import { dateProblem } from '../dates';
import { href, navigate } from '../router';
import type { ArticleSummary } from '../types';
import { dash, Empty, Field, Show, useLoad } from '../ui';

export function ArticleTable(props: { articles: ArticleSummary[] }) {
  return (
    <table class="data" data-rows={props.articles.length}>
      <thead>
        <tr>
          <th scope="col">Published</th>
          <th scope="col">Title</th>
          <th scope="col">Publisher</th>
          <th scope="col">Quotes</th>
          <th scope="col">Events</th>
        </tr>
      </thead>
      <tbody>
        {props.articles.map((a) => (
          <tr key={a.articleId}>
            <td>{dash(a.published)}</td>
            <td>
              <a href={href('article', { id: a.articleId })}>{a.title ?? '(untitled)'}</a>
            </td>
            <td>
              {a.publisher ? <a href={href('articles', { publisher: a.publisher })}>{a.publisher}</a> : '—'}
            </td>
            <td>{a.quoteCount}</td>
            <td>{a.eventCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A list with "Load more": the first page comes with the URL, later ones are appended. */
export function usePaged<T>(
  key: string,
  path: string,
  params: Record<string, string | undefined>,
  skip: string | null,
) {
  const first = useLoad(key, (signal) =>
    skip ? Promise.reject(new Error(skip)) : apiGet<Page<T>>(path, params, signal),
  );
  const [more, setMore] = useState<{
    key: string;
    items: T[];
    cursor: string | null;
    busy: boolean;
    error?: string;
  }>({
    key: '',
    items: [],
    cursor: null,
    busy: false,
  });
  const extra = more.key === key ? more : { key, items: [] as T[], cursor: null, busy: false };
  const cursor = extra.cursor ?? (first.state === 'ok' ? first.data.cursor : null);
  const loadMore = async (): Promise<void> => {
    if (!cursor) return;
    setMore({ ...extra, busy: true });
    try {
      const page = await apiGet<Page<T>>(path, { ...params, cursor });
      setMore({ key, items: [...extra.items, ...page.items], cursor: page.cursor, busy: false });
    } catch (err) {
      setMore({ ...extra, busy: false, error: (err as Error).message });
    }
  };
  const exhausted = extra.items.length > 0 && extra.cursor === null;
  return {
    first,
    extra: extra.items,
    hasMore: cursor !== null && !exhausted,
    busy: extra.busy,
    error: extra.error,
    loadMore,
  };
}

export function MoreButton(props: { paged: ReturnType<typeof usePaged<unknown>> }) {
  const p = props.paged;
  return (
    <>
      {p.error && (
        <p class="state error" role="alert">
          {p.error}
        </p>
      )}
      {p.hasMore && (
        <button type="button" onClick={() => void p.loadMore()} disabled={p.busy}>
          {p.busy ? 'Loading…' : 'Load more'}
        </button>
      )}
    </>
  );
}

export function ArticlesPage(props: { params: Record<string, string> }) {
  const { day, publisher, from, to } = props.params;
  const [draft, setDraft] = useState({ day: day ?? '', publisher: publisher ?? '' });
  const [error, setError] = useState<string | null>(null);
  const problem =
    day !== undefined ? dateProblem(day, 'day') : publisher ? null : 'pick a day or a publisher';
  const params = day !== undefined ? { day } : { publisher, from, to };
  const paged = usePaged<ArticleSummary>(`articles ${JSON.stringify(params)}`, '/articles', params, problem);
  return (
    <>
      <h1 tabIndex={-1}>
        {day ? `Articles published on ${day}` : publisher ? `Articles of ${publisher}` : 'Articles'}
      </h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.day.trim()) {
            const p = dateProblem(draft.day.trim(), 'day');
            setError(p);
            if (!p) navigate('articles', { day: draft.day.trim() });
          } else if (draft.publisher.trim()) navigate('articles', { publisher: draft.publisher.trim() });
          else setError('type a day or a publisher');
        }}
      >
        <Field
          id="day"
          label="Day"
          value={draft.day}
          onInput={(v) => setDraft({ ...draft, day: v })}
          placeholder="YYYY-MM-DD"
          error={error}
        />
        <Field
          id="publisher"
          label="or publisher"
          value={draft.publisher}
          onInput={(v) => setDraft({ ...draft, publisher: v })}
        />
        <button type="submit">Show</button>
      </form>
      <Show value={paged.first} what="the articles">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No articles {day ? `published on ${day}` : `of ${publisher}`}.</Empty>
          ) : (
            <>
              <ArticleTable articles={[...page.items, ...paged.extra]} />
              <MoreButton paged={paged as never} />
            </>
          )
        }
      </Show>
    </>
  );
}
