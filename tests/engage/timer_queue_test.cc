#include "parley/engage/timer_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "fake_clock.h"

namespace parley::engage {
namespace {

using Keys = std::vector<std::uint64_t>;

TEST(TimerQueue, PopsDueKeysEarliestFirst) {
  TimerQueue q;
  q.schedule(3, 300);
  q.schedule(1, 100);
  q.schedule(2, 200);
  q.schedule(4, 400);
  EXPECT_EQ(q.size(), 4u);
  EXPECT_EQ(q.next_due(), 100);
  EXPECT_EQ(q.pop_due(99), Keys{});
  EXPECT_EQ(q.pop_due(250), (Keys{1, 2}));  // due <= now, inclusive
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.next_due(), 300);
  EXPECT_EQ(q.pop_due(300), Keys{3});
  EXPECT_EQ(q.pop_due(1'000'000), Keys{4});
  EXPECT_EQ(q.size(), 0u);
  EXPECT_EQ(q.next_due(), std::nullopt);
  EXPECT_EQ(q.pop_due(1'000'000), Keys{});
}

TEST(TimerQueue, EqualDeadlinesComeOutInKeyOrder) {
  TimerQueue q;
  for (std::uint64_t k : {9, 4, 7, 1}) q.schedule(k, 50);
  q.schedule(5, 10);
  EXPECT_EQ(q.pop_due(50), (Keys{5, 1, 4, 7, 9}));
}

TEST(TimerQueue, ScheduleReplacesTheEarlierDeadline) {
  TimerQueue q;
  q.schedule(7, 100);
  q.schedule(7, 500);  // pushed later
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.due_of(7), 500);
  EXPECT_EQ(q.pop_due(499), Keys{});
  q.schedule(7, 50);  // pulled earlier
  EXPECT_EQ(q.next_due(), 50);
  EXPECT_EQ(q.pop_due(60), Keys{7});
  EXPECT_EQ(q.pop_due(10'000), Keys{});  // the old deadlines are gone, not lingering
  q.schedule(8, 20);
  q.schedule(8, 20);  // same deadline again: still one entry
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.pop_due(20), Keys{8});
}

// Reschedules and cancels leave stale heap entries behind (and trigger rebuilds): against a plain model,
// with a few keys rescheduled back and forth between the same instants, nothing may come out twice, late,
// early or out of (due, key) order.
TEST(TimerQueue, MatchesAModelThroughReschedulesCancelsAndRebuilds) {
  TimerQueue q;
  std::map<std::uint64_t, std::int64_t> model;
  std::mt19937_64 rng(7);
  std::int64_t now = 0;
  for (int round = 0; round < 200; ++round) {
    for (int op = 0; op < 100; ++op) {
      const std::uint64_t key = rng() % 300;  // few keys: many reschedules of the same key
      const std::int64_t due = now + static_cast<std::int64_t>(rng() % 8) * 10;  // few instants: repeats
      if (rng() % 4 == 0) {
        q.cancel(key);
        model.erase(key);
      } else {
        q.schedule(key, due);
        model[key] = due;
      }
    }
    now += 15;
    std::vector<std::pair<std::int64_t, std::uint64_t>> expected;
    for (auto it = model.begin(); it != model.end();) {
      if (it->second <= now) {
        expected.emplace_back(it->second, it->first);
        it = model.erase(it);
      } else {
        ++it;
      }
    }
    std::sort(expected.begin(), expected.end());
    Keys want;
    for (const auto& e : expected) want.push_back(e.second);
    ASSERT_EQ(q.pop_due(now), want) << "round " << round;
    ASSERT_EQ(q.size(), model.size());
    std::optional<std::int64_t> next;
    for (const auto& [k, d] : model) next = next ? std::min(*next, d) : d;
    ASSERT_EQ(q.next_due(), next);
  }
}

TEST(TimerQueue, CancelRemovesOnlyThatKey) {
  TimerQueue q;
  q.schedule(1, 100);
  q.schedule(2, 100);
  q.schedule(3, 200);
  q.cancel(2);
  q.cancel(2);   // twice is fine
  q.cancel(42);  // unknown is fine
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.due_of(2), std::nullopt);
  q.cancel(1);
  EXPECT_EQ(q.next_due(), 200);
  EXPECT_EQ(q.pop_due(1000), Keys{3});
  // A cancelled key can be scheduled again.
  q.schedule(2, 5);
  EXPECT_EQ(q.pop_due(5), Keys{2});
}

