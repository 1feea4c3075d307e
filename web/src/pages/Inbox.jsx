import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { caseAction, get } from '../api.js';
import { subscribe } from '../events.js';
import { Link, navigate } from '../router.jsx';
import { fmtAgo, fmtNum, sentimentLabel, slaState, titleCase } from '../util.js';
import { Empty, Followers, IntentChip, PriorityBadge, SentimentChip, SlaCountdown, Spinner, toast } from '../components/bits.jsx';

const ROW_H = 72; // px, fixed so the virtual list can compute positions
const OVERSCAN = 8;
const PAGE = 200; // the API's largest page
const PRIO_RANK = { urgent: 3, high: 2, normal: 1, low: 0 };

const FILTERS = [
  ['intent', 'Intent', ['complaint', 'question', 'praise', 'suggestion', 'other']],
  ['sentiment', 'Sentiment', ['negative', 'neutral', 'positive']],
  ['priority', 'Priority', ['urgent', 'high', 'normal', 'low']],
  ['channel', 'Channel', ['x', 'mastodon', 'reddit', 'api', 'survey']],
  ['sla', 'SLA', ['breached', 'warning', 'ok']],
  ['status', 'Status', ['open', 'waiting', 'resolved']],
];
const SORTS = [
  ['opened', 'Newest first'],
  ['priority', 'Priority'],
  ['sla_due', 'SLA due soonest'],
  ['updated', 'Recently updated'],
];

// The inbox's state lives in the URL (?queue=team:care-en&intent=complaint...), so Back restores it.
function readState(search) {
  const st = { queue: search.get('queue') || 'all', sort: search.get('sort') || 'opened' };
  for (const [k] of FILTERS) st[k] = search.get(k) || '';
  return st;
}
function writeState(st) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(st)) {
    if (!v || (k === 'queue' && v === 'all') || (k === 'sort' && v === 'opened')) continue;
    p.set(k, v);
  }
  const s = p.toString();
  navigate(`/inbox${s ? `?${s}` : ''}`, { replace: true });
}

function apiParams(st) {
  const p = { sort: st.sort, intent: st.intent, priority: st.priority, channel: st.channel, sla: st.sla, sentiment: st.sentiment };
  p.status = st.status || 'open,waiting';
  if (st.queue === 'mine') p.assignee = 'me';
  else if (st.queue === 'unassigned') p.assignee = 'none';
  else if (st.queue.startsWith('team:')) p.team = st.queue.slice(5);
  return p;
}

// Whether a case belongs in the list as filtered (for live updates). Mirrors the server's filters.
function matches(item, st, me) {
  const c = item.case;
  const statuses = (st.status || 'open,waiting').split(',');
  if (!statuses.includes(c.status)) return false;
  if (st.intent && c.intent !== st.intent) return false;
  if (st.priority && c.priority !== st.priority) return false;
  if (st.channel && c.source !== st.channel) return false;
  if (st.sentiment && sentimentLabel(c.last_sentiment) !== st.sentiment) return false;
  if (st.sla) {
    const s = slaState(c);
    if ((s ? s.state : 'ok') !== st.sla) return false;
  }
  if (st.queue === 'mine' && c.assignee !== me.user) return false;
  if (st.queue === 'unassigned' && c.assignee) return false;
  if (st.queue.startsWith('team:') && c.team !== st.queue.slice(5)) return false;
  return true;
}

function comparator(sort) {
  const byOpened = (a, b) => b.case.opened_at - a.case.opened_at || b.case.id - a.case.id;
  if (sort === 'priority')
    return (a, b) => PRIO_RANK[b.case.priority] - PRIO_RANK[a.case.priority] || byOpened(a, b);
  if (sort === 'updated') return (a, b) => b.case.updated_at - a.case.updated_at || b.case.id - a.case.id;
  if (sort === 'sla_due')
    return (a, b) => (a.sla_due ?? Infinity) - (b.sla_due ?? Infinity) || a.case.id - b.case.id;
  return byOpened;
}

