/**
 * The analysts' dashboard: Preact for the views (3 KB of runtime, the React component model, no build-time
 * compiler beyond esbuild's JSX), Chart.js for the charts. Reads /config.json, signs in when it says so,
 * then renders the page the URL names.
 */
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import './styles.css';
import { configureApi } from './api';
import { accessToken } from './auth';
import { loadConfig } from './config';
import { ArticlePage } from './pages/article';
import { ArticlesPage } from './pages/articles';
import { EventsPage } from './pages/events';
import { OverviewPage } from './pages/overview';
import { RejectionsPage } from './pages/rejections';
import { SpeakerPage } from './pages/speaker';
import { TopPage } from './pages/top';
import { href, type PageName, useLocation } from './router';

const NAV: { page: PageName; label: string }[] = [
  { page: 'overview', label: 'Overview' },
  { page: 'events', label: 'Events' },
  { page: 'speaker', label: 'Speaker' },
  { page: 'top', label: 'Top' },
  { page: 'rejections', label: 'Rejections' },
];

const TITLES: Record<PageName, string> = {
  overview: 'Overview',
  article: 'Article',
  articles: 'Articles',
  speaker: 'Speaker',
  events: 'Events',
  top: 'Top',
  rejections: 'Rejections',
};

function App() {
  const { page, params } = useLocation();
  const key = `${page}?${new URLSearchParams(params).toString()}`;
  useEffect(() => {
    document.title = `${TITLES[page]} · Dateline`;
    // A new view: move focus to its heading (once it is there), so keyboard and screen reader users follow.
    const timer = setTimeout(
      () => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true }),
      0,
    );
    return () => clearTimeout(timer);
  }, [page]);
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}
      >
        Skip to content
      </a>
      <header>
        <a class="brand" href={href('overview')}>
          Dateline
        </a>
        <nav aria-label="Pages">
          <ul>
            {NAV.map((n) => (
              <li key={n.page}>
                <a href={href(n.page)} aria-current={n.page === page ? 'page' : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} data-page={page} key={key}>
        {page === 'overview' && <OverviewPage params={params} />}
        {page === 'article' && <ArticlePage params={params} />}
        {page === 'articles' && <ArticlesPage params={params} />}
        {page === 'speaker' && <SpeakerPage params={params} />}
        {page === 'events' && <EventsPage params={params} />}
        {page === 'top' && <TopPage params={params} />}
        {page === 'rejections' && <RejectionsPage />}
      </main>
      <footer>Dateline · articles, quotes and events from the files you drop</footer>
    </>
  );
}

async function start(): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  try {
    const config = await loadConfig();
    configureApi(config);
    if (config.auth) await accessToken(config.auth);
    root.textContent = '';
    render(<App />, root);
  } catch (err) {
    root.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'state error';
    p.setAttribute('role', 'alert');
    p.textContent = `The dashboard cannot start: ${err instanceof Error ? err.message : String(err)}`;
    root.append(p);
  }
}

void start();
