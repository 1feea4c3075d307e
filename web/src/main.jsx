import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { get, logout, setUnauthorizedHandler } from './api.js';
import { connect, disconnect, onStatus } from './events.js';
import { Link, navigate, useLocation } from './router.jsx';
import { Login } from './pages/Login.jsx';
import { Inbox } from './pages/Inbox.jsx';
import { CaseView } from './pages/Case.jsx';
import { Listening } from './pages/Listening.jsx';
import { Metrics } from './pages/Metrics.jsx';
import { Growth } from './pages/Growth.jsx';
import { TeamSkills } from './pages/TeamSkills.jsx';
import { Hiring } from './pages/Hiring.jsx';
import { Recognition } from './pages/Recognition.jsx';
import { Toasts } from './components/bits.jsx';

function LiveBadge() {
  const [s, setS] = useState('off');
  useEffect(() => onStatus(setS), []);
  const label = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', off: 'Offline' }[s];
  return (
    <span class={`live live-${s}`} title="Live updates (server-sent events)" data-testid="live-status">
      <span class="dot" aria-hidden="true" />
      {label}
    </span>
  );
}

function Nav({ me, path, onSignOut }) {
  const items = [
    ['/inbox', 'Inbox', path === '/inbox' || path === '/' || path.startsWith('/cases/')],
    ['/listening', 'Listening', path.startsWith('/listening')],
    ['/metrics', 'Care metrics', path.startsWith('/metrics')],
    ['/growth', 'My growth', path === '/growth' || path.startsWith('/growth/')],
    ['/teams', 'Team skills', path.startsWith('/teams')],
    ['/recognition', 'Recognition', path.startsWith('/recognition')],
    ['/hiring', 'Hiring', path.startsWith('/hiring')],
  ];
  return (
    <header class="topnav">
      <Link href="/inbox" class="brand" aria-label="parley home">
        <svg viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
          <rect width="32" height="32" rx="7" fill="#fff" fill-opacity="0.16" />
          <path d="M8 9h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-9l-5 4v-4H8a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2z" fill="#fff" />
        </svg>
        parley
      </Link>
      <nav aria-label="Main">
        {items.map(([href, label, active]) => (
          <Link href={href} class={active ? 'active' : ''} aria-current={active ? 'page' : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      <div class="spacer" />
      <LiveBadge />
      <span class="who" data-testid="signed-in-user">
        <span class="avatar" aria-hidden="true">{(me.employee?.name || me.user).slice(0, 1).toUpperCase()}</span>
        <span>
          <strong>{me.employee?.name || me.user}</strong>
          <small>
            {me.user} · {me.role}
          </small>
        </span>
      </span>
      <button class="btn btn-ghost-light" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}

// Where to go after signing in: the page that asked, if it is one of ours.
function nextPath(next) {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next === '/' || next.startsWith('/login')) return '/inbox';
  return next;
}

function App() {
  const loc = useLocation();
  const [me, setMe] = useState(null);
  const [checked, setChecked] = useState(false);

  const loadMe = async () => {
    try {
      const m = await get('/me', undefined, { quiet401: true });
      setMe(m);
    } catch {
      setMe(null);
    }
    setChecked(true);
  };

  useEffect(() => {
    setUnauthorizedHandler(() => {
      disconnect();
      setMe(null);
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    });
    loadMe();
  }, []);

  useEffect(() => {
    if (me) connect();
  }, [me]);

  if (!checked) return <div class="boot">Loading…</div>;

  if (!me || loc.path === '/login') {
    if (me && loc.path === '/login') {
      navigate(nextPath(loc.search.get('next')), { replace: true });
      return null;
    }
    if (loc.path !== '/login') {
      navigate(`/login?next=${encodeURIComponent(loc.path + location.search)}`, { replace: true });
      return null;
    }
    return (
      <Login
        onSignedIn={async () => {
          await loadMe();
          navigate(nextPath(loc.search.get('next')), { replace: true });
        }}
      />
    );
  }

  const signOut = async () => {
    disconnect();
    await logout();
    setMe(null);
    navigate('/login', { replace: true });
  };

  if (loc.path === '/') {
    navigate('/inbox', { replace: true });
    return null;
  }
  let page;
  const m = loc.path.match(/^\/cases\/(\d+)/);
  if (m) page = <CaseView id={Number(m[1])} me={me} />;
  else if (loc.path.startsWith('/listening')) page = <Listening me={me} search={loc.search} />;
  else if (loc.path.startsWith('/metrics')) page = <Metrics me={me} />;
  else if (loc.path === '/growth' || loc.path.startsWith('/growth/')) {
    const h = loc.path.slice('/growth/'.length);
    page = <Growth me={me} handle={h ? decodeURIComponent(h) : ''} />;
  } else if (loc.path.startsWith('/teams')) page = <TeamSkills me={me} search={loc.search} />;
  else if (loc.path.startsWith('/hiring')) page = <Hiring me={me} />;
  else if (loc.path.startsWith('/recognition')) page = <Recognition me={me} search={loc.search} />;
  else page = <Inbox me={me} search={loc.search} />;

  return (
    <div class="shell">
      <Nav me={me} path={loc.path} onSignOut={signOut} />
      <main class="main">{page}</main>
      <Toasts />
    </div>
  );
}

render(<App />, document.getElementById('app'));