function itemFromDetail(d) {
  const first = d.posts.find((p) => p.id === d.case.first_post_id) || d.posts.find((p) => p.from_customer) || d.posts[0];
  const s = slaState(d.case);
  return { case: d.case, author: first ? first.author : null, first_text: first ? first.text : '', sla_due: s ? s.due : null };
}

function QueueList({ queues, me, st, onPick }) {
  const mineCount = useMemo(() => {
    let n = 0;
    for (const q of queues || []) for (const a of q.assignees || []) if (a.assignee === me.user) n += a.active;
    return n;
  }, [queues, me]);
  const total = (queues || []).reduce((n, q) => n + q.open, 0);
  const queued = (queues || []).reduce((n, q) => n + q.queued, 0);
  const Item = ({ id, label, count, breached }) => (
    <li>
      <button class={st.queue === id ? 'on' : ''} aria-current={st.queue === id ? 'true' : undefined} onClick={() => onPick(id)} data-queue={id}>
        <span class="q-label">{label}</span>
        {breached > 0 && (
          <span class="q-breached" title={`${breached} breached`}>
            {fmtNum(breached)}
          </span>
        )}
        <span class="q-count">{count === undefined ? '' : fmtNum(count)}</span>
      </button>
    </li>
  );
  return (
    <aside class="queues" aria-label="Queues">
      <h2 class="side-title">Inbox</h2>
      <ul>
        <Item id="all" label="All open" count={total} />
        {me.employee && <Item id="mine" label="Mine" count={mineCount} />}
        <Item id="unassigned" label="Unassigned" count={queued} />
      </ul>
      <h2 class="side-title">Teams</h2>
      <ul data-testid="team-queues">
        {(queues || []).map((q) => (
          <Item id={`team:${q.team}`} label={q.team} count={q.open} breached={q.breached} />
        ))}
      </ul>
      <div class="side-help">
        Press <kbd>?</kbd> for keyboard shortcuts
      </div>
    </aside>
  );
}

