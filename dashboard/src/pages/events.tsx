/** Events: a timeline for a date range, filtered by CAMEO root and actor, and who did what to whom. */
import { useState } from 'preact/hooks';
import { apiAll, apiGet } from '../api';
import { dateProblem } from '../dates';
import { href, navigate } from '../router';
import type { ActorEvent, Event, Root } from '../types';
import { BarChart, DateRangeFields, Empty, Field, Show, useLoad } from '../ui';
import { EventTable } from './article';

const MAX_EVENTS = 1000;

/** Events per day (or month, for month-precise dates) in date order. */
export function timeline(dates: readonly (string | null)[]): { labels: string[]; values: number[] } {
  const counts = new Map<string, number>();
  for (const d of dates) if (d) counts.set(d, (counts.get(d) ?? 0) + 1);
  const labels = [...counts.keys()].sort();
  return { labels, values: labels.map((l) => counts.get(l) ?? 0) };
}

function ActorTable(props: { events: ActorEvent[] }) {
  return (
    <table class="data" data-rows={props.events.length}>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Actor</th>
          <th scope="col">Role</th>
          <th scope="col">Did what</th>
          <th scope="col">Sentence</th>
        </tr>
      </thead>
      <tbody>
        {props.events.map((e) => (
          <tr key={`${e.articleId}-${e.eventIndex}`}>
            <td>{e.date ?? 'undated'}</td>
            <td>{e.actor}</td>
            <td>{e.roles.join(', ')}</td>
            <td>
              <span class="badge">{e.root}</span> {e.label}
            </td>
            <td>
              <a href={href('article', { id: e.articleId })}>{e.sentence}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EventsPage(props: { params: Record<string, string> }) {
  const { from = '', to = '', root = '', actor = '' } = props.params;
  const [draft, setDraft] = useState({ from, to, root, actor });
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const roots = useLoad('roots', (signal) => apiGet<{ items: Root[] }>('/roots', {}, signal));
  const problem = (from && dateProblem(from, 'either')) || (to && dateProblem(to, 'either')) || null;
  const asked = actor !== '' || from !== '';
  const data = useLoad(`events ${from} ${to} ${root} ${actor}`, async (signal) => {
    if (!asked) return null;
    if (problem) throw new Error(problem);
    const params = { from, to, root, actor };
    return actor
      ? { kind: 'actor' as const, ...(await apiAll<ActorEvent>('/events', params, MAX_EVENTS, signal)) }
      : { kind: 'range' as const, ...(await apiAll<Event>('/events', params, MAX_EVENTS, signal)) };
  });
  const rootLabel = roots.state === 'ok' ? roots.data.items.find((r) => r.root === root)?.label : undefined;
  return (
    <>
      <h1 tabIndex={-1}>
        Events{actor ? ` involving ${actor}` : ''}
        {from ? ` ${to && to !== from ? `from ${from} to ${to}` : `in ${from}`}` : ''}
        {root ? ` · ${root} ${rootLabel ?? ''}` : ''}
      </h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const f = draft.from.trim();
          const t = draft.to.trim();
          const next = {
            from: f
              ? dateProblem(f, 'either')
              : draft.actor.trim()
                ? null
                : 'a date range (or an actor) is needed',
            to: t ? dateProblem(t, 'either') : null,
          };
          setErrors(next);
          if (!next.from && !next.to)
            navigate('events', { from: f, to: t, root: draft.root, actor: draft.actor.trim() });
        }}
      >
        <DateRangeFields draft={draft} setDraft={setDraft} errors={errors} />
        <div class="field">
          <label for="root">CAMEO root</label>
          <select
            id="root"
            value={draft.root}
            onChange={(e) => setDraft({ ...draft, root: (e.target as HTMLSelectElement).value })}
          >
            <option value="">any</option>
            {roots.state === 'ok' &&
              roots.data.items.map((r) => (
                <option key={r.root} value={r.root}>
                  {r.root} {r.label}
                </option>
              ))}
          </select>
        </div>
        <Field
          id="actor"
          label="Actor"
          value={draft.actor}
          onInput={(v) => setDraft({ ...draft, actor: v })}
          placeholder="e.g. Russia"
        />
        <button type="submit">Show events</button>
      </form>
      <Show value={data} what="the events">
        {(result) => {
          if (result === null)
            return <Empty>Pick a date range (and optionally a CAMEO root or an actor).</Empty>;
          if (result.items.length === 0) return <Empty>No events match these filters.</Empty>;
          return (
            <>
              <p>
                <span data-count="events">{result.items.length}</span> events
                {result.truncated ? ` (the first ${MAX_EVENTS}; narrow the filters)` : ''}.
              </p>
              <BarChart
                id="events-timeline"
                title="Events per date"
                valueLabel="Events"
                series={timeline(result.items.map((e) => e.date))}
              />
              <h2>Who did what to whom</h2>
              {result.kind === 'actor' ? (
                <ActorTable events={result.items as ActorEvent[]} />
              ) : (
                <EventTable events={result.items as Event[]} />
              )}
            </>
          );
        }}
      </Show>
    </>
  );
}
