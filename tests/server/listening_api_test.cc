// The listening endpoints end to end: the real server on a free port over a fresh database, posts sent
// through the webhook (analysed and routed as in production), read back through HTTP as each role.
#include <httplib.h>

#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "../test_util.h"
#include "live_server.h"
#include "parley/auth/user_store.h"
#include "parley/server/http_server.h"

namespace parley::server {
namespace {

using nlohmann::json;

// x posts open care cases, reddit posts HR cases (so scoping can be seen), mastodon posts open none.
constexpr const char* kConfig = R"toml(
[organisation]
name = "Test Org"

[[products]]
name = "Fiber"

[[products]]
name = "Phone"

[[competitors]]
name = "Rival"

[[functions]]
id = "care"
[[functions]]
id = "hr"

[[teams]]
id = "care"
function = "care"
[[teams]]
id = "people"
function = "hr"

[[employees]]
handle = "ana"
role = "agent"
teams = ["care"]
languages = ["en"]
capacity = 50

[[employees]]
handle = "hana"
role = "lead"
teams = ["people"]
languages = ["en"]
capacity = 50

[[sla_policies]]
name = "standard"
first_response = "1h"
next_response = "2h"
resolution = "1d"

[routing]
default_sla = "standard"

[[rules]]
name = "x to care"
when = { channel = ["x"] }
team = "care"

[[rules]]
name = "reddit to HR"
when = { channel = ["reddit"] }
team = "people"
)toml";

constexpr std::int64_t kNov1 = 1'793'491'200'000;  // 2026-11-01T00:00:00Z
constexpr std::int64_t kDay = 86'400'000;

class ListeningApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(live.start(
        kConfig, {{"admin", Role::admin}, {"ana", Role::agent}, {"hana", Role::lead}, {"nia", Role::analyst}}));
  }

  json get(const std::string& path, const std::string& user, int expect = 200) { return live.get(path, user, expect); }
  void send(const json& posts) {
    auto r = live.post("/api/v1/posts", json{{"posts", posts}}.dump(), admin);
    ASSERT_EQ(r["accepted"].get<std::size_t>(), posts.size()) << r.dump();
  }
  static json post_of(const std::string& source, const std::string& id, const std::string& text, std::int64_t at) {
    return {{"source", source}, {"id", id}, {"author", {{"handle", "cust_" + id}}}, {"text", text}, {"created_at", at}};
  }
  // A morning of complaints and praise on three channels on Nov 1 and Nov 3 (none on Nov 2).
  void seed() {
    send({post_of("x", "1", "My Fiber connection is down again, this is terrible", kNov1 + 9 * 3'600'000),
          post_of("x", "2", "Why is my Phone bill so high this month?", kNov1 + 10 * 3'600'000),
          post_of("reddit", "3", "Fiber has been great since the upgrade, really happy", kNov1 + 11 * 3'600'000),
          post_of("mastodon", "4", "Switched to Rival, their support was awful though", kNov1 + 12 * 3'600'000),
          post_of("x", "5", "Fiber outage for the whole street, nobody answers the phone", kNov1 + 2 * kDay + 3'600'000),
          post_of("mastodon", "6", "Loving my new Phone, the camera is amazing", kNov1 + 2 * kDay + 2 * 3'600'000)});
  }
  static std::string range(std::int64_t since, std::int64_t until) {
    return "since=" + std::to_string(since) + "&until=" + std::to_string(until);
  }

  testing::LiveServer live;
  // The users the tests call as.
  const std::string admin = "admin", ana = "ana", hana = "hana", analyst = "nia";
};