function Row({ item, selected, top, onClick }) {
  const c = item.case;
  const a = item.author || {};
  return (
    <div
      class={`row prio-edge-${c.priority}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      role="option"
      aria-selected={selected}
      data-case-id={c.id}
      onClick={onClick}
      onDblClick={() => navigate(`/cases/${c.id}`)}
    >
      <div class="row-main">
        <div class="row-line1">
          <PriorityBadge p={c.priority} />
          <IntentChip intent={c.intent} />
          <SentimentChip score={c.last_sentiment} />
          <span class="author">
            <strong>{a.name || a.handle || 'unknown'}</strong>
            {a.handle && <span class="handle">@{a.handle}</span>}
          </span>
          <Followers n={a.followers} />
          <span class="src">{c.source}</span>
        </div>
        <div class="snippet">{item.first_text}</div>
      </div>
      <div class="row-side">
        <SlaCountdown c={c} />
        <div class="row-assign">
          <span class="team">{c.team || '—'}</span>
          <span class="sep">·</span>
          <span class={c.assignee ? 'assignee' : 'assignee queued'}>{c.assignee || 'queued'}</span>
        </div>
        <div class="row-time" title={new Date(c.opened_at).toLocaleString()}>
          #{c.id} · {fmtAgo(c.opened_at)}
        </div>
      </div>
    </div>
  );
}

function HelpOverlay({ onClose }) {
  useEffect(() => {
    const h = (e) => {
      if (e.key === 'Escape' || e.key === '?') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', h, true);
    return () => window.removeEventListener('keydown', h, true);
  }, []);
  const keys = [
    ['j', 'next case'],
    ['k', 'previous case'],
    ['Enter / o', 'open the case'],
    ['r', 'reply to the case'],
    ['e', 'resolve the case'],
    ['?', 'show or hide this help'],
    ['Esc', 'close'],
  ];
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={onClose}>
      <div class="dialog" onClick={(e) => e.stopPropagation()}>
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table class="keys">
          <tbody>
            {keys.map(([k, d]) => (
              <tr>
                <td>
                  {k.split(' / ').map((x, i) => (
                    <>
                      {i > 0 && ' or '}
                      <kbd>{x}</kbd>
                    </>
                  ))}
                </td>
                <td>{d}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button class="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

function AnalystInbox({ me, queues }) {
  return (
    <section class="inbox-main" aria-label="Queues">
      <h1 class="page-title">Queues</h1>
      <div class="alert" data-testid="analyst-note">
        Analysts see aggregates only: the queue figures below, <Link href="/metrics">care metrics</Link> and{' '}
        <Link href="/listening">listening</Link>. Cases and posts are for agents, leads and admins.
      </div>
      <div class="card">
        <table class="table">
          <thead>
            <tr>
              <th>Team</th>
              <th class="num">Open</th>
              <th class="num">Waiting</th>
              <th class="num">Queued</th>
              <th class="num">Breached</th>
              <th>Open per assignee</th>
            </tr>
          </thead>
          <tbody>
            {(queues || []).map((q) => (
              <tr>
                <td>{q.team}</td>
                <td class="num">{fmtNum(q.open)}</td>
                <td class="num">{fmtNum(q.waiting)}</td>
                <td class="num">{fmtNum(q.queued)}</td>
                <td class={`num ${q.breached ? 'tone-bad' : ''}`}>{fmtNum(q.breached)}</td>
                <td class="small">{(q.assignees || []).map((a) => `${a.assignee} ${a.active}`).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function Inbox(props) {
  if (props.me.role === 'analyst') return <AnalystInboxPage me={props.me} />;
  return <CaseInbox {...props} />;
}

function AnalystInboxPage({ me }) {
  const [queues, setQueues] = useState(null);
  useEffect(() => {
    get('/queues').then((q) => setQueues(q.queues || []), () => setQueues([]));
  }, []);
  return (
    <div class="page">
      <AnalystInbox me={me} queues={queues} />
    </div>
  );
}

function CaseInbox({ me, search }) {
  const st = readState(search);
  const stKey = JSON.stringify(st);
  const [queues, setQueues] = useState(null);
  const [rows, setRows] = useState([]);
  const [total, setTotal] = useState(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  const [sel, setSel] = useState(0);
  const [help, setHelp] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(600);
  const [stale, setStale] = useState(false);
  const listRef = useRef(null);
  const cursorRef = useRef(null);
  const doneRef = useRef(false);
  const loadingRef = useRef(false);
  const genRef = useRef(0);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const stRef = useRef(st);
  stRef.current = st;

  const setFilter = (k, v) => writeState({ ...st, [k]: v });

  const loadQueues = useCallback(async () => {
    try {
      const q = await get('/queues');
      setQueues(q.queues || []);
    } catch (e) {
      /* analysts and agents still see the list */
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (loadingRef.current || doneRef.current) return;
    loadingRef.current = true;
    setLoading(true);
    const gen = genRef.current;
    try {
      const params = { ...apiParams(stRef.current), limit: PAGE, cursor: cursorRef.current || undefined };
      const d = await get('/cases', params);
      if (gen !== genRef.current) return;
      cursorRef.current = d.next_cursor || null;
      if (!d.next_cursor || !d.items || d.items.length === 0) doneRef.current = true;
      setTotal(d.total);
      setRows((rs) => {
        const seen = new Set(rs.map((r) => r.case.id));
        return rs.concat((d.items || []).filter((i) => !seen.has(i.case.id)));
      });
      setError('');
    } catch (e) {
      if (gen === genRef.current) setError(e.message);
      doneRef.current = true;
    } finally {
      if (gen === genRef.current) {
        loadingRef.current = false;
        setLoading(false);
      }
    }
  }, []);

  const reload = useCallback(() => {
    genRef.current++;
    cursorRef.current = null;
    doneRef.current = false;
    loadingRef.current = false;
    setRows([]);
    setTotal(null);
    setSel(0);
    setStale(false);
    if (listRef.current) listRef.current.scrollTop = 0;
    setScrollTop(0);
    loadMore();
  }, [loadMore]);

  useEffect(() => {
    reload();
  }, [stKey]);

  useEffect(() => {
    loadQueues();
  }, []);

  // Every filter, sentiment included, is applied by the server; live updates re-check with matches().
  const visible = rows;

  // Measure the viewport.
  useEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewH(el.clientHeight));
    ro.observe(el);
    setViewH(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // Fetch the next page when the viewport nears the end of what is loaded.
  useEffect(() => {
    const lastVisible = Math.ceil((scrollTop + viewH) / ROW_H);
    if (lastVisible + PAGE / 2 > visible.length && !doneRef.current && !loading) loadMore();
  }, [scrollTop, viewH, visible.length, loading]);

  // Live updates: gather the case ids of events, then fetch those cases and place them.
  useEffect(() => {
    let pending = new Set();
    let timer = null;
    let qTimer = null;
    const flush = async () => {
      timer = null;
      const ids = [...pending];
      pending = new Set();
      if (ids.length > 60) {
        // a burst (bulk ingest): reload when the user is at the top, else offer a reload
        if (listRef.current && listRef.current.scrollTop < ROW_H) reloadRef.current();
        else setStale(true);
        return;
      }
      const items = [];
      for (let i = 0; i < ids.length; i += 6) {
        const chunk = await Promise.all(
          ids.slice(i, i + 6).map((id) => get(`/cases/${id}`).then(itemFromDetail, () => ({ gone: id }))),
        );
        items.push(...chunk);
      }
      const cur = stRef.current;
      const cmp = comparator(cur.sort);
      setRows((rs) => {
        let out = rs.slice();
        let added = 0;
        for (const it of items) {
          const id = it.gone || it.case.id;
          const idx = out.findIndex((r) => r.case.id === id);
          if (idx >= 0) out.splice(idx, 1);
          if (it.gone || !matches(it, cur, me)) continue;
          let pos = out.findIndex((r) => cmp(it, r) < 0);
          if (pos < 0) {
            if (!doneRef.current) continue; // belongs beyond what is loaded: a later page will bring it
            pos = out.length;
          }
          out.splice(pos, 0, { ...it, fresh: idx < 0 ? Date.now() : undefined });
          if (idx < 0) added++;
        }
        if (added) setTotal((t) => (t === null ? t : t + added));
        return out;
      });
    };
    const unsub = subscribe((type, ev) => {
      if (type === 'gap') {
        reloadRef.current();
        return;
      }
      if (!ev || !ev.case_id) return;
      pending.add(ev.case_id);
      if (!timer) timer = setTimeout(flush, 250);
      if (!qTimer)
        qTimer = setTimeout(() => {
          qTimer = null;
          loadQueues();
        }, 1500);
    });
    return () => {
      unsub();
      clearTimeout(timer);
      clearTimeout(qTimer);
    };
  }, []);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;

  // Keep the selected row in view.
  const scrollToRow = (i) => {
    const el = listRef.current;
    if (!el) return;
    const top = i * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
  };

  const selected = visible[Math.min(sel, visible.length - 1)];
  const selRef = useRef(sel);
  selRef.current = sel;
  const moveSel = (delta) => {
    const n = visible.length;
    const i = Math.max(0, Math.min(selRef.current + delta, n - 1));
    selRef.current = i;
    setSel(i);
    scrollToRow(i);
  };

  const resolveSelected = async () => {
    if (!selected) return;
    const id = selected.case.id;
    try {
      await caseAction(id, { type: 'resolve' });
      toast(`Case #${id} resolved`, 'ok');
      setRows((rs) => {
        const statuses = (stRef.current.status || 'open,waiting').split(',');
        if (statuses.includes('resolved')) return rs.map((r) => (r.case.id === id ? { ...r, case: { ...r.case, status: 'resolved' } } : r));
        return rs.filter((r) => r.case.id !== id);
      });
    } catch (e) {
      toast(`Could not resolve #${id}: ${e.message}`, 'error');
    }
  };

  useEffect(() => {
    const h = (e) => {
      if (help) return;
      const t = e.target;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        moveSel(1);
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        moveSel(-1);
      } else if ((e.key === 'Enter' || e.key === 'o') && selected) {
        e.preventDefault();
        navigate(`/cases/${selected.case.id}`);
      } else if (e.key === 'r' && selected) {
        e.preventDefault();
        navigate(`/cases/${selected.case.id}?reply=1`);
      } else if (e.key === 'e' && selected) {
        e.preventDefault();
        resolveSelected();
      } else if (e.key === '?') {
        e.preventDefault();
        setHelp(true);
      }
    };
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, [visible, sel, help, selected]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(visible.length, Math.ceil((scrollTop + viewH) / ROW_H) + OVERSCAN);
  const slice = [];
  for (let i = first; i < last; i++) slice.push(i);

  const teams = (queues || []).map((q) => q.team);
  const queueLabel =
    st.queue === 'all' ? 'All open' : st.queue === 'mine' ? 'Mine' : st.queue === 'unassigned' ? 'Unassigned' : st.queue.slice(5);
  const activeFilters = FILTERS.filter(([k]) => st[k]).length;

  return (
    <div class="inbox">
      <QueueList queues={queues} me={me} st={st} onPick={(q) => writeState({ ...st, queue: q })} />
      <section class="inbox-main" aria-label="Cases">
        <div class="toolbar">
          <h1 class="page-title">
            {queueLabel}
            <span class="count" data-testid="inbox-total">
              {total === null ? '' : `${fmtNum(total)} cases`}
            </span>
          </h1>
          <div class="filters">
            {FILTERS.map(([k, label, opts]) => (
              <label class="filter">
                <span>{label}</span>
                <select value={st[k]} onChange={(e) => setFilter(k, e.currentTarget.value)} name={k} aria-label={label}>
                  <option value="">{k === 'status' ? 'open + waiting' : 'any'}</option>
                  {opts.map((o) => (
                    <option value={o}>{titleCase(o)}</option>
                  ))}
                </select>
              </label>
            ))}
            {teams.length > 0 && st.queue.startsWith('team:') && !teams.includes(st.queue.slice(5)) && null}
            <label class="filter">
              <span>Sort</span>
              <select value={st.sort} onChange={(e) => setFilter('sort', e.currentTarget.value)} name="sort" aria-label="Sort">
                {SORTS.map(([v, l]) => (
                  <option value={v}>{l}</option>
                ))}
              </select>
            </label>
            {activeFilters > 0 && (
              <button
                class="btn btn-small btn-link"
                onClick={() => writeState({ queue: st.queue, sort: st.sort })}
              >
                Clear filters
              </button>
            )}
          </div>
        </div>
        {stale && (
          <button class="stale-bar" onClick={reload}>
            New activity in this queue — click to refresh
          </button>
        )}
        {error && (
          <div class="alert alert-error" role="alert">
            {error}
          </div>
        )}
        <div class="list-head" aria-hidden="true">
          <span>Case</span>
          <span>SLA · team · assignee</span>
        </div>
        <div
          class="vlist"
          ref={listRef}
          tabIndex={0}
          role="listbox"
          aria-label="Cases"
          data-testid="case-list"
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          <div class="vlist-inner" style={{ height: `${visible.length * ROW_H + (doneRef.current ? 0 : ROW_H)}px` }}>
            {slice.map((i) => (
              <Row
                key={visible[i].case.id}
                item={visible[i]}
                top={i * ROW_H}
                selected={i === sel}
                onClick={() => {
                  setSel(i);
                  navigate(`/cases/${visible[i].case.id}`);
                }}
              />
            ))}
            {!doneRef.current && (
              <div class="row row-loading" style={{ transform: `translateY(${visible.length * ROW_H}px)` }}>
                <Spinner label="Loading more cases…" />
              </div>
            )}
          </div>
          {doneRef.current && visible.length === 0 && !loading && <Empty>No cases match. Try another queue or clear the filters.</Empty>}
        </div>
      </section>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
