#include "parley/engage/case_engine.h"

#include <algorithm>

#include "parley/engage/assignment.h"
#include "parley/engage/case_row.h"
#include "parley/engage/router.h"

namespace parley::engage {
namespace {

using nlohmann::json;
constexpr std::uint64_t kShiftKeyBit = 1ull << 63;
constexpr int kBatch = 500;

void bind_opt(sqlite::Statement& st, int i, const std::optional<std::int64_t>& v) {
  if (v) st.bind(i, *v); else st.bind_null(i);
}
void bind_opt(sqlite::Statement& st, int i, const std::optional<double>& v) {
  if (v) st.bind(i, *v); else st.bind_null(i);
}
bool active(const Case& c) { return c.status == CaseStatus::open || c.status == CaseStatus::waiting; }

// Which SLA clocks run, derived from the case itself so that nothing separate can fall out of step:
// first response until somebody from the organisation answers; next response while a customer post
// waits for an answer after the first; resolution until resolved. None while waiting on the customer.
bool running(const Case& c, SlaClock k) {
  if (c.status != CaseStatus::open) return false;
  switch (k) {
    case SlaClock::first_response: return !c.first_response_at.has_value();
    case SlaClock::next_response:
      return c.first_response_at && c.last_inbound_at && (!c.last_response_at || *c.last_inbound_at > *c.last_response_at);
    case SlaClock::resolution: return true;
  }
  return false;
}

}  // namespace

struct CaseEngine::PostRow {
  std::int64_t id = 0, created_at = 0, conversation_id = 0, author_id = 0;
  Post post;
  text::Analysis analysis;
};

std::uint64_t sla_timer_key(std::int64_t case_id, SlaClock clock, bool breach) {
  return static_cast<std::uint64_t>(case_id) * 8 + static_cast<std::uint64_t>(clock) * 2 + (breach ? 1 : 0);
}

CaseEngine::CaseEngine(sqlite::Connection& db, Store& store, const Clock& clock, const text::Analyzer* analyzer)
    : db_(db), store_(store), clock_(clock), analyzer_(analyzer), config_(std::make_shared<OrgConfig>()) {
  clocks_.emplace("", BusinessClock::always_open());
}

Status CaseEngine::set_config(std::shared_ptr<const OrgConfig> config) {
  std::map<std::string, BusinessClock> clocks;
  clocks.emplace("", BusinessClock::always_open());
  for (const auto& cal : config->engage.calendars) {
    auto bc = BusinessClock::make(cal);
    if (!bc) return Status::error("calendar '" + cal.name + "': " + bc.message());
    clocks.insert_or_assign(cal.name, std::move(*bc));
  }
  config_ = std::move(config);
  clocks_ = std::move(clocks);
  return Status::ok();
}

const BusinessClock& CaseEngine::clock_for(const std::string& calendar) const {
  auto it = clocks_.find(calendar);
  return it == clocks_.end() ? clocks_.at("") : it->second;
}

const SlaPolicy* CaseEngine::policy(const Case& c) const { return config_->engage.sla(c.sla_policy); }

Status CaseEngine::prepare() {
  if (prepared_) return Status::ok();
  auto p = [&](sqlite::Statement& st, const std::string& sql) -> Status {
    auto r = db_.prepare(sql);
    if (!r) return r.status();
    st = std::move(*r);
    return Status::ok();
  };
  Status s;
  if (!(s = p(pending_posts_,
              "SELECT p.id, p.source, p.external_id, p.kind, p.audience, p.text, p.created_at, p.conversation_id, "
              "p.lang, p.author_id, au.handle, au.kind, p.author_followers, pa.post_id, pa.language, pa.sentiment, "
              "pa.sentiment_label, pa.intent, pa.intent_confidence, pa.spam, pa.urgency, pa.entities "
              "FROM posts p JOIN authors au ON au.id = p.author_id LEFT JOIN post_analysis pa ON pa.post_id = p.id "
              "WHERE p.id > ?1 ORDER BY p.id LIMIT ?2")))
    return s;
  if (!(s = p(find_case_conv_, "SELECT case_id FROM case_conversations WHERE conversation_id = ?1"))) return s;
  if (!(s = p(find_case_moved_,
              "SELECT cc.case_id FROM posts p JOIN case_conversations cc ON cc.conversation_id = p.id "
              "WHERE p.conversation_id = ?1 AND p.id <> ?1 ORDER BY p.id LIMIT 1")))
    return s;
  // The whole row at once, numbered as update_case_ numbers it (bind_case binds both); ?1 NULL = new id.
  if (!(s = p(insert_case_,
              "INSERT INTO cases (id, kind, status, team, function, priority, assignee, assign_reason, rule, "
              "sla_policy, tags, required_skills, source, audience, intent, language, urgency, author_id, "
              "first_post_id, opened_at, updated_at, first_response_at, last_inbound_at, last_response_at, "
              "resolved_at, resolved_by, first_sentiment, last_sentiment, reopens, csat, merged_into, "
              "waiting_since, first_response_due, next_response_due, resolution_due, first_response_warn, "
              "next_response_warn, resolution_warn, sla_breaches, sla_warnings, last_inbound_post) VALUES (?1, ?2, "
              "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
              "?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41)")))
    return s;
  if (!(s = p(set_assignee_, "UPDATE cases SET assignee = ?2, assign_reason = ?3 WHERE id = ?1"))) return s;
  if (!(s = p(insert_case_conv_, "INSERT OR REPLACE INTO case_conversations (conversation_id, case_id) VALUES (?1, ?2)")))
    return s;
  if (!(s = p(insert_event_, "INSERT INTO case_events (case_id, at, actor, type, data) VALUES (?1, ?2, ?3, ?4, ?5)")))
    return s;
  if (!(s = p(set_cursor_, "INSERT OR REPLACE INTO engage_state (key, value) VALUES ('routed_through', ?1)"))) return s;
  if (!(s = p(select_case_, "SELECT " + case_columns() + " FROM cases WHERE id = ?1"))) return s;
  if (!(s = p(update_case_,
              "UPDATE cases SET kind=?2, status=?3, team=?4, function=?5, priority=?6, assignee=?7, assign_reason=?8, "
              "rule=?9, sla_policy=?10, tags=?11, required_skills=?12, source=?13, audience=?14, intent=?15, "
              "language=?16, urgency=?17, author_id=?18, first_post_id=?19, opened_at=?20, updated_at=?21, "
              "first_response_at=?22, last_inbound_at=?23, last_response_at=?24, resolved_at=?25, resolved_by=?26, "
              "first_sentiment=?27, last_sentiment=?28, reopens=?29, csat=?30, merged_into=?31, waiting_since=?32, "
              "first_response_due=?33, next_response_due=?34, resolution_due=?35, first_response_warn=?36, "
              "next_response_warn=?37, resolution_warn=?38, sla_breaches=?39, sla_warnings=?40, "
              "last_inbound_post=?41 WHERE id=?1")))
    return s;
  if (!(s = p(insert_response_,
              "INSERT OR IGNORE INTO case_responses (post_id, case_id, at, responder, by_staff) VALUES (?1, ?2, ?3, ?4, ?5)")))
    return s;
  if (!(s = p(queued_cases_,
              "SELECT id FROM cases WHERE team = ?1 AND status = 'open' AND assignee IS NULL ORDER BY "
              "CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, opened_at, id "
              "LIMIT 200")))
    return s;
  prepared_ = true;
  return Status::ok();
}

Status CaseEngine::load() {
  if (auto s = prepare(); !s) return s;
  {
    auto st = db_.prepare("SELECT value FROM engage_state WHERE key = 'routed_through'");
    if (!st) return st.status();
    auto row = st->step();
    if (!row) return row.status();
    routed_through_ = *row ? st->int64(0) : 0;
  }
  employees_.clear();
  auto st = db_.prepare(
      "SELECT assignee, SUM(CASE WHEN status IN ('open', 'waiting') THEN 1 ELSE 0 END), MAX(updated_at) "
      "FROM cases WHERE assignee IS NOT NULL GROUP BY assignee");
  if (!st) return st.status();
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    auto& e = employees_[std::string(st->text(0))];
    e.open = static_cast<int>(st->int64(1));
    e.last_assigned = st->int64(2);
  }
  auto ids = db_.prepare("SELECT id FROM cases WHERE status IN ('open', 'waiting')");
  if (!ids) return ids.status();
  std::vector<std::int64_t> open_ids;
  for (;;) {
    auto row = ids->step();
    if (!row) return row.status();
    if (!*row) break;
    open_ids.push_back(ids->int64(0));
  }
  for (auto id : open_ids) {
    auto c = load_case(id);
    if (!c) return c.status();
    schedule(*c);
  }
  for (const auto& t : config_->engage.teams) schedule_shift_check(t.id);
  return Status::ok();
}

