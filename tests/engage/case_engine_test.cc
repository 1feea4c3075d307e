#include "parley/engage/case_engine.h"

#include <gtest/gtest.h>

#include "fake_clock.h"
#include "parley/store/sqlite/sqlite_store.h"
#include "../test_util.h"

namespace parley::engage {
namespace {

using parley::testing::FakeClock;
using parley::testing::TempDir;
constexpr std::int64_t kHour = 3600 * 1000;
constexpr std::int64_t kT0 = 1767261600000;  // 2026-01-01T10:00:00Z, a Thursday

std::shared_ptr<OrgConfig> demo_config() {
  auto cfg = std::make_shared<OrgConfig>();
  auto& e = cfg->engage;
  e.functions = {{"care", "Customer care"}, {"hr", "People"}, {"marketing", "Marketing"}};
  e.teams = {{"care", "Care", "care", AssignStrategy::skills, ""},
             {"people", "People", "hr", AssignStrategy::skills, ""},
             {"social", "Social", "marketing", AssignStrategy::least_loaded, ""}};
  EmployeeDef ana{"ana", "Ana", Role::agent, {"care"}, {{"billing", 4}, {"crisis", 3}}, {"en", "es"}, 2, ""};
  EmployeeDef bo{"bo", "Bo", Role::agent, {"care"}, {{"billing", 2}}, {"en"}, 1, ""};
  EmployeeDef hr{"hana", "Hana", Role::lead, {"people"}, {{"hr-policy", 5}}, {"en"}, 5, ""};
  EmployeeDef sam{"sam", "Sam", Role::agent, {"social"}, {{"community", 3}}, {"en"}, 5, ""};
  e.employees = {ana, bo, hr, sam};
  SlaPolicy standard;
  standard.name = "standard";
  standard.first_response_s = 3600;
  standard.next_response_s = 2 * 3600;
  standard.resolution_s = 24 * 3600;
  standard.warn_fraction = 0.5;
  e.sla_policies = {standard};
  RoutingRule spam{.name = "spam", .spam = true, .ignore = true};
  RoutingRule internal{.name = "internal", .audience = Audience::internal, .team = "people"};
  RoutingRule praise{.name = "praise", .intents = {text::Intent::praise}, .team = "social", .priority = Priority::low};
  RoutingRule care{.name = "care",
                   .intents = {text::Intent::complaint, text::Intent::question},
                   .team = "care",
                   .required_skills = {{"billing", 2}},
                   .sla = "standard"};
  e.rules = {spam, internal, praise, care};
  return cfg;
}

text::Analysis of(text::Intent i, double sentiment = 0) {
  text::Analysis a;
  a.intent.label = i;
  a.sentiment.compound = sentiment;
  a.language = "en";
  return a;
}

class CaseEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock.set(kT0);
    open();
  }
  void open() {
    engine.reset();
    store.reset();
    auto s = sqlite::SqliteStore::open(dir.file("p.db"));
    ASSERT_TRUE(s) << s.message();
    store = std::move(*s);
    engine = std::make_unique<CaseEngine>(store->connection(), *store, clock, nullptr);
    ASSERT_TRUE(engine->set_config(config));
    auto l = engine->load();
    ASSERT_TRUE(l) << l.message();
  }
  // Stores one post (with the given analysis) and routes it; returns the events.
  std::vector<CaseEvent> add(Post p, text::Analysis a) {
    Post batch[1] = {std::move(p)};
    text::Analysis an[1] = {std::move(a)};
    auto r = store->upsert_posts(batch, an);
    EXPECT_TRUE(r) << r.message();
    auto ev = engine->route_pending();
    EXPECT_TRUE(ev) << ev.message();
    return ev ? *ev : std::vector<CaseEvent>{};
  }
  Post customer(std::string id, std::string text, std::string handle = "cust", std::string reply_to = "",
                std::int64_t at = kT0) {
    Post p = parley::testing::make_post(std::move(id), std::move(text), std::move(reply_to), "x", at);
    p.author.handle = std::move(handle);
    return p;
  }
  std::vector<CaseEvent> act(std::int64_t id, std::string type, nlohmann::json args = nlohmann::json::object(),
                             std::string actor = "ana") {
    auto r = engine->act(id, Action{std::move(type), std::move(actor), std::move(args)});
    EXPECT_TRUE(r) << r.message();
    return r ? *r : std::vector<CaseEvent>{};
  }
  static bool has(const std::vector<CaseEvent>& ev, const std::string& type) {
    for (const auto& e : ev)
      if (e.type == type) return true;
    return false;
  }
  std::vector<CaseEvent> fire() {
    auto keys = engine->timers().pop_due(clock.now_ms());
    auto r = engine->fire_due(keys);
    EXPECT_TRUE(r) << r.message();
    return r ? *r : std::vector<CaseEvent>{};
  }

