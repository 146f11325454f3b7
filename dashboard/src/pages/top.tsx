/** Top: the most quoted speakers and most active actors of a day or a month (bar charts). */
import { useState } from 'preact/hooks';
import { apiGet } from '../api';
import { currentMonth, dateProblem } from '../dates';
import { href, navigate } from '../router';
import type { TopEntry } from '../types';
import { BarChart, Empty, Field, Show, useLoad } from '../ui';

function TopChart(props: {
  metric: 'speakers' | 'actors';
  period: Record<string, string>;
  label: string;
  limit: string;
}) {
  const { metric, period } = props;
  const data = useLoad(`top ${metric} ${JSON.stringify(period)} ${props.limit}`, (signal) =>
    apiGet<{ items: TopEntry[] }>(`/top/${metric}`, { ...period, limit: props.limit }, signal),
  );
  const title =
    metric === 'speakers' ? `Most quoted speakers, ${props.label}` : `Most active actors, ${props.label}`;
  return (
    <section aria-label={title}>
      <Show value={data} what={`the top ${metric}`}>
        {(r) =>
          r.items.length === 0 ? (
            <Empty>
              No {metric} counted for {props.label}.
            </Empty>
          ) : (
            <BarChart
              id={`top-${metric}`}
              title={title}
              horizontal
              valueLabel={metric === 'speakers' ? 'Quotes' : 'Events'}
              series={{ labels: r.items.map((e) => e.name), values: r.items.map((e) => e.count) }}
              linkOf={(name) =>
                metric === 'speakers' ? href('speaker', { name }) : href('events', { actor: name })
              }
              onSelect={(name) =>
                navigate(
                  metric === 'speakers' ? 'speaker' : 'events',
                  metric === 'speakers' ? { name } : { actor: name },
                )
              }
            />
          )
        }
      </Show>
    </section>
  );
}

export function TopPage(props: { params: Record<string, string> }) {
  const value = props.params['day'] ?? props.params['month'] ?? currentMonth();
  const limit = props.params['limit'] ?? '10';
  const isDay = value.length === 10;
  const problem = dateProblem(value, 'either');
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const period: Record<string, string> = isDay ? { day: value } : { month: value };
  return (
    <>
      <h1 tabIndex={-1}>Top speakers and actors, {value}</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const v = draft.trim();
          const p = dateProblem(v, 'either');
          setError(p);
          if (!p) navigate('top', v.length === 10 ? { day: v, limit } : { month: v, limit });
        }}
      >
        <Field
          id="period"
          label="Day or month"
          value={draft}
          onInput={setDraft}
          placeholder="YYYY-MM-DD or YYYY-MM"
          error={error}
        />
        <button type="submit">Show</button>
      </form>
      {problem ? (
        <p class="state error" role="alert">
          {problem}
        </p>
      ) : (
        <div class="two-up">
          <TopChart metric="speakers" period={period} label={value} limit={limit} />
          <TopChart metric="actors" period={period} label={value} limit={limit} />
        </div>
      )}
    </>
  );
}