int CaseEngine::open_cases(const std::string& handle) const {
  auto it = employees_.find(handle);
  return it == employees_.end() ? 0 : it->second.open;
}

Result<Case> CaseEngine::load_case(std::int64_t id) {
  if (auto s = prepare(); !s) return s;
  auto& st = select_case_;
  st.reset();
  st.bind(1, id);
  auto row = st.step();
  if (!row) return row.status();
  if (!*row) {
    st.reset();
    return Status::error("no case " + std::to_string(id));
  }
  Case c = read_case(st, 0);
  st.reset();
  return c;
}

Result<Case> CaseEngine::get(std::int64_t case_id) { return load_case(case_id); }

Status CaseEngine::save(const Case& c) { return write_case(update_case_, c); }

// Binds every column of the case (?1 its id, NULL for a case not yet stored) and runs `st`: update_case_,
// or insert_case_ for a new case.
Status CaseEngine::write_case(sqlite::Statement& st, const Case& c) {
  st.reset();
  std::string tags = json(c.tags).dump(), skills = json(c.required_skills).dump();
  if (c.id) st.bind(1, c.id);
  else st.bind_null(1);
  st.bind(2, to_string(c.kind))
      .bind(3, to_string(c.status))
      .bind(4, std::string_view(c.team))
      .bind(5, std::string_view(c.function))
      .bind(6, to_string(c.priority))
      .bind_opt(7, c.assignee)
      .bind_opt(8, c.assign_reason)
      .bind_opt(9, c.rule)
      .bind_opt(10, c.sla_policy)
      .bind(11, std::string_view(tags))
      .bind(12, std::string_view(skills))
      .bind(13, std::string_view(c.source))
      .bind(14, std::string_view(c.audience))
      .bind(15, std::string_view(c.intent))
      .bind(16, std::string_view(c.language))
      .bind(17, static_cast<std::int64_t>(c.urgency))
      .bind(18, c.author_id)
      .bind(19, c.first_post_id)
      .bind(20, c.opened_at)
      .bind(21, c.updated_at);
  bind_opt(st, 22, c.first_response_at);
  bind_opt(st, 23, c.last_inbound_at);
  bind_opt(st, 24, c.last_response_at);
  bind_opt(st, 25, c.resolved_at);
  st.bind_opt(26, c.resolved_by);
  bind_opt(st, 27, c.first_sentiment);
  bind_opt(st, 28, c.last_sentiment);
  st.bind(29, static_cast<std::int64_t>(c.reopens));
  if (c.csat) st.bind(30, static_cast<std::int64_t>(*c.csat)); else st.bind_null(30);
  bind_opt(st, 31, c.merged_into);
  bind_opt(st, 32, c.waiting_since);
  for (int k = 0; k < 3; ++k) {
    bind_opt(st, 33 + k, c.due[k]);
    bind_opt(st, 36 + k, c.warn[k]);
  }
  st.bind(39, static_cast<std::int64_t>(c.sla_breaches));
  st.bind(40, static_cast<std::int64_t>(c.sla_warnings));
  bind_opt(st, 41, c.last_inbound_post);
  return st.run();
}

