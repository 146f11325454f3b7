/** Overview: a month's coverage — articles per day, counts, latest articles. */
import { useState } from 'preact/hooks';
import { apiGet } from '../api';
import { currentMonth, dateProblem, shiftMonth } from '../dates';
import { href, navigate } from '../router';
import type { Overview } from '../types';
import { BarChart, Empty, Field, Show, useLoad } from '../ui';
import { ArticleTable } from './articles';

const SEARCH_MONTHS = 120;
const SEARCH_BATCH = 12;

/**
 * The table has no index of "the newest article overall" (that would be a Scan), so an empty month offers to
 * look back month by month, a year of overviews at a time, for the most recent month with articles.
 */
function FindLatest(props: { before: string }) {
  const [state, setState] = useState<{
    searching: boolean;
    reached?: string;
    error?: string;
    none?: boolean;
  }>({
    searching: false,
  });
  const search = async (): Promise<void> => {
    for (let offset = 1; offset <= SEARCH_MONTHS; offset += SEARCH_BATCH) {
      const months = Array.from({ length: SEARCH_BATCH }, (_, k) => shiftMonth(props.before, -(offset + k)));
      setState({ searching: true, reached: months[months.length - 1] });
      try {
        const overviews = await Promise.all(months.map((month) => apiGet<Overview>('/overview', { month })));
        const hit = overviews.find((o) => o.articles > 0);
        if (hit) return navigate('overview', { month: hit.month });
      } catch (err) {
        return setState({ searching: false, error: (err as Error).message });
      }
    }
    setState({ searching: false, none: true });
  };
  return (
    <div class="find-latest">
      <button type="button" onClick={() => void search()} disabled={state.searching}>
        {state.searching ? `Looking back to ${state.reached}…` : 'Find the latest month with articles'}
      </button>
      <span role="status" aria-live="polite">
        {state.none && ` No articles in the ${SEARCH_MONTHS / 12} years before ${props.before}.`}
        {state.error && ` ${state.error}`}
      </span>
    </div>
  );
}

export function OverviewPage(props: { params: Record<string, string> }) {
  const month = props.params['month'] ?? currentMonth();
  const problem = dateProblem(month, 'month');
  const [draft, setDraft] = useState(month);
  const [error, setError] = useState<string | null>(null);
  const data = useLoad(`overview ${month}`, (signal) =>
    problem ? Promise.reject(new Error(problem)) : apiGet<Overview>('/overview', { month }, signal),
  );
  const go = (m: string): void => navigate('overview', { month: m });
  return (
    <>
      <h1 tabIndex={-1}>Overview of {month}</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const p = dateProblem(draft.trim(), 'month');
          setError(p);
          if (!p) go(draft.trim());
        }}
      >
        <Field
          id="month"
          label="Month (publication)"
          value={draft}
          onInput={setDraft}
          placeholder="YYYY-MM"
          error={error}
        />
        <button type="submit">Show</button>
        {!problem && (
          <>
            <a class="button" href={href('overview', { month: shiftMonth(month, -1) })}>
              ← {shiftMonth(month, -1)}
            </a>
            <a class="button" href={href('overview', { month: shiftMonth(month, 1) })}>
              {shiftMonth(month, 1)} →
            </a>
          </>
        )}
      </form>
      <Show value={data} what="the overview">
        {(o) => (
          <>
            <section aria-labelledby="counts-h">
              <h2 id="counts-h">Counts</h2>
              <dl class="counts">
                <div>
                  <dt>Articles</dt>
                  <dd data-count="articles">{o.articles}</dd>
                </div>
                <div>
                  <dt>Quotes</dt>
                  <dd data-count="quotes">{o.quotes}</dd>
                </div>
                <div>
                  <dt>Events</dt>
                  <dd data-count="events">{o.events}</dd>
                </div>
                <div>
                  <dt>
                    <a href={href('rejections')}>Rejected files</a> (all time)
                  </dt>
                  <dd data-count="rejections">{o.rejections}</dd>
                </div>
              </dl>
            </section>
            {o.articles === 0 ? (
              <Empty>
                No articles were published in {o.month}. Articles are filed by their publication date: try
                another month.
                <FindLatest before={o.month} />
              </Empty>
            ) : (
              <>
                <BarChart
                  id="articles-per-day"
                  title={`Articles per day, ${o.month}`}
                  valueLabel="Articles"
                  series={{ labels: o.days.map((d) => d.day), values: o.days.map((d) => d.articles) }}
                  onSelect={(day) => navigate('articles', { day })}
                  linkOf={(day) => href('articles', { day })}
                />
                <section aria-labelledby="latest-h">
                  <h2 id="latest-h">Latest articles of {o.month}</h2>
                  <ArticleTable articles={o.latest} />
                </section>
              </>
            )}
          </>
        )}
      </Show>
    </>
  );
}