TEST_F(ListeningApi, VolumeHasZeroFilledBucketsSeriesAndTheSameAnswerFromRaw) {
  seed();
  const std::string q = "/api/v1/listening/volume?" + range(kNov1, kNov1 + 3 * kDay);
  auto v = get(q + "&bucket=day&by=intent", analyst);  // aggregates: every role
  EXPECT_EQ(v["since"], kNov1);
  EXPECT_EQ(v["until"], kNov1 + 3 * kDay);
  EXPECT_EQ(v["bucket"], "day");
  EXPECT_EQ(v["bucket_ms"], kDay);
  EXPECT_EQ(v["buckets"], json({kNov1, kNov1 + kDay, kNov1 + 2 * kDay}));
  EXPECT_EQ(v["total"], json({4, 0, 2}));
  EXPECT_EQ(v["from"], "rollup");
  ASSERT_FALSE(v["series"].empty());
  std::int64_t in_series = 0, previous = 1 << 30;
  for (auto& s : v["series"]) {
    ASSERT_EQ(s["counts"].size(), 3u);
    std::int64_t sum = 0;
    for (auto& c : s["counts"]) sum += c.get<std::int64_t>();
    EXPECT_LE(sum, previous) << "series are ordered by total, descending";
    previous = sum;
    in_series += sum;
  }
  EXPECT_EQ(in_series, 6);
  EXPECT_TRUE(v["spikes"].is_array());

  for (const char* extra : {"&bucket=day&by=intent", "&bucket=hour&by=sentiment", "&by=source&source=x",
                            "&bucket=day&sentiment=negative", "&bucket=hour&intent=praise"}) {
    auto rollup = get(q + extra, admin), raw = get(q + extra + "&from=raw", admin);
    EXPECT_EQ(raw["from"], "raw");
    raw["from"] = "rollup";
    EXPECT_EQ(rollup, raw) << extra;
  }
  // auto: hours up to 7 days, days beyond.
  EXPECT_EQ(get(q, admin)["bucket"], "hour");
  EXPECT_EQ(get(q, admin)["buckets"].size(), 72u);
  EXPECT_EQ(get("/api/v1/listening/volume?" + range(kNov1, kNov1 + 8 * kDay), admin)["bucket"], "day");
  // by=none (the default): no series.
  EXPECT_TRUE(get(q + "&bucket=day", admin)["series"].empty());
  // Default range: the 30 days up to now.
  auto recent = get("/api/v1/listening/volume?bucket=day", admin);
  EXPECT_EQ(recent["until"].get<std::int64_t>() - recent["since"].get<std::int64_t>(), 30 * kDay);
}

