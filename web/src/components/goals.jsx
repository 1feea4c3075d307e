// Social goals and peer feedback on the My growth page (GET/POST/DELETE /api/v1/people/{handle}/goals,
// GET /api/v1/people/{handle}/feedback). Progress is the server's: value, sample and status from the cases.
import { useEffect, useState } from 'preact/hooks';
import { api, get, post } from '../api.js';
import { Link } from '../router.jsx';
import { fmtTime } from '../util.js';
import { Spinner, toast } from './bits.jsx';

const STATUS = {
  met: ['met', 'chip-good'],
  on_track: ['on track', 'chip-good'],
  behind: ['behind', 'chip-warn'],
  missed: ['missed', 'chip-bad'],
  not_enough_data: ['not enough cases yet', ''],
  upcoming: ['not started', ''],
};

const METRIC_LABEL = {
  first_response_within: 'First response within a time',
  resolution_within: 'Resolution within a time',
  sla_hit_rate: 'SLA hit rate',
  csat_average: 'Average CSAT',
  reopen_rate: 'Reopen rate (at most)',
  sentiment_lift: 'Customer sentiment lift',
  kudos_received: 'Kudos from colleagues',
  accepted_answers: 'Accepted answers',
  knowledge_reuse: 'My articles reused',
};

const fmtDay = (ms) => new Date(ms).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

function fmtValue(g) {
  const v = g.progress.value;
  if (v === null || v === undefined) return '—';
  if (g.kind === 'share') return `${Math.round(v * 100)}%`;
  if (g.kind === 'count') return String(Math.round(v));
  return v.toFixed(2);
}

function fmtTarget(g) {
  if (g.kind === 'share') return `${g.direction === 'at_most' ? '≤' : '≥'} ${Math.round(g.target * 100)}%`;
  return `${g.direction === 'at_most' ? '≤' : '≥'} ${g.kind === 'count' ? g.target : g.target.toFixed(1)}`;
}

// How far along the value is towards its target, for the bar (at-most goals: full while under the limit).
function share(g) {
  const v = g.progress.value;
  if (v === null || v === undefined) return 0;
  if (g.direction === 'at_most') return v <= g.target ? 1 : Math.max(0, 1 - (v - g.target));
  if (g.metric === 'sentiment_lift') return Math.max(0, Math.min(1, (v + 2) / (g.target + 2)));
  return Math.max(0, Math.min(1, g.target ? v / g.target : 1));
}

function GoalForm({ handle, metrics, onSaved }) {
  const [metric, setMetric] = useState('first_response_within');
  const [target, setTarget] = useState('80');
  const [within, setWithin] = useState('60');
  const [days, setDays] = useState('30');
  const [busy, setBusy] = useState(false);
  const info = metrics.find((m) => m.metric === metric) || {};
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    const t = Number(target);
    const body = { metric, target: info.kind === 'share' ? t / 100 : t };
    if (info.needs_within) body.within_min = Number(within);
    const start = new Date();
    start.setUTCHours(0, 0, 0, 0);
    body.starts_at = start.getTime();
    body.ends_at = start.getTime() + Number(days) * 86400000;
    try {
      await post(`/people/${encodeURIComponent(handle)}/goals`, body);
      toast('Goal set', 'ok');
      onSaved();
    } catch (err) {
      toast(err.message, 'error');
    }
    setBusy(false);
  };
  return (
    <form class="goal-form" onSubmit={submit} data-testid="goal-form">
      <label class="filter">
        <span>Metric</span>
        <select aria-label="Goal metric" value={metric} onChange={(e) => setMetric(e.currentTarget.value)}>
          {metrics.map((m) => (
            <option value={m.metric}>{METRIC_LABEL[m.metric] || m.metric}</option>
          ))}
        </select>
      </label>
      <label class="filter">
        <span>{info.direction === 'at_most' ? 'At most' : 'Target'}{info.kind === 'share' ? ' (%)' : ''}</span>
        <input aria-label="Goal target" type="number" step="any" value={target} onInput={(e) => setTarget(e.currentTarget.value)} required />
      </label>
      {info.needs_within && (
        <label class="filter">
          <span>Within (min)</span>
          <input aria-label="Within minutes" type="number" min="1" value={within} onInput={(e) => setWithin(e.currentTarget.value)} required />
        </label>
      )}
      <label class="filter">
        <span>For</span>
        <select aria-label="Goal period" value={days} onChange={(e) => setDays(e.currentTarget.value)}>
          <option value="7">a week</option>
          <option value="30">30 days</option>
          <option value="90">a quarter</option>
        </select>
      </label>
      <button class="btn btn-primary" type="submit" disabled={busy}>
        Set goal
      </button>
    </form>
  );
}

