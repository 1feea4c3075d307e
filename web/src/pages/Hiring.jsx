// Hiring: a draft job description from a team's gaps (GET /api/v1/teams/{team}/jd-draft), each line with the
// data it came from; and the check of any posting by POST /api/v1/jd/analyze (docs/skills.md): skills by
// type, balance, nearest occupation and the essential skills it does not mention, gender-coded wording and
// exclusionary phrases marked in the text, and suggestions. "Analyse this draft" hands a draft to the check.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { Spinner } from '../components/bits.jsx';
import { Denied, skillName } from '../components/people.jsx';

const TYPES = [
  ['tool_knowledge', 'Tools & knowledge'],
  ['relationship_communication', 'Relationship & communication'],
  ['strategic_analytical', 'Strategic & analytical'],
];

// The server's offsets are UTF-8 bytes: cut the text on bytes, then decode each piece.
function marked(text, spans) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const out = [];
  let at = 0;
  const sorted = [...spans].sort((a, b) => a.begin - b.begin || b.end - a.end);
  for (const s of sorted) {
    if (s.begin < at || s.end > bytes.length) continue; // overlapping: the first (longest) wins
    if (s.begin > at) out.push(dec.decode(bytes.slice(at, s.begin)));
    out.push(
      <mark class={`jd-mark jd-${s.kind}`} title={s.title}>
        {dec.decode(bytes.slice(s.begin, s.end))}
      </mark>,
    );
    at = s.end;
  }
  out.push(dec.decode(bytes.slice(at)));
  return out;
}

function Balance({ value }) {
  const tone = value >= 0.8 ? 'good' : value >= 0.5 ? 'warn' : 'bad';
  return <div class={`kpi kpi-${tone}`} data-testid="jd-balance">
    <div class="kpi-label">Balance of skill types</div>
    <div class="kpi-value">{value.toFixed(2)}</div>
    <div class="kpi-sub">1 = evenly split, 0 = one type only</div>
  </div>;
}

const SECTIONS = ['summary', 'duties', 'required', 'nice_to_have', 'hours'];
const PART_NAMES = { night: 'nights', morning: 'mornings', afternoon: 'afternoons', evening: 'evenings' };

