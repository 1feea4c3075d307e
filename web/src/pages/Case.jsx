import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { caseAction, get, post } from '../api.js';
import { subscribe } from '../events.js';
import { Link, navigate } from '../router.jsx';
import { CLOCK_LABEL, fmtTime, titleCase, debounce } from '../util.js';
import { Followers, IntentChip, PriorityBadge, SentimentChip, SlaCountdown, Spinner, toast } from '../components/bits.jsx';
import { ReplyFeedback } from '../components/ReplyFeedback.jsx';

let toneAvailable = true; // set to false once the server answers 404 for the tone check

function AnalysisChips({ a }) {
  if (!a) return null;
  return (
    <div class="chips" aria-label="Analysis">
      <SentimentChip score={a.sentiment} label={a.sentiment_label} />
      <IntentChip intent={a.intent} />
      {a.spam && <span class="chip chip-warn">spam</span>}
      <span class={`chip urg ${a.urgency >= 60 ? 'urg-high' : a.urgency >= 30 ? 'urg-mid' : ''}`} title="urgency 0-100">
        urgency {a.urgency}
      </span>
      {a.language && <span class="chip lang">{a.language}</span>}
      {(a.entities || []).map((e) => (
        <span class={`chip ent ent-${e.kind}`} title={e.kind}>
          {e.name}
        </span>
      ))}
      {(a.topics || a.key_phrases || []).slice(0, 5).map((t) => (
        <span class="chip topic">{typeof t === 'string' ? t : t.text || t.name}</span>
      ))}
    </div>
  );
}

function PostCard({ p, c, canAct, onAccept, onSaveKnowledge, feedback }) {
  const a = p.author || {};
  const staff = a.kind === 'employee' || (p.response && p.response.by_staff);
  const community = p.response && !p.response.by_staff;
  const accepted = p.response && p.response.accepted;
  return (
    <article class={`post ${p.from_customer ? 'post-customer' : staff ? 'post-staff' : 'post-other'}${accepted ? ' post-accepted' : ''}`} data-post-id={p.id}>
      <header>
        <span class="avatar" aria-hidden="true">{(a.name || a.handle || '?').slice(0, 1).toUpperCase()}</span>
        <div class="post-who">
          <strong>{a.name || a.handle}</strong> {a.handle && <span class="handle">@{a.handle}</span>}
          <div class="post-meta">
            {p.from_customer && <span class="role-tag role-customer">customer</span>}
            {staff && <span class="role-tag role-staff">staff</span>}
            {community && <span class="role-tag role-community">community</span>}
            {accepted && <span class="role-tag role-accepted">accepted answer</span>}
            <Followers n={a.followers} />
            <span>· {p.source}</span>
            <span>· {fmtTime(p.created_at)}</span>
            {p.url && (
              <a href={p.url} target="_blank" rel="noreferrer noopener" class="ext">
                view original
              </a>
            )}
          </div>
        </div>
      </header>
      <p class="post-text">{p.text}</p>
      <AnalysisChips a={p.analysis} />
      {canAct && (
        <div class="post-actions">
          {community && !accepted && c.status !== 'merged' && (
            <button class="btn btn-small" onClick={() => onAccept(p)}>
              Accept as answer
            </button>
          )}
          {staff && (
            <button class="btn btn-small btn-link" onClick={() => onSaveKnowledge(p)}>
              Save as knowledge
            </button>
          )}
        </div>
      )}
      {canAct && p.response?.by_staff && feedback && <ReplyFeedback caseId={c.id} p={p} fb={feedback.byPost[p.id]} me={feedback.me} onChanged={feedback.reload} />}
    </article>
  );
}

function eventText(e) {
  const d = e.data || {};
  switch (e.type) {
    case 'opened':
      return `Opened for ${d.team || '—'} (${d.priority || ''}${d.sla ? `, SLA ${d.sla}` : ''})${d.explanation ? ` — ${d.explanation}` : ''}`;
    case 'assigned':
      return `Assigned to ${d.assignee || d.to || '—'}${d.reason ? ` — ${d.reason}` : ''}`;
    case 'queued':
      return `Queued in ${d.team}${d.excluded && d.excluded.length ? ` — ${d.excluded.join('; ')}` : ''}`;
    case 'handoff':
      return `Handed off ${d.from ? `from ${d.from} ` : ''}to ${d.team || d.to_team || '—'}${d.reason ? ` — “${d.reason}”` : ''}`;
    case 'note':
      return `Note: ${d.text || ''}`;
    case 'tagged':
      return `Tags: ${(d.tags || []).join(', ') || 'none'}`;
    case 'priority':
      return `Priority ${d.from ? `${d.from} → ` : ''}${d.value || d.to || d.priority || ''}`;
    case 'community_reply':
      return `Community reply by @${d.author || '?'}`;
    case 'sla_warning':
    case 'sla_breached':
      return `${CLOCK_LABEL[d.clock] || d.clock} SLA ${e.type === 'sla_warning' ? 'warning' : 'breached'}`;
    case 'answer_accepted':
      return `Accepted answer${d.author ? ` by @${d.author}` : ''}`;
    case 'csat':
      return `CSAT ${d.score}`;
    case 'merged':
      return `Merged into #${d.into}`;
    default: {
      const keys = Object.keys(d).filter((k) => typeof d[k] !== 'object');
      return `${titleCase(e.type)}${keys.length ? ` — ${keys.map((k) => `${k} ${d[k]}`).join(', ')}` : ''}`;
    }
  }
}