export function GoalsCard({ handle, canEdit }) {
  const [d, setD] = useState(null);
  const [error, setError] = useState(null);
  const [adding, setAdding] = useState(false);
  const load = () =>
    get(`/people/${encodeURIComponent(handle)}/goals`).then(
      (x) => setD(x),
      (e) => setError(e),
    );
  useEffect(() => {
    setD(null);
    setError(null);
    load();
  }, [handle]);
  const remove = async (g) => {
    if (!confirm(`Remove the goal “${g.description}”?`)) return;
    try {
      await api(`/people/${encodeURIComponent(handle)}/goals/${g.id}`, { method: 'DELETE' });
      load();
    } catch (e) {
      toast(e.message, 'error');
    }
  };
  return (
    <section class="card" data-testid="goals" aria-label="Goals">
      <div class="card-head">
        <h2>Goals</h2>
        {canEdit && d && (
          <button class="btn btn-small" onClick={() => setAdding(!adding)} aria-expanded={adding}>
            {adding ? 'Cancel' : '+ New goal'}
          </button>
        )}
      </div>
      {error && <div class="alert alert-error">{error.message}</div>}
      {!d && !error && <Spinner />}
      {d && adding && (
        <GoalForm
          handle={handle}
          metrics={d.metrics}
          onSaved={() => {
            setAdding(false);
            load();
          }}
        />
      )}
      {d && d.goals.length === 0 && <p class="muted">No goals yet. A goal is a target drawn from the care metrics, e.g. first response within 1 hour on 80% of cases this month.</p>}
      {d && d.goals.length > 0 && (
        <ul class="goals">
          {d.goals.map((g) => {
            const [label, cls] = STATUS[g.progress.status] || [g.progress.status, ''];
            return (
              <li class="goal" data-goal-status={g.progress.status} data-testid="goal">
                <div class="goal-head">
                  <strong>{g.description}</strong>
                  <span class={`chip ${cls}`}>{label}</span>
                </div>
                <div class="goal-bar" role="img" aria-label={`${fmtValue(g)} of target ${fmtTarget(g)}`}>
                  <span style={{ width: `${share(g) * 100}%` }} class={`goal-fill goal-${g.progress.status}`} />
                  <span class="goal-time" style={{ left: `${g.progress.elapsed * 100}%` }} title="time elapsed" />
                </div>
                <div class="goal-meta small muted">
                  now <strong>{fmtValue(g)}</strong> (target {fmtTarget(g)}) · {g.kind === 'count' ? '' : `${g.progress.cases} cases · `}
                  {fmtDay(g.starts_at)} – {fmtDay(g.ends_at - 1)} · set by {g.set_by}
                  {g.note && ` · “${g.note}”`}{' '}
                  {canEdit && (
                    <button class="btn btn-link btn-small" onClick={() => remove(g)} aria-label={`Remove goal ${g.description}`}>
                      remove
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function FeedbackCard({ handle }) {
  const [d, setD] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setD(null);
    setError(null);
    get(`/people/${encodeURIComponent(handle)}/feedback`).then(
      (x) => setD(x),
      (e) => setError(e),
    );
  }, [handle]);
  const items = d ? d.feedback.slice(0, 20) : [];
  return (
    <section class="card" data-testid="feedback" aria-label="Feedback from colleagues">
      <div class="card-head">
        <h2>Feedback from colleagues</h2>
        {d && (
          <span class="muted small" data-testid="feedback-counts">
            {d.kudos} kudos · {d.comments} comment{d.comments === 1 ? '' : 's'}
          </span>
        )}
      </div>
      {error && <div class="alert alert-error">{error.message}</div>}
      {!d && !error && <Spinner />}
      {d && items.length === 0 && <p class="muted">No feedback yet. Colleagues give kudos and comments on individual replies from the case view.</p>}
      {items.length > 0 && (
        <ul class="feedback-list">
          {items.map((f) => (
            <li class={`fb fb-${f.kind}`}>
              <span class={`fb-kind fb-kind-${f.kind}`}>{f.kind === 'kudos' ? 'Kudos' : 'Comment'}</span> from <strong>{f.from}</strong> on{' '}
              <Link href={`/cases/${f.case_id}`}>case #{f.case_id}</Link> <span class="muted small">{fmtTime(f.created_at)}</span>
              {f.text && <p class="fb-text">{f.text}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
