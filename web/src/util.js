// Formatting helpers shared by the screens.

function parts(ms) {
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return { d, h, m, s };
}

// A duration for reports: 45s, 24m, 3h 05m, 2d 4h.
export function fmtDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  const { d, h, m, s } = parts(ms);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

// A countdown that visibly ticks every second: 4:05:09, 2d 03:12:45.
export function fmtCountdown(ms) {
  const { d, h, m, s } = parts(ms);
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  if (d > 0) return `${d}d ${String(h).padStart(2, '0')}:${mm}:${ss}`;
  return `${h}:${mm}:${ss}`;
}

export function fmtAgo(ms, now = Date.now()) {
  if (!ms) return '';
  const d = now - ms;
  if (d < 60000) return 'just now';
  if (d < 3600000) return `${Math.floor(d / 60000)}m ago`;
  if (d < 86400000) return `${Math.floor(d / 3600000)}h ago`;
  return `${Math.floor(d / 86400000)}d ago`;
}

const dtf = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
export function fmtTime(ms) {
  return ms ? dtf.format(new Date(ms)) : '—';
}

export function fmtNum(n) {
  if (n === null || n === undefined) return '—';
  return Number(n).toLocaleString();
}

export function fmtPct(x, digits = 0) {
  if (x === null || x === undefined) return '—';
  return `${(x * 100).toFixed(digits)}%`;
}

export function sentimentLabel(score) {
  if (score === null || score === undefined) return 'neutral';
  if (score <= -0.05) return 'negative';
  if (score >= 0.05) return 'positive';
  return 'neutral';
}

export function compactNum(n) {
  if (n === null || n === undefined) return '—';
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

// The deadline that matters now for a case: the earliest running SLA clock and its state.
export function slaState(c, now = Date.now()) {
  if (!c || !c.sla || c.status === 'resolved' || c.status === 'merged') return null;
  let best = null;
  for (const [clock, v] of Object.entries(c.sla)) {
    if (!v || v.due === null || v.due === undefined) continue;
    // the engine keeps a stopped clock's last deadline: skip the clocks that are not running
    if (clock === 'first_response' && c.first_response_at) continue;
    if (clock === 'next_response' && (!c.first_response_at || (c.last_response_at || 0) >= (c.last_inbound_at || 0)))
      continue;
    if (!best || v.due < best.due) best = { clock, ...v };
  }
  if (!best) return null;
  const left = best.due - now;
  let state = 'ok';
  if (best.breached || left <= 0) state = 'breached';
  // amber from the warning instant on, without waiting for the server's timer event to arrive
  else if (best.warned || (best.warn_at !== null && best.warn_at !== undefined && now >= best.warn_at)) state = 'warning';
  return { ...best, left, state, paused: c.status === 'waiting' };
}

export const CLOCK_LABEL = {
  first_response: 'first response',
  next_response: 'next response',
  resolution: 'resolution',
};

export function titleCase(s) {
  return s ? s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ') : '';
}

export function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}