TEST(TimerQueue, HandlesExtremeDeadlinesAndKeys) {
  TimerQueue q;
  const std::uint64_t big = std::numeric_limits<std::uint64_t>::max();
  q.schedule(big, std::numeric_limits<std::int64_t>::max());
  q.schedule(0, std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(q.pop_due(0), Keys{0});
  EXPECT_EQ(q.pop_due(std::numeric_limits<std::int64_t>::max() - 1), Keys{});
  EXPECT_EQ(q.pop_due(std::numeric_limits<std::int64_t>::max()), Keys{big});
}

TEST(TimerQueue, HundredThousandTimersWithReschedulesAndCancels) {
  TimerQueue q;
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::int64_t> when(0, 1'000'000);
  constexpr std::uint64_t n = 100'000;
  std::vector<std::int64_t> due(n);
  for (std::uint64_t k = 0; k < n; ++k) q.schedule(k, due[k] = when(rng));
  for (std::uint64_t k = 0; k < n; k += 3) q.schedule(k, due[k] = when(rng));  // a third move
  std::vector<bool> cancelled(n, false);
  for (std::uint64_t k = 1; k < n; k += 10) {
    q.cancel(k);
    cancelled[k] = true;
  }
  const std::size_t live = static_cast<std::size_t>(std::count(cancelled.begin(), cancelled.end(), false));
  ASSERT_EQ(q.size(), live);

  Keys all;
  for (std::int64_t now = 0; now <= 1'000'000; now += 10'000) {
    Keys batch = q.pop_due(now);
    for (std::uint64_t k : batch) ASSERT_LE(due[k], now);
    if (auto next = q.next_due()) {
      ASSERT_GT(*next, now);
    }
    all.insert(all.end(), batch.begin(), batch.end());
  }
  ASSERT_EQ(all.size(), live);
  EXPECT_EQ(q.size(), 0u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    ASSERT_FALSE(cancelled[all[i]]);
    if (i > 0) {
      ASSERT_TRUE(due[all[i - 1]] < due[all[i]] || (due[all[i - 1]] == due[all[i]] && all[i - 1] < all[i]));
    }
  }
}

TEST(TimerQueue, ConcurrentProducersAndAConsumerLoseNothing) {
  TimerQueue q;
  constexpr int kThreads = 4, kPerThread = 5000;
  std::vector<std::thread> producers;
  for (int t = 0; t < kThreads; ++t)
    producers.emplace_back([&q, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::uint64_t key = static_cast<std::uint64_t>(t) * kPerThread + i;
        // Keys that get cancelled are due after anything the consumer pops while producers run, so a
        // pop can never race ahead of their cancel.
        const bool doomed = i % 5 == 0;
        q.schedule(key, doomed ? 2 * kPerThread + i : i);
        if (doomed) q.cancel(key);
      }
    });
  std::size_t popped = 0;
  for (int round = 0; round < 100; ++round) popped += q.pop_due(kPerThread / 2).size();
  for (auto& p : producers) p.join();
  popped += q.pop_due(4 * kPerThread).size();
  EXPECT_EQ(popped, std::size_t{kThreads} * kPerThread * 4 / 5);
  EXPECT_EQ(q.size(), 0u);
}

// Collects what a TimerThread fires and lets the test wait for it with a generous bound.
class Fired {
 public:
  void add(Keys keys) {
    std::lock_guard lock(mu_);
    calls_.push_back(std::move(keys));
    cv_.notify_all();
  }
  bool wait_for_calls(std::size_t n, std::chrono::milliseconds bound = std::chrono::seconds(2)) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, bound, [&] { return calls_.size() >= n; });
  }
  std::vector<Keys> calls() {
    std::lock_guard lock(mu_);
    return calls_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Keys> calls_;
};

