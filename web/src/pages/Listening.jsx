import { useEffect, useMemo, useState } from 'preact/hooks';
import { get } from '../api.js';
import { Link, navigate } from '../router.jsx';
import { fmtNum, fmtPct, fmtTime, titleCase } from '../util.js';
import { TimeChart, colorFor } from '../components/Chart.jsx';
import { IntentChip, SentimentChip, Spinner } from '../components/bits.jsx';

const RANGES = [
  ['24h', 1],
  ['7d', 7],
  ['30d', 30],
  ['90d', 90],
  ['365d', 365],
];
const KINDS = ['all', 'product', 'competitor', 'campaign', 'keyword'];

function useRangeBounds(range) {
  return useMemo(() => {
    const days = RANGES.find((r) => r[0] === range)[1];
    const until = Date.now();
    return { since: until - days * 86400000, until };
  }, [range]);
}

// The listening endpoints answer 404 on servers that predate them: the page then says so.
function unavailable(e) {
  return e && e.status === 404 && (!e.code || e.code === 'not_found');
}

function Snippet({ text }) {
  // search snippets mark matches with [brackets]
  const parts = String(text || '').split(/(\[[^\]]*\])/g);
  return (
    <span>
      {parts.map((p) => (p.startsWith('[') && p.endsWith(']') ? <mark>{p.slice(1, -1)}</mark> : p))}
    </span>
  );
}

