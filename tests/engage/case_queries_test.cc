#include "parley/engage/case_queries.h"

#include <gtest/gtest.h>

#include "engage_test_util.h"

namespace parley::engage {
namespace {

using testing::kHour;
using testing::kMin;
using testing::kT;
using testing::post_by;

text::Analysis analysis(double sentiment, text::Intent intent, int urgency, std::string product = "") {
  text::Analysis a;
  a.language = "en";
  a.sentiment.compound = sentiment;
  a.sentiment.label = sentiment < -0.05 ? text::SentimentClass::negative
                      : sentiment > 0.05 ? text::SentimentClass::positive
                                         : text::SentimentClass::neutral;
  a.intent.label = intent;
  a.intent.confidence = 0.75;
  a.urgency = urgency;
  if (!product.empty()) {
    a.entities.push_back({text::EntityKind::product, product, 0, 1});
    a.key_phrases.push_back("wifi connection");
  }
  return a;
}

std::vector<std::int64_t> ids(const CasePage& page) {
  std::vector<std::int64_t> out;
  for (const auto& i : page.items) out.push_back(i.c.id);
  return out;
}

// Four cases: 1 open (care, bob, high), 2 open and queued (billing/finance, urgent, first response
// breached), 3 resolved (care/marketing, ann, low), 4 waiting (care, bob, warned, from reddit in Spanish,
// with a long opening post).
class CaseQueriesTest : public testing::EngageDb {
 protected:
  void SetUp() override {
    EngageDb::SetUp();
    Post p1 = post_by("p1", "alice", "My router keeps dropping the wifi connection every hour", kT);
    p1.author.followers = 500;
    Post p1r = post_by("p1r", "bob", "Sorry about that! Please restart the router", kT + 30 * kMin, "p1",
                       AuthorKind::employee);
    Post p1c = post_by("p1c", "alice", "Still dropping after the restart", kT + 2 * kHour, "p1r");
    Post p1x = post_by("p1x", "frank", "Mine did that until I changed the channel", kT + 3 * kHour, "p1c",
                       AuthorKind::public_);
    put({p1, p1r, p1c, p1x},
        {analysis(-0.4, text::Intent::complaint, 60, "Router X1"), analysis(0.2, text::Intent::other, 0),
         analysis(-0.6, text::Intent::complaint, 70), analysis(0.1, text::Intent::other, 0)});
    put({post_by("p2", "carol", "Billing charged me twice this month", kT + 1 * kHour),
         post_by("p3", "dave", "Love the new app design", kT + 2 * kHour)});
    long_text.clear();
    for (int i = 0; i < 300; ++i) long_text += "ñ";  // 2 bytes each: truncation counts characters
    Post p4 = post_by("p4", "erin", long_text, kT + 3 * kHour);
    p4.source = "reddit";
    put({p4});

    c1 = add_case({.priority = "high", .assignee = "bob", .intent = "complaint", .author_id = author_id("alice"),
                   .first_post_id = post("p1").id, .opened_at = kT, .updated_at = kT + 3 * kHour,
                   .first_response_at = kT + 30 * kMin, .last_inbound_at = kT + 2 * kHour,
                   .last_response_at = kT + 30 * kMin, .last_sentiment = -0.6, .first_response_due = kT + kHour,
                   .next_response_due = kT + 3 * kHour, .resolution_due = kT + 24 * kHour});
    link(c1, post("p1").conversation_id);
    c2 = add_case({.team = "billing", .function = "finance", .priority = "urgent", .intent = "complaint",
                   .author_id = author_id("carol"), .first_post_id = post("p2").id, .opened_at = kT + kHour,
                   .updated_at = kT + 2 * kHour, .first_response_due = kT + 90 * kMin,
                   .resolution_due = kT + 48 * kHour, .sla_breaches = 1});
    link(c2, post("p2").conversation_id);
    c3 = add_case({.status = "resolved", .function = "marketing", .priority = "low", .assignee = "ann",
                   .intent = "praise", .author_id = author_id("dave"), .first_post_id = post("p3").id,
                   .opened_at = kT + 2 * kHour, .updated_at = kT + 5 * kHour, .resolved_at = kT + 5 * kHour,
                   .resolved_by = "staff", .last_sentiment = 0.7, .resolution_due = kT + 30 * kHour});
    link(c3, post("p3").conversation_id);
    c4 = add_case({.status = "waiting", .assignee = "bob", .source = "reddit", .language = "es",
                   .author_id = author_id("erin"), .first_post_id = post("p4", "reddit").id,
                   .opened_at = kT + 3 * kHour, .updated_at = kT + 4 * kHour, .waiting_since = kT + 4 * kHour,
                   .first_response_due = kT + 5 * kHour, .sla_warnings = 1});
    link(c4, post("p4", "reddit").conversation_id);
  }

