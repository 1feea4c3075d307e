// The event hub behind the server's live streams: ids, replay after Last-Event-ID and gaps, filtering,
// fan-out to several blocked threads, shutdown, and the text/event-stream wire format.
#include "parley/server/event_hub.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace parley::server {
namespace {

using namespace std::chrono_literals;

std::vector<std::uint64_t> drain(Subscription& s) {
  std::vector<std::uint64_t> ids;
  while (auto e = s.next(0ms)) ids.push_back(e->id);
  return ids;
}

TEST(EventHub, PublishAssignsIncreasingIds) {
  EventHub hub;
  EXPECT_EQ(hub.last_id(), 0u);
  EXPECT_EQ(hub.publish("case.opened", R"({"id":1})", {"care"}), 1u);
  EXPECT_EQ(hub.publish("case.opened", R"({"id":2})", {}), 2u);
  EXPECT_EQ(hub.last_id(), 2u);
  EventHub later(10, 1'700'000'000'000'000);
  EXPECT_EQ(later.publish("x", "{}", {}), 1'700'000'000'000'000u);
}

TEST(EventHub, ZeroMeansOnlyNewEvents) {
  EventHub hub;
  hub.publish("a", "{}", {});
  auto sub = hub.subscribe(0);
  EXPECT_FALSE(sub->next(0ms));
  EXPECT_FALSE(sub->closed()) << "a timeout is not a close";
  hub.publish("b", R"({"n":2})", {"care"});
  auto e = sub->next(0ms);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->id, 2u);
  EXPECT_EQ(e->type, "b");
  EXPECT_EQ(e->data, R"({"n":2})");
  EXPECT_EQ(e->functions, std::vector<std::string>{"care"});
  EXPECT_FALSE(sub->gap());
}

TEST(EventHub, ReplaysAfterLastEventIdThenGoesLive) {
  EventHub hub;
  for (int i = 0; i < 5; ++i) hub.publish("e", "{}", {});
  auto sub = hub.subscribe(2);
  EXPECT_EQ(drain(*sub), (std::vector<std::uint64_t>{3, 4, 5}));
  EXPECT_FALSE(sub->gap());
  hub.publish("e", "{}", {});
  EXPECT_EQ(drain(*sub), std::vector<std::uint64_t>{6});
  auto caught_up = hub.subscribe(6);
  EXPECT_TRUE(drain(*caught_up).empty());
  EXPECT_FALSE(caught_up->gap());
}

TEST(EventHub, ReportsAGapWhenTheRingNoLongerHoldsWhatWasMissed) {
  EventHub hub(3);
  for (int i = 0; i < 6; ++i) hub.publish("e", "{}", {});  // ring keeps 4, 5, 6
  auto ok = hub.subscribe(3);
  EXPECT_FALSE(ok->gap());
  EXPECT_EQ(drain(*ok), (std::vector<std::uint64_t>{4, 5, 6}));
  auto late = hub.subscribe(1);
  EXPECT_TRUE(late->gap());
  EXPECT_EQ(drain(*late), (std::vector<std::uint64_t>{4, 5, 6}));
  // An id this hub never issued (the previous server run's) cannot be replayed either.
  auto stale = hub.subscribe(1000);
  EXPECT_TRUE(stale->gap());
  EXPECT_TRUE(drain(*stale).empty());
  hub.publish("e", "{}", {});
  EXPECT_EQ(drain(*stale), std::vector<std::uint64_t>{7});
}

TEST(EventHub, ASubscriberThatLagsBeyondTheRingLearnsOfTheGap) {
  EventHub hub(2);
  auto sub = hub.subscribe(0);
  for (int i = 0; i < 5; ++i) hub.publish("e", "{}", {});
  EXPECT_EQ(drain(*sub), (std::vector<std::uint64_t>{4, 5}));
  EXPECT_TRUE(sub->gap());
}

TEST(EventHub, FilterChoosesWhatEachSubscriberSees) {
  EventHub hub;
  auto care = hub.subscribe(0, [](const Event& e) {
    if (e.functions.empty()) return true;
    for (const auto& f : e.functions)
      if (f == "care") return true;
    return false;
  });
  auto all = hub.subscribe(0);
  hub.publish("e", "{}", {"care"});
  hub.publish("e", "{}", {"hr"});
  hub.publish("e", "{}", {});
  hub.publish("e", "{}", {"hr", "care"});
  EXPECT_EQ(drain(*care), (std::vector<std::uint64_t>{1, 3, 4}));
  EXPECT_EQ(drain(*all), (std::vector<std::uint64_t>{1, 2, 3, 4}));
}

TEST(EventHub, FansOutToSeveralBlockedThreads) {
  EventHub hub;
  constexpr int kThreads = 4, kEvents = 200;
  std::vector<std::vector<std::uint64_t>> got(kThreads);
  std::vector<std::unique_ptr<Subscription>> subs;
  for (int i = 0; i < kThreads; ++i) subs.push_back(hub.subscribe(0));
  std::vector<std::thread> readers;
  for (int i = 0; i < kThreads; ++i)
    readers.emplace_back([&, i] {
      while (got[static_cast<std::size_t>(i)].size() < kEvents) {
        auto e = subs[static_cast<std::size_t>(i)]->next(5s);
        if (!e) break;
        got[static_cast<std::size_t>(i)].push_back(e->id);
      }
    });
  std::thread writer_a([&] {
    for (int i = 0; i < kEvents / 2; ++i) hub.publish("a", "{}", {});
  });
  std::thread writer_b([&] {
    for (int i = 0; i < kEvents / 2; ++i) hub.publish("b", "{}", {});
  });
  writer_a.join();
  writer_b.join();
  for (auto& r : readers) r.join();
  std::vector<std::uint64_t> expected;
  for (std::uint64_t id = 1; id <= kEvents; ++id) expected.push_back(id);
  for (const auto& g : got) EXPECT_EQ(g, expected);
}

TEST(EventHub, CloseAllWakesBlockedSubscribersAndEndsTheirStreams) {
  EventHub hub;
  std::atomic<int> ended{0};
  std::vector<std::unique_ptr<Subscription>> subs;
  for (int i = 0; i < 3; ++i) subs.push_back(hub.subscribe(0));
  std::vector<std::thread> readers;
  const auto start = std::chrono::steady_clock::now();
  for (auto& s : subs)
    readers.emplace_back([&, sub = s.get()] {
      while (sub->next(30s)) {
      }
      if (sub->closed()) ++ended;
    });
  std::this_thread::sleep_for(20ms);
  hub.close_all();
  for (auto& r : readers) r.join();
  EXPECT_EQ(ended.load(), 3);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s) << "woken by the close, not the timeout";
  EXPECT_EQ(hub.publish("late", "{}", {}), 0u);
  EXPECT_FALSE(hub.subscribe(0)->next(0ms));
}

TEST(EventHub, ClosingOneSubscriptionLeavesTheOthers) {
  EventHub hub;
  auto a = hub.subscribe(0), b = hub.subscribe(0);
  std::thread t([&] { EXPECT_FALSE(a->next(30s)); });
  std::this_thread::sleep_for(10ms);
  a->close();
  t.join();
  EXPECT_TRUE(a->closed());
  hub.publish("e", "{}", {});
  EXPECT_TRUE(b->next(0ms));
  EXPECT_FALSE(a->next(0ms));
}

TEST(EventHub, TimesOutWithoutEvents) {
  EventHub hub;
  auto sub = hub.subscribe(0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(sub->next(30ms));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);
  EXPECT_FALSE(sub->closed());
}

TEST(EventHub, SubscriptionOutlivesTheHub) {
  std::unique_ptr<Subscription> sub;
  {
    EventHub hub;
    sub = hub.subscribe(0);
    hub.publish("e", "{}", {});
  }
  EXPECT_TRUE(sub->closed());
  EXPECT_FALSE(sub->next(0ms));
}

TEST(EventHubSse, FormatsOneEvent) {
  Event e{42, "case.updated", R"({"id":7})", {}};
  EXPECT_EQ(format_sse(e), "id: 42\nevent: case.updated\ndata: {\"id\":7}\n\n");
}

TEST(EventHubSse, SplitsMultiLineDataAndStripsBreaksFromTheType) {
  Event e{1, "bad\r\nid: 999", "{\n  \"a\": 1,\r\n  \"b\": 2\r}", {}};
  EXPECT_EQ(format_sse(e), "id: 1\nevent: badid: 999\ndata: {\ndata:   \"a\": 1,\ndata:   \"b\": 2\ndata: }\n\n");
  Event empty{2, "", "", {}};
  EXPECT_EQ(format_sse(empty), "id: 2\nevent: message\ndata: \n\n");
  Event trailing{3, "t", "x\n", {}};
  EXPECT_EQ(format_sse(trailing), "id: 3\nevent: t\ndata: x\ndata: \n\n");
}

}  // namespace
}  // namespace parley::server
