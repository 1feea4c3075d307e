// Recognition: a team's leaderboard for a period (GET /api/v1/teams/{team}/leaderboard) and the signed-in
// person's own points by reason with their badges (GET /api/v1/people/{handle}/recognition). Points come
// only from outcomes (docs/growth.md): the rules are shown beside the board so nobody has to guess.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { navigate, Link } from '../router.jsx';
import { fmtNum } from '../util.js';
import { Spinner } from '../components/bits.jsx';
import { Denied } from '../components/people.jsx';

const REASON = {
  resolved_well: 'Cases resolved well',
  delighted: 'Customers who rated 5',
  praised: 'Customers who praised the answer',
  turnaround: 'Complaints turned around',
  accepted_answer: 'Answers accepted',
  knowledge_reused: 'Knowledge reused by others',
  kudos: 'Kudos from colleagues',
  goal_met: 'Goals met',
};

function Badges({ badges, all = false }) {
  const shown = all ? badges : badges.filter((b) => b.earned);
  if (!shown.length) return <span class="muted small">—</span>;
  return (
    <span class="badges">
      {shown.map((b) => (
        <span class={`badge ${b.earned ? 'badge-earned' : 'badge-open'}`} title={`${b.name}: ${b.description} (${b.have}/${b.need})`} data-badge={b.id}>
          <span aria-hidden="true">{b.earned ? '★' : '☆'}</span> {b.name}
          {all && !b.earned && (
            <span class="small muted">
              {' '}
              {Math.min(b.have, b.need)}/{b.need}
            </span>
          )}
        </span>
      ))}
    </span>
  );
}

function Rules({ rules }) {
  if (!rules) return null;
  return (
    <section class="card" aria-label="How points are earned">
      <h3>How points are earned</h3>
      <ul class="rules small">
        <li>
          <strong>{rules.resolved_well.points}</strong> per resolved case that went well (evidence score ≥ {Math.round(rules.resolved_well.min_score * 100)}%, not reopened), at most{' '}
          {rules.resolved_well.max_per_day} a day: volume alone earns nothing.
        </li>
        <li>
          <strong>{rules.delighted.points}</strong> when the customer rated the case 5, <strong>{rules.praised.points}</strong> when they posted praise after the answer; <strong>{rules.turnaround.points}</strong> for a complaint whose customer ended at least 0.5 happier.
        </li>
        <li>
          <strong>{rules.accepted_answer.points}</strong> per answer accepted as the answer; <strong>{rules.knowledge_reused.points}</strong> per case on which a colleague used your article.
        </li>
        <li>
          <strong>{rules.kudos.points}</strong> per kudos, at most {rules.kudos.max_per_colleague} from the same colleague per period; no kudos for your own replies.
        </li>
        <li>
          <strong>{rules.goal_met.points}</strong> per goal met, in the period it ends.
        </li>
      </ul>
    </section>
  );
}

function MyPoints({ handle, period }) {
  const [r, setR] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    setR(null);
    setError(null);
    get(`/people/${encodeURIComponent(handle)}/recognition`, { period }).then(setR, setError);
  }, [handle, period]);
  if (error) return error.status === 404 ? null : <Denied error={error} what="Your points" />;
  if (!r) return <Spinner />;
  return (
    <section class="card" data-testid="my-points" aria-label="My points">
      <div class="card-head">
        <h2>
          My points <span class="big-num" data-testid="my-points-total">{fmtNum(r.points)}</span>
        </h2>
      </div>
      <table class="table">
        <tbody>
          {r.lines.map((l) => (
            <tr data-reason={l.reason}>
              <td>{REASON[l.reason] || l.reason}</td>
              <td class="num">{l.count}</td>
              <td class="num">
                <strong>{l.points}</strong>
              </td>
              <td class="small muted">
                {l.not_scored > 0 && `${l.not_scored} over the cap`}
                {l.case_ids.length > 0 && (
                  <>
                    {' '}
                    e.g.{' '}
                    {l.case_ids.slice(0, 3).map((id) => (
                      <Link href={`/cases/${id}`}> #{id}</Link>
                    ))}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Badges</h3>
      <Badges badges={r.badges} all />
    </section>
  );
}

export function Recognition({ me, search }) {
  const [teams, setTeams] = useState(null);
  const [board, setBoard] = useState(null);
  const [error, setError] = useState(null);
  const period = search.get('period') || '30d';
  const mine = me.employee?.teams || [];
  const team = search.get('team') || (teams ? (teams.find((t) => mine.includes(t.id)) || teams[0] || {}).id : '');
  const go = (t, p) => navigate(`/recognition?team=${encodeURIComponent(t)}&period=${p}`);

  useEffect(() => {
    get('/org').then(
      (o) => setTeams(o.teams || []),
      () => setTeams([]),
    );
  }, []);
  useEffect(() => {
    if (!team) return;
    setBoard(null);
    setError(null);
    get(`/teams/${encodeURIComponent(team)}/leaderboard`, { period }).then(setBoard, setError);
  }, [team, period]);

  return (
    <div class="page recognition-page" data-testid="recognition-page" data-loaded={board ? team : ''}>
      <div class="page-head">
        <h1 class="page-title">Recognition</h1>
        <div class="controls">
          <label class="filter">
            <span>Team</span>
            <select aria-label="Team" value={team} onChange={(e) => go(e.currentTarget.value, period)}>
              {(teams || []).map((t) => (
                <option value={t.id}>{t.name || t.id}</option>
              ))}
            </select>
          </label>
          <label class="filter">
            <span>Period</span>
            <select aria-label="Period" value={period} onChange={(e) => go(team, e.currentTarget.value)}>
              <option value="7d">last 7 days</option>
              <option value="30d">last 30 days</option>
              <option value="90d">last 90 days</option>
            </select>
          </label>
        </div>
      </div>
      <div class="grid-2">
        <section class="card" aria-label="Leaderboard">
          <h2>Leaderboard</h2>
          <Denied error={error} what="This leaderboard" />
          {!board && !error && <Spinner />}
          {board && board.view === 'aggregate' && (
            <div data-testid="leaderboard-aggregate">
              <p class="muted small">Aggregates only: nobody is named.</p>
              <p>
                {board.aggregate.members} members · {fmtNum(board.aggregate.points_total)} points in all
                {board.aggregate.points_median !== null && ` · median ${board.aggregate.points_median} · top ${board.aggregate.points_max}`}
              </p>
              <ul class="small">
                {Object.entries(board.aggregate.badges_earned).map(([b, n]) => (
                  <li>
                    ★ {b}: {n}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {board && board.view === 'members' && (
            <table class="table leaderboard" data-testid="leaderboard">
              <thead>
                <tr>
                  <th class="num">#</th>
                  <th>Person</th>
                  <th class="num">Points</th>
                  <th>Badges</th>
                </tr>
              </thead>
              <tbody>
                {board.leaderboard.map((r) => (
                  <tr data-handle={r.handle} class={r.handle === me.user ? 'selected' : ''}>
                    <td class="num">{r.rank}</td>
                    <td>
                      <strong>{r.name || r.handle}</strong> <span class="muted small">{r.handle}</span>
                    </td>
                    <td class="num" data-testid="points">
                      {fmtNum(r.points)}
                    </td>
                    <td>
                      <Badges badges={r.badges} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <div>
          {me.employee && <MyPoints handle={me.user} period={period} />}
          <Rules rules={board?.rules} />
        </div>
      </div>
    </div>
  );
}