  CasePage page(CaseFilter f) {
    auto r = queries.list(f);
    EXPECT_TRUE(r) << r.message();
    return r ? *r : CasePage{};
  }

  CaseQueries queries{db};
  std::string long_text;
  std::int64_t c1 = 0, c2 = 0, c3 = 0, c4 = 0;
};

TEST_F(CaseQueriesTest, ListsNewestFirstWithTheOpeningPostAndAuthor) {
  auto p = page({});
  EXPECT_EQ(p.total, 4u);
  EXPECT_EQ(ids(p), (std::vector<std::int64_t>{c4, c3, c2, c1}));
  EXPECT_TRUE(p.next_cursor.empty());
  const auto& first = p.items[3];
  EXPECT_EQ(first.c.team, "care");
  EXPECT_EQ(first.c.assignee, "bob");
  EXPECT_EQ(first.c.priority, Priority::high);
  EXPECT_EQ(first.c.status, CaseStatus::open);
  EXPECT_EQ(first.c.due[1], kT + 3 * kHour);
  EXPECT_EQ(first.first_text, "My router keeps dropping the wifi connection every hour");
  EXPECT_FALSE(first.first_text_truncated);
  EXPECT_EQ(first.author.handle, "alice");
  EXPECT_EQ(first.author.name, "alice name");
  EXPECT_EQ(first.author.kind, "customer");
  EXPECT_EQ(first.author.followers, 500);
  EXPECT_EQ(p.items[2].author.followers, -1);
  // 280 characters of two bytes each.
  EXPECT_TRUE(p.items[0].first_text_truncated);
  EXPECT_EQ(p.items[0].first_text, long_text.substr(0, 560));
}

TEST_F(CaseQueriesTest, FiltersByEachField) {
  EXPECT_EQ(ids(page({.statuses = {"open"}})), (std::vector<std::int64_t>{c2, c1}));
  EXPECT_EQ(ids(page({.statuses = {"resolved", "waiting"}})), (std::vector<std::int64_t>{c4, c3}));
  EXPECT_EQ(ids(page({.teams = {"billing"}})), (std::vector<std::int64_t>{c2}));
  EXPECT_EQ(ids(page({.assignee = "none"})), (std::vector<std::int64_t>{c2}));
  EXPECT_EQ(ids(page({.assignee = "bob"})), (std::vector<std::int64_t>{c4, c1}));
  EXPECT_EQ(ids(page({.intent = "praise"})), (std::vector<std::int64_t>{c3}));
  EXPECT_EQ(ids(page({.priority = "urgent"})), (std::vector<std::int64_t>{c2}));
  EXPECT_EQ(ids(page({.source = "reddit"})), (std::vector<std::int64_t>{c4}));
  EXPECT_EQ(ids(page({.language = "es"})), (std::vector<std::int64_t>{c4}));
  // Sentiment of the customer's latest post; a case without one counts as neutral.
  EXPECT_EQ(ids(page({.sentiment = "negative"})), (std::vector<std::int64_t>{c1}));
  EXPECT_EQ(ids(page({.sentiment = "positive"})), (std::vector<std::int64_t>{c3}));
  EXPECT_EQ(ids(page({.sentiment = "neutral"})), (std::vector<std::int64_t>{c4, c2}));
  EXPECT_EQ(ids(page({.sla = "breached"})), (std::vector<std::int64_t>{c2}));
  EXPECT_EQ(ids(page({.sla = "warning"})), (std::vector<std::int64_t>{c4}));
  EXPECT_EQ(ids(page({.sla = "ok"})), (std::vector<std::int64_t>{c3, c1}));
  EXPECT_EQ(ids(page({.opened_since = kT + kHour, .opened_until = kT + 3 * kHour})),
            (std::vector<std::int64_t>{c3, c2}));
  auto combined = page({.statuses = {"open", "waiting"}, .teams = {"care"}, .assignee = "bob"});
  EXPECT_EQ(combined.total, 2u);
}

TEST_F(CaseQueriesTest, ScopingHidesOtherFunctions) {
  auto p = page({.functions = {"care"}});
  EXPECT_EQ(p.total, 2u);
  EXPECT_EQ(ids(p), (std::vector<std::int64_t>{c4, c1}));
  EXPECT_EQ(ids(page({.functions = {"finance", "marketing"}})), (std::vector<std::int64_t>{c3, c2}));
  // Scoping holds whatever else is asked for.
  EXPECT_EQ(page({.teams = {"billing"}, .functions = {"care"}}).total, 0u);
}

TEST_F(CaseQueriesTest, TextSearchesEveryPostOfTheCase) {
  EXPECT_EQ(ids(page({.text = "dropping"})), (std::vector<std::int64_t>{c1}));  // two posts, one case
  EXPECT_EQ(ids(page({.text = "restart"})), (std::vector<std::int64_t>{c1}));   // the staff answer
  EXPECT_EQ(ids(page({.text = "channel"})), (std::vector<std::int64_t>{c1}));   // a community reply
  EXPECT_EQ(ids(page({.text = "billing twice"})), (std::vector<std::int64_t>{c2}));
  EXPECT_EQ(page({.text = "router billing"}).total, 0u);  // words are ANDed within one post
  EXPECT_EQ(page({.text = "nowhere"}).total, 0u);
  EXPECT_EQ(page({.functions = {"finance"}, .text = "dropping"}).total, 0u);
  EXPECT_FALSE(queries.list({.text = "?!"}));
}

TEST_F(CaseQueriesTest, Sorts) {
  EXPECT_EQ(ids(page({.sort = CaseSort::priority})), (std::vector<std::int64_t>{c2, c1, c4, c3}));
  EXPECT_EQ(ids(page({.sort = CaseSort::updated})), (std::vector<std::int64_t>{c3, c4, c1, c2}));
  // Running deadlines: case 2 first response (kT+90min); case 1 next response (a customer post after the
  // answer), earlier than its resolution; 3 is resolved and 4 waits on the customer: nothing runs.
  auto due = page({.sort = CaseSort::sla_due});
  EXPECT_EQ(ids(due), (std::vector<std::int64_t>{c2, c1, c3, c4}));
  EXPECT_EQ(due.items[0].sla_due, kT + 90 * kMin);
  EXPECT_EQ(due.items[1].sla_due, kT + 3 * kHour);
  EXPECT_FALSE(due.items[2].sla_due);
  EXPECT_FALSE(due.items[3].sla_due);
}

TEST_F(CaseQueriesTest, PagesByCursorAndByOffset) {
  for (auto sort : {CaseSort::opened, CaseSort::priority, CaseSort::updated, CaseSort::sla_due}) {
    SCOPED_TRACE(std::string(to_string(sort)));
    auto all = ids(page({.sort = sort}));
    std::vector<std::int64_t> paged;
    std::string cursor;
    int pages = 0;
    do {
      auto p = page({.sort = sort, .limit = 3, .cursor = cursor});
      EXPECT_EQ(p.total, 4u);
      for (auto id : ids(p)) paged.push_back(id);
      cursor = p.next_cursor;
      ++pages;
    } while (!cursor.empty() && pages < 5);
    EXPECT_EQ(pages, 2);
    EXPECT_EQ(paged, all);
  }
  auto second = page({.limit = 2, .offset = 2});
  EXPECT_EQ(second.total, 4u);
  EXPECT_EQ(ids(second), (std::vector<std::int64_t>{c2, c1}));
  EXPECT_TRUE(page({.limit = 4}).next_cursor.empty());
  EXPECT_EQ(page({.limit = 100000}).items.size(), 4u);  // clamped to 200, not an error
}

TEST_F(CaseQueriesTest, RejectsBadFilters) {
  EXPECT_FALSE(queries.list({.statuses = {"closed"}}));
  EXPECT_FALSE(queries.list({.priority = "asap"}));
  EXPECT_FALSE(queries.list({.sla = "late"}));
  EXPECT_FALSE(queries.list({.sentiment = "angry"}));
  EXPECT_FALSE(queries.list({.limit = 0}));
  EXPECT_FALSE(queries.list({.sort = CaseSort::priority, .cursor = "opened:1:2"}));
  EXPECT_FALSE(queries.list({.cursor = "opened:x:2"}));
  auto first = page({.limit = 1});
  EXPECT_FALSE(queries.list({.limit = 1, .offset = 1, .cursor = first.next_cursor}));
}

TEST_F(CaseQueriesTest, DetailHasPostsAnswersAndHistory) {
  response(post("p1r").id, c1, kT + 30 * kMin, "bob", true);
  response(post("p1x").id, c1, kT + 3 * kHour, "frank", false, true);
  event(c1, kT, "router", "opened", R"({"post_id": 1, "team": "care"})");
  event(c1, kT + 1, "assigner", "assigned", R"({"to": "bob"})");
  event(c1, kT + 30 * kMin, "bob", "first_response", "not json");
  auto d = queries.detail(c1);
  ASSERT_TRUE(d) << d.message();
  EXPECT_EQ(d->c.id, c1);
  ASSERT_EQ(d->posts.size(), 4u);
  EXPECT_EQ(d->posts[0].external_id, "p1");
  EXPECT_EQ(d->posts[1].external_id, "p1r");
  EXPECT_EQ(d->posts[2].external_id, "p1c");
  EXPECT_EQ(d->posts[3].external_id, "p1x");
  EXPECT_TRUE(d->posts[0].from_customer);
  EXPECT_FALSE(d->posts[0].is_response);
  ASSERT_TRUE(d->posts[0].analysis);
  EXPECT_DOUBLE_EQ(d->posts[0].analysis->sentiment, -0.4);
  EXPECT_EQ(d->posts[0].analysis->sentiment_label, "negative");
  EXPECT_EQ(d->posts[0].analysis->intent, "complaint");
  EXPECT_EQ(d->posts[0].analysis->urgency, 60);
  EXPECT_EQ(d->posts[0].analysis->entities, nlohmann::json::parse(R"([{"kind":"product","name":"Router X1"}])"));
  EXPECT_EQ(d->posts[0].analysis->key_phrases, nlohmann::json::parse(R"(["wifi connection"])"));
  EXPECT_EQ(d->posts[1].analysis->key_phrases, nlohmann::json::array());
  EXPECT_EQ(d->posts[0].author.followers, 500);
  EXPECT_TRUE(d->posts[1].is_response);
  EXPECT_TRUE(d->posts[1].by_staff);
  EXPECT_FALSE(d->posts[1].accepted);
  EXPECT_EQ(d->posts[1].author.kind, "employee");
  EXPECT_FALSE(d->posts[1].from_customer);
  EXPECT_TRUE(d->posts[2].from_customer);
  EXPECT_TRUE(d->posts[3].is_response);
  EXPECT_FALSE(d->posts[3].by_staff);
  EXPECT_TRUE(d->posts[3].accepted);
  EXPECT_EQ(d->posts[3].responder, "frank");
  ASSERT_EQ(d->events.size(), 3u);
  EXPECT_EQ(d->events[0].type, "opened");
  EXPECT_EQ(d->events[0].data["team"], "care");
  EXPECT_EQ(d->events[0].function, "care");
  EXPECT_EQ(d->events[1].actor, "assigner");
  EXPECT_EQ(d->events[2].data, nlohmann::json::object());  // malformed data reads as empty

  auto j = to_json(*d);
  EXPECT_EQ(j["case"]["id"], c1);
  EXPECT_EQ(j["posts"][1]["response"]["by_staff"], true);
  EXPECT_TRUE(j["posts"][0]["response"].is_null());
  EXPECT_EQ(j["posts"][0]["analysis"]["intent"], "complaint");
  EXPECT_EQ(j["events"].size(), 3u);

  EXPECT_FALSE(queries.detail(9999));
}

TEST_F(CaseQueriesTest, MergedCaseStillShowsItsOpeningThread) {
  put({post_by("p5", "alice", "Also my router restarts at night", kT + 5 * kHour)});
  const std::int64_t c5 = add_case({.status = "merged", .author_id = author_id("alice"),
                                    .first_post_id = post("p5").id, .opened_at = kT + 5 * kHour,
                                    .merged_into = c1});
  link(c1, post("p5").conversation_id);  // the merge handed the conversation to case 1
  auto d = queries.detail(c5);
  ASSERT_TRUE(d) << d.message();
  ASSERT_EQ(d->posts.size(), 1u);
  EXPECT_EQ(d->posts[0].external_id, "p5");
  EXPECT_EQ(d->c.merged_into, c1);
  auto into = queries.detail(c1);
  ASSERT_TRUE(into);
  EXPECT_EQ(into->posts.size(), 5u);
}

TEST_F(CaseQueriesTest, QueueCountsPerTeamWithinScope) {
  add_case({.team = "billing", .function = "finance", .assignee = "cid", .first_post_id = post("p2").id});
  auto all = queries.queue_counts({});
  ASSERT_TRUE(all) << all.message();
  ASSERT_EQ(all->size(), 2u);
  const auto& billing = (*all)[0];
  EXPECT_EQ(billing.team, "billing");
  EXPECT_EQ(billing.open, 2);
  EXPECT_EQ(billing.waiting, 0);
  EXPECT_EQ(billing.queued, 1);
  EXPECT_EQ(billing.breached, 1);
  ASSERT_EQ(billing.assignees.size(), 1u);
  EXPECT_EQ(billing.assignees[0].assignee, "cid");
  EXPECT_EQ(billing.assignees[0].active, 1);
  const auto& care = (*all)[1];  // the resolved case 3 does not count
  EXPECT_EQ(care.team, "care");
  EXPECT_EQ(care.open, 1);
  EXPECT_EQ(care.waiting, 1);
  EXPECT_EQ(care.queued, 0);
  EXPECT_EQ(care.breached, 0);
  ASSERT_EQ(care.assignees.size(), 1u);
  EXPECT_EQ(care.assignees[0].assignee, "bob");
  EXPECT_EQ(care.assignees[0].active, 2);

  auto scoped = queries.queue_counts({"care"});
  ASSERT_TRUE(scoped);
  ASSERT_EQ(scoped->size(), 1u);
  EXPECT_EQ((*scoped)[0].team, "care");
  auto none = queries.queue_counts({"marketing"});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());

  auto j = to_json(*all);
  EXPECT_EQ(j[1]["assignees"][0]["active"], 2);
}

TEST_F(CaseQueriesTest, PageJson) {
  auto p = page({.limit = 1});
  auto j = to_json(p);
  EXPECT_EQ(j["total"], 4);
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["case"]["id"], c4);
  EXPECT_EQ(j["items"][0]["case"]["status"], "waiting");
  EXPECT_EQ(j["items"][0]["author"]["handle"], "erin");
  EXPECT_TRUE(j["items"][0]["author"]["followers"].is_null());
  EXPECT_TRUE(j["items"][0]["sla_due"].is_null());
  EXPECT_EQ(j["next_cursor"], p.next_cursor);
  EXPECT_TRUE(to_json(page({}))["next_cursor"].is_null());
}

}  // namespace
}  // namespace parley::engage