// The draft as the server wrote it, section by section; every line with its reasons underneath.
function Draft({ d, onAnalyse }) {
  const a = d.analysis;
  return (
    <article class="jd-draft" data-testid="jd-draft">
      <div class="jd-draft-head">
        <div>
          <h3 class="jd-draft-title" data-testid="jd-draft-title">{d.title}</h3>
          <p class="muted small">
            From the gaps of {d.team_name || d.team}, {new Date(d.since).toLocaleDateString()} – {new Date(d.until).toLocaleDateString()}
            {d.short_skills.length > 0
              ? `; short: ${d.short_skills.map(skillName).join(', ')} (${d.short_parts.map((p) => PART_NAMES[p] || p).join(', ')})`
              : '; nothing is short'}
            {d.occupation ? `; balanced from ${d.occupation.label} (${d.occupation.id})` : ''}
          </p>
        </div>
        <button class="btn btn-primary" type="button" onClick={() => onAnalyse(d)} data-testid="jd-draft-analyse">
          Analyse this draft
        </button>
      </div>
      <div class="chips jd-draft-verdict">
        <span class={`chip ${a.balance >= 0.8 ? 'chip-good' : 'chip-warn'}`}>balance {a.balance.toFixed(2)}</span>
        <span class={`chip ${a.gender_coding.verdict === 'neutral' ? 'chip-good' : 'chip-warn'}`} data-testid="jd-draft-gender">
          {a.gender_coding.verdict}
        </span>
        <span class={`chip ${a.exclusionary.length ? 'chip-warn' : 'chip-good'}`}>
          {a.exclusionary.length} exclusionary phrase{a.exclusionary.length === 1 ? '' : 's'}
        </span>
      </div>
      {SECTIONS.map((sec) => {
        const lines = d.lines.filter((l) => l.section === sec);
        if (!lines.length) return null;
        return (
          <section class="jd-draft-section" data-section={sec}>
            <h4>{lines[0].heading}</h4>
            <ul class="jd-draft-lines">
              {lines.map((l) => (
                <li data-origin={l.origin} data-testid="jd-draft-line">
                  <div class="jd-draft-text">
                    {l.text}
                    {l.skill && (
                      <span class={`chip skill-chip skill-${l.skill.type}`} title={l.skill.type.replace(/_/g, ' ')} data-skill={l.skill.id}>
                        {l.skill.label}
                      </span>
                    )}
                  </div>
                  <ul class="jd-why" aria-label="why">
                    {l.why.map((w) => (
                      <li>{w}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </article>
  );
}

// Pick a team, draft. Teams come from the organisation; the user's own team first.
function DraftFromGaps({ me, onAnalyse }) {
  const [teams, setTeams] = useState(null);
  const [team, setTeam] = useState('');
  const [title, setTitle] = useState('');
  const [d, setD] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  useEffect(() => {
    const mine = me?.employee?.teams || [];
    get('/org').then(
      (o) => {
        const list = o.teams || [];
        setTeams(list);
        setTeam((list.find((t) => mine.includes(t.id)) || list[0] || {}).id || '');
      },
      (e) => (setTeams([]), setError(e)),
    );
  }, []);

  const draft = async (e) => {
    e && e.preventDefault();
    if (!team) return;
    setBusy(true);
    setError(null);
    setD(null);
    try {
      setD(await get(`/teams/${encodeURIComponent(team)}/jd-draft`, { title: title.trim() }));
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  };

  return (
    <section class="card" data-testid="jd-draft-card">
      <h2>Draft from team gaps</h2>
      <p class="muted small">
        A job description for the role a team's gaps call for: its short skills and hours, the work its cases ask for, balanced from the nearest ESCO/O*NET occupation,
        in neutral wording. Each line says which data it came from.
      </p>
      <form class="jd-draft-form" onSubmit={draft}>
        <label class="filter">
          <span>Team</span>
          <select aria-label="Team to draft for" value={team} onChange={(e) => setTeam(e.currentTarget.value)}>
            {(teams || []).map((t) => (
              <option value={t.id}>
                {t.name} ({t.id})
              </option>
            ))}
          </select>
        </label>
        <label class="filter">
          <span>Title (optional)</span>
          <input type="text" value={title} onInput={(e) => setTitle(e.currentTarget.value)} placeholder="from the team and its gaps" aria-label="Draft title" />
        </label>
        <button class="btn btn-primary" type="submit" disabled={busy || !team}>
          Draft
        </button>
        {(busy || !teams) && <Spinner label="Drafting…" />}
      </form>
      <Denied error={error} what="Drafts from this team's gaps" />
      {d && <Draft d={d} onAnalyse={onAnalyse} />}
    </section>
  );
}

export function Hiring({ me }) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [r, setR] = useState(null);
  const [analyzed, setAnalyzed] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = async (t, body) => {
    if (!body.trim()) {
      setError('Paste a job description first.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const x = await post('/jd/analyze', { text: body, title: t });
      setR(x);
      setAnalyzed(body);
    } catch (err) {
      setError(err.message);
    }
    setBusy(false);
  };
  const analyze = (e) => {
    e && e.preventDefault();
    return run(title, text);
  };
  // The draft goes into the form as it is, so it can be edited and checked again.
  const analyseDraft = (d) => {
    setTitle(d.title);
    setText(d.text);
    run(d.title, d.text);
    document.querySelector('.jd-form')?.scrollIntoView({ block: 'start' });
  };

  const spans = r
    ? [
        ...r.exclusionary.map((x) => ({ begin: x.begin, end: x.end, kind: 'excl', title: `${x.category}: ${x.why}` })),
        ...r.gender_coding.words.map((w) => ({ begin: w.begin, end: w.end, kind: w.coding, title: `${w.coding}-coded (${w.stem}…)` })),
      ]
    : [];
  const masc = r ? [...new Set(r.gender_coding.words.filter((w) => w.coding === 'masculine').map((w) => w.word))] : [];
  const fem = r ? [...new Set(r.gender_coding.words.filter((w) => w.coding === 'feminine').map((w) => w.word))] : [];

  return (
    <div class="page hiring-page" data-testid="hiring-page">
      <div class="page-head">
        <h1 class="page-title">Hiring: job descriptions</h1>
      </div>
      <DraftFromGaps me={me} onAnalyse={analyseDraft} />
      <h2 class="section-title">Job description check</h2>
      <form class="card jd-form" onSubmit={analyze}>
        <label class="field">
          <span>Job title</span>
          <input type="text" value={title} onInput={(e) => setTitle(e.currentTarget.value)} placeholder="e.g. Social Media Manager" aria-label="Job title" />
        </label>
        <label class="field">
          <span>Job description</span>
          <textarea
            rows={9}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            placeholder="Paste the posting here (plain text or markdown)"
            aria-label="Job description"
          />
        </label>
        <div class="composer-foot">
          <button class="btn btn-primary" type="submit" disabled={busy}>
            Analyze
          </button>
          {busy && <Spinner label="Analysing…" />}
          <span class="muted small">Matched against ESCO and O*NET skills; nothing is stored.</span>
        </div>
        {error && <div class="alert alert-error" role="alert">{error}</div>}
      </form>
      {r && (
        <div class="jd-result" data-testid="jd-result">
          <div class="kpis kpis-4">
            <div class="kpi">
              <div class="kpi-label">Skills asked</div>
              <div class="kpi-value" data-testid="jd-skill-count">{r.skills.length}</div>
              <div class="kpi-sub">
                {TYPES.map(([k]) => r.by_type[k]).join(' / ')} by type
              </div>
            </div>
            <Balance value={r.balance} />
            <div class={`kpi ${r.gender_coding.verdict === 'neutral' ? 'kpi-good' : 'kpi-warn'}`}>
              <div class="kpi-label">Gender coding</div>
              <div class="kpi-value kpi-text" data-testid="jd-gender-verdict">{r.gender_coding.verdict}</div>
              <div class="kpi-sub">
                {r.gender_coding.masculine} masculine · {r.gender_coding.feminine} feminine words
              </div>
            </div>
            <div class={`kpi ${r.exclusionary.length ? 'kpi-bad' : 'kpi-good'}`}>
              <div class="kpi-label">Exclusionary phrases</div>
              <div class="kpi-value">{r.exclusionary.length}</div>
              <div class="kpi-sub">{r.exclusionary.length ? 'rewrite them (below)' : 'none found'}</div>
            </div>
          </div>
          <div class="grid2">
            <section class="card">
              <h2>Skills by type</h2>
              <div class="jd-types" data-testid="jd-skills">
                {TYPES.map(([k, label]) => {
                  const list = r.skills.filter((s) => s.type === k);
                  return (
                    <div class="jd-type" data-type={k}>
                      <h3>
                        {label} <span class="muted">({list.length})</span>
                      </h3>
                      {list.length === 0 ? (
                        <p class="muted small">none asked</p>
                      ) : (
                        <div class="chips">
                          {list.map((s) => (
                            <span class={`chip skill-chip skill-${k}`} title={`${s.group} · said "${s.said}"`} data-skill={s.id}>
                              {s.label}
                            </span>
                          ))}
                        </div>
                      )}
                    </div>
                  );
                })}
              </div>
              {(r.other_skills || []).length > 0 && (
                <>
                  <h3 class="mt">
                    Also asked, not in the taxonomy <span class="muted">({r.other_skills.length})</span>
                  </h3>
                  <div class="chips" data-testid="jd-other-skills">
                    {r.other_skills.map((o) => (
                      <span class="chip skill-chip skill-other" title={`found after "${o.cue}"; not counted in the balance`}>
                        {o.said}
                      </span>
                    ))}
                  </div>
                </>
              )}
              <h3 class="mt">Nearest occupation</h3>
              {r.nearest_occupation ? (
                <div data-testid="jd-occupation">
                  <p>
                    <strong>{r.nearest_occupation.label}</strong> <span class="muted small">({r.nearest_occupation.id}, by {r.nearest_occupation.by_title ? 'title and skills' : 'skills'})</span>
                  </p>
                  {r.nearest_occupation.missing_essential.length > 0 ? (
                    <>
                      <p class="small muted">Its essential skills the posting does not mention ({r.nearest_occupation.missing_essential.length}):</p>
                      <div class="chips">
                        {r.nearest_occupation.missing_essential.map((s) => (
                          <span class="chip chip-missing" title={s.type}>
                            {s.label}
                          </span>
                        ))}
                      </div>
                    </>
                  ) : (
                    <p class="small muted">It mentions every essential skill of this occupation.</p>
                  )}
                </div>
              ) : (
                <p class="muted">No occupation is close: no skill of any profile is mentioned.</p>
              )}
            </section>
            <section class="card">
              <h2>Wording</h2>
              <p class="jd-text" data-testid="jd-text">{marked(analyzed, spans)}</p>
              <p class="small legend">
                <mark class="jd-mark jd-masculine">masculine-coded</mark> <mark class="jd-mark jd-feminine">feminine-coded</mark>{' '}
                <mark class="jd-mark jd-excl">exclusionary</mark>
              </p>
              <h3 class="mt">Gender-coded words</h3>
              <dl class="kv kv-gender" data-testid="jd-gender-words">
                <dt>Masculine</dt>
                <dd>{masc.length ? masc.join(', ') : '—'}</dd>
                <dt>Feminine</dt>
                <dd>{fem.length ? fem.join(', ') : '—'}</dd>
              </dl>
              <h3 class="mt">Exclusionary phrases</h3>
              {r.exclusionary.length === 0 ? (
                <p class="muted small">None found.</p>
              ) : (
                <ul class="jd-excl-list" data-testid="jd-exclusionary">
                  {r.exclusionary.map((x) => (
                    <li>
                      <strong>“{x.text}”</strong> <span class="chip chip-warn">{x.category}</span>
                      <div class="small">{x.why}</div>
                      {x.instead && <div class="small muted">Instead: {x.instead}</div>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <section class="card">
            <h2>Suggestions</h2>
            {r.suggestions.length === 0 ? (
              <p class="muted">Nothing to suggest.</p>
            ) : (
              <ul class="jd-suggestions" data-testid="jd-suggestions">
                {r.suggestions.map((s) => (
                  <li>{s}</li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