TEST_F(ListeningApi, ASuddenBurstIsASpike) {
  // A quiet history first (one post a day for ten days): without any history nothing can be judged.
  json quiet = json::array();
  for (int d = 1; d <= 10; ++d)
    quiet.push_back(post_of("mastodon", "q" + std::to_string(d), "Fiber works fine today", kNov1 - d * kDay));
  send(quiet);
  json burst = json::array();
  for (int i = 0; i < 8; ++i)
    burst.push_back(post_of("mastodon", "b" + std::to_string(i), "The whole Fiber network is down in the city",
                            kNov1 + 5 * kDay + i * 60'000));
  send(burst);
  auto v = get("/api/v1/listening/volume?bucket=day&" + range(kNov1, kNov1 + 7 * kDay), admin);
  ASSERT_EQ(v["spikes"].size(), 1u) << v.dump();
  EXPECT_EQ(v["spikes"][0]["at"], kNov1 + 5 * kDay);
  EXPECT_EQ(v["spikes"][0]["count"], 8);
  EXPECT_NEAR(v["spikes"][0]["expected"].get<double>(), 9.0 / 14, 1e-9);  // 9 quiet posts in the 14 days before
  EXPECT_GT(v["spikes"][0]["z"].get<double>(), 3.0);
}

TEST_F(ListeningApi, TopAndShareOfVoice) {
  seed();
  const std::string r = range(kNov1, kNov1 + 3 * kDay);
  auto top = get("/api/v1/listening/top?kind=product&" + r, analyst);
  ASSERT_EQ(top["entities"].size(), 2u) << top.dump();
  EXPECT_EQ(top["entities"][0]["kind"], "product");
  EXPECT_EQ(top["entities"][0]["name"], "Fiber");
  EXPECT_EQ(top["entities"][0]["posts"], 3);
  auto& fiber = top["entities"][0];
  EXPECT_EQ(fiber["negative"].get<int>() + fiber["neutral"].get<int>() + fiber["positive"].get<int>(), 3);
  EXPECT_NEAR(fiber["net_sentiment"].get<double>(),
              (fiber["positive"].get<double>() - fiber["negative"].get<double>()) / 3.0, 1e-12);
  EXPECT_EQ(get("/api/v1/listening/top?limit=1&" + r, admin)["entities"].size(), 1u);

  auto sov = get("/api/v1/listening/share-of-voice?" + r, analyst);
  ASSERT_EQ(sov["brands"].size(), 2u) << sov.dump();
  EXPECT_EQ(sov["brands"][0]["name"], "Test Org");
  EXPECT_EQ(sov["brands"][0]["kind"], "own");
  EXPECT_EQ(sov["brands"][0]["posts"], 5);  // every post naming Fiber or Phone, each once
  EXPECT_EQ(sov["brands"][1]["name"], "Rival");
  EXPECT_EQ(sov["brands"][1]["kind"], "competitor");
  EXPECT_EQ(sov["total"], 6);
  EXPECT_NEAR(sov["brands"][0]["share"].get<double>() + sov["brands"][1]["share"].get<double>(), 1.0, 1e-12);

  for (const std::string path : {"/api/v1/listening/top?kind=all&", "/api/v1/listening/share-of-voice?",
                                 "/api/v1/listening/top?sentiment=negative&"}) {
    // A range that starts and ends inside hours and days: the rollup side mixes hour and day rows.
    const std::string odd = range(kNov1 + 30 * 60'000, kNov1 + 2 * kDay + 90 * 60'000);
    EXPECT_EQ(get(path + odd, admin), get(path + odd + "&from=raw", admin)) << path;
  }
}

TEST_F(ListeningApi, DrillDownFollowsSearchVisibility) {
  seed();
  const std::string q = "/api/v1/listening/posts?" + range(kNov1, kNov1 + 3 * kDay);
  auto all = get(q, admin);
  ASSERT_EQ(all["posts"].size(), 6u) << all.dump();
  EXPECT_FALSE(all["has_more"]);
  auto& newest = all["posts"][0];
  for (const char* k : {"id", "conversation_id", "case_id", "source", "author", "created_at", "text", "sentiment",
                        "sentiment_label", "intent", "urgency", "language", "entities"})
    EXPECT_TRUE(newest.contains(k)) << k;
  EXPECT_EQ(newest["author"], "cust_6");
  EXPECT_TRUE(newest["case_id"].is_null());  // mastodon: no rule, no case
  EXPECT_EQ(newest["entities"][0]["name"], "Phone");
  for (std::size_t i = 1; i < all["posts"].size(); ++i)
    EXPECT_GE(all["posts"][i - 1]["created_at"], all["posts"][i]["created_at"]);

  auto page = get(q + "&limit=2&offset=1", admin);
  ASSERT_EQ(page["posts"].size(), 2u);
  EXPECT_EQ(page["posts"][0]["id"], all["posts"][1]["id"]);
  EXPECT_TRUE(page["has_more"]);
  auto fiber = get(q + "&entity=product:Fiber", admin);
  EXPECT_EQ(fiber["posts"].size(), 3u);
  EXPECT_EQ(get(q + "&entity=own", admin)["posts"].size(), 5u);
  EXPECT_EQ(get(q + "&source=mastodon", admin)["posts"].size(), 2u);

  // Care sees x (care cases) and mastodon (no case), not reddit (an HR case); HR the other way round.
  auto care = get(q, ana);
  EXPECT_EQ(care["posts"].size(), 5u);
  for (auto& p : care["posts"]) EXPECT_NE(p["source"], "reddit");
  auto hr = get(q, hana);
  EXPECT_EQ(hr["posts"].size(), 3u);
  for (auto& p : hr["posts"]) EXPECT_NE(p["source"], "x");
  bool in_case = false;
  for (auto& p : hr["posts"]) in_case = in_case || p["case_id"].is_number();
  EXPECT_TRUE(in_case);

  auto denied = get(q, analyst, 403);
  EXPECT_NE(denied["error"]["message"].get<std::string>().find("aggregates only"), std::string::npos);
}

TEST_F(ListeningApi, BadParametersAreRefusedWithACodeAndAMessage) {
  struct Case {
    std::string path, code;
  };
  const std::string r = "&" + range(kNov1, kNov1 + kDay);
  const std::vector<Case> cases = {
      {"/api/v1/listening/volume?bucket=week" + r, "bad_bucket"},
      {"/api/v1/listening/volume?by=colour" + r, "bad_by"},
      {"/api/v1/listening/volume?sentiment=grumpy" + r, "bad_filter"},
      {"/api/v1/listening/volume?intent=rant" + r, "bad_filter"},
      {"/api/v1/listening/volume?source=X%20Y" + r, "bad_filter"},
      {"/api/v1/listening/volume?from=cache" + r, "bad_from"},
      {"/api/v1/listening/volume?since=yesterday", "bad_time"},
      {"/api/v1/listening/volume?" + range(kNov1, kNov1), "bad_filter"},
      {"/api/v1/listening/volume?bucket=hour&" + range(kNov1, kNov1 + 365 * kDay), "too_many_buckets"},
      {"/api/v1/listening/top?kind=person" + r, "bad_kind"},
      {"/api/v1/listening/top?limit=101" + r, "bad_limit"},
      {"/api/v1/listening/top?limit=ten" + r, "bad_limit"},
      {"/api/v1/listening/share-of-voice?until=2026-13-45", "bad_time"},
      {"/api/v1/listening/posts?entity=person:Bob" + r, "bad_entity"},
      {"/api/v1/listening/posts?entity=product:" + r, "bad_entity"},
      {"/api/v1/listening/posts?offset=-1" + r, "bad_offset"},
  };
  for (const auto& c : cases) {
    auto j = get(c.path, admin, 400);
    EXPECT_EQ(j["error"]["code"], c.code) << c.path;
    EXPECT_GT(j["error"]["message"].get<std::string>().size(), 10u) << c.path;
  }
  get("/api/v1/listening/volume", "", 401);  // not signed in
}

}  // namespace
}  // namespace parley::server
