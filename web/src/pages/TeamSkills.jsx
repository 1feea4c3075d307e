// Team skills: a team's members × skills matrix (GET /api/v1/teams/{team}/skills) and its gaps with what to
// do about them (GET /api/v1/teams/{team}/gaps). Analysts get the aggregate versions; a 403 says why.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { navigate, Link } from '../router.jsx';
import { fmtNum } from '../util.js';
import { Spinner } from '../components/bits.jsx';
import { Denied, fmtLevel, skillName } from '../components/people.jsx';

const PARTS = { night: 'night 00–06', morning: 'morning 06–12', afternoon: 'afternoon 12–18', evening: 'evening 18–24' };
const KIND = { learn: 'Learn', pair: 'Mentor', hire: 'Hire' };
const fmtDate = (ms) => (ms ? new Date(ms).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' }) : '—');
const top = (o, n = 2) =>
  Object.entries(o || {})
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

function Cell({ c }) {
  if (!c) return <td class="mcell mcell-none" aria-label="no declaration or evidence" />;
  const measured = c.status === 'measured';
  const lvl = measured ? c.measured : c.declared;
  // Shading: the level's hue, its strength the confidence (declared only: a pale outline).
  const alpha = measured ? 0.25 + 0.75 * (c.confidence || 0) : 0;
  const hue = lvl === null || lvl === undefined ? 210 : lvl >= 4 ? 150 : lvl >= 3 ? 210 : 30;
  const title = `declared ${c.declared ?? '—'} · measured ${measured ? fmtLevel(c.measured) : 'not enough evidence'} · ${c.n} case${c.n === 1 ? '' : 's'} · confidence ${Math.round((c.confidence || 0) * 100)}%`;
  return (
    <td
      class={`mcell ${measured ? 'mcell-measured' : 'mcell-declared'}`}
      style={measured ? { background: `hsla(${hue}, 60%, 45%, ${alpha})`, color: alpha > 0.6 ? '#fff' : undefined } : undefined}
      title={title}
      data-status={c.status}
    >
      {lvl === null || lvl === undefined ? <span class="muted">·</span> : measured ? fmtLevel(lvl) : <span class="decl">{lvl}</span>}
    </td>
  );
}

function Matrix({ m }) {
  if (m.view === 'aggregate')
    return (
      <div class="table-wrap">
        <p class="muted small">Aggregates only: nobody is named. Means are over 2 or more people.</p>
        <table class="table" data-testid="skills-aggregate">
          <thead>
            <tr>
              <th>Skill</th>
              <th class="num">Declare it</th>
              <th class="num">Measured</th>
              <th class="num">At level 3+</th>
              <th class="num">Cases</th>
              <th class="num">Mean declared</th>
              <th class="num">Mean measured</th>
            </tr>
          </thead>
          <tbody>
            {m.skills.map((s) => (
              <tr>
                <td>{skillName(s.skill)}</td>
                <td class="num">{s.members_declared}</td>
                <td class="num">{s.members_measured}</td>
                <td class="num">{s.skilled}</td>
                <td class="num">{fmtNum(s.cases)}</td>
                <td class="num">{fmtLevel(s.mean_declared)}</td>
                <td class="num">{fmtLevel(s.mean_measured)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  return (
    <>
      <p class="muted small legend">
        <span class="mcell-key" style={{ background: 'hsla(150, 60%, 45%, 0.9)' }} /> measured 4+ <span class="mcell-key" style={{ background: 'hsla(210, 60%, 45%, 0.9)' }} /> 3–4{' '}
        <span class="mcell-key" style={{ background: 'hsla(30, 60%, 45%, 0.9)' }} /> below 3 — the stronger the colour, the more cases behind it;{' '}
        <span class="decl">4</span> declared only, <span class="decl">·</span> under 5 cases and nothing declared (not enough evidence). Hover a cell for the figures.
      </p>
      <div class="table-wrap matrix-wrap">
        <table class="table matrix" data-testid="skills-matrix">
          <thead>
            <tr>
              <th class="mname">Member</th>
              {m.skills.map((s) => (
                <th class="mskill" title={s}>
                  <span>{skillName(s)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.members.map((p) => (
              <tr data-member={p.handle}>
                <th class="mname" scope="row">
                  <Link href={`/growth/${encodeURIComponent(p.handle)}`}>{p.name || p.handle}</Link>
                  <div class="muted small">{fmtNum(p.cases)} cases</div>
                </th>
                {m.skills.map((s) => (
                  <Cell c={p.cells[s]} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Gaps({ g }) {
  const recs = g.recommendations || [];
  const shortages = g.shortages || [];
  return (
    <>
      <p class="muted small">
        {fmtNum(g.cases)} cases opened {fmtDate(g.since)} – {fmtDate(g.until)} ({Math.round(g.days)} days), parts of the day in {g.time_zone}. A
        shortage: {g.thresholds?.min_cases ?? 3}+ cases and more than {g.thresholds?.max_load ?? 1} new case a day per skilled person on shift
        (level {g.thresholds?.skilled_level ?? 3}+).
      </p>
      <div class="grid2">
        <div>
          <h3>Shortages</h3>
          {shortages.length === 0 ? (
            <p class="ok-state" data-testid="no-gaps">
              No gaps: every skill's demand is covered by skilled people on shift.
            </p>
          ) : (
            <table class="table" data-testid="shortages">
              <thead>
                <tr>
                  <th>Skill</th>
                  <th>Part of the day</th>
                  <th class="num">Cases</th>
                  <th class="num">Per day</th>
                  <th class="num">Skilled capacity</th>
                  <th class="num">Load</th>
                  <th>Mostly</th>
                </tr>
              </thead>
              <tbody>
                {shortages.map((c) => (
                  <tr>
                    <td>
                      <strong>{skillName(c.skill)}</strong>
                    </td>
                    <td>{PARTS[c.part] || c.part}</td>
                    <td class="num">{c.cases}</td>
                    <td class="num">{c.per_day.toFixed(2)}</td>
                    <td class="num">{c.skilled_capacity.toFixed(2)}</td>
                    <td class="num tone-bad">{c.load === null ? 'no one' : c.load.toFixed(2)}</td>
                    <td class="small">{[top(c.intents), top(c.languages, 1)].filter(Boolean).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3>Recommendations</h3>
          {g.view === 'aggregate' && (
            <p class="muted small" data-testid="aggregate-counts">
              {g.learning_recommendations} learning recommendation{g.learning_recommendations === 1 ? '' : 's'} and {g.mentoring_pairs} mentoring pair
              {g.mentoring_pairs === 1 ? '' : 's'} (named for leads and admins only).
            </p>
          )}
          {recs.length === 0 ? (
            <p class="muted" data-testid="no-recommendations">
              Nothing to recommend.
            </p>
          ) : (
            <ul class="recs" data-testid="recommendations">
              {recs.map((r) => (
                <li class={`rec rec-${r.kind}`} data-kind={r.kind}>
                  <span class={`rec-kind rec-kind-${r.kind}`}>{KIND[r.kind] || r.kind}</span>
                  <div>
                    <div>
                      <strong>{skillName(r.skill)}</strong>
                      {r.person && (
                        <>
                          {' '}
                          · <Link href={`/growth/${encodeURIComponent(r.person)}`}>{r.person}</Link>
                        </>
                      )}
                      {r.mentor && <> · mentor {r.mentor}</>}
                      {r.parts?.length > 0 && <span class="muted"> · {r.parts.join(', ')}</span>}
                      {r.kind === 'hire' && r.capacity_needed !== undefined && r.capacity_needed !== null && (
                        <span class="rec-num"> · capacity needed {r.capacity_needed.toFixed(2)}</span>
                      )}
                    </div>
                    <div class="small muted">{r.reason}</div>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </>
  );
}

export function TeamSkills({ me, search }) {
  const [teams, setTeams] = useState(null);
  const [m, setM] = useState(null);
  const [g, setG] = useState(null);
  const [mErr, setMErr] = useState(null);
  const [gErr, setGErr] = useState(null);
  const mine = me.employee?.teams || [];
  const team = search.get('team') || (teams ? (teams.find((t) => mine.includes(t.id)) || teams[0] || {}).id : '');

  useEffect(() => {
    get('/org').then(
      (o) => setTeams(o.teams || []),
      (e) => (setTeams([]), setMErr(e)),
    );
  }, []);

  useEffect(() => {
    if (!team) return;
    let live = true;
    setM(null);
    setG(null);
    setMErr(null);
    setGErr(null);
    const t = encodeURIComponent(team);
    get(`/teams/${t}/skills`).then(
      (x) => live && setM(x),
      (e) => live && setMErr(e),
    );
    get(`/teams/${t}/gaps`).then(
      (x) => live && setG(x),
      (e) => live && setGErr(e),
    );
    return () => (live = false);
  }, [team]);

  const loaded = (m || mErr) && (g || gErr) ? team : '';
  return (
    <div class="page team-skills-page" data-testid="team-skills-page" data-loaded={loaded}>
      <div class="page-head">
        <h1 class="page-title">
          Team skills
          {m && <span class="count">{m.view === 'aggregate' ? 'aggregate view' : `${m.members.length} members`}</span>}
        </h1>
        <div class="controls">
          <label class="filter">
            <span>Team</span>
            <select aria-label="Team" value={team} onChange={(e) => navigate(`/teams?team=${encodeURIComponent(e.currentTarget.value)}`)}>
              {(teams || []).map((t) => (
                <option value={t.id}>
                  {t.name} ({t.id})
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {!teams && <Spinner />}
      <section class="card">
        <h2>Skills matrix</h2>
        <Denied error={mErr} what="This team's skills" />
        {!m && !mErr && team && <Spinner />}
        {m && <Matrix m={m} />}
      </section>
      <section class="card" data-testid="gaps">
        <h2>Gaps and what to do</h2>
        <Denied error={gErr} what="This team's gaps" />
        {!g && !gErr && team && <Spinner />}
        {g && <Gaps g={g} />}
      </section>
    </div>
  );
}