TEST(TimerQueueThread, FiresWithAFakeClockOnlyWhenTheClockGetsThere) {
  TimerQueue q;
  testing::FakeClock clock(1'000);
  Fired fired;
  TimerThread thread(q, clock, [&](Keys keys) { fired.add(std::move(keys)); });
  q.schedule(11, 5'000);
  q.schedule(12, 5'000);
  q.schedule(13, 9'000);
  thread.poke();
  // The fake clock has not moved: nothing can fire, however long we wait.
  EXPECT_FALSE(fired.wait_for_calls(1, std::chrono::milliseconds(100)));

  clock.set(5'000);
  thread.poke();
  ASSERT_TRUE(fired.wait_for_calls(1));
  EXPECT_EQ(fired.calls()[0], (Keys{11, 12}));
  EXPECT_EQ(q.size(), 1u);

  clock.set(20'000);
  thread.poke();
  ASSERT_TRUE(fired.wait_for_calls(2));
  EXPECT_EQ(fired.calls()[1], Keys{13});
  EXPECT_EQ(q.size(), 0u);
}

// poke_if_sooner() skips the wake-up for deadlines behind the one the thread sleeps towards, but never
// for a sooner one or one the (fake) clock has already passed.
TEST(TimerQueueThread, PokeIfSoonerWakesForSoonerOrDueDeadlines) {
  TimerQueue q;
  testing::FakeClock clock(1'000);
  Fired fired;
  TimerThread thread(q, clock, [&](Keys keys) { fired.add(std::move(keys)); });
  q.schedule(1, 9'000);
  thread.poke_if_sooner();
  q.schedule(2, 12'000);  // behind 9,000: no wake-up needed
  thread.poke_if_sooner();
  q.schedule(3, 4'000);   // sooner than 9,000
  thread.poke_if_sooner();
  EXPECT_FALSE(fired.wait_for_calls(1, std::chrono::milliseconds(100)));

  clock.set(4'000);  // the clock passed the earliest deadline: it fires although nothing sooner came
  thread.poke_if_sooner();
  ASSERT_TRUE(fired.wait_for_calls(1));
  EXPECT_EQ(fired.calls()[0], Keys{3});

  clock.set(10'000);
  q.schedule(4, 20'000);
  thread.poke_if_sooner();
  ASSERT_TRUE(fired.wait_for_calls(2));
  EXPECT_EQ(fired.calls()[1], Keys{1});
  clock.set(30'000);
  thread.poke_if_sooner();
  ASSERT_TRUE(fired.wait_for_calls(3));
  EXPECT_EQ(fired.calls()[2], (Keys{2, 4}));
  EXPECT_EQ(q.size(), 0u);
}

TEST(TimerQueueThread, FiresDeadlinesAlreadyPastWhenStarted) {
  TimerQueue q;
  testing::FakeClock clock(100);
  q.schedule(1, 50);
  Fired fired;
  TimerThread thread(q, clock, [&](Keys keys) { fired.add(std::move(keys)); });
  ASSERT_TRUE(fired.wait_for_calls(1));  // no poke needed: the thread looks at the queue when it starts
  EXPECT_EQ(fired.calls()[0], Keys{1});
}

TEST(TimerQueueThread, CancelledBeforeDueNeverFires) {
  TimerQueue q;
  testing::FakeClock clock(0);
  Fired fired;
  TimerThread thread(q, clock, [&](Keys keys) { fired.add(std::move(keys)); });
  q.schedule(1, 100);
  q.schedule(2, 100);
  thread.poke();
  q.cancel(1);
  clock.set(100);
  thread.poke();
  ASSERT_TRUE(fired.wait_for_calls(1));
  EXPECT_EQ(fired.calls()[0], Keys{2});
}

TEST(TimerQueueThread, FiresOnTimeWithTheSystemClock) {
  TimerQueue q;
  SystemClock clock;
  Fired fired;
  std::atomic<std::int64_t> fired_at{0};
  TimerThread thread(q, clock, [&](Keys keys) {
    fired_at = clock.now_ms();
    fired.add(std::move(keys));
  });
  const std::int64_t due = clock.now_ms() + 50;
  q.schedule(99, due);
  thread.poke();
  ASSERT_TRUE(fired.wait_for_calls(1));  // within 2 s: generous on a loaded machine
  EXPECT_EQ(fired.calls()[0], Keys{99});
  EXPECT_GE(fired_at.load(), due);  // never early
}

TEST(TimerQueueThread, AnEarlierDeadlineWakesALongSleep) {
  TimerQueue q;
  SystemClock clock;
  Fired fired;
  TimerThread thread(q, clock, [&](Keys keys) { fired.add(std::move(keys)); });
  q.schedule(1, clock.now_ms() + 3'600'000);  // an hour away: the thread goes to sleep on it
  thread.poke();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  q.schedule(2, clock.now_ms() + 30);
  thread.poke();
  ASSERT_TRUE(fired.wait_for_calls(1));
  EXPECT_EQ(fired.calls()[0], Keys{2});
  EXPECT_EQ(q.size(), 1u);
}

TEST(TimerQueueThread, OnDueMayRescheduleAndStopJoinsCleanly) {
  TimerQueue q;
  testing::FakeClock clock(0);
  Fired fired;
  auto thread = std::make_unique<TimerThread>(q, clock, [&](Keys keys) {
    // An SLA warning schedules its breach: the callback runs outside the locks, so this cannot deadlock.
    for (std::uint64_t k : keys)
      if (k < 100) q.schedule(k + 100, clock.now_ms());
    fired.add(std::move(keys));
  });
  q.schedule(1, 10);
  clock.set(10);
  thread->poke();
  ASSERT_TRUE(fired.wait_for_calls(2));  // the rescheduled key is already due: fired on the next round
  EXPECT_EQ(fired.calls()[0], Keys{1});
  EXPECT_EQ(fired.calls()[1], Keys{101});
  thread->stop();
  thread->stop();  // idempotent
  q.schedule(5, 0);
  thread->poke();  // after stop: nothing runs, nothing crashes
  EXPECT_EQ(q.size(), 1u);
  thread.reset();  // destructor after stop
}

TEST(TimerQueueThread, DestructorJoinsASleepingThread) {
  TimerQueue q;
  SystemClock clock;
  q.schedule(1, clock.now_ms() + 3'600'000);
  const auto start = std::chrono::steady_clock::now();
  { TimerThread thread(q, clock, [](Keys) {}); }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(q.size(), 1u);
}

TEST(TimerQueueThread, OnDueMayStopItsOwnThread) {
  TimerQueue q;
  testing::FakeClock clock(0);
  Fired fired;
  std::unique_ptr<TimerThread> thread;
  thread = std::make_unique<TimerThread>(q, clock, [&](Keys keys) {
    thread->stop();  // must not try to join itself
    fired.add(std::move(keys));
  });
  q.schedule(1, 0);  // only now can on_due run, so `thread` is set by then
  thread->poke();
  ASSERT_TRUE(fired.wait_for_calls(1));
  thread.reset();
}

}  // namespace
}  // namespace parley::engage
