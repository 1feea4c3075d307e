// The service behind `parley serve`: group-committed ingest, SLA timers on an injected clock, config reload,
// and catching up on posts stored while it was not running.
#include "parley/server/engage_service.h"

#include <gtest/gtest.h>

#include <fstream>
#include <mutex>
#include <thread>

#include "../engage/fake_clock.h"
#include "../test_util.h"

namespace parley::server {
namespace {

using parley::testing::FakeClock;
using parley::testing::TempDir;

std::string config_with_team(const std::string& team) {
  return R"toml(
[[functions]]
id = "care"
[[teams]]
id = "care"
function = "care"
[[teams]]
id = "billing"
function = "care"
[[employees]]
handle = "ana"
teams = ["care", "billing"]
[[sla_policies]]
name = "fast"
first_response = "30m"
[[rules]]
name = "everything"
team = ")toml" + team + R"toml("
sla = "fast"
)toml";
}

Post complaint(const std::string& id, std::int64_t at) {
  Post p = parley::testing::make_post(id, "My bill is wrong and nobody answers!", "", "x", at);
  return p;
}

class Service : public ::testing::Test {
 protected:
  void SetUp() override {
    clock.set(1767261600000);
    write_config("care");
  }
  void write_config(const std::string& team) { std::ofstream(dir.file("org.toml")) << config_with_team(team); }
  std::unique_ptr<EngageService> open() {
    auto s = EngageService::open(dir.file("p.db"), dir.file("org.toml"), clock, [this](const std::vector<engage::CaseEvent>& ev) {
      std::lock_guard lock(mu);
      for (const auto& e : ev) events.push_back(e);
    });
    EXPECT_TRUE(s) << s.message();
    return s ? std::move(*s) : nullptr;
  }
  int count(const std::string& type) {
    std::lock_guard lock(mu);
    int n = 0;
    for (const auto& e : events) n += e.type == type;
    return n;
  }

  TempDir dir;
  FakeClock clock;
  std::mutex mu;
  std::vector<engage::CaseEvent> events;
};

TEST_F(Service, ConcurrentIngestsAreGroupCommittedAndEachLearnsItsCase) {
  auto s = open();
  ASSERT_TRUE(s);
  std::vector<std::thread> threads;
  std::vector<std::int64_t> cases(8, 0);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      auto r = s->ingest({complaint("p" + std::to_string(t), clock.now_ms())});
      ASSERT_TRUE(r) << r.message();
      ASSERT_EQ(r->posts.size(), 1u);
      cases[static_cast<std::size_t>(t)] = r->posts[0].case_id;
    });
  for (auto& t : threads) t.join();
  std::sort(cases.begin(), cases.end());
  EXPECT_GT(cases.front(), 0);
  EXPECT_EQ(std::unique(cases.begin(), cases.end()), cases.end()) << "one case per conversation";
  EXPECT_EQ(count("opened"), 8);
}

TEST_F(Service, SlaBreachFiresFromTheTimerQueueWhenTheClockPassesTheDeadline) {
  auto s = open();
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->ingest({complaint("1", clock.now_ms())}));
  clock.advance(29 * 60 * 1000);
  ASSERT_TRUE(s->fire_due_timers());
  EXPECT_EQ(count("sla_breached"), 0);
  EXPECT_EQ(count("sla_warning"), 1);  // 80% of 30 minutes
  clock.advance(60 * 1000);
  ASSERT_TRUE(s->fire_due_timers());
  EXPECT_EQ(count("sla_breached"), 1);
}

TEST_F(Service, ReloadAppliesNewRulesAndKeepsTheOldConfigWhenTheNewOneIsBroken) {
  auto s = open();
  ASSERT_TRUE(s);
  auto r = s->ingest({complaint("1", clock.now_ms())});
  ASSERT_TRUE(r);
  write_config("billing");
  ASSERT_TRUE(s->reload_config());
  r = s->ingest({complaint("2", clock.now_ms())});
  ASSERT_TRUE(r);
  std::string team;
  s->with_engine([&](engage::CaseEngine& e) { team = e.get(r->posts[0].case_id)->team; });
  EXPECT_EQ(team, "billing");
  std::ofstream(dir.file("org.toml")) << "[[teams]]\nid = 3\n";
  auto bad = s->reload_config();
  EXPECT_FALSE(bad);
  EXPECT_NE(bad.message().find("org.toml:2"), std::string::npos) << bad.message();
  EXPECT_NE(s->config()->engage.team("billing"), nullptr) << "the running config stays";
}

TEST_F(Service, PostsStoredWhileStoppedAreRoutedAtTheNextStart) {
  {
    auto store = open_sqlite_store(dir.file("p.db"));
    ASSERT_TRUE(store);
    Post p = complaint("offline", clock.now_ms());
    ASSERT_TRUE((*store)->upsert_posts(std::span<const Post>(&p, 1)));
  }
  auto s = open();
  ASSERT_TRUE(s);
  EXPECT_EQ(count("opened"), 1) << "a post stored without analysis is analysed and routed on start";
}

}  // namespace
}  // namespace parley::server