function History({ events }) {
  return (
    <ol class="history" data-testid="history">
      {events
        .slice()
        .reverse()
        .map((e) => (
          <li class={`ev ev-${e.type}`}>
            <div class="ev-head">
              <strong>{titleCase(e.type)}</strong>
              <span class="muted">
                {e.actor} · {fmtTime(e.at)}
              </span>
            </div>
            <div class="ev-text">{eventText(e)}</div>
          </li>
        ))}
    </ol>
  );
}

function ToneCheck({ caseId, text, onAvailability }) {
  const [res, setRes] = useState(null);
  const [available, setAvailable] = useState(toneAvailable);
  const check = useMemo(
    () =>
      debounce(async (t) => {
        if (!toneAvailable || !t.trim()) {
          setRes(null);
          return;
        }
        try {
          setRes(await post(`/cases/${caseId}/tone`, { text: t }));
        } catch (e) {
          if (e.status === 404 && e.code !== 'no_case') {
            toneAvailable = false;
            setAvailable(false);
            onAvailability && onAvailability(false);
          }
          setRes(null);
        }
      }, 450),
    [caseId],
  );
  useEffect(() => check(text), [text]);
  if (!available || !text.trim() || !res) return null;
  return (
    <div class={`tone ${res.ok ? 'tone-ok' : 'tone-warn'}`} data-testid="tone" aria-live="polite">
      <strong>Tone check:</strong>{' '}
      {res.ok ? (
        <span>reads as a personal answer.</span>
      ) : (
        <ul>
          {(res.flags || []).map((f) => (
            <li data-code={f.code}>
              <span class="chip chip-warn">{f.code.replace(/_/g, ' ')}</span> {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Composer({ c, author, me, onSent, focusReply }) {
  const [mode, setMode] = useState('reply');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [suggestions, setSuggestions] = useState(null);
  const [resolveAfter, setResolveAfter] = useState(false);
  const ref = useRef(null);

  useEffect(() => {
    get(`/cases/${c.id}/suggestions`, { limit: 5 })
      .then((d) => setSuggestions(d.suggestions || d.articles || []))
      .catch(() => setSuggestions([]));
  }, [c.id]);

  useEffect(() => {
    if (focusReply && ref.current) ref.current.focus();
  }, [focusReply]);

  const isPraise = c.kind === 'acknowledge' || c.intent === 'praise';
  const initials = (me.employee?.name || me.user)
    .split(/[\s.]+/)
    .map((w) => w[0] || '')
    .join('')
    .toUpperCase()
    .slice(0, 2);

  const send = async () => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      await caseAction(c.id, { type: mode === 'note' ? 'note' : 'reply', text });
      if (mode === 'reply' && resolveAfter) await caseAction(c.id, { type: 'resolve' });
      toast(mode === 'note' ? 'Note added' : resolveAfter ? 'Reply sent and case resolved' : 'Reply sent', 'ok');
      setText('');
      setResolveAfter(false);
      onSent();
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      setBusy(false);
    }
  };

  const useArticle = async (a) => {
    const body = a.body || a.text || '';
    setText((t) => (t ? `${t}\n${body}` : `${author?.handle ? `@${author.handle} ` : ''}${body}`));
    setMode('reply');
    if (ref.current) ref.current.focus();
    try {
      await post(`/knowledge/${a.id}/uses`, { case_id: c.id });
    } catch {
      /* counting is best effort */
    }
  };

  const acknowledge = () => {
    const name = author?.name ? author.name.split(' ')[0] : '';
    setMode('reply');
    setText(
      `${author?.handle ? `@${author.handle} ` : ''}Thank you${name ? `, ${name}` : ''}! We're really glad to hear it and we'll pass your kind words on to the team. ^${initials}`,
    );
    setResolveAfter(true);
    if (ref.current) ref.current.focus();
  };

  const closed = c.status === 'resolved' || c.status === 'merged';
  return (
    <section class="composer card" aria-label="Reply">
      <div class="composer-tabs" role="tablist">
        <button role="tab" aria-selected={mode === 'reply'} class={mode === 'reply' ? 'on' : ''} onClick={() => setMode('reply')}>
          Reply
        </button>
        <button role="tab" aria-selected={mode === 'note'} class={mode === 'note' ? 'on' : ''} onClick={() => setMode('note')}>
          Internal note
        </button>
        <div class="spacer" />
        {isPraise && mode === 'reply' && (
          <button class="btn btn-small" onClick={acknowledge} data-testid="ack-praise">
            ♥ Acknowledge praise
          </button>
        )}
      </div>
      <label class="sr-only" for="composer-text">
        {mode === 'note' ? 'Internal note' : 'Reply text'}
      </label>
      <textarea
        id="composer-text"
        ref={ref}
        class={mode === 'note' ? 'note-mode' : ''}
        rows={4}
        placeholder={
          mode === 'note'
            ? 'A note for colleagues — never sent to the customer'
            : closed
            ? 'This case is closed; a reply is still recorded'
            : `Reply to ${author?.handle ? `@${author.handle}` : 'the customer'}…`
        }
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
      />
      {mode === 'reply' && <ToneCheck caseId={c.id} text={text} />}
      <div class="composer-foot">
        {mode === 'reply' && !closed && (
          <label class="check">
            <input type="checkbox" checked={resolveAfter} onChange={(e) => setResolveAfter(e.currentTarget.checked)} /> resolve after sending
          </label>
        )}
        <span class="muted small">{text.length} characters · Ctrl+Enter sends</span>
        <div class="spacer" />
        <button class="btn btn-primary" onClick={send} disabled={busy || !text.trim()} data-testid="send">
          {busy ? 'Sending…' : mode === 'note' ? 'Add note' : 'Send reply'}
        </button>
      </div>
      {mode === 'reply' && (
        <div class="suggestions">
          <h3>Suggested knowledge</h3>
          {suggestions === null ? (
            <Spinner />
          ) : suggestions.length === 0 ? (
            <p class="muted small">No saved answer matches this case yet. Save a good reply with “Save as knowledge” to see it suggested on similar cases.</p>
          ) : (
            <ul>
              {suggestions.map((a) => (
                <li>
                  <button class="sugg" onClick={() => useArticle(a)} title="Insert into the reply">
                    <strong>{a.title}</strong>
                    <span>{(a.body || '').slice(0, 140)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function Sidebar({ d, me, org, act }) {
  const c = d.case;
  const author = d.posts.find((p) => p.id === c.first_post_id)?.author || {};
  const opened = d.events.find((e) => e.type === 'opened');
  const lastAssign = [...d.events].reverse().find((e) => e.type === 'assigned' || e.type === 'queued');
  const [team, setTeam] = useState('');
  const [reason, setReason] = useState('');
  const [tag, setTag] = useState('');
  const canWrite = me.role !== 'analyst';
  const teams = (org?.teams || []).filter((t) => t.id !== c.team);
  return (
    <aside class="case-side">
      <section class="card">
        <h3>Customer</h3>
        <div class="cust">
          <span class="avatar big" aria-hidden="true">{(author.name || author.handle || '?').slice(0, 1).toUpperCase()}</span>
          <div>
            <strong>{author.name || author.handle}</strong>
            <div class="handle">@{author.handle}</div>
          </div>
        </div>
        <dl class="kv">
          <dt>Reach</dt>
          <dd data-testid="reach">{author.followers !== undefined && author.followers !== null ? `${Number(author.followers).toLocaleString()} followers` : '—'}</dd>
          <dt>Kind</dt>
          <dd>{author.kind || '—'}</dd>
          <dt>Channel</dt>
          <dd>{c.source}</dd>
          <dt>Language</dt>
          <dd>{c.language || '—'}</dd>
        </dl>
      </section>
      <section class="card">
        <h3>Why it is here</h3>
        <dl class="kv">
          <dt>Team</dt>
          <dd>{c.team}</dd>
          <dt>Assignee</dt>
          <dd>{c.assignee || <span class="muted">queued</span>}</dd>
          <dt>Reason</dt>
          <dd data-testid="assign-reason">{c.assign_reason || '—'}</dd>
          <dt>Rule</dt>
          <dd>{c.rule || '—'}</dd>
          <dt>SLA policy</dt>
          <dd>{c.sla_policy || '—'}</dd>
        </dl>
        {opened?.data?.explanation && <p class="explain">{opened.data.explanation}</p>}
        {lastAssign?.data?.excluded?.length > 0 && (
          <details class="excluded">
            <summary>Who could not take it ({lastAssign.data.excluded_total || lastAssign.data.excluded.length})</summary>
            <ul>
              {lastAssign.data.excluded.map((x) => (
                <li>{x}</li>
              ))}
              {lastAssign.data.excluded_total > lastAssign.data.excluded.length && (
                <li class="muted">and {lastAssign.data.excluded_total - lastAssign.data.excluded.length} more</li>
              )}
            </ul>
          </details>
        )}
        {canWrite && me.employee && c.assignee !== me.user && c.status !== 'merged' && (
          <button class="btn btn-small" onClick={() => act({ type: 'assign', to: me.user }, 'Assigned to you')}>
            Assign to me
          </button>
        )}
      </section>
      {canWrite && (
        <section class="card">
          <h3>Hand off</h3>
          <form
            class="stack"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await act({ type: 'handoff', team, reason }, `Handed off to ${team}`)) {
                setReason('');
                setTeam('');
              }
            }}
          >
            <label class="field">
              <span>To team</span>
              <select value={team} onChange={(e) => setTeam(e.currentTarget.value)} required name="handoff-team">
                <option value="">Choose a team…</option>
                {teams.map((t) => (
                  <option value={t.id}>
                    {t.name} ({t.id})
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              <span>Reason</span>
              <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} required name="handoff-reason" placeholder="e.g. needs a billing specialist" />
            </label>
            <button class="btn btn-small" type="submit" disabled={!team || !reason.trim()}>
              Hand off
            </button>
          </form>
        </section>
      )}
      {canWrite && (
        <section class="card">
          <h3>Priority and tags</h3>
          <label class="field inline">
            <span>Priority</span>
            <select value={c.priority} onChange={(e) => act({ type: 'priority', value: e.currentTarget.value }, 'Priority changed')} name="priority">
              {['urgent', 'high', 'normal', 'low'].map((p) => (
                <option value={p}>{p}</option>
              ))}
            </select>
          </label>
          <div class="tags">
            {(c.tags || []).map((t) => (
              <span class="tag">
                {t}
                <button aria-label={`Remove tag ${t}`} onClick={() => act({ type: 'tag', remove: [t] })}>
                  ×
                </button>
              </span>
            ))}
          </div>
          <form
            class="row-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (tag.trim()) act({ type: 'tag', add: [tag.trim()] }).then(() => setTag(''));
            }}
          >
            <label class="sr-only" for="new-tag">
              New tag
            </label>
            <input id="new-tag" value={tag} onInput={(e) => setTag(e.currentTarget.value)} placeholder="add a tag" />
            <button class="btn btn-small" type="submit">
              Add
            </button>
          </form>
        </section>
      )}
      <section class="card">
        <h3>History</h3>
        <History events={d.events} />
      </section>
    </aside>
  );
}

export function CaseView({ id, me }) {
  const [d, setD] = useState(null);
  const [error, setError] = useState('');
  const [org, setOrg] = useState(null);
  const [fb, setFb] = useState({});
  const focusReply = new URLSearchParams(location.search).get('reply') === '1';

  // Kudos and comments per staff reply; a failure only hides them, the case still shows.
  const loadFeedback = useCallback(async () => {
    try {
      const f = await get(`/cases/${id}/feedback`);
      setFb(Object.fromEntries(f.replies.map((r) => [r.post_id, r])));
    } catch {
      setFb({});
    }
  }, [id]);

  const load = useCallback(async () => {
    try {
      setD(await get(`/cases/${id}`));
      setError('');
      loadFeedback();
    } catch (e) {
      setError(
        e.status === 404
          ? `Case #${id} does not exist or is not visible to you.`
          : e.status === 403 && me.role === 'analyst'
          ? 'Analysts see aggregates only: cases are for agents, leads and admins.'
          : e.message,
      );
    }
  }, [id]);

  useEffect(() => {
    setD(null);
    load();
  }, [id]);
  useEffect(() => {
    get('/org').then(setOrg, () => {});
  }, []);
  useEffect(
    () =>
      subscribe((type, ev) => {
        if (ev && ev.case_id === id) load();
      }),
    [id],
  );

  useEffect(() => {
    const h = (e) => {
      const t = e.target;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) {
        if (e.key === 'Escape') t.blur();
        return;
      }
      if (e.key === 'Escape' || e.key === 'u') navigate('/inbox');
      if (e.key === 'r') {
        e.preventDefault();
        document.getElementById('composer-text')?.focus();
      }
    };
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, []);

  const act = async (action, okMsg) => {
    try {
      await caseAction(id, action);
      if (okMsg) toast(okMsg, 'ok');
      await load();
      return true;
    } catch (e) {
      toast(e.message, 'error');
      return false;
    }
  };

  if (error)
    return (
      <div class="page">
        <Link href="/inbox" class="back">
          ← Inbox
        </Link>
        <div class="alert alert-error">{error}</div>
      </div>
    );
  if (!d) return <Spinner label="Loading case…" />;
  const c = d.case;
  const author = d.posts.find((p) => p.id === c.first_post_id)?.author;
  const posts = d.posts.slice().sort((a, b) => a.created_at - b.created_at || a.id - b.id);
  const canWrite = me.role !== 'analyst';

  return (
    <div class="case-page" data-testid="case-page" data-case-id={c.id}>
      <div class="case-head">
        <div>
          <Link href="/inbox" class="back">
            ← Inbox
          </Link>
          <h1 class="page-title">
            Case #{c.id} <span class={`status status-${c.status}`} data-testid="case-status">{c.status}</span>
          </h1>
          <div class="case-badges">
            <PriorityBadge p={c.priority} />
            <IntentChip intent={c.intent} />
            <SentimentChip score={c.last_sentiment} />
            <span class="chip">{c.kind === 'acknowledge' ? 'acknowledge' : c.kind}</span>
            <span class="muted small">
              opened {fmtTime(c.opened_at)} · {c.team} · {c.function}
            </span>
          </div>
        </div>
        <div class="case-clocks">
          {['first_response', 'next_response', 'resolution'].map((k) => {
            const s = c.sla?.[k];
            if (!s || !s.due) return null;
            const done =
              (k === 'first_response' && c.first_response_at) ||
              (k === 'next_response' && (c.last_response_at || 0) >= (c.last_inbound_at || 0)) ||
              (k === 'resolution' && (c.status === 'resolved' || c.status === 'merged'));
            return (
              <div class={`clock ${s.breached ? 'clock-breached' : ''}`}>
                <span class="clock-name">{CLOCK_LABEL[k]}</span>
                {done ? (
                  <span class={`sla ${s.breached ? 'sla-breached' : 'sla-done'}`}>{s.breached ? 'breached' : 'met'}</span>
                ) : (
                  <SlaCountdown c={{ ...c, sla: { [k]: s }, first_response_at: k === 'first_response' ? null : c.first_response_at, last_inbound_at: k === 'next_response' ? Infinity : c.last_inbound_at }} />
                )}
              </div>
            );
          })}
        </div>
        {canWrite && (
          <div class="case-actions">
            {c.status === 'open' && (
              <button class="btn" onClick={() => act({ type: 'wait' }, 'Waiting on the customer: SLA paused')}>
                Wait on customer
              </button>
            )}
            {c.status === 'open' || c.status === 'waiting' ? (
              <button class="btn btn-success" onClick={() => act({ type: 'resolve' }, 'Case resolved')} data-testid="resolve">
                ✓ Resolve
              </button>
            ) : c.status === 'resolved' ? (
              <button class="btn" onClick={() => act({ type: 'reopen' }, 'Case reopened')} data-testid="reopen">
                Reopen
              </button>
            ) : null}
          </div>
        )}
      </div>
      <div class="case-body">
        <div class="case-thread">
          <section class="thread" aria-label="Conversation" data-testid="thread">
            {posts.map((p) => (
              <PostCard
                p={p}
                c={c}
                canAct={canWrite}
                feedback={{ byPost: fb, me, reload: loadFeedback }}
                onAccept={(p) => act({ type: 'accept', post_id: p.id }, `Accepted @${p.author?.handle}'s answer`)}
                onSaveKnowledge={async (p) => {
                  const title = prompt('Title for this knowledge article', (p.text || '').slice(0, 60));
                  if (!title) return;
                  try {
                    await post('/knowledge', { post_id: p.id, title });
                    toast('Saved as knowledge', 'ok');
                  } catch (e) {
                    toast(e.message, 'error');
                  }
                }}
              />
            ))}
          </section>
          {canWrite ? (
            <Composer c={c} author={author} me={me} onSent={load} focusReply={focusReply} />
          ) : (
            <div class="alert">Analysts can read cases but not answer them.</div>
          )}
        </div>
        <Sidebar d={d} me={me} org={org} act={act} />
      </div>
    </div>
  );
}
