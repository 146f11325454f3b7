/** Speaker: one person's quotes over time, with a search box suggesting the speakers quoted in a period. */
import { useEffect, useState } from 'preact/hooks';
import { apiAll, apiGet } from '../api';
import { currentMonth, dateProblem, shiftMonth } from '../dates';
import { href, navigate } from '../router';
import type { Quote, TopEntry } from '../types';
import { BarChart, DateRangeFields, Empty, Field, Show, useLoad } from '../ui';

const MAX_QUOTES = 2000;

/** Quotes per publication month, every month from the first to the last (gaps show as zero). */
export function perMonth(quotes: readonly Quote[]): { labels: string[]; values: number[] } {
  const months = quotes
    .map((q) => q.published?.slice(0, 7))
    .filter((m): m is string => !!m)
    .sort();
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return { labels: [], values: [] };
  const labels: string[] = [];
  for (let m = first; m <= last; m = shiftMonth(m, 1)) labels.push(m);
  return { labels, values: labels.map((l) => months.filter((m) => m === l).length) };
}

function useSuggestions(q: string, from: string, to: string): TopEntry[] {
  const [items, setItems] = useState<TopEntry[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      apiGet<{ items: TopEntry[] }>('/speakers', { from, to, q, limit: 15 }, controller.signal).then(
        (r) => setItems(r.items),
        () => setItems([]),
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, from, to]);
  return items;
}

export function SpeakerPage(props: { params: Record<string, string> }) {
  const { name = '', from, to } = props.params;
  const [draft, setDraft] = useState({ name, from: from ?? '', to: to ?? '' });
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const problem =
    [from && dateProblem(from, 'either'), to && dateProblem(to, 'either')].find(Boolean) || null;
  // Suggestions come from the speaker rankings of up to 24 months: the chosen range, else the last two years.
  const suggestTo = (draft.to && !dateProblem(draft.to, 'either') ? draft.to : currentMonth()).slice(0, 7);
  const wantedFrom =
    draft.from && !dateProblem(draft.from, 'either') ? draft.from.slice(0, 7) : shiftMonth(suggestTo, -23);
  const suggestFrom =
    wantedFrom < shiftMonth(suggestTo, -23) || wantedFrom > suggestTo
      ? shiftMonth(suggestTo, -23)
      : wantedFrom;
  const suggestions = useSuggestions(draft.name.trim(), suggestFrom, suggestTo);
  const data = useLoad(`speaker ${name} ${from} ${to}`, (signal) =>
    !name
      ? Promise.resolve(null)
      : problem
        ? Promise.reject(new Error(problem))
        : apiAll<Quote>('/quotes', { speaker: name, from, to }, MAX_QUOTES, signal),
  );
  return (
    <>
      <h1 tabIndex={-1}>{name ? `Quotes of ${name}` : 'Speaker'}</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const next = {
            name: draft.name.trim() ? null : 'type a speaker’s name',
            from: draft.from.trim() ? dateProblem(draft.from.trim(), 'either') : null,
            to: draft.to.trim() ? dateProblem(draft.to.trim(), 'either') : null,
          };
          setErrors(next);
          if (!next.name && !next.from && !next.to)
            navigate('speaker', { name: draft.name.trim(), from: draft.from.trim(), to: draft.to.trim() });
        }}
      >
        <Field
          id="speaker"
          label="Speaker"
          value={draft.name}
          onInput={(v) => setDraft({ ...draft, name: v })}
          list="speaker-suggestions"
          error={errors['name']}
        />
        <datalist id="speaker-suggestions">
          {suggestions.map((s) => (
            <option key={s.name} value={s.name}>
              {s.count} quotes
            </option>
          ))}
        </datalist>
        <DateRangeFields draft={draft} setDraft={setDraft} errors={errors} />
        <button type="submit">Show quotes</button>
      </form>
      {suggestions.length > 0 && !name && (
        <section aria-labelledby="suggest-h">
          <h2 id="suggest-h">
            Most quoted, {suggestFrom} to {suggestTo}
          </h2>
          <ul class="chips">
            {suggestions.map((s) => (
              <li key={s.name}>
                <a href={href('speaker', { name: s.name, from: draft.from, to: draft.to })}>
                  {s.name} ({s.count})
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Show value={data} what="the quotes">
        {(result) =>
          result === null ? (
            <Empty>Type a name to see what that person said over time.</Empty>
          ) : result.items.length === 0 ? (
            <Empty>
              No quotes of {name}
              {from || to ? ' in this period' : ''}.
            </Empty>
          ) : (
            <>
              <p>
                <span data-count="quotes">{result.items.length}</span> quotes
                {result.truncated ? ` (the first ${MAX_QUOTES}; narrow the dates)` : ''}.
              </p>
              <BarChart
                id="quotes-over-time"
                title={`Quotes of ${name} per month`}
                valueLabel="Quotes"
                series={perMonth(result.items)}
              />
              <ol class="quotes" data-rows={result.items.length}>
                {result.items.map((q) => (
                  <li key={`${q.articleId}-${q.index}`}>
                    <blockquote>{q.text}</blockquote>
                    <p class="cite">
                      <time>{q.published ?? 'undated'}</time> ·{' '}
                      <a href={href('article', { id: q.articleId })}>{q.title ?? '(untitled)'}</a>
                      {q.publisher ? ` · ${q.publisher}` : ''}
                    </p>
                  </li>
                ))}
              </ol>
            </>
          )
        }
      </Show>
    </>
  );
}
