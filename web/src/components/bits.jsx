// Small presentational pieces used on several screens.
import { useEffect, useState } from 'preact/hooks';
import { CLOCK_LABEL, compactNum, fmtCountdown, sentimentLabel, slaState } from '../util.js';

// One 1-second ticker for every countdown on the page.
const tickers = new Set();
let timer = null;
function startTicker() {
  if (timer) return;
  timer = setInterval(() => {
    const now = Date.now();
    for (const fn of tickers) fn(now);
  }, 1000);
}
export function useNow() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    tickers.add(setNow);
    startTicker();
    return () => tickers.delete(setNow);
  }, []);
  return now;
}

export function SlaCountdown({ c, long = false }) {
  const now = useNow();
  const s = slaState(c, now);
  if (!s) return <span class="sla sla-none" data-sla="none">{c && c.status === 'resolved' ? 'resolved' : '—'}</span>;
  const label = s.left <= 0 ? `${fmtCountdown(-s.left)} over` : `${fmtCountdown(s.left)} left`;
  return (
    <span
      class={`sla sla-${s.state}${s.paused ? ' sla-paused' : ''}`}
      data-sla={s.state}
      title={`${CLOCK_LABEL[s.clock]} due ${new Date(s.due).toLocaleString()}${s.paused ? ' (paused: waiting on customer)' : ''}`}
    >
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.6" />
        <path d="M8 4.5V8l2.4 1.6" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
      </svg>
      <span class="sla-time">{label}</span>
      {long && <span class="sla-clock">{CLOCK_LABEL[s.clock]}</span>}
    </span>
  );
}

export function PriorityBadge({ p }) {
  return <span class={`prio prio-${p}`}>{p}</span>;
}

export function IntentChip({ intent }) {
  if (!intent) return null;
  return <span class={`chip intent-${intent}`}>{intent}</span>;
}

export function SentimentChip({ score, label }) {
  const l = label || sentimentLabel(score);
  const icon = { negative: '−', neutral: '·', positive: '+' }[l];
  return (
    <span class={`chip sent-${l}`} title={score !== undefined && score !== null ? `sentiment ${score.toFixed(2)}` : l}>
      <span aria-hidden="true" class="sent-icon">{icon}</span>
      {l}
    </span>
  );
}

export function Followers({ n }) {
  if (n === null || n === undefined) return null;
  return (
    <span class="followers" title={`${Number(n).toLocaleString()} followers`}>
      {compactNum(n)} followers
    </span>
  );
}

export function Spinner({ label = 'Loading…' }) {
  return (
    <div class="spinner" role="status">
      <span class="spin" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ children }) {
  return <div class="empty">{children}</div>;
}

let toastFn = null;
export function toast(msg, kind = 'info') {
  if (toastFn) toastFn({ msg, kind, id: Date.now() + Math.random() });
}
export function Toasts() {
  const [items, setItems] = useState([]);
  useEffect(() => {
    toastFn = (t) => {
      setItems((xs) => [...xs.slice(-3), t]);
      setTimeout(() => setItems((xs) => xs.filter((x) => x.id !== t.id)), 4000);
    };
    return () => (toastFn = null);
  }, []);
  return (
    <div class="toasts" aria-live="polite">
      {items.map((t) => (
        <div key={t.id} class={`toast toast-${t.kind}`}>
          {t.msg}
        </div>
      ))}
    </div>
  );
}