Status CaseEngine::event(const Case& c, const std::string& actor, const std::string& type, json data, Events& out) {
  CaseEvent e;
  e.case_id = c.id;
  e.at = clock_.now_ms();
  e.actor = actor;
  e.type = type;
  e.data = std::move(data);
  e.function = c.function;
  e.data_json = e.data.dump();
  insert_event_.reset();
  insert_event_.bind(1, e.case_id).bind(2, e.at).bind(3, std::string_view(e.actor)).bind(4, std::string_view(e.type));
  insert_event_.bind(5, std::string_view(e.data_json));
  if (auto s = insert_event_.run(); !s) return s;
  e.id = db_.last_insert_rowid();
  out.push_back(std::move(e));
  return Status::ok();
}

Result<std::int64_t> CaseEngine::case_for_conversation(std::int64_t conversation_id) {
  find_case_conv_.reset();
  find_case_conv_.bind(1, conversation_id);
  auto row = find_case_conv_.step();
  if (!row) return row.status();
  std::int64_t id = *row ? find_case_conv_.int64(0) : 0;
  find_case_conv_.reset();
  if (id != 0) return id;
  // A reply that arrived before its parent was its own conversation and may have opened a case; when the
  // parent came, the store moved it into the parent's conversation. Find such a case through the posts
  // now in this conversation, and record the new conversation for it.
  find_case_moved_.reset();
  find_case_moved_.bind(1, conversation_id);
  row = find_case_moved_.step();
  if (!row) return row.status();
  id = *row ? find_case_moved_.int64(0) : 0;
  find_case_moved_.reset();
  if (id != 0) {
    insert_case_conv_.reset();
    insert_case_conv_.bind(1, conversation_id).bind(2, id);
    if (auto s = insert_case_conv_.run(); !s) return s;
  }
  return id;
}

bool CaseEngine::is_staff(const std::string& handle, AuthorKind kind) const {
  return kind == AuthorKind::employee || config_->engage.employee(handle) != nullptr;
}

void CaseEngine::schedule(const Case& c) {
  for (int k = 0; k < 3; ++k) {
    auto clock = static_cast<SlaClock>(k);
    bool on = running(c, clock);
    if (on && c.due[k] && !(c.sla_breaches >> k & 1))
      timers_.schedule(sla_timer_key(c.id, clock, true), *c.due[k]);
    else
      timers_.cancel(sla_timer_key(c.id, clock, true));
    if (on && c.warn[k] && !(c.sla_warnings >> k & 1))
      timers_.schedule(sla_timer_key(c.id, clock, false), *c.warn[k]);
    else
      timers_.cancel(sla_timer_key(c.id, clock, false));
  }
}

Status CaseEngine::start_clock(Case& c, SlaClock clock, std::int64_t from) {
  int k = static_cast<int>(clock);
  const SlaPolicy* pol = policy(c);
  std::int64_t target_s = 0;
  if (pol) {
    target_s = clock == SlaClock::first_response ? pol->first_response_s
               : clock == SlaClock::next_response ? pol->next_response_s
                                                  : pol->resolution_s;
  }
  if (target_s <= 0) {
    c.due[k].reset();
    c.warn[k].reset();
    return Status::ok();
  }
  const BusinessClock& bc = clock_for(pol->calendar);
  c.due[k] = bc.add(from, target_s * 1000);
  c.warn[k] = bc.add(from, static_cast<std::int64_t>(static_cast<double>(target_s) * 1000 * pol->warn_fraction));
  c.sla_warnings &= ~(1 << k);  // a new cycle may warn again
  return Status::ok();
}

void CaseEngine::stop_clock(Case& c, SlaClock clock) {
  // The deadline stays on the case (metrics read it); the timers go.
  timers_.cancel(sla_timer_key(c.id, clock, true));
  timers_.cancel(sla_timer_key(c.id, clock, false));
}

Result<std::vector<CaseEvent>> CaseEngine::route_pending(bool in_open_transaction) {
  if (auto s = prepare(); !s) return s;
  Events out;
  for (;;) {
    std::vector<PostRow> rows;
    pending_posts_.reset();
    pending_posts_.bind(1, routed_through_).bind(2, static_cast<std::int64_t>(kBatch));
    for (;;) {
      auto row = pending_posts_.step();
      if (!row) return row.status();
      if (!*row) break;
      auto& st = pending_posts_;
      PostRow r;
      r.id = st.int64(0);
      r.post.source = st.text(1);
      r.post.external_id = st.text(2);
      r.post.kind = parse_post_kind(st.text(3)).value_or(PostKind::post);
      r.post.audience = parse_audience(st.text(4)).value_or(Audience::public_);
      r.post.text = st.text(5);
      r.created_at = r.post.created_at_ms = st.int64(6);
      r.conversation_id = st.int64(7);
      r.post.language = st.text(8);
      r.author_id = st.int64(9);
      r.post.author.handle = st.text(10);
      r.post.author.kind = parse_author_kind(st.text(11)).value_or(AuthorKind::public_);
      r.post.author.followers = st.is_null(12) ? -1 : st.int64(12);
      if (!st.is_null(13)) {
        auto& a = r.analysis;
        a.language = st.text(14);
        a.sentiment.compound = st.real(15);
        a.sentiment.label = text::parse_sentiment_class(st.text(16)).value_or(text::SentimentClass::neutral);
        a.intent.label = text::parse_intent(st.text(17)).value_or(text::Intent::other);
        a.intent.confidence = st.real(18);
        a.intent.spam = st.int64(19) != 0;
        a.urgency = static_cast<int>(st.int64(20));
        auto ents = json::parse(st.text(21), nullptr, false);
        if (ents.is_array())
          for (const auto& e : ents) {
            text::EntityMatch m;
            m.name = e.value("name", "");
            m.kind = text::parse_entity_kind(e.value("kind", "keyword")).value_or(text::EntityKind::keyword);
            a.entities.push_back(std::move(m));
          }
      } else if (analyzer_) {
        r.analysis = analyzer_->analyze(r.post);
      }
      rows.push_back(std::move(r));
    }
    pending_posts_.reset();
    if (rows.empty()) break;

    std::optional<sqlite::Transaction> tx;
    if (!in_open_transaction) {
      auto begun = sqlite::Transaction::begin_immediate(db_);
      if (!begun) return begun.status();
      tx.emplace(std::move(*begun));
    }
    Events batch;
    for (const auto& r : rows)
      if (auto s = route_post(r, batch); !s) return Status::error("routing post " + std::to_string(r.id) + ": " + s.message());
    set_cursor_.reset();
    set_cursor_.bind(1, rows.back().id);
    if (auto s = set_cursor_.run(); !s) return s;
    if (tx)
      if (auto s = tx->commit(); !s) return s;
    routed_through_ = rows.back().id;
    for (auto& e : batch) out.push_back(std::move(e));
    if (rows.size() < static_cast<std::size_t>(kBatch)) break;
  }
  return out;
}

