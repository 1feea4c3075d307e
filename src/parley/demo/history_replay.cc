#include "parley/demo/history_replay.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "parley/core/manual_clock.h"
#include "parley/demo/case_plan.h"
#include "parley/demo/reply_writer.h"
#include "parley/engage/business_clock.h"
#include "parley/engage/case_engine.h"
#include "parley/engage/knowledge.h"

namespace parley::demo {
namespace {

using engage::Action;
using engage::Case;
using engage::CaseEvent;
using engage::CaseStatus;
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMinute = 60000;
constexpr std::int64_t kFollowUpWindow = 3 * 24 * 60 * kMinute;  // a case is not closed while its customer is still talking
constexpr std::uint64_t kMaxArticles = 14;             // a knowledge base the demo can show, not a flood

std::int64_t minutes(double m) { return static_cast<std::int64_t>(m * kMinute); }

bool active(const Case& c) { return c.status == CaseStatus::open || c.status == CaseStatus::waiting; }
// The customer has said something nobody from the organisation has answered yet.
bool unanswered(const Case& c) {
  return !c.first_response_at || (c.last_inbound_at && (!c.last_response_at || *c.last_inbound_at > *c.last_response_at));
}

enum class Step { answer, resolve, reopen, csat, done };

// History replies went out long ago: nothing may be queued for delivery to the outbox webhooks.
std::shared_ptr<const OrgConfig> without_outboxes(const OrgConfig& config) {
  auto copy = std::make_shared<OrgConfig>(config);
  copy->engage.outboxes.clear();
  return copy;
}

struct CaseRun {
  CasePlan plan;
  SeededRng rng{0};
  ReplyFacts facts;
  Step next = Step::done;
  bool pending = false;          // a step is on the agenda
  bool awaiting_assignee = false;  // the next step waits for the engine to assign the case
  std::int64_t conversation = 0;   // the opening post's conversation in the staging store
  std::uint64_t generation = 0;  // agenda entries of older generations were superseded and are skipped
  bool noted = false, reopened = false, rated = false, reply_after_reopen = false;
};

class Replay {
 public:
  Replay(sqlite::SqliteStore& target, const OrgConfig& config, const text::Analyzer& analyzer, const HistoryOptions& o)
      : target_(target),
        config_(without_outboxes(config)),
        analyzer_(analyzer),
        options_(o),
        engine_(target.connection(), target, clock_, &analyzer),
        kb_(target.connection()) {}

  Status run(std::vector<StoredPost> posts, HistorySummary& summary);

 private:
  Status handle(const std::vector<CaseEvent>& events);
  void schedule(std::int64_t case_id, Step step, std::int64_t at);
  Status perform(std::int64_t case_id, std::uint64_t generation);
  Result<std::vector<CaseEvent>> act(std::int64_t case_id, const std::string& type, const std::string& actor,
                                     nlohmann::json args = nlohmann::json::object());
  Status reply(std::int64_t case_id, CaseRun& run, const Case& c, ReplyStage stage);
  // When `handle` can next work: now if on shift, else a little after their next shift starts.
  std::int64_t on_shift(const std::string& handle, CaseRun& run);
  // When `handle`, on shift now, answers something planned `delay` ms away: before the shift ends if it
  // would end first (people clear what they were given before they leave), else after `delay`.
  std::int64_t within_shift(const std::string& handle, std::int64_t delay, CaseRun& run);
  const engage::BusinessClock& calendar_of(const std::string& handle) const;