  TempDir dir;
  FakeClock clock;
  std::shared_ptr<OrgConfig> config = demo_config();
  std::unique_ptr<sqlite::SqliteStore> store;
  std::unique_ptr<CaseEngine> engine;
};

TEST_F(CaseEngineTest, ComplaintOpensACaseAssignedBySkillWithDeadlines) {
  auto ev = add(customer("1", "my bill is wrong"), of(text::Intent::complaint, -0.5));
  ASSERT_TRUE(has(ev, "opened"));
  ASSERT_TRUE(has(ev, "assigned"));
  auto c = engine->get(ev.front().case_id);
  ASSERT_TRUE(c) << c.message();
  EXPECT_EQ(c->team, "care");
  EXPECT_EQ(c->function, "care");
  EXPECT_EQ(c->assignee, "ana");  // billing 4 beats billing 2
  EXPECT_FALSE(c->assign_reason.empty());
  EXPECT_EQ(c->sla_policy, "standard");
  EXPECT_EQ(*c->due[0], kT0 + kHour);
  EXPECT_EQ(*c->warn[0], kT0 + kHour / 2);
  EXPECT_EQ(*c->due[2], kT0 + 24 * kHour);
  EXPECT_EQ(engine->open_cases("ana"), 1);
  EXPECT_EQ(c->kind, CaseKind::case_);
}

// A new case is stored in one INSERT with every field, then only its assignment is written: the row must
// hold what the engine holds, and the live stream's event JSON must be what to_json() would dump.
TEST_F(CaseEngineTest, OpenedCaseRowAndEventJsonMatchTheEngine) {
  auto ev = add(customer("1", "my bill is wrong \xC3\xA9 \"quoted\"", "cust\\x"), of(text::Intent::complaint, -0.5));
  ASSERT_TRUE(has(ev, "opened"));
  const std::int64_t id = ev.front().case_id;
  auto c = engine->get(id);
  ASSERT_TRUE(c) << c.message();
  auto st = store->connection().prepare(
      "SELECT status, team, function, priority, assignee, assign_reason, rule, sla_policy, tags, required_skills, "
      "source, audience, intent, language, urgency, first_post_id, opened_at, updated_at, last_inbound_at, "
      "last_inbound_post, first_response_due, resolution_due, first_response_warn, resolution_warn, "
      "first_sentiment, last_sentiment FROM cases WHERE id = ?1");
  ASSERT_TRUE(st) << st.message();
  st->bind(1, id);
  auto row = st->step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(st->text(0), "open");
  EXPECT_EQ(st->text(1), "care");
  EXPECT_EQ(st->text(2), "care");
  EXPECT_EQ(st->text(3), to_string(c->priority));
  EXPECT_EQ(st->text(4), "ana");
  EXPECT_EQ(st->text(5), c->assign_reason);
  EXPECT_FALSE(c->assign_reason.empty());
  EXPECT_EQ(st->text(6), c->rule);
  EXPECT_EQ(st->text(7), "standard");
  EXPECT_EQ(st->text(8), nlohmann::json(c->tags).dump());
  EXPECT_EQ(st->text(9), nlohmann::json(c->required_skills).dump());
  EXPECT_EQ(st->text(10), "x");
  EXPECT_EQ(st->text(12), "complaint");
  EXPECT_EQ(st->int64(15), c->first_post_id);
  EXPECT_EQ(st->int64(16), kT0);
  EXPECT_EQ(st->int64(17), kT0);
  EXPECT_EQ(st->int64(18), kT0);
  EXPECT_EQ(st->int64(19), c->first_post_id);
  EXPECT_EQ(st->int64(20), kT0 + kHour);
  EXPECT_EQ(st->int64(21), kT0 + 24 * kHour);
  EXPECT_EQ(st->int64(22), kT0 + kHour / 2);
  EXPECT_FALSE(st->is_null(23));
  EXPECT_DOUBLE_EQ(st->real(24), -0.5);
  EXPECT_DOUBLE_EQ(st->real(25), -0.5);
  for (const auto& e : ev) {
    EXPECT_FALSE(e.data_json.empty());
    EXPECT_EQ(event_json(e), to_json(e).dump()) << e.type;
    CaseEvent bare = e;  // events read back from case_events carry no data_json
    bare.data_json.clear();
    EXPECT_EQ(event_json(bare), to_json(e).dump()) << e.type;
  }
  CaseEvent odd;
  odd.actor = "a\"b\\c\n\x01 \xE2\x82\xAC";
  odd.type = "note";
  odd.function = "";
  odd.data = {{"text", "x\ty"}, {"n", 1.5}, {"list", {1, 2}}};
  EXPECT_EQ(event_json(odd), to_json(odd).dump());
}