Status CaseEngine::route_post(const PostRow& p, Events& out) {
  auto found = case_for_conversation(p.conversation_id);
  if (!found) return found.status();
  if (*found == 0) return open_case(p, out);
  auto c = load_case(*found);
  if (!c) return c.status();
  // A merged case hands its conversation on: follow the chain (bounded, in case of a cycle).
  for (int hops = 0; c->status == CaseStatus::merged && c->merged_into && hops < 16; ++hops) {
    c = load_case(*c->merged_into);
    if (!c) return c.status();
  }
  return on_existing(*c, p, out);
}

Status CaseEngine::open_case(const PostRow& p, Events& out) {
  const bool internal = p.post.audience == Audience::internal;
  // The organisation's own public posts are outbound, not something to answer.
  if (!internal && is_staff(p.post.author.handle, p.post.author.kind)) return Status::ok();
  RouteDecision d = route(p.post, p.analysis, config_->engage);
  if (d.ignore || !d.matched) return Status::ok();
  const TeamDef* team = config_->engage.team(d.team);
  if (!team) return Status::ok();  // config check rejects this; a reload race must not crash routing

  Case c;
  const bool praise = p.analysis.intent.label == text::Intent::praise;
  c.kind = internal ? CaseKind::internal_question : praise ? CaseKind::acknowledge : CaseKind::case_;
  c.status = CaseStatus::open;
  c.team = team->id;
  c.function = team->function;
  c.priority = d.priority;
  c.rule = d.rules.empty() ? "" : d.rules.front();
  c.sla_policy = d.sla;
  c.tags = d.tags;
  c.required_skills = d.required_skills;
  c.source = p.post.source;
  c.audience = std::string(to_string(p.post.audience));
  c.intent = std::string(text::to_string(p.analysis.intent.label));
  c.language = p.analysis.language.empty() ? "und" : p.analysis.language;
  c.urgency = p.analysis.urgency;
  c.author_id = p.author_id;
  c.first_post_id = p.id;
  c.opened_at = p.created_at;
  c.updated_at = clock_.now_ms();
  c.last_inbound_at = p.created_at;
  c.last_inbound_post = p.id;
  c.first_sentiment = c.last_sentiment = p.analysis.sentiment.compound;
  if (auto s = start_clock(c, SlaClock::first_response, p.created_at); !s) return s;
  if (auto s = start_clock(c, SlaClock::resolution, p.created_at); !s) return s;
  // The row goes in whole, once: only the assignment below changes it afterwards.
  if (auto s = write_case(insert_case_, c); !s) return s;
  c.id = db_.last_insert_rowid();
  insert_case_conv_.reset();
  insert_case_conv_.bind(1, p.conversation_id).bind(2, c.id);
  if (auto s = insert_case_conv_.run(); !s) return s;
  json data = {{"post_id", p.id},       {"team", c.team},         {"priority", to_string(c.priority)},
               {"kind", to_string(c.kind)}, {"sla", c.sla_policy}, {"explanation", d.explanation},
               {"rules", d.rules},      {"intent", c.intent},     {"urgency", c.urgency}};
  if (auto s = event(c, "router", "opened", std::move(data), out); !s) return s;
  if (auto s = assign(c, "assigner", "", out); !s) return s;
  // assign() changes only these two columns of the case (its events go to case_events).
  set_assignee_.reset();
  set_assignee_.bind(1, c.id).bind_opt(2, c.assignee).bind_opt(3, c.assign_reason);
  if (auto s = set_assignee_.run(); !s) return s;
  schedule(c);
  return Status::ok();
}

