// My growth: an employee's skill profile from resolved cases (GET /api/v1/people/{handle}/profile), declared
// against measured levels with confidence and trend, and the cases behind each figure; their social goals
// with progress, and the peer feedback they received. Leads and admins can
// look at the people they may see (/growth/{handle}).
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api.js';
import { navigate, Link } from '../router.jsx';
import { fmtNum, fmtTime } from '../util.js';
import { Spinner } from '../components/bits.jsx';
import { Confidence, Denied, LevelBar, Trend, fmtLevel, skillName } from '../components/people.jsx';
import { FeedbackCard, GoalsCard } from '../components/goals.jsx';

const PARTS = {
  first_response_sla: 'first response SLA',
  resolution_sla: 'resolution SLA',
  sentiment_lift: 'sentiment lift',
  not_reopened: 'not reopened',
  csat: 'CSAT',
  community_accepted: 'community answer accepted',
  knowledge_reuse: 'knowledge reused',
  peer_kudos: 'kudos from a colleague',
};

function SkillCases({ handle, skill, onClose }) {
  const [d, setD] = useState(null);
  const [error, setError] = useState(null);
  const ref = useRef(null);
  useEffect(() => {
    if (d && ref.current) ref.current.scrollIntoView({ block: 'nearest' });
  }, [d]);
  useEffect(() => {
    let live = true;
    setD(null);
    setError(null);
    get(`/people/${encodeURIComponent(handle)}/profile/skills/${encodeURIComponent(skill)}/cases`).then(
      (x) => live && setD(x),
      (e) => live && setError(e),
    );
    return () => (live = false);
  }, [handle, skill]);
  return (
    <section ref={ref} class="card drill" data-testid="skill-cases" aria-label={`Cases behind ${skill}`}>
      <div class="card-head">
        <h2>
          Cases behind <em>{skillName(skill)}</em>
          {d && <span class="muted small"> · {d.cases.length} case{d.cases.length === 1 ? '' : 's'}</span>}
        </h2>
        <button class="btn btn-small" onClick={onClose}>
          Close
        </button>
      </div>
      <Denied error={error} />
      {!d && !error && <Spinner />}
      {d && d.cases.length === 0 && <p class="muted">No resolved case exercised this skill yet: the level shown is the declared one.</p>}
      {d && d.cases.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th>Case</th>
                <th>Resolved</th>
                <th>Credit</th>
                <th>Intent</th>
                <th>Channel</th>
                <th>Language</th>
                <th class="num">Score</th>
                <th>Evidence</th>
              </tr>
            </thead>
            <tbody>
              {d.cases.map((c) => (
                <tr data-case-id={c.case_id}>
                  <td>
                    <Link href={`/cases/${c.case_id}`}>#{c.case_id}</Link>
                  </td>
                  <td>{fmtTime(c.resolved_at)}</td>
                  <td>{c.credit}</td>
                  <td>{c.intent || '—'}</td>
                  <td>{c.channel || '—'}</td>
                  <td class="lang">{c.language || '—'}</td>
                  <td class="num">{c.score === null || c.score === undefined ? '—' : `${Math.round(c.score * 100)}%`}</td>
                  <td class="small">
                    {Object.entries(c.parts || {})
                      .filter(([, v]) => v !== null && v !== undefined)
                      .map(([k, v]) => (
                        <span class={`part ${v >= 0.75 ? 'part-good' : v < 0.4 ? 'part-bad' : ''}`} title={`${PARTS[k] || k}: ${v.toFixed(2)}`}>
                          {PARTS[k] || k}
                        </span>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// The people the signed-in user may look at: admins everyone, leads the members of the teams they lead.
function usePeople(me) {
  const [people, setPeople] = useState([]);
  useEffect(() => {
    if (me.role !== 'admin' && me.role !== 'lead') return;
    get('/org').then(
      (o) => {
        const mine = new Set(me.employee?.teams || []);
        const all = o.employees || [];
        setPeople(me.role === 'admin' ? all : all.filter((e) => e.handle === me.user || (e.teams || []).some((t) => mine.has(t))));
      },
      () => setPeople([]),
    );
  }, [me.user, me.role]);
  return people;
}

export function Growth({ me, handle: routeHandle }) {
  const handle = routeHandle || me.user;
  const people = usePeople(me);
  const [p, setP] = useState(null);
  const [error, setError] = useState(null);
  const [skill, setSkill] = useState(null);

  useEffect(() => {
    let live = true;
    setP(null);
    setError(null);
    setSkill(null);
    get(`/people/${encodeURIComponent(handle)}/profile`).then(
      (x) => live && setP(x),
      (e) => live && setError(e),
    );
    return () => (live = false);
  }, [handle]);

  const own = handle === me.user;
  const skills = p ? [...p.skills].sort((a, b) => (b.estimate.n - a.estimate.n) || a.skill.localeCompare(b.skill)) : [];
  const measured = skills.filter((s) => s.status === 'measured').length;

  return (
    <div class="page growth-page" data-testid="growth-page" data-handle={handle} data-loaded={p ? handle : ''}>
      <div class="page-head">
        <h1 class="page-title">
          {own ? 'My growth' : 'Growth'}
          {p && <span class="count">{p.name || p.handle}</span>}
        </h1>
        {people.length > 0 && (
          <div class="controls">
            <label class="filter">
              <span>Person</span>
              <select aria-label="Person" value={handle} onChange={(e) => navigate(`/growth/${encodeURIComponent(e.currentTarget.value)}`)}>
                {!people.some((x) => x.handle === handle) && <option value={handle}>{handle}</option>}
                {people.map((x) => (
                  <option value={x.handle}>
                    {x.name} ({x.handle})
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
      </div>
      {error && error.status === 404 ? (
        <div class="alert" role="alert" data-testid="no-profile">
          {own ? (
            <>You are not an employee in the organisation's config, so there is no skill profile for you.{people.length > 0 && ' Choose a person above.'}</>
          ) : (
            <>No employee '{handle}' in the config.</>
          )}
        </div>
      ) : (
        <Denied error={error} what="This profile" />
      )}
      {!p && !error && <Spinner />}
      {p && (
        <>
          <p class="muted small">
            Levels 1–5 measured from the cases {own ? 'you' : p.name || p.handle} resolved or answered
            {p.teams?.length ? ` (${p.teams.join(', ')})` : ''}. A declared level counts as {p.thresholds.prior_weight} cases; under{' '}
            {p.thresholds.min_evidence} cases a skill shows <em>not enough evidence</em>. Trend: the last {p.thresholds.trend_window_days} days against
            the {p.thresholds.trend_window_days} before.
          </p>
          <div class="kpis kpis-4">
            <div class="kpi">
              <div class="kpi-label">Cases with evidence</div>
              <div class="kpi-value" data-testid="profile-cases">
                {fmtNum(p.cases)}
              </div>
            </div>
            <div class="kpi">
              <div class="kpi-label">Skills measured</div>
              <div class="kpi-value">
                {measured}
                <span class="kpi-of"> / {skills.length}</span>
              </div>
            </div>
            <div class="kpi kpi-good">
              <div class="kpi-label">Strongest</div>
              <div class="kpi-list" data-testid="strongest">
                {p.strongest.length ? p.strongest.map(skillName).join(', ') : <span class="muted">not enough evidence yet</span>}
              </div>
            </div>
            <div class="kpi kpi-warn">
              <div class="kpi-label">Weakest</div>
              <div class="kpi-list" data-testid="weakest">
                {p.weakest.length ? p.weakest.map(skillName).join(', ') : <span class="muted">not enough evidence yet</span>}
              </div>
            </div>
          </div>
          <section class="card">
            <div class="card-head">
              <h2>Skills</h2>
              <span class="legend small muted">
                <span class="lvl lvl-legend">
                  <span class="lvl-fill" style={{ width: '60%' }} />
                </span>{' '}
                measured <span class="lvl-decl-legend" /> declared <span class="lvl-band-legend" /> ~90% range
              </span>
            </div>
            {skills.length === 0 ? (
              <p class="muted">No declared skills and no resolved cases yet.</p>
            ) : (
              <div class="table-wrap">
                <table class="table skills-table" data-testid="profile-skills">
                  <thead>
                    <tr>
                      <th>Skill</th>
                      <th class="num">Declared</th>
                      <th class="num">Measured</th>
                      <th class="lvl-col">Level (1–5)</th>
                      <th>Confidence</th>
                      <th class="num">Cases</th>
                      <th>Trend</th>
                      <th class="num">Gap</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {skills.map((s) => {
                      const strong = p.strongest.includes(s.skill);
                      const weak = p.weakest.includes(s.skill);
                      return (
                        <tr data-skill={s.skill} class={skill === s.skill ? 'selected' : ''}>
                          <td>
                            <strong>{skillName(s.skill)}</strong>
                            {strong && <span class="chip chip-good">strongest</span>}
                            {weak && <span class="chip chip-warn">weakest</span>}
                          </td>
                          <td class="num">{s.declared ?? <span class="muted">—</span>}</td>
                          <td class="num" data-testid="measured">
                            {s.status === 'measured' ? <strong>{fmtLevel(s.measured)}</strong> : <span class="nee">not enough evidence</span>}
                          </td>
                          <td class="lvl-col">
                            <LevelBar measured={s.measured} declared={s.declared} low={s.estimate.low} high={s.estimate.high} />
                          </td>
                          <td>
                            <Confidence value={s.estimate.confidence} />
                          </td>
                          <td class="num">{s.estimate.n}</td>
                          <td>
                            <Trend t={s.trend} />
                          </td>
                          <td class={`num ${s.gap > 0.25 ? 'tone-good' : s.gap < -0.25 ? 'tone-bad' : ''}`}>
                            {s.gap === null || s.gap === undefined ? '—' : `${s.gap >= 0 ? '+' : ''}${s.gap.toFixed(1)}`}
                          </td>
                          <td>
                            <button
                              class="btn btn-small"
                              aria-pressed={skill === s.skill}
                              aria-label={`Cases behind ${s.skill}`}
                              disabled={s.estimate.n === 0}
                              onClick={() => setSkill(skill === s.skill ? null : s.skill)}
                            >
                              Cases
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {skill && <SkillCases handle={handle} skill={skill} onClose={() => setSkill(null)} />}
          <div class="grid-2">
            <GoalsCard handle={handle} canEdit />
            <FeedbackCard handle={handle} />
          </div>
        </>
      )}
    </div>
  );
}