TEST_F(CaseEngineTest, SpamAndUnroutedAndOwnPostsOpenNothing) {
  auto spam = of(text::Intent::other);
  spam.intent.spam = true;
  EXPECT_TRUE(add(customer("1", "cheap followers"), spam).empty());
  EXPECT_TRUE(add(customer("2", "lovely day"), of(text::Intent::other)).empty());
  Post own = customer("3", "we have a new plan", "ana");
  EXPECT_TRUE(add(own, of(text::Intent::question)).empty());
  EXPECT_EQ(engine->routed_through(), 3);
}

TEST_F(CaseEngineTest, PraiseOpensALowPriorityAcknowledgeCase) {
  auto ev = add(customer("1", "you folks are great"), of(text::Intent::praise, 0.8));
  auto c = engine->get(ev.front().case_id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kind, CaseKind::acknowledge);
  EXPECT_EQ(c->priority, Priority::low);
  EXPECT_EQ(c->assignee, "sam");
}

TEST_F(CaseEngineTest, ResponsesStopClocksAndCustomerPostsStartTheNextOne) {
  auto ev = add(customer("1", "my bill is wrong"), of(text::Intent::complaint, -0.6));
  std::int64_t id = ev.front().case_id;
  clock.set(kT0 + 20 * 60 * 1000);
  ev = act(id, "reply", {{"text", "Sorry! Looking into it now."}});
  EXPECT_TRUE(has(ev, "first_response"));
  EXPECT_TRUE(has(ev, "reply"));
  auto c = engine->get(id);
  EXPECT_EQ(*c->first_response_at, kT0 + 20 * 60 * 1000);
  EXPECT_EQ(c->sla_breaches, 0);

  // The customer answers 3 h later: the next-response clock starts from that post.
  std::int64_t later = kT0 + 3 * kHour;
  clock.set(later);
  ev = add(customer("2", "still wrong, thanks", "cust", "1", later), of(text::Intent::complaint, 0.2));
  EXPECT_TRUE(has(ev, "customer_post"));
  c = engine->get(id);
  EXPECT_EQ(*c->due[1], later + 2 * kHour);
  EXPECT_DOUBLE_EQ(*c->last_sentiment, 0.2);
  EXPECT_DOUBLE_EQ(*c->first_sentiment, -0.6);

  // A community member chimes in: recorded, but the clock keeps running.
  ev = add(customer("3", "same for me", "neighbour", "2", later + 1000), of(text::Intent::complaint));
  EXPECT_TRUE(has(ev, "community_reply"));
  clock.set(later + 2 * kHour + 1);
  ev = fire();
  ASSERT_TRUE(has(ev, "sla_breached")) << "next response is overdue";
  c = engine->get(id);
  EXPECT_EQ(c->sla_breaches, 1 << 1);
}

TEST_F(CaseEngineTest, WarningThenBreachFireOnTimeAndOnlyOnce) {
  auto ev = add(customer("1", "where is my refund?"), of(text::Intent::question));
  std::int64_t id = ev.front().case_id;
  clock.set(kT0 + kHour / 2 - 1);
  EXPECT_TRUE(fire().empty());
  clock.set(kT0 + kHour / 2);
  ev = fire();
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, "sla_warning");
  EXPECT_EQ(ev[0].data["clock"], "first_response");
  clock.set(kT0 + kHour);
  ev = fire();
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].type, "sla_breached");
  clock.set(kT0 + 2 * kHour);
  EXPECT_TRUE(fire().empty());
  // Restarting does not fire the same breach again.
  open();
  EXPECT_TRUE(fire().empty());
  EXPECT_EQ(engine->get(id)->sla_breaches, 1);
}