Status CaseEngine::on_existing(Case& c, const PostRow& p, Events& out) {
  const std::int64_t at = p.created_at;
  const bool from_customer = p.author_id == c.author_id;
  bool staff = !from_customer && is_staff(p.post.author.handle, p.post.author.kind);
  if (staff && c.kind == CaseKind::internal_question) {
    // Internally everybody is an employee: the assigned team answers as staff; a colleague from elsewhere
    // answers as the community would, and can be credited with an accepted answer.
    const EmployeeDef* e = config_->engage.employee(p.post.author.handle);
    bool in_team = p.post.author.handle == c.assignee ||
                   (e && std::find(e->teams.begin(), e->teams.end(), c.team) != e->teams.end());
    staff = in_team;
  }
  c.updated_at = clock_.now_ms();
  if (from_customer) {
    if (c.status == CaseStatus::waiting && c.waiting_since) {
      // The customer answered: the paused clocks resume with the business time they had left.
      for (int k = 0; k < 3; ++k) {
        const SlaPolicy* pol = policy(c);
        const BusinessClock& bc = clock_for(pol ? pol->calendar : "");
        if (c.due[k] && *c.due[k] > *c.waiting_since) c.due[k] = bc.add(at, bc.elapsed(*c.waiting_since, *c.due[k]));
        if (c.warn[k] && *c.warn[k] > *c.waiting_since) c.warn[k] = bc.add(at, bc.elapsed(*c.waiting_since, *c.warn[k]));
      }
      c.waiting_since.reset();
      c.status = CaseStatus::open;
      if (auto s = event(c, "customer", "resumed", {{"post_id", p.id}}, out); !s) return s;
    }
    if (c.status == CaseStatus::resolved) {
      c.status = CaseStatus::open;
      c.reopens += 1;
      c.resolved_at.reset();
      c.resolved_by.clear();
      if (auto s = start_clock(c, SlaClock::resolution, at); !s) return s;
      if (auto s = event(c, "customer", "reopened", {{"post_id", p.id}}, out); !s) return s;
      if (!c.assignee.empty()) {
        employees_[c.assignee].open += 1;
      } else if (auto s = assign(c, "assigner", "", out); !s) {
        return s;
      }
    }
    c.last_inbound_at = at;
    c.last_inbound_post = p.id;
    c.last_sentiment = p.analysis.sentiment.compound;
    if (p.analysis.urgency > c.urgency) c.urgency = p.analysis.urgency;
    if (c.first_response_at) {
      if (auto s = start_clock(c, SlaClock::next_response, at); !s) return s;
    }
    if (auto s = event(c, "customer", "customer_post",
                       {{"post_id", p.id}, {"sentiment", p.analysis.sentiment.compound}, {"urgency", p.analysis.urgency}},
                       out);
        !s)
      return s;
  } else {
    insert_response_.reset();
    insert_response_.bind(1, p.id).bind(2, c.id).bind(3, at).bind(4, std::string_view(p.post.author.handle));
    insert_response_.bind(5, static_cast<std::int64_t>(staff ? 1 : 0));
    if (auto s = insert_response_.run(); !s) return s;
    if (staff) {
      for (auto k : {SlaClock::first_response, SlaClock::next_response}) {
        int i = static_cast<int>(k);
        // A late answer is a breach even when no timer saw it (a backfill, or parley was down).
        if (running(c, k) && c.due[i] && at > *c.due[i]) c.sla_breaches |= 1 << i;
      }
      bool first = !c.first_response_at.has_value();
      if (first) c.first_response_at = at;
      c.last_response_at = at;
      stop_clock(c, SlaClock::first_response);
      stop_clock(c, SlaClock::next_response);
      if (auto s = event(c, p.post.author.handle, first ? "first_response" : "response",
                         {{"post_id", p.id}, {"responder", p.post.author.handle}}, out);
          !s)
        return s;
    } else {
      if (auto s = event(c, "community", "community_reply", {{"post_id", p.id}, {"author", p.post.author.handle}},
                         out);
          !s)
        return s;
    }
  }
  if (auto s = save(c); !s) return s;
  schedule(c);
  return Status::ok();
}

Status CaseEngine::assign(Case& c, const std::string& actor, const std::string& forced, Events& out) {
  const auto& eng = config_->engage;
  const TeamDef* team = eng.team(c.team);
  std::vector<Candidate> candidates;
  std::string asker;
  if (c.kind == CaseKind::internal_question) {
    auto st = db_.prepare("SELECT handle FROM authors WHERE id = ?1");
    if (!st) return st.status();
    st->bind(1, c.author_id);
    auto row = st->step();
    if (!row) return row.status();
    if (*row) asker = st->text(0);
  }
  const std::int64_t now = clock_.now_ms();
  for (const auto& e : eng.employees) {
    if (!forced.empty() ? e.handle != forced
                        : std::find(e.teams.begin(), e.teams.end(), c.team) == e.teams.end())
      continue;
    if (e.handle == asker) continue;  // nobody is their own expert
    const auto& state = employees_[e.handle];
    std::string cal = !e.calendar.empty() ? e.calendar : (team ? team->calendar : "");
    if (e.calendar.empty() && !e.teams.empty())
      if (const TeamDef* first = eng.team(e.teams.front())) cal = first->calendar;
    candidates.push_back(Candidate{&e, state.open, state.last_assigned, clock_for(cal).is_open(now)});
  }
  if (!forced.empty() && candidates.empty()) return Status::error("unknown employee '" + forced + "'");
  AssignRequest req;
  req.required_skills = c.required_skills;
  req.language = c.language;
  req.strategy = team ? team->strategy : AssignStrategy::skills;
  req.round_robin_cursor = round_robin_[c.team];
  AssignDecision d = choose_assignee(req, candidates, now);
  if (d.chosen < 0 && !forced.empty()) {
    // An explicit assignment by a person overrides capacity and shift, but says so.
    d.chosen = 0;
    d.reason = "assigned by " + actor + (d.excluded.empty() ? "" : " (" + d.excluded.front() + ")");
  } else if (!forced.empty()) {
    d.reason = "assigned by " + actor + ": " + d.reason;
  }
  if (d.chosen < 0) {
    // A case already waiting in this team's queue (a drain that still found nobody) keeps its place and
    // gets no new event: the event is written to the history at once, so every resolve in a busy team
    // would otherwise add a "queued" row to every case still waiting.
    const std::string waiting = "waiting in queue " + c.team;
    const bool already_waiting = c.assignee.empty() && c.assign_reason == waiting;
    c.assignee.clear();
    c.assign_reason = waiting;
    if (!already_waiting)
      if (auto s = event(c, actor, "queued", {{"team", c.team}, {"excluded", d.excluded}, {"excluded_total", d.excluded_total}}, out); !s) return s;
    schedule_shift_check(c.team);
    return Status::ok();
  }
  if (req.strategy == AssignStrategy::round_robin) round_robin_[c.team] = d.next_round_robin_cursor;
  const EmployeeDef* who = candidates[static_cast<std::size_t>(d.chosen)].employee;
  if (!c.assignee.empty() && c.assignee != who->handle && active(c)) employees_[c.assignee].open -= 1;
  if (c.assignee != who->handle) employees_[who->handle].open += 1;
  employees_[who->handle].last_assigned = now;
  c.assignee = who->handle;
  c.assign_reason = d.reason;
  return event(c, actor, "assigned", {{"assignee", who->handle}, {"reason", d.reason}, {"excluded", d.excluded}, {"excluded_total", d.excluded_total}}, out);
}

