/** Shared pieces: data loading with its states, labelled filter fields with inline errors, charts. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { ApiFailure } from './api';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: string; readonly status: number }
  | { readonly state: 'ok'; readonly data: T };

/** Runs `load` whenever `key` changes; a newer request aborts the older one. */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setResult({ state: 'loading' });
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setResult({ state: 'ok', data }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const status = err instanceof ApiFailure ? err.status : 0;
        setResult({ state: 'error', error: err instanceof Error ? err.message : String(err), status });
      },
    );
    return () => controller.abort();
  }, [key]);
  return result;
}

/** Loading and error states of a Loaded value; renders `children(data)` when it is there. */
export function Show<T>(props: { value: Loaded<T>; what: string; children: (data: T) => ComponentChildren }) {
  const { value } = props;
  if (value.state === 'loading')
    return (
      <p class="state loading" role="status" aria-live="polite">
        Loading {props.what}…
      </p>
    );
  if (value.state === 'error')
    return (
      <div class="state error" role="alert">
        <strong>Cannot show {props.what}.</strong> {value.error}
      </div>
    );
  return <>{props.children(value.data)}</>;
}

export function Empty(props: { children: ComponentChildren }) {
  return <div class="state empty">{props.children}</div>;
}

/** The From and To fields of a date-range filter (YYYY-MM-DD or YYYY-MM), errors inline. */
export function DateRangeFields<T extends { from: string; to: string }>(props: {
  draft: T;
  setDraft: (draft: T) => void;
  errors: Record<string, string | null | undefined>;
}) {
  const { draft, setDraft, errors } = props;
  return (
    <>
      <Field
        id="from"
        label="From"
        value={draft.from}
        onInput={(v) => setDraft({ ...draft, from: v })}
        placeholder="YYYY-MM-DD or YYYY-MM"
        error={errors['from']}
      />
      <Field
        id="to"
        label="To"
        value={draft.to}
        onInput={(v) => setDraft({ ...draft, to: v })}
        placeholder="YYYY-MM-DD or YYYY-MM"
        error={errors['to']}
      />
    </>
  );
}

/** A labelled text field; `error` shows inline, tied to the input for screen readers. */
export function Field(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
  error?: string | null;
  list?: string;
  hint?: string;
}) {
  const errorId = `${props.id}-error`;
  return (
    <div class={`field${props.error ? ' invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type="text"
        value={props.value}
        placeholder={props.placeholder}
        autocomplete="off"
        list={props.list}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? errorId : undefined}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
      {props.error && (
        <p class="field-error" id={errorId} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

export interface BarSeries {
  readonly labels: string[];
  readonly values: number[];
}

/**
 * A Chart.js bar chart. The canvas is an image to assistive technology (its label says what it shows); the
 * same numbers are in a table beside it.
 */
export function BarChart(props: {
  id: string;
  title: string;
  series: BarSeries;
  horizontal?: boolean;
  valueLabel: string;
  onSelect?: (label: string) => void;
  /** A link for each bar's row in the data table (the keyboard's way to what a click on a bar opens). */
  linkOf?: (label: string) => string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { labels, values } = props.series;
  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: { labels, datasets: [{ label: props.valueLabel, data: values, backgroundColor: '#2f6fb1' }] },
      options: {
        indexAxis: props.horizontal ? 'y' : 'x',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { [props.horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { tooltip: { enabled: true } },
        onClick: (_e, elements) => {
          const first = elements[0];
          if (first && props.onSelect) props.onSelect(labels[first.index] ?? '');
        },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [JSON.stringify(props.series), props.horizontal]);
  const height = props.horizontal ? Math.max(160, labels.length * 28 + 60) : 260;
  return (
    <figure class="chart" id={props.id}>
      <figcaption>{props.title}</figcaption>
      <div class="chart-box" style={{ height: `${height}px` }}>
        <canvas
          ref={canvas}
          role="img"
          aria-label={`${props.title}: bar chart of ${labels.length} bars; the numbers are in the table below`}
          data-bars={labels.length}
        />
      </div>
      <details>
        <summary>Chart data</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{props.horizontal ? 'Name' : 'Period'}</th>
              <th scope="col">{props.valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={label}>
                <td>{props.linkOf ? <a href={props.linkOf(label)}>{label}</a> : label}</td>
                <td>{values[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export const dash = (v: string | null | undefined): string =>
  v === null || v === undefined || v === '' ? '—' : v;
