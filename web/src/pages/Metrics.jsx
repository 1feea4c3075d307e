import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { subscribe } from '../events.js';
import { fmtDuration, fmtNum, fmtPct } from '../util.js';
import { Spinner } from '../components/bits.jsx';

const RANGES = [
  ['7d', 7],
  ['30d', 30],
  ['90d', 90],
  ['365d', 365],
  ['all', 0],
];
const GROUPS = [
  ['team', 'Team'],
  ['assignee', 'Employee'],
  ['source', 'Channel'],
  ['intent', 'Intent'],
];

function Kpi({ label, value, sub, tone, testid }) {
  return (
    <div class={`kpi ${tone ? `kpi-${tone}` : ''}`} data-testid={testid}>
      <div class="kpi-label">{label}</div>
      <div class="kpi-value">{value}</div>
      {sub && <div class="kpi-sub">{sub}</div>}
    </div>
  );
}

function Bar({ parts }) {
  const total = parts.reduce((n, p) => n + p.value, 0) || 1;
  return (
    <div class="stackbar" role="img" aria-label={parts.map((p) => `${p.label} ${p.value}`).join(', ')}>
      {parts.map((p) =>
        p.value > 0 ? (
          <span class={`seg seg-${p.cls}`} style={{ width: `${(p.value / total) * 100}%` }} title={`${p.label}: ${fmtNum(p.value)}`} />
        ) : null,
      )}
    </div>
  );
}

// The choices are kept for the session, so coming back to the page shows the same view.
function useSaved(key, initial) {
  const k = `parley.metrics.${key}`;
  const [v, setV] = useState(() => sessionStorage.getItem(k) || initial);
  return [
    v,
    (x) => {
      sessionStorage.setItem(k, x);
      setV(x);
    },
  ];
}

function hitTone(x) {
  if (x === null || x === undefined) return '';
  return x >= 0.9 ? 'good' : x >= 0.7 ? 'warn' : 'bad';
}