void CaseEngine::schedule_shift_check(const std::string& team) {
  const auto& eng = config_->engage;
  std::int64_t now = clock_.now_ms(), soonest = INT64_MAX;
  std::size_t index = 0;
  for (; index < eng.teams.size() && eng.teams[index].id != team; ++index) {
  }
  if (index == eng.teams.size()) return;
  for (const auto& e : eng.employees) {
    if (std::find(e.teams.begin(), e.teams.end(), team) == e.teams.end()) continue;
    std::string cal = e.calendar.empty() ? eng.teams[index].calendar : e.calendar;
    const BusinessClock& bc = clock_for(cal);
    if (bc.is_open(now)) continue;
    soonest = std::min(soonest, bc.next_open(now));
  }
  std::uint64_t key = kShiftKeyBit | (static_cast<std::uint64_t>(index) << 3) | 7;
  if (soonest == INT64_MAX) timers_.cancel(key);
  else timers_.schedule(key, soonest);
}

Status CaseEngine::drain_queue(const std::string& team, Events& out) {
  queued_cases_.reset();
  queued_cases_.bind(1, std::string_view(team));
  std::vector<std::int64_t> ids;
  for (;;) {
    auto row = queued_cases_.step();
    if (!row) return row.status();
    if (!*row) break;
    ids.push_back(queued_cases_.int64(0));
  }
  queued_cases_.reset();
  for (auto id : ids) {
    auto c = load_case(id);
    if (!c) return c.status();
    if (auto s = assign(*c, "assigner", "", out); !s) return s;
    if (c->assignee.empty()) continue;  // still nobody: the case keeps its place, quietly
    c->updated_at = clock_.now_ms();
    if (auto s = save(*c); !s) return s;
  }
  return Status::ok();
}

Status CaseEngine::release(Case& c, Events& out) {
  if (c.assignee.empty()) return Status::ok();
  auto& st = employees_[c.assignee];
  st.open = std::max(0, st.open - 1);
  // Capacity freed: the team's queue moves at once, not at the next poll.
  std::string team = c.team;
  if (auto s = save(c); !s) return s;
  return drain_queue(team, out);
}

Result<std::vector<CaseEvent>> CaseEngine::act(std::int64_t case_id, const Action& a) {
  if (auto s = prepare(); !s) return s;
  Events out;
  if (a.type == "reply") {
    // A reply is a post like any other: stored, threaded under the customer's latest post, then seen by
    // the router as the organisation's answer (which stops the response clocks).
    auto c = load_case(case_id);
    if (!c) return c.status();
    std::string text = a.args.value("text", "");
    if (text.empty()) return Status::error("reply needs a non-empty \"text\"");
    std::string reply_to, root;
    {
      auto st = db_.prepare("SELECT (SELECT external_id FROM posts WHERE id = ?1), (SELECT external_id FROM posts WHERE id = ?2)");
      if (!st) return st.status();
      st->bind(1, c->last_inbound_post.value_or(c->first_post_id)).bind(2, c->first_post_id);
      auto row = st->step();
      if (!row) return row.status();
      reply_to = st->text(0);
      root = st->text(1);
    }
    Post reply;
    reply.source = c->source;
    std::int64_t now = clock_.now_ms();
    reply.external_id = "parley-" + std::to_string(case_id) + "-" + std::to_string(now) + "-" +
                        std::to_string(routed_through_ + 1);
    reply.kind = PostKind::reply;
    reply.audience = c->audience == "internal" ? Audience::internal : Audience::public_;
    reply.author.handle = a.actor;
    reply.author.kind = AuthorKind::employee;
    if (const EmployeeDef* e = config_->engage.employee(a.actor)) reply.author.name = e->name;
    reply.text = text;
    reply.created_at_ms = now;
    reply.reply_to = reply_to;
    reply.conversation_hint = root;
    Post batch[1] = {reply};
    text::Analysis analysis[1];
    if (analyzer_) analysis[0] = analyzer_->analyze(reply);
    auto up = store_.upsert_posts(batch, analyzer_ ? std::span<const text::Analysis>(analysis) : std::span<const text::Analysis>());
    if (!up) return up.status();
    auto routed = route_pending();
    if (!routed) return routed.status();
    for (auto& e : *routed) out.push_back(std::move(e));
    auto stored = store_.find_post(reply.source, reply.external_id);
    if (!stored) return stored.status();
    auto tx = sqlite::Transaction::begin_immediate(db_);
    if (!tx) return tx.status();
    auto fresh = load_case(case_id);
    if (!fresh) return fresh.status();
    if (auto s = event(*fresh, a.actor, "reply", {{"post_id", stored->id}, {"text", text}}, out); !s) return s;
    std::string url;
    for (const auto& o : config_->engage.outboxes)
      if (o.source == reply.source || (o.source == "*" && url.empty())) url = o.url;
    if (!url.empty()) {
      json payload = {{"case_id", case_id},      {"source", reply.source}, {"in_reply_to", reply_to},
                      {"text", text},            {"author", a.actor},      {"external_id", reply.external_id}};
      auto st = db_.prepare("INSERT INTO outbox (case_id, post_id, url, payload, next_at) VALUES (?1, ?2, ?3, ?4, ?5)");
      if (!st) return st.status();
      std::string body = payload.dump();
      st->bind(1, case_id).bind(2, stored->id).bind(3, std::string_view(url)).bind(4, std::string_view(body)).bind(5, now);
      if (auto s = st->run(); !s) return s;
    }
    if (auto s = tx->commit(); !s) return s;
    return out;
  }
  auto tx = sqlite::Transaction::begin_immediate(db_);
  if (!tx) return tx.status();
  auto c = load_case(case_id);
  if (!c) return c.status();
  if (auto s = apply(*c, a, out); !s) return s;
  if (auto s = tx->commit(); !s) return s;
  return out;
}

