/** Article: metadata, the body with every quote highlighted (speaker beside) and events marked per paragraph. */
import { apiGet } from '../api';
import { href } from '../router';
import type { Article, Event, Quote } from '../types';
import { dash, Empty, Show, useLoad } from '../ui';

interface Placed {
  readonly quote: Quote;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
}

/** Where each quote is in the body: its stored offsets when they hold its words, else a search for them. */
export function placeQuotes(
  paragraphs: readonly string[],
  quotes: readonly Quote[],
): { placed: Placed[]; unplaced: Quote[] } {
  const placed: Placed[] = [];
  const unplaced: Quote[] = [];
  for (const quote of quotes) {
    const p = quote.paragraph;
    const text = paragraphs[p ?? -1];
    if (
      p !== null &&
      text !== undefined &&
      quote.start !== null &&
      quote.end !== null &&
      quote.end <= text.length &&
      quote.start < quote.end
    ) {
      placed.push({ quote, paragraph: p, start: quote.start, end: quote.end });
      continue;
    }
    const order = p !== null ? [p, ...paragraphs.keys()] : [...paragraphs.keys()];
    const found = order
      .map((i) => ({ i, at: (paragraphs[i] ?? '').indexOf(quote.text) }))
      .find((f) => f.at >= 0 && quote.text);
    if (found) placed.push({ quote, paragraph: found.i, start: found.at, end: found.at + quote.text.length });
    else unplaced.push(quote);
  }
  return { placed, unplaced };
}

function Paragraph(props: { text: string; quotes: Placed[] }) {
  const parts = [];
  let at = 0;
  for (const q of [...props.quotes].sort((a, b) => a.start - b.start)) {
    if (q.start < at) continue; // Overlapping quotes: the first keeps the words.
    parts.push(props.text.slice(at, q.start));
    const speaker = q.quote.speaker || 'unattributed';
    parts.push(
      <mark class="quote" data-quote-index={q.quote.index} title={`${speaker} (${q.quote.kind})`}>
        {props.text.slice(q.start, q.end)}
      </mark>,
      <span class="speaker">{speaker}</span>,
    );
    at = q.end;
  }
  parts.push(props.text.slice(at));
  return <p>{parts}</p>;
}

const party = (p: Event['source']): string => (p ? p.name : '—');

function EventMark(props: { event: Event }) {
  const e = props.event;
  return (
    <li class="event-mark" data-event-index={e.index}>
      <span class="badge" title={`CAMEO root ${e.root}`}>
        {e.root} {e.label}
      </span>{' '}
      <time>{e.date ?? 'undated'}</time>: <strong>{party(e.source)}</strong> →{' '}
      <strong>{party(e.target)}</strong>
      {e.location ? ` (in ${e.location})` : ''}
    </li>
  );
}

function findEventParagraph(paragraphs: readonly string[], e: Event): number | null {
  if (e.paragraph !== null && e.paragraph < paragraphs.length) return e.paragraph;
  const i = paragraphs.findIndex((p) => e.sentence !== '' && p.includes(e.sentence));
  return i >= 0 ? i : null;
}

