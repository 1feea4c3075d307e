// Pieces shared by the people screens (My growth, Team skills): levels 1-5 as a small bar, confidence,
// trend, and the way a 403 reads.
export const fmtLevel = (x) => (x === null || x === undefined ? '—' : Number(x).toFixed(1));
export const skillName = (s) => s.replace(/-/g, ' ');

// A 1-5 scale: the measured level as a bar (its ~90% interval as a band), the declared level as a tick.
export function LevelBar({ measured, declared, low, high, level }) {
  const pos = (x) => `${Math.max(0, Math.min(100, ((x - 1) / 4) * 100))}%`;
  const shown = measured ?? null;
  return (
    <span
      class="lvl"
      role="img"
      aria-label={`measured ${shown === null ? 'not enough evidence' : fmtLevel(shown)}, declared ${declared ?? 'none'}`}
    >
      {shown !== null && low !== undefined && high !== undefined && (
        <span class="lvl-band" style={{ left: pos(low), width: `calc(${pos(high)} - ${pos(low)})` }} />
      )}
      {shown !== null ? (
        <span class="lvl-fill" style={{ width: pos(shown) }} />
      ) : (
        level !== undefined && <span class="lvl-fill lvl-prior" style={{ width: pos(level) }} />
      )}
      {declared !== null && declared !== undefined && <span class="lvl-decl" style={{ left: pos(declared) }} title={`declared ${declared}`} />}
    </span>
  );
}

export function Confidence({ value }) {
  const v = value || 0;
  return (
    <span class="conf" title={`confidence ${(v * 100).toFixed(0)}% (n / (n + 5))`}>
      <span class="conf-bar">
        <span style={{ width: `${v * 100}%` }} />
      </span>
      <span class="small">{(v * 100).toFixed(0)}%</span>
    </span>
  );
}

export function Trend({ t }) {
  if (!t || t.direction === 'unknown') return <span class="muted small" title="needs 3 cases in each of the last two 14-day windows">unknown</span>;
  const arrow = { up: '▲', down: '▼', flat: '▬' }[t.direction] || '';
  const d = t.delta === null || t.delta === undefined ? '' : ` ${t.delta >= 0 ? '+' : ''}${t.delta.toFixed(2)}`;
  return (
    <span class={`trend trend-${t.direction}`}>
      <span aria-hidden="true">{arrow}</span> {t.direction}
      {d}
    </span>
  );
}

export function Denied({ error, what }) {
  if (!error) return null;
  if (error.status === 403)
    return (
      <div class="alert alert-warn" data-testid="forbidden" role="alert">
        <strong>Not available to you.</strong> {what ? `${what}: ` : ''}
        {error.message}
      </div>
    );
  return (
    <div class="alert alert-error" role="alert">
      {error.message}
    </div>
  );
}