Status CaseEngine::apply(Case& c, const Action& a, Events& out) {
  const std::int64_t now = clock_.now_ms();
  const auto& eng = config_->engage;
  c.updated_at = now;
  const std::string& t = a.type;
  auto done = [&]() -> Status {
    if (auto s = save(c); !s) return s;
    schedule(c);
    return Status::ok();
  };
  if (t == "note") {
    std::string text = a.args.value("text", "");
    if (text.empty()) return Status::error("note needs a non-empty \"text\"");
    if (auto s = event(c, a.actor, "note", {{"text", text}}, out); !s) return s;
    return done();
  }
  if (t == "tag") {
    std::vector<std::string> add, remove;
    if (a.args.contains("add") && a.args["add"].is_array()) add = a.args["add"].get<std::vector<std::string>>();
    if (a.args.contains("remove") && a.args["remove"].is_array()) remove = a.args["remove"].get<std::vector<std::string>>();
    if (add.empty() && remove.empty()) return Status::error("tag needs \"add\" or \"remove\" (arrays of tags)");
    for (const auto& x : add)
      if (std::find(c.tags.begin(), c.tags.end(), x) == c.tags.end()) c.tags.push_back(x);
    for (const auto& x : remove) c.tags.erase(std::remove(c.tags.begin(), c.tags.end(), x), c.tags.end());
    if (auto s = event(c, a.actor, "tagged", {{"add", add}, {"remove", remove}, {"tags", c.tags}}, out); !s) return s;
    return done();
  }
  if (t == "priority") {
    auto p = parse_priority(a.args.value("value", ""));
    if (!p) return Status::error("priority \"value\" must be low, normal, high or urgent");
    std::string from(to_string(c.priority));
    c.priority = *p;
    if (auto s = event(c, a.actor, "priority", {{"from", from}, {"to", to_string(c.priority)}}, out); !s) return s;
    return done();
  }
  if (t == "csat") {
    if (!a.args.contains("score") || !a.args["score"].is_number_integer())
      return Status::error("csat needs an integer \"score\" from 1 to 5");
    int score = a.args["score"].get<int>();
    if (score < 1 || score > 5) return Status::error("csat \"score\" must be from 1 to 5, got " + std::to_string(score));
    c.csat = score;
    if (auto s = event(c, a.actor, "csat", {{"score", score}}, out); !s) return s;
    return done();
  }
  if (t == "assign" || t == "handoff") {
    if (!active(c)) return Status::error("case " + std::to_string(c.id) + " is " + std::string(to_string(c.status)) + ": reopen it first");
    std::string to = a.args.value("to", "");
    if (t == "handoff") {
      std::string team_id = a.args.value("team", "");
      std::string reason = a.args.value("reason", "");
      const TeamDef* team = eng.team(team_id);
      if (!team) return Status::error("handoff needs a known \"team\"; '" + team_id + "' is not in the config");
      if (reason.empty()) return Status::error("handoff needs a \"reason\" the next team can read");
      std::string from_team = c.team, from_function = c.function;
      if (!c.assignee.empty()) employees_[c.assignee].open = std::max(0, employees_[c.assignee].open - 1);
      c.assignee.clear();
      c.team = team->id;
      c.function = team->function;
      // The skills a rule asked of the old team rarely fit the new one: the hand-off says what it needs.
      c.required_skills.clear();
      if (a.args.contains("skills") && a.args["skills"].is_object())
        for (auto& [skill, level] : a.args["skills"].items())
          if (level.is_number_integer()) c.required_skills[skill] = level.get<int>();
      if (auto s = event(c, a.actor, "handoff",
                         {{"from_team", from_team}, {"from_function", from_function}, {"to_team", c.team}, {"reason", reason}},
                         out);
          !s)
        return s;
      if (auto s = assign(c, a.actor, to, out); !s) return s;
      if (auto s = done(); !s) return s;
      return drain_queue(from_team, out);
    }
    if (to.empty()) return Status::error("assign needs \"to\": an employee handle");
    if (!eng.employee(to)) return Status::error("unknown employee '" + to + "'");
    std::string before = c.assignee;
    if (auto s = assign(c, a.actor, to, out); !s) return s;
    if (auto s = done(); !s) return s;
    if (!before.empty() && before != to) return drain_queue(c.team, out);
    return Status::ok();
  }
  if (t == "wait") {
    if (c.status != CaseStatus::open) return Status::error("only an open case can wait on the customer");
    c.status = CaseStatus::waiting;
    c.waiting_since = now;
    for (auto k : {SlaClock::first_response, SlaClock::next_response, SlaClock::resolution}) stop_clock(c, k);
    if (auto s = event(c, a.actor, "waiting", json::object(), out); !s) return s;
    return done();
  }
  if (t == "resolve" || t == "accept") {
    if (!active(c)) return Status::error("case " + std::to_string(c.id) + " is already " + std::string(to_string(c.status)));
    std::string by = "staff";
    json data = json::object();
    if (t == "accept") {
      if (!a.args.contains("post_id") || !a.args["post_id"].is_number_integer())
        return Status::error("accept needs \"post_id\": the answer's post id");
      std::int64_t post_id = a.args["post_id"].get<std::int64_t>();
      auto st = db_.prepare("UPDATE case_responses SET accepted = 1 WHERE post_id = ?1 AND case_id = ?2 AND by_staff = 0");
      if (!st) return st.status();
      st->bind(1, post_id).bind(2, c.id);
      if (auto s = st->run(); !s) return s;
      if (db_.changes() == 0)
        return Status::error("post " + std::to_string(post_id) + " is not a community answer on case " + std::to_string(c.id));
      auto who = db_.prepare("SELECT responder FROM case_responses WHERE post_id = ?1");
      if (!who) return who.status();
      who->bind(1, post_id);
      auto row = who->step();
      if (!row) return row.status();
      data = {{"post_id", post_id}, {"author", std::string(who->text(0))}};
      by = "community";
      if (auto s = event(c, a.actor, "answer_accepted", data, out); !s) return s;
    }
    int k = static_cast<int>(SlaClock::resolution);
    if (c.due[k] && now > *c.due[k]) c.sla_breaches |= 1 << k;
    c.status = CaseStatus::resolved;
    c.resolved_at = now;
    c.resolved_by = by;
    for (auto clk : {SlaClock::first_response, SlaClock::next_response, SlaClock::resolution}) stop_clock(c, clk);
    if (auto s = event(c, a.actor, "resolved", {{"by", by}}, out); !s) return s;
    if (auto s = done(); !s) return s;
    return release(c, out);
  }
  if (t == "reopen") {
    if (c.status != CaseStatus::resolved) return Status::error("only a resolved case can be reopened");
    c.status = CaseStatus::open;
    c.reopens += 1;
    c.resolved_at.reset();
    c.resolved_by.clear();
    if (auto s = start_clock(c, SlaClock::resolution, now); !s) return s;
    if (auto s = event(c, a.actor, "reopened", json::object(), out); !s) return s;
    if (!c.assignee.empty()) employees_[c.assignee].open += 1;
    else if (auto s = assign(c, "assigner", "", out); !s) return s;
    return done();
  }
  if (t == "merge") {
    if (!a.args.contains("into") || !a.args["into"].is_number_integer())
      return Status::error("merge needs \"into\": the id of the case to keep");
    std::int64_t into = a.args["into"].get<std::int64_t>();
    if (into == c.id) return Status::error("a case cannot be merged into itself");
    auto target = load_case(into);
    if (!target) return target.status();
    if (!active(*target)) return Status::error("case " + std::to_string(into) + " is not open");
    auto st = db_.prepare("UPDATE case_conversations SET case_id = ?1 WHERE case_id = ?2");
    if (!st) return st.status();
    st->bind(1, into).bind(2, c.id);
    if (auto s = st->run(); !s) return s;
    bool was_active = active(c);
    c.status = CaseStatus::merged;
    c.merged_into = into;
    for (auto clk : {SlaClock::first_response, SlaClock::next_response, SlaClock::resolution}) stop_clock(c, clk);
    if (auto s = event(c, a.actor, "merged", {{"into", into}}, out); !s) return s;
    if (auto s = event(*target, a.actor, "merged_from", {{"from", c.id}}, out); !s) return s;
    if (auto s = done(); !s) return s;
    if (was_active) return release(c, out);
    return Status::ok();
  }
  return Status::error("unknown action '" + t +
                       "': use reply, note, assign, handoff, tag, priority, wait, resolve, reopen, merge, csat or accept");
}