export function ArticlePage(props: { params: Record<string, string> }) {
  const id = props.params['id'] ?? '';
  const data = useLoad(`article ${id}`, (signal) =>
    id
      ? apiGet<Article>(`/articles/${encodeURIComponent(id)}`, {}, signal)
      : Promise.reject(new Error('no article id in the link')),
  );
  return (
    <Show value={data} what={`article ${id}`}>
      {(a) => {
        const { placed, unplaced } = placeQuotes(a.paragraphs, a.quotes);
        const eventsAt = new Map<number | null, Event[]>();
        for (const e of a.events) {
          const p = findEventParagraph(a.paragraphs, e);
          eventsAt.set(p, [...(eventsAt.get(p) ?? []), e]);
        }
        return (
          <article>
            <h1 tabIndex={-1}>{a.title ?? '(untitled)'}</h1>
            {a.subtitle && <p class="subtitle">{a.subtitle}</p>}
            <dl class="meta">
              <dt>Publisher</dt>
              <dd>
                {a.publisher ? <a href={href('articles', { publisher: a.publisher })}>{a.publisher}</a> : '—'}
              </dd>
              <dt>Published</dt>
              <dd>
                {a.published ? <a href={href('articles', { day: a.published })}>{a.published}</a> : '—'}
              </dd>
              <dt>Authors</dt>
              <dd>{a.authors.length ? a.authors.join(', ') : '—'}</dd>
              <dt>Language</dt>
              <dd>{dash(a.language)}</dd>
              <dt>Words</dt>
              <dd>{a.wordCount}</dd>
              <dt>Source</dt>
              <dd>
                <code>
                  s3://{a.source.bucket}/{a.source.key}
                </code>
                {a.url && (
                  <>
                    {' · '}
                    <a href={a.url} rel="noopener noreferrer">
                      original
                    </a>
                  </>
                )}
              </dd>
              <dt>Quotes · events</dt>
              <dd>
                <span data-count="quotes">{a.quotes.length}</span> ·{' '}
                <span data-count="events">{a.events.length}</span>
              </dd>
            </dl>
            <section class="body" aria-labelledby="body-h">
              <h2 id="body-h">Text</h2>
              <p class="legend">
                <mark class="quote">Highlighted</mark> words are quotes, the speaker beside them;{' '}
                <span class="badge">CAMEO</span> lines under a paragraph are the events it reports.
              </p>
              {a.paragraphs.length === 0 && (
                <Empty>The body is stored outside the table ({a.bodyRef?.key ?? 'not available'}).</Empty>
              )}
              {a.paragraphs.map((text, i) => (
                <div class="paragraph" key={i}>
                  <Paragraph text={text} quotes={placed.filter((q) => q.paragraph === i)} />
                  {(eventsAt.get(i) ?? []).length > 0 && (
                    <ul class="events-here" aria-label="Events in this paragraph">
                      {(eventsAt.get(i) ?? []).map((e) => (
                        <EventMark event={e} key={e.index} />
                      ))}
                    </ul>
                  )}
                </div>
              ))}
              {unplaced.length > 0 && (
                <>
                  <h3>Quotes not found word for word in the text</h3>
                  {unplaced.map((q) => (
                    <p key={q.index}>
                      <mark class="quote" data-quote-index={q.index}>
                        {q.text}
                      </mark>
                      <span class="speaker">{q.speaker || 'unattributed'}</span>
                    </p>
                  ))}
                </>
              )}
            </section>
            <section aria-labelledby="quotes-h">
              <h2 id="quotes-h">Quotes</h2>
              {a.quotes.length === 0 ? (
                <Empty>No quotes found in this article.</Empty>
              ) : (
                <table class="data">
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">Speaker</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Words</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.quotes.map((q) => (
                      <tr key={q.index}>
                        <td>{q.index + 1}</td>
                        <td>
                          {q.speaker ? <a href={href('speaker', { name: q.speaker })}>{q.speaker}</a> : '—'}
                        </td>
                        <td>{q.kind}</td>
                        <td>{q.text}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section aria-labelledby="events-h">
              <h2 id="events-h">Events</h2>
              {a.events.length === 0 ? (
                <Empty>No events found in this article.</Empty>
              ) : (
                <EventTable events={a.events} />
              )}
            </section>
          </article>
        );
      }}
    </Show>
  );
}

export function EventTable(props: { events: Event[] }) {
  return (
    <table class="data" data-rows={props.events.length}>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Who</th>
          <th scope="col">Did what</th>
          <th scope="col">To whom</th>
          <th scope="col">Where</th>
          <th scope="col">Sentence</th>
        </tr>
      </thead>
      <tbody>
        {props.events.map((e) => (
          <tr key={`${e.articleId}-${e.index}`}>
            <td>{e.date ?? 'undated'}</td>
            <td>{e.source ? <a href={href('events', { actor: e.source.name })}>{e.source.name}</a> : '—'}</td>
            <td>
              <span class="badge">{e.root}</span> {e.label}
            </td>
            <td>{e.target ? <a href={href('events', { actor: e.target.name })}>{e.target.name}</a> : '—'}</td>
            <td>{dash(e.location)}</td>
            <td>
              <a href={href('article', { id: e.articleId })}>{e.sentence}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