TEST_F(CaseEngineTest, WaitingOnTheCustomerPausesTheClocks) {
  auto ev = add(customer("1", "my bill is wrong"), of(text::Intent::complaint));
  std::int64_t id = ev.front().case_id;
  clock.set(kT0 + 10 * 60 * 1000);
  act(id, "wait");
  clock.set(kT0 + 5 * kHour);
  EXPECT_TRUE(fire().empty()) << "nothing fires while waiting";
  std::int64_t back = kT0 + 5 * kHour;
  ev = add(customer("2", "here is my account number", "cust", "1", back), of(text::Intent::other));
  EXPECT_TRUE(has(ev, "resumed"));
  auto c = engine->get(id);
  EXPECT_EQ(c->status, CaseStatus::open);
  // 50 minutes of the hour were left when it paused.
  EXPECT_EQ(*c->due[0], back + 50 * 60 * 1000);
}

TEST_F(CaseEngineTest, CapacityQueuesAndResolvingAssignsTheQueuedCaseAtOnce) {
  // ana takes 2, bo takes 1: the fourth complaint waits.
  std::vector<std::int64_t> ids;
  for (int i = 1; i <= 4; ++i) {
    auto ev = add(customer(std::to_string(i), "bill wrong", "c" + std::to_string(i)), of(text::Intent::complaint));
    ids.push_back(ev.front().case_id);
  }
  auto queued = engine->get(ids[3]);
  EXPECT_TRUE(queued->assignee.empty());
  EXPECT_EQ(engine->open_cases("ana") + engine->open_cases("bo"), 3);
  std::string owner = engine->get(ids[0])->assignee;
  auto ev = act(ids[0], "resolve", nlohmann::json::object(), owner);
  EXPECT_TRUE(has(ev, "resolved"));
  EXPECT_TRUE(has(ev, "assigned")) << "the queued case is assigned when capacity frees";
  EXPECT_EQ(engine->get(ids[3])->assignee, owner);
  // Restart: the counts come back from the database.
  open();
  EXPECT_EQ(engine->open_cases("ana") + engine->open_cases("bo"), 3);
}

TEST_F(CaseEngineTest, ACaseStillWaitingAfterADrainGetsNoNewQueuedEvent) {
  // Capacity 3 in all: complaints 4 and 5 wait. Each resolve drains the queue; the one still waiting
  // must not collect a "queued" row in its history per drain.
  std::vector<std::int64_t> ids;
  for (int i = 1; i <= 5; ++i) {
    auto ev = add(customer(std::to_string(i), "bill wrong", "c" + std::to_string(i)), of(text::Intent::complaint));
    ids.push_back(ev.front().case_id);
  }
  for (int i = 0; i < 2; ++i) {
    clock.advance(60000);
    act(ids[static_cast<std::size_t>(i)], "resolve", nlohmann::json::object(), engine->get(ids[static_cast<std::size_t>(i)])->assignee);
  }
  auto st = store->connection().prepare("SELECT COUNT(*) FROM case_events WHERE case_id = ?1 AND type = 'queued'");
  ASSERT_TRUE(st);
  for (std::size_t i : {3u, 4u}) {
    st->reset();
    st->bind(1, ids[i]);
    auto row = st->step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(st->int64(0), 1) << "case " << ids[i];
  }
  EXPECT_FALSE(engine->get(ids[3])->assignee.empty());
  EXPECT_FALSE(engine->get(ids[4])->assignee.empty());
}

TEST_F(CaseEngineTest, CustomerPostAfterResolutionReopens) {
  auto ev = add(customer("1", "bill wrong"), of(text::Intent::complaint));
  std::int64_t id = ev.front().case_id;
  act(id, "resolve");
  EXPECT_EQ(engine->open_cases("ana"), 0);
  ev = add(customer("2", "it happened again", "cust", "1", kT0 + kHour), of(text::Intent::complaint));
  EXPECT_TRUE(has(ev, "reopened"));
  auto c = engine->get(id);
  EXPECT_EQ(c->status, CaseStatus::open);
  EXPECT_EQ(c->reopens, 1);
  EXPECT_EQ(engine->open_cases("ana"), 1);
}

TEST_F(CaseEngineTest, InternalQuestionFindsAnExpertAndCreditsACommunityAnswer) {
  Post q = customer("1", "what is the parental leave policy?", "bo");
  q.audience = Audience::internal;
  q.author.kind = AuthorKind::employee;
  auto ev = add(q, of(text::Intent::question));
  ASSERT_TRUE(has(ev, "opened"));
  std::int64_t id = ev.front().case_id;
  auto c = engine->get(id);
  EXPECT_EQ(c->kind, CaseKind::internal_question);
  EXPECT_EQ(c->assignee, "hana");
  // sam (not in the people team) answers: that is a community answer internally.
  Post answer = customer("2", "16 weeks, see the handbook", "sam", "1", kT0 + 1000);
  answer.audience = Audience::internal;
  answer.author.kind = AuthorKind::employee;
  ev = add(answer, of(text::Intent::other));
  EXPECT_TRUE(has(ev, "community_reply"));
  auto stored = store->find_post("x", "2");
  ASSERT_TRUE(stored);
  ev = act(id, "accept", {{"post_id", stored->id}}, "hana");
  EXPECT_TRUE(has(ev, "answer_accepted"));
  c = engine->get(id);
  EXPECT_EQ(c->status, CaseStatus::resolved);
  EXPECT_EQ(c->resolved_by, "community");
}