function PostList({ title, params, onClose }) {
  const [state, setState] = useState({ loading: true });
  const [offset, setOffset] = useState(0);
  const key = JSON.stringify(params);
  useEffect(() => {
    setOffset(0);
  }, [key]);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    get('/listening/posts', { ...params, limit: 25, offset }).then(
      (d) => live && setState({ posts: d.posts || [], has_more: d.has_more }),
      (e) =>
        live &&
        setState({
          error:
            e.status === 403
              ? 'Analysts see aggregates only: the posts themselves are visible to agents, leads and admins.'
              : unavailable(e)
              ? 'This server has no listening posts endpoint yet.'
              : e.message,
          forbidden: e.status === 403,
        }),
    );
    return () => (live = false);
  }, [key, offset]);
  return (
    <section class="card drill" data-testid="drill-posts" aria-live="polite">
      <div class="card-head">
        <h2>{title}</h2>
        <button class="btn btn-small" onClick={onClose} aria-label="Close the post list">
          Close
        </button>
      </div>
      {state.error ? (
        <div class={`alert ${state.forbidden ? '' : 'alert-error'}`}>{state.error}</div>
      ) : state.loading && !state.posts ? (
        <Spinner />
      ) : state.posts.length === 0 ? (
        <p class="muted">No posts.</p>
      ) : (
        <>
          <ul class="postlist">
            {state.posts.map((p) => (
              <li class="lpost" data-post-id={p.id}>
                <div class="lpost-head">
                  <strong>{p.author && typeof p.author === 'object' ? p.author.name || p.author.handle : p.author}</strong>
                  <span class="muted small">
                    {p.source} · {fmtTime(p.created_at)}
                  </span>
                  <SentimentChip score={p.sentiment} label={p.sentiment_label} />
                  <IntentChip intent={p.intent} />
                  {p.language && <span class="chip lang">{p.language}</span>}
                  {(p.entities || []).map((e) => (
                    <span class={`chip ent ent-${e.kind}`}>{e.name}</span>
                  ))}
                  <span class="spacer" />
                  {p.case_id ? (
                    <Link class="small" href={`/cases/${p.case_id}`}>
                      case #{p.case_id} →
                    </Link>
                  ) : null}
                </div>
                <p>{p.text}</p>
              </li>
            ))}
          </ul>
          <div class="pager">
            <button class="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 25))}>
              ← Newer
            </button>
            <span class="muted small">
              {offset + 1}–{offset + state.posts.length}
            </span>
            <button class="btn btn-small" disabled={!state.has_more} onClick={() => setOffset(offset + 25)}>
              Older →
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function VolumeCard({ bounds, by, setBy, onPick, picked }) {
  const [vol, setVol] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let live = true;
    setVol(null);
    get('/listening/volume', { since: bounds.since, until: bounds.until, bucket: 'auto', by }).then(
      (d) => live && (setVol(d), setError(null)),
      (e) => live && setError(e),
    );
    return () => (live = false);
  }, [bounds, by]);

  const series = useMemo(() => {
    if (!vol) return [];
    const s = (vol.series || []).map((x) => ({ key: x.key, label: titleCase(x.key), values: x.counts }));
    return s.length ? s : [{ key: 'total', label: 'All posts', values: vol.total }];
  }, [vol]);

  if (error) return { error };
  const pickedIdx = picked && vol ? vol.buckets.indexOf(picked.at) : null;
  return {
    node: (
      <section class="card">
        <div class="card-head">
          <h2>Volume</h2>
          <div class="controls">
            <label class="filter">
              <span>Split by</span>
              <select value={by} onChange={(e) => setBy(e.currentTarget.value)} aria-label="Split by">
                <option value="intent">intent</option>
                <option value="sentiment">sentiment</option>
                <option value="source">channel</option>
                <option value="none">nothing (total)</option>
              </select>
            </label>
          </div>
        </div>
        {!vol ? (
          <Spinner />
        ) : (
          <>
            <div class="chart-meta muted small">
              {fmtNum(vol.total.reduce((a, b) => a + b, 0))} posts in {vol.buckets.length} {vol.bucket === 'hour' ? 'hourly' : 'daily'} buckets
              {vol.spikes && vol.spikes.length > 0 && (
                <span class="spike-note">
                  {' '}
                  · <span class="spike-flag" aria-hidden="true" /> {vol.spikes.length} spike{vol.spikes.length > 1 ? 's' : ''}:{' '}
                  {vol.spikes.slice(0, 3).map((s, i) => (
                    <button
                      class="btn-link small"
                      onClick={() => onPick({ at: s.at, bucket_ms: vol.bucket_ms, label: 'spike' })}
                      title={`${s.count} posts, expected ${Number(s.expected).toFixed(1)} (z ${Number(s.z).toFixed(1)})`}
                    >
                      {i > 0 ? ', ' : ''}
                      {fmtTime(s.at)} ({s.count})
                    </button>
                  ))}
                </span>
              )}
              <span> · click the chart to list a bucket's posts</span>
            </div>
            <TimeChart
              testid="volume-chart"
              x={vol.buckets}
              series={series}
              spikes={vol.spikes || []}
              stacked={by !== 'none'}
              selectedIdx={pickedIdx !== null && pickedIdx >= 0 ? pickedIdx : null}
              onPick={(idx, si) => {
                const s = si !== null && si !== undefined ? series[si] : null;
                onPick({ at: vol.buckets[idx], bucket_ms: vol.bucket_ms, by, key: s && s.key !== 'total' ? s.key : null });
              }}
            />
          </>
        )}
      </section>
    ),
  };
}

function TopEntities({ bounds, onPick }) {
  const [kind, setKind] = useState('all');
  const [d, setD] = useState(null);
  const [err, setErr] = useState(null);
  useEffect(() => {
    let live = true;
    setD(null);
    get('/listening/top', { since: bounds.since, until: bounds.until, kind, limit: 10 }).then(
      (x) => live && setD(x),
      (e) => live && setErr(e),
    );
    return () => (live = false);
  }, [bounds, kind]);
  if (err) return <section class="card"><h2>Top topics and entities</h2><div class="alert">{unavailable(err) ? 'Not available on this server.' : err.message}</div></section>;
  const max = d ? Math.max(1, ...d.entities.map((e) => e.posts)) : 1;
  return (
    <section class="card">
      <div class="card-head">
        <h2>Top topics and entities</h2>
        <label class="filter">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value)} aria-label="Entity kind">
            {KINDS.map((k) => (
              <option value={k}>{k}</option>
            ))}
          </select>
        </label>
      </div>
      {!d ? (
        <Spinner />
      ) : d.entities.length === 0 ? (
        <p class="muted">Nothing mentioned in this range.</p>
      ) : (
        <table class="table entities" data-testid="top-entities">
          <thead>
            <tr>
              <th>Entity</th>
              <th class="num">Posts</th>
              <th>Sentiment</th>
              <th class="num">Net</th>
            </tr>
          </thead>
          <tbody>
            {d.entities.map((e) => {
              const tot = e.negative + e.neutral + e.positive || 1;
              return (
                <tr>
                  <td>
                    <button class="btn-link ent-link" onClick={() => onPick({ entity: `${e.kind}:${e.name}`, label: e.name })}>
                      {e.name}
                    </button>{' '}
                    <span class={`chip ent ent-${e.kind}`}>{e.kind}</span>
                  </td>
                  <td class="num">
                    <span class="inline-bar" style={{ width: `${(e.posts / max) * 60}px` }} />
                    {fmtNum(e.posts)}
                  </td>
                  <td>
                    <div class="stackbar thin" title={`${e.negative} negative, ${e.neutral} neutral, ${e.positive} positive`}>
                      <span class="seg seg-neg" style={{ width: `${(e.negative / tot) * 100}%` }} />
                      <span class="seg seg-neu" style={{ width: `${(e.neutral / tot) * 100}%` }} />
                      <span class="seg seg-pos" style={{ width: `${(e.positive / tot) * 100}%` }} />
                    </div>
                  </td>
                  <td class={`num ${e.net_sentiment < 0 ? 'tone-bad' : e.net_sentiment > 0 ? 'tone-good' : ''}`}>
                    {e.net_sentiment > 0 ? '+' : ''}
                    {Number(e.net_sentiment).toFixed(2)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ShareOfVoice({ bounds, onPick }) {
  const [d, setD] = useState(null);
  const [err, setErr] = useState(null);
  useEffect(() => {
    let live = true;
    setD(null);
    get('/listening/share-of-voice', { since: bounds.since, until: bounds.until }).then(
      (x) => live && setD(x),
      (e) => live && setErr(e),
    );
    return () => (live = false);
  }, [bounds]);
  if (err) return <section class="card"><h2>Share of voice</h2><div class="alert">{unavailable(err) ? 'Not available on this server.' : err.message}</div></section>;
  return (
    <section class="card">
      <h2>Share of voice</h2>
      {!d ? (
        <Spinner />
      ) : (
        <div class="sov" data-testid="share-of-voice">
          {d.brands.map((b) => (
            <div class={`sov-row sov-${b.kind}`}>
              <button class="btn-link sov-name" onClick={() => onPick({ entity: `${b.kind === 'own' ? 'keyword' : 'competitor'}:${b.name}`, label: b.name })}>
                {b.name}
              </button>
              <span class="sov-bar">
                <span style={{ width: `${b.share * 100}%` }} />
              </span>
              <span class="sov-pct">{fmtPct(b.share, 1)}</span>
              <span class="muted small">
                {fmtNum(b.posts)} posts · net {b.net_sentiment > 0 ? '+' : ''}
                {Number(b.net_sentiment).toFixed(2)}
              </span>
            </div>
          ))}
          <p class="muted small">{fmtNum(d.total)} brand mentions in the range.</p>
        </div>
      )}
    </section>
  );
}

function Search({ initial }) {
  const [q, setQ] = useState(initial || '');
  const [res, setRes] = useState(null);
  const [err, setErr] = useState('');
  const run = async (e) => {
    if (e) e.preventDefault();
    if (!q.trim()) return;
    navigate(`/listening?q=${encodeURIComponent(q.trim())}`, { replace: true });
    try {
      setRes(await get('/search', { q: q.trim(), limit: 30 }));
      setErr('');
    } catch (x) {
      setErr(x.status === 403 ? 'Analysts see aggregates only: searching the posts themselves is for agents, leads and admins.' : x.message);
    }
  };
  useEffect(() => {
    if (initial) run();
  }, []);
  return (
    <section class="card">
      <h2>Search every post</h2>
      <form class="row-form" onSubmit={run} role="search">
        <label class="sr-only" for="search-q">
          Search posts
        </label>
        <input id="search-q" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder='e.g. refund OR "charged twice"' />
        <button class="btn btn-primary" type="submit">
          Search
        </button>
      </form>
      {err && <div class="alert alert-error">{err}</div>}
      {res && (
        <>
          <p class="muted small">{fmtNum(res.total)} posts match.</p>
          <ul class="postlist" data-testid="search-results">
            {res.hits.map((h) => (
              <li class="lpost">
                <div class="lpost-head">
                  <strong>{h.author}</strong>
                  <span class="muted small">
                    {h.source} · {fmtTime(h.created_at)}
                  </span>
                </div>
                <p>
                  <Snippet text={h.snippet || h.text} />
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function Listening({ search }) {
  const [range, setRange] = useState('30d');
  const [by, setBy] = useState('intent');
  const [drill, setDrill] = useState(null);
  const bounds = useRangeBounds(range);
  const vol = VolumeCard({ bounds, by, setBy, onPick: setDrill, picked: drill });

  const drillParams = useMemo(() => {
    if (!drill) return null;
    if (drill.entity) return { since: bounds.since, until: bounds.until, entity: drill.entity };
    const p = { since: drill.at, until: drill.at + drill.bucket_ms };
    if (drill.key && drill.by && drill.by !== 'none') p[drill.by === 'source' ? 'source' : drill.by] = drill.key;
    return p;
  }, [drill, bounds]);
  const drillTitle = drill
    ? drill.entity
      ? `Posts mentioning ${drill.label}`
      : `Posts ${fmtTime(drill.at)} – ${fmtTime(drill.at + drill.bucket_ms)}${drill.key ? ` · ${drill.key}` : ''}`
    : '';

  return (
    <div class="page listening-page" data-testid="listening-page">
      <div class="page-head">
        <h1 class="page-title">Listening</h1>
        <div class="seg" role="group" aria-label="Range">
          {RANGES.map(([r]) => (
            <button class={range === r ? 'on' : ''} aria-pressed={range === r} onClick={() => (setRange(r), setDrill(null))}>
              {r}
            </button>
          ))}
        </div>
      </div>
      {vol.error ? (
        <div class="alert alert-warn" data-testid="listening-unavailable">
          {unavailable(vol.error) ? (
            <>
              <strong>Listening analytics are not available on this server.</strong> It does not answer{' '}
              <code>GET /api/v1/listening/volume</code> yet (an older parley). Full-text search below still works.
            </>
          ) : vol.error.status === 403 ? (
            'You may not see listening analytics.'
          ) : (
            vol.error.message
          )}
        </div>
      ) : (
        <>
          {vol.node}
          {drill && <PostList title={drillTitle} params={drillParams} onClose={() => setDrill(null)} />}
          <div class="grid2">
            <TopEntities bounds={bounds} onPick={setDrill} />
            <ShareOfVoice bounds={bounds} onPick={setDrill} />
          </div>
        </>
      )}
      <Search initial={search.get('q') || ''} />
    </div>
  );
}