export function Metrics() {
  const [range, setRange] = useSaved('range', '30d');
  const [groupBy, setGroupBy] = useSaved('group_by', 'team');
  const [clock, setClock] = useSaved('clock', 'business');
  const [loaded, setLoaded] = useState('');
  const [m, setM] = useState(null);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const days = RANGES.find((r) => r[0] === range)[1];
    const params = { group_by: groupBy };
    if (days) params.since = Date.now() - days * 86400000;
    let live = true;
    get('/metrics', params).then(
      (d) => live && (setM(d), setError(''), setLoaded(`${range}|${groupBy}|${Date.now()}`)),
      (e) => live && setError(e.message),
    );
    return () => (live = false);
  }, [range, groupBy, tick]);

  // Keep the figures current as cases change.
  useEffect(() => {
    let t = null;
    const unsub = subscribe(() => {
      if (!t)
        t = setTimeout(() => {
          t = null;
          setTick((x) => x + 1);
        }, 1000);
    });
    return () => {
      unsub();
      clearTimeout(t);
    };
  }, []);

  const fr = m && m.first_response[clock];
  const res = m && m.resolution[clock];
  const nr = m && m.next_response[clock];
  const ans = m && m.answers;
  const buckets = m && m.first_response_buckets;

  return (
    <div class="page metrics-page" data-testid="metrics-page" data-loaded={loaded}>
      <div class="page-head">
        <h1 class="page-title">Care metrics</h1>
        <div class="controls">
          <div class="seg" role="group" aria-label="Range: cases opened in the last">
            {RANGES.map(([r]) => (
              <button class={range === r ? 'on' : ''} aria-pressed={range === r} onClick={() => setRange(r)}>
                {r}
              </button>
            ))}
          </div>
          <label class="filter">
            <span>Times in</span>
            <select value={clock} onChange={(e) => setClock(e.currentTarget.value)} aria-label="Times in">
              <option value="business">business hours</option>
              <option value="calendar">calendar time</option>
            </select>
          </label>
          <label class="filter">
            <span>Group by</span>
            <select value={groupBy} onChange={(e) => setGroupBy(e.currentTarget.value)} aria-label="Group by">
              {GROUPS.map(([v, l]) => (
                <option value={v}>{l}</option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {error && <div class="alert alert-error">{error}</div>}
      {!m ? (
        <Spinner />
      ) : (
        <>
          <p class="muted small">
            Cases opened {range === 'all' ? 'at any time' : `in the last ${range}`}; backlog is now. Times in {clock === 'business' ? `business hours (${m.business_calendar || 'calendar'})` : 'calendar time'}.
          </p>
          <div class="kpis">
            <Kpi label="Opened" value={fmtNum(m.opened)} sub={`${fmtNum(m.merged)} merged`} testid="kpi-opened" />
            <Kpi label="Resolved" value={fmtNum(m.resolved)} sub={`reopen rate ${fmtPct(m.reopen_rate)}`} testid="kpi-resolved" />
            <Kpi label="Backlog now" value={fmtNum(m.backlog)} sub={`${fmtNum(m.queued)} queued`} testid="kpi-backlog" />
            <Kpi label="First response (median)" value={fmtDuration(fr.median_ms)} sub={`p90 ${fmtDuration(fr.p90_ms)} · ${fmtNum(fr.count)} cases`} testid="kpi-first-response" />
            <Kpi label="Next response (median)" value={fmtDuration(nr.median_ms)} sub={`p90 ${fmtDuration(nr.p90_ms)}`} />
            <Kpi label="Resolution (median)" value={fmtDuration(res.median_ms)} sub={`p90 ${fmtDuration(res.p90_ms)} · ${fmtNum(res.count)} case${res.count === 1 ? '' : 's'}`} testid="kpi-resolution" />
            <Kpi
              label="SLA hit rate, first response"
              value={fmtPct(m.sla.first_response.hit_rate)}
              sub={`${fmtNum(m.sla.first_response.met)} met · ${fmtNum(m.sla.first_response.breached)} breached · ${fmtNum(m.sla.first_response.pending)} pending`}
              tone={hitTone(m.sla.first_response.hit_rate)}
              testid="kpi-sla-first"
            />
            <Kpi
              label="SLA hit rate, resolution"
              value={fmtPct(m.sla.resolution.hit_rate)}
              sub={`${fmtNum(m.sla.resolution.met)} met · ${fmtNum(m.sla.resolution.breached)} breached`}
              tone={hitTone(m.sla.resolution.hit_rate)}
            />
            <Kpi label="CSAT" value={m.csat.mean === null ? '—' : m.csat.mean.toFixed(2)} sub={m.csat.count ? `${fmtPct(m.csat.satisfied_share)} satisfied · ${m.csat.count} scores` : 'no scores yet'} />
            <Kpi
              label="Sentiment lift"
              value={m.sentiment.mean_lift === null ? '—' : (m.sentiment.mean_lift >= 0 ? '+' : '') + m.sentiment.mean_lift.toFixed(2)}
              sub={m.sentiment.cases ? `${fmtPct(m.sentiment.improved_share)} improved` : 'no resolved cases'}
            />
          </div>
          <div class="grid2">
            <section class="card">
              <h2>Who answers</h2>
              <Bar
                parts={[
                  { label: 'staff', value: ans.staff_responses, cls: 'staff' },
                  { label: 'community', value: ans.community_responses, cls: 'community' },
                ]}
              />
              <dl class="kv kv-wide">
                <dt>
                  <span class="swatch swatch-staff" /> Staff answers
                </dt>
                <dd data-testid="staff-responses">{fmtNum(ans.staff_responses)}</dd>
                <dt>
                  <span class="swatch swatch-community" /> Community answers
                </dt>
                <dd>{fmtNum(ans.community_responses)}</dd>
                <dt>Community answers accepted</dt>
                <dd>{fmtNum(ans.community_accepted)}</dd>
                <dt>Resolved by staff / community</dt>
                <dd>
                  {fmtNum(ans.resolved_by_staff)} / {fmtNum(ans.resolved_by_community)}
                </dd>
              </dl>
            </section>
            <section class="card">
              <h2>First response, calendar time</h2>
              <div class="buckets">
                {['0-1h', '1-4h', '4-8h', '8-24h', '24h+', 'unanswered'].map((k) => {
                  const max = Math.max(1, ...Object.values(buckets));
                  return (
                    <div class="bucket">
                      <span class="b-label">{k}</span>
                      <span class="b-bar">
                        <span class={`b-fill ${k === 'unanswered' ? 'b-unans' : ''}`} style={{ width: `${(buckets[k] / max) * 100}%` }} />
                      </span>
                      <span class="b-n">{fmtNum(buckets[k])}</span>
                    </div>
                  );
                })}
              </div>
            </section>
          </div>
          <section class="card">
            <h2>By {GROUPS.find((g) => g[0] === groupBy)[1].toLowerCase()}</h2>
            <div class="table-wrap">
              <table class="table" data-testid="metrics-groups">
                <thead>
                  <tr>
                    <th>{GROUPS.find((g) => g[0] === groupBy)[1]}</th>
                    <th class="num">Opened</th>
                    <th class="num">Resolved</th>
                    <th class="num">Backlog</th>
                    <th class="num">First response</th>
                    <th class="num">Resolution</th>
                    <th class="num">SLA hit (first)</th>
                    <th class="num">SLA hit (resolution)</th>
                    <th>Staff / community answers</th>
                  </tr>
                </thead>
                <tbody>
                  {(m.groups || []).map((g) => (
                    <tr>
                      <td>{g.group || <span class="muted">(none)</span>}</td>
                      <td class="num">{fmtNum(g.opened)}</td>
                      <td class="num">{fmtNum(g.resolved)}</td>
                      <td class="num">{fmtNum(g.backlog)}</td>
                      <td class="num">{fmtDuration(g.first_response[clock].median_ms)}</td>
                      <td class="num">{fmtDuration(g.resolution[clock].median_ms)}</td>
                      <td class={`num tone-${hitTone(g.sla.first_response.hit_rate)}`}>{fmtPct(g.sla.first_response.hit_rate)}</td>
                      <td class={`num tone-${hitTone(g.sla.resolution.hit_rate)}`}>{fmtPct(g.sla.resolution.hit_rate)}</td>
                      <td>
                        <div class="mini">
                          <Bar
                            parts={[
                              { label: 'staff', value: g.answers.staff_responses, cls: 'staff' },
                              { label: 'community', value: g.answers.community_responses, cls: 'community' },
                            ]}
                          />
                          <span class="small">
                            {fmtNum(g.answers.staff_responses)} / {fmtNum(g.answers.community_responses)}
                          </span>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