TEST_F(CaseEngineTest, HandoffMergeTagPriorityCsatAndErrors) {
  auto a = add(customer("1", "bill wrong"), of(text::Intent::complaint)).front().case_id;
  auto b = add(customer("2", "also my bill", "cust2"), of(text::Intent::complaint)).front().case_id;
  auto ev = act(a, "handoff", {{"team", "social"}, {"reason", "wants a goodwill gesture"}});
  EXPECT_TRUE(has(ev, "handoff"));
  auto c = engine->get(a);
  EXPECT_EQ(c->team, "social");
  EXPECT_EQ(c->function, "marketing");
  EXPECT_EQ(c->assignee, "sam");
  act(a, "tag", {{"add", {"vip", "billing"}}});
  act(a, "priority", {{"value", "high"}});
  act(a, "csat", {{"score", 5}});
  c = engine->get(a);
  EXPECT_EQ(c->tags, (std::vector<std::string>{"vip", "billing"}));
  EXPECT_EQ(c->priority, Priority::high);
  EXPECT_EQ(*c->csat, 5);
  ev = act(b, "merge", {{"into", a}});
  EXPECT_TRUE(has(ev, "merged"));
  EXPECT_TRUE(has(ev, "merged_from"));
  EXPECT_EQ(engine->get(b)->status, CaseStatus::merged);
  // A later post in b's conversation lands on a.
  ev = add(customer("3", "any news?", "cust2", "2", kT0 + 5000), of(text::Intent::question));
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev.front().case_id, a);

  for (auto [type, args] : std::vector<std::pair<std::string, nlohmann::json>>{
           {"csat", {{"score", 9}}},
           {"handoff", {{"team", "nope"}, {"reason", "x"}}},
           {"handoff", {{"team", "care"}}},
           {"priority", {{"value", "asap"}}},
           {"fly", nlohmann::json::object()},
           {"merge", {{"into", a}}},
           {"reply", {{"text", ""}}}}) {
    auto r = engine->act(a, Action{type, "ana", args});
    EXPECT_FALSE(r) << type << " " << args.dump();
    EXPECT_FALSE(r.message().empty());
  }
}

TEST_F(CaseEngineTest, AReplyBeforeItsParentKeepsOneCaseWhenTheParentArrives) {
  // The customer's follow-up arrives first (out of order) and opens the case ...
  auto ev = add(customer("2", "still no refund??", "cust", "1", kT0 + 1000), of(text::Intent::complaint));
  ASSERT_TRUE(has(ev, "opened"));
  std::int64_t id = ev.front().case_id;
  // ... then the original post: it joins that case instead of opening a second one.
  ev = add(customer("1", "where is my refund?", "cust", "", kT0), of(text::Intent::question));
  EXPECT_FALSE(has(ev, "opened"));
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev.front().case_id, id);
  // And later replies in the thread land there too.
  ev = add(customer("3", "hello?", "cust", "1", kT0 + 2000), of(text::Intent::complaint));
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev.front().case_id, id);
}

TEST_F(CaseEngineTest, ReplyGoesToTheOutboxWhenTheSourceHasOne) {
  auto cfg = demo_config();
  cfg->engage.outboxes = {{"x", "http://127.0.0.1:9/hook"}};
  config = cfg;
  open();
  auto id = add(customer("1", "bill wrong"), of(text::Intent::complaint)).front().case_id;
  act(id, "reply", {{"text", "We are on it"}});
  auto st = store->connection().prepare("SELECT url, payload, status FROM outbox WHERE case_id = ?1");
  ASSERT_TRUE(st);
  st->bind(1, id);
  auto row = st->step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(st->text(0), "http://127.0.0.1:9/hook");
  auto payload = nlohmann::json::parse(st->text(1));
  EXPECT_EQ(payload["text"], "We are on it");
  EXPECT_EQ(payload["in_reply_to"], "1");
  EXPECT_EQ(st->text(2), "pending");
}

}  // namespace
}  // namespace parley::engage