  sqlite::SqliteStore& target_;
  std::shared_ptr<const OrgConfig> config_;
  const text::Analyzer& analyzer_;
  HistoryOptions options_;
  ManualClock clock_;
  engage::CaseEngine engine_;
  engage::KnowledgeBase kb_;
  ReplyWriter writer_;
  std::map<std::string, engage::BusinessClock> calendars_;
  std::unordered_map<std::int64_t, CaseRun> runs_;
  // Staging conversation -> (time, author handle) of its posts in time order, and each post's conversation:
  // an agent does not close a case while its customer is still writing in the thread.
  std::unordered_map<std::int64_t, std::vector<std::pair<std::int64_t, std::string>>> threads_;
  std::unordered_map<const Post*, std::int64_t> conversation_of_;
  std::set<std::tuple<std::int64_t, std::uint64_t, std::int64_t, std::uint64_t>> agenda_;  // (at, seq, case, generation)
  std::uint64_t sequence_ = 0;
  std::int64_t until_ = 0;
  const Post* routing_ = nullptr;               // the post being routed, for the cases it opens
  const text::Analysis* routing_analysis_ = nullptr;
  std::uint64_t articles_ = 0, uses_ = 0;
};

const engage::BusinessClock& Replay::calendar_of(const std::string& handle) const {
  // As the engine decides who is on shift: the person's calendar, else their first team's.
  std::string name;
  if (const EmployeeDef* e = config_->engage.employee(handle)) {
    name = e->calendar;
    if (name.empty() && !e->teams.empty())
      if (const TeamDef* t = config_->engage.team(e->teams.front())) name = t->calendar;
  }
  auto it = calendars_.find(name);
  return it == calendars_.end() ? calendars_.at("") : it->second;
}

std::int64_t Replay::on_shift(const std::string& handle, CaseRun& run) {
  const auto& bc = calendar_of(handle);
  const std::int64_t now = clock_.now_ms();
  if (bc.is_open(now)) return now;
  std::int64_t opens = bc.next_open(now);
  // The first minutes of a shift go to the oldest and most urgent cases.
  return opens == engage::BusinessClock::kNever ? kNever : opens + minutes(run.rng.between(2, 30));
}

std::int64_t Replay::within_shift(const std::string& handle, std::int64_t delay, CaseRun& run) {
  const auto& bc = calendar_of(handle);
  const std::int64_t now = clock_.now_ms();
  constexpr std::int64_t kStep = 5 * kMinute;
  if (handle.empty() || !bc.is_open(now)) return now + delay;
  for (std::int64_t t = now + kStep; t <= now + delay; t += kStep)
    if (!bc.is_open(t)) return now + static_cast<std::int64_t>(static_cast<double>(t - kStep - now) * run.rng.between(0.3, 0.9));
  return now + delay;
}

void Replay::schedule(std::int64_t case_id, Step step, std::int64_t at) {
  auto& run = runs_[case_id];
  run.next = step;
  ++run.generation;
  if (step == Step::done || at > until_) {
    run.pending = false;
    return;
  }
  run.pending = true;
  agenda_.emplace(at, sequence_++, case_id, run.generation);
}

Result<std::vector<CaseEvent>> Replay::act(std::int64_t case_id, const std::string& type, const std::string& actor,
                                           nlohmann::json args) {
  Action a{type, actor, std::move(args)};
  auto events = engine_.act(case_id, a);
  if (!events) return Status::error("case " + std::to_string(case_id) + " " + type + ": " + events.message());
  if (auto s = handle(*events); !s) return s;
  return events;
}

Status Replay::reply(std::int64_t case_id, CaseRun& run, const Case& c, ReplyStage stage) {
  if (run.plan.use_knowledge && !c.first_response_at) {
    // What an agent does in the case view: look at the suggested articles and use the best one.
    auto suggested = kb_.suggest_for_case(case_id, {}, 1);
    if (suggested && !suggested->empty()) {
      if (auto s = kb_.record_use(suggested->front().article.id, case_id, c.assignee, clock_.now_ms()); !s) return s;
      ++uses_;
    }
  }
  const EmployeeDef* e = config_->engage.employee(c.assignee);
  run.facts.employee_name = e ? e->name : c.assignee;
  auto events = act(case_id, "reply", c.assignee, {{"text", writer_.reply(run.facts, stage, run.rng)}});
  if (!events) return events.status();
  if (run.plan.save_knowledge && stage == ReplyStage::first && articles_ < kMaxArticles) {
    for (const auto& ev : *events)
      if (ev.type == "reply") {
        auto saved = kb_.save_from_reply(ev.data["post_id"].get<std::int64_t>(), writer_.knowledge_title(run.facts), "",
                                         clock_.now_ms());
        if (!saved) return saved.status();
        ++articles_;
      }
  }
  return Status::ok();
}

Status Replay::handle(const std::vector<CaseEvent>& events) {
  const std::int64_t now = clock_.now_ms();
  for (const auto& ev : events) {
    if (ev.type == "opened" && routing_) {
      auto c = engine_.get(ev.case_id);
      if (!c) return c.status();
      CaseRun run;
      run.rng = SeededRng(stable_hash(routing_->source + "\n" + routing_->external_id, options_.seed * 0x9E3779B97F4A7C15ull + 1));
      CaseFacts f;
      f.kind = std::string(engage::to_string(c->kind));
      f.intent = c->intent;
      f.priority = std::string(to_string(c->priority));
      if (const SlaPolicy* p = config_->engage.sla(c->sla_policy)) {
        f.first_response_target_ms = p->first_response_s * 1000;
        f.resolution_target_ms = p->resolution_s * 1000;
      }
      f.age_at_end_ms = until_ - c->opened_at;
      f.open_window_ms = options_.open_window_ms;
      run.plan = plan_case(f, run.rng);
      run.facts.channel = routing_->source;
      run.facts.internal = routing_->audience == Audience::internal;
      run.facts.intent = c->intent;
      run.facts.language = c->language;
      run.facts.text = routing_->text;
      run.facts.handle = routing_->author.handle;
      run.facts.name = routing_->author.name;
      run.conversation = conversation_of_[routing_];
      if (routing_analysis_)
        for (const auto& m : routing_analysis_->entities) {
          if (m.kind == text::EntityKind::product && run.facts.product.empty()) run.facts.product = m.name;
          if (m.kind == text::EntityKind::campaign && run.facts.campaign.empty()) run.facts.campaign = m.name;
        }
      const bool answer = run.plan.answer;
      const std::int64_t at = within_shift(c->assignee, minutes(run.plan.answer_after_min), run);
      runs_[ev.case_id] = std::move(run);
      if (answer) schedule(ev.case_id, Step::answer, at);
    } else if (ev.type == "assigned") {
      // A queued case reached somebody (capacity freed, a shift started): they pick it up shortly.
      auto it = runs_.find(ev.case_id);
      if (it == runs_.end() || !it->second.awaiting_assignee) continue;
      it->second.awaiting_assignee = false;
      schedule(ev.case_id, it->second.next, now + minutes(it->second.rng.between(2, 15)));
    } else if ((ev.type == "customer_post" || ev.type == "reopened") && ev.actor == "customer") {
      // The customer wrote again: whoever has the case answers soon, then resolves it again. A pending first
      // answer will see the new post; a pending resolution, rating or reopening is overtaken.
      auto it = runs_.find(ev.case_id);
      if (it == runs_.end() || !it->second.plan.answer || it->second.awaiting_assignee) continue;
      if (it->second.pending && it->second.next == Step::answer) continue;
      if (ev.type == "reopened") it->second.reopened = true;
      schedule(ev.case_id, it->second.plan.resolve ? Step::resolve : Step::answer,
               now + minutes(it->second.rng.between(10, 150)));
    }
  }
  return Status::ok();
}

Status Replay::perform(std::int64_t case_id, std::uint64_t generation) {
  auto& run = runs_[case_id];
  if (generation != run.generation) return Status::ok();
  run.pending = false;
  const std::int64_t now = clock_.now_ms();
  auto c = engine_.get(case_id);
  if (!c) return c.status();
  if (c->status == CaseStatus::merged) return Status::ok();
  const Step step = run.next;
  if (step == Step::csat) {
    if (c->status != CaseStatus::resolved || run.rated) return Status::ok();
    CsatFacts f;
    f.intent = c->intent;
    f.first_sentiment = c->first_sentiment.value_or(0);
    f.first_response_min = c->first_response_at ? static_cast<double>(*c->first_response_at - c->opened_at) / kMinute : 0;
    f.breached = c->sla_breaches != 0;
    f.reopens = c->reopens;
    run.rated = true;
    auto ev = act(case_id, "csat", "customer", {{"score", csat_score(f, run.rng)}});
    return ev ? Status::ok() : ev.status();
  }
  // Everything else is the assignee's work: it waits for the case to reach somebody, and for their shift.
  if (c->assignee.empty()) {
    run.next = step;
    run.awaiting_assignee = true;  // the "assigned" event puts it back on the agenda
    return Status::ok();
  }
  if (std::int64_t at = on_shift(c->assignee, run); at != now) {
    schedule(case_id, step, at);
    return Status::ok();
  }
  if (step == Step::reopen) {
    if (c->status != CaseStatus::resolved) return Status::ok();
    if (auto ev = act(case_id, "reopen", c->assignee); !ev) return ev.status();
    if (auto ev = act(case_id, "note", c->assignee, {{"text", writer_.reopen_note(run.rng)}}); !ev) return ev.status();
    run.reopened = run.reply_after_reopen = true;
    schedule(case_id, Step::resolve, now + minutes(run.rng.between(20, 300)));
    return Status::ok();
  }
  if (!active(*c)) return Status::ok();
  if (step == Step::answer) {
    if (unanswered(*c))
      if (auto s = reply(case_id, run, *c, c->first_response_at ? ReplyStage::follow_up : ReplyStage::first); !s) return s;
    if (run.plan.resolve) schedule(case_id, Step::resolve, now + minutes(run.plan.resolve_after_min));
    return Status::ok();
  }
  // Step::resolve: answer what is still open first, then close.
  if (unanswered(*c) || run.reply_after_reopen) {
    ReplyStage stage = run.reply_after_reopen ? ReplyStage::after_reopen
                       : c->first_response_at ? ReplyStage::follow_up
                                              : ReplyStage::first;
    run.reply_after_reopen = false;
    if (auto s = reply(case_id, run, *c, stage); !s) return s;
    schedule(case_id, Step::resolve, now + minutes(run.rng.between(20, 480)));
    return Status::ok();
  }
  // The customer is still writing in the thread: wait for that, answer it, then close.
  if (auto t = threads_.find(run.conversation); t != threads_.end()) {
    for (const auto& [at, author] : t->second)
      if (at > now && at <= now + kFollowUpWindow && author == run.facts.handle) {
        schedule(case_id, Step::resolve, at + minutes(run.rng.between(10, 120)));
        return Status::ok();
      }
  }
  if (run.plan.note && !run.noted) {
    run.noted = true;
    if (auto ev = act(case_id, "note", c->assignee, {{"text", writer_.note(run.facts, run.rng)}}); !ev) return ev.status();
  }
  std::int64_t community_answer = 0;
  if (run.plan.accept_community) {
    auto st = target_.connection().prepare(
        "SELECT post_id FROM case_responses WHERE case_id = ?1 AND by_staff = 0 AND accepted = 0 AND at <= ?2 "
        "ORDER BY at, post_id LIMIT 1");
    if (!st) return st.status();
    st->bind(1, case_id).bind(2, now);
    auto row = st->step();
    if (!row) return row.status();
    if (*row) community_answer = st->int64(0);
  }
  auto ev = community_answer ? act(case_id, "accept", c->assignee, {{"post_id", community_answer}})
                             : act(case_id, "resolve", c->assignee);
  if (!ev) return ev.status();
  if (run.plan.reopen && !run.reopened) schedule(case_id, Step::reopen, now + minutes(run.plan.reopen_after_min));
  else if (run.plan.csat && !run.rated) schedule(case_id, Step::csat, now + minutes(run.plan.csat_after_min));
  return Status::ok();
}

Status Replay::run(std::vector<StoredPost> posts, HistorySummary& summary) {
  std::sort(posts.begin(), posts.end(), [](const StoredPost& a, const StoredPost& b) {
    return std::tie(a.post.created_at_ms, a.id) < std::tie(b.post.created_at_ms, b.id);
  });
  if (posts.empty()) return Status::error("there are no posts to replay");
  calendars_.emplace("", engage::BusinessClock::always_open());
  for (const auto& cal : config_->engage.calendars) {
    auto bc = engage::BusinessClock::make(cal);
    if (!bc) return Status::error("calendar '" + cal.name + "': " + bc.message());
    calendars_.insert_or_assign(cal.name, std::move(*bc));
  }
  for (const auto& p : posts) {
    threads_[p.conversation_id].emplace_back(p.post.created_at_ms, p.post.author.handle);
    conversation_of_[&p.post] = p.conversation_id;
  }
  const std::int64_t first = posts.front().post.created_at_ms, last = posts.back().post.created_at_ms;
  until_ = options_.until_ms.value_or(last);
  const std::int64_t end = std::max(until_, last);
  clock_.set(first);
  if (auto s = engine_.set_config(config_); !s) return s;
  if (auto s = engine_.load(); !s) return s;

  std::size_t next_post = 0;
  for (;;) {
    const std::int64_t tp = next_post < posts.size() ? posts[next_post].post.created_at_ms : kNever;
    const std::int64_t ta = agenda_.empty() ? kNever : std::get<0>(*agenda_.begin());
    std::int64_t tt = engine_.timers().next_due().value_or(kNever);
    if (tt > end) tt = kNever;
    const std::int64_t t = std::min({tp, ta, tt});
    if (t == kNever) break;
    clock_.set(std::max(clock_.now_ms(), t));
    if (tt <= t) {
      // SLA warnings, breaches and shift starts first: they were due at this instant or before.
      auto fired = engine_.fire_due(engine_.timers().pop_due(clock_.now_ms()));
      if (!fired) return fired.status();
      if (auto s = handle(*fired); !s) return s;
    } else if (tp <= t) {
      const Post& post = posts[next_post++].post;
      text::Analysis analysis = analyzer_.analyze(post);
      std::vector<CaseEvent> events;
      routing_ = &post;
      routing_analysis_ = &analysis;
      // As the server's webhook ingest does: the post and the cases it opens or moves in one commit.
      auto stored = target_.upsert_posts_and(std::span<const Post>(&post, 1), std::span<const text::Analysis>(&analysis, 1),
                                             [&]() -> Status {
                                               auto routed = engine_.route_pending(true);
                                               if (!routed) return routed.status();
                                               events = std::move(*routed);
                                               return Status::ok();
                                             });
      if (!stored) return Status::error("storing post " + post.source + "/" + post.external_id + ": " + stored.message());
      auto s = handle(events);
      routing_ = nullptr;
      routing_analysis_ = nullptr;
      if (!s) return s;
    } else {
      auto item = *agenda_.begin();
      agenda_.erase(agenda_.begin());
      if (auto s = perform(std::get<2>(item), std::get<3>(item)); !s) return s;
    }
  }

  summary.posts = posts.size();
  summary.first_ms = first;
  summary.until_ms = until_;
  summary.articles = articles_;
  summary.article_uses = uses_;
  auto st = target_.connection().prepare(
      "SELECT COUNT(*), SUM(status IN ('open', 'waiting')), SUM(status = 'resolved'), SUM(sla_breaches <> 0), "
      "SUM(csat IS NOT NULL), SUM(reopens > 0), "
      "(SELECT COUNT(*) FROM case_responses WHERE accepted = 1), "
      "(SELECT COUNT(*) FROM case_events WHERE type = 'reply'), (SELECT COUNT(*) FROM case_events WHERE type = 'note') "
      "FROM cases");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  auto u = [&](int col) { return static_cast<std::uint64_t>(st->int64(col)); };
  summary.cases = u(0), summary.open = u(1), summary.resolved = u(2), summary.breached = u(3), summary.csat = u(4);
  summary.reopened = u(5), summary.accepted = u(6), summary.replies = u(7), summary.notes = u(8);
  return Status::ok();
}

Result<std::vector<StoredPost>> read_all_posts(sqlite::SqliteStore& staging) {
  std::vector<std::int64_t> conversations;
  {
    auto st = staging.connection().prepare("SELECT DISTINCT conversation_id FROM posts ORDER BY conversation_id");
    if (!st) return st.status();
    for (;;) {
      auto row = st->step();
      if (!row) return row.status();
      if (!*row) break;
      conversations.push_back(st->int64(0));
    }
  }
  std::vector<StoredPost> posts;
  for (auto id : conversations) {
    auto thread = staging.conversation(id);
    if (!thread) return thread.status();
    for (auto& p : *thread) posts.push_back(std::move(p));
  }
  return posts;
}

}  // namespace

Result<HistorySummary> replay_history(sqlite::SqliteStore& staging, sqlite::SqliteStore& target, const OrgConfig& config,
                                      const text::Analyzer& analyzer, const HistoryOptions& options) {
  {
    auto st = target.connection().prepare("SELECT (SELECT COUNT(*) FROM posts) + (SELECT COUNT(*) FROM cases)");
    if (!st) return st.status();
    auto row = st->step();
    if (!row) return row.status();
    if (st->int64(0) != 0) return Status::error("the target database already holds posts or cases; the history starts from an empty one");
  }
  auto posts = read_all_posts(staging);
  if (!posts) return posts.status();
  // A half-written history is thrown away and rebuilt, never resumed: it needs no fsync per commit, and
  // thousands of small commits are what the replay is made of.
  if (auto s = target.connection().exec("PRAGMA synchronous=OFF"); !s) return s;
  HistorySummary summary;
  Replay replay(target, config, analyzer, options);
  if (auto s = replay.run(std::move(*posts), summary); !s) return s;
  if (auto s = target.connection().exec("PRAGMA synchronous=FULL"); !s) return s;
  return summary;
}

}  // namespace parley::demo