Result<std::vector<CaseEvent>> CaseEngine::fire_due(const std::vector<std::uint64_t>& keys) {
  if (auto s = prepare(); !s) return s;
  Events out;
  auto tx = sqlite::Transaction::begin_immediate(db_);
  if (!tx) return tx.status();
  const std::int64_t now = clock_.now_ms();
  for (auto key : keys) {
    if (key & kShiftKeyBit) {
      std::size_t index = (key & ~kShiftKeyBit) >> 3;
      if (index >= config_->engage.teams.size()) continue;
      std::string team = config_->engage.teams[index].id;
      if (auto s = drain_queue(team, out); !s) return s;
      schedule_shift_check(team);
      continue;
    }
    auto c = load_case(static_cast<std::int64_t>(key / 8));
    if (!c) continue;  // deleted or never stored: nothing to fire
    int k = static_cast<int>((key >> 1) & 3);
    bool breach = key & 1;
    auto clock = static_cast<SlaClock>(k);
    if (!running(*c, clock)) continue;  // stale: the clock stopped after this was scheduled
    if (breach) {
      if (!c->due[k] || *c->due[k] > now || (c->sla_breaches >> k & 1)) continue;
      c->sla_breaches |= 1 << k;
      if (auto s = event(*c, "sla", "sla_breached", {{"clock", to_string(clock)}, {"due", *c->due[k]}}, out); !s) return s;
    } else {
      if (!c->warn[k] || *c->warn[k] > now || (c->sla_warnings >> k & 1)) continue;
      c->sla_warnings |= 1 << k;
      if (auto s = event(*c, "sla", "sla_warning", {{"clock", to_string(clock)}, {"due", c->due[k] ? json(*c->due[k]) : json()}}, out); !s)
        return s;
    }
    if (auto s = save(*c); !s) return s;
    schedule(*c);
  }
  if (auto s = tx->commit(); !s) return s;
  return out;
}

}  // namespace parley::engage
