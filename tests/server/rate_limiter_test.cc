// The token bucket on a fake clock: bursts, refill, the retry hint, independent keys, and memory that
// stays bounded however many keys arrive.
#include "parley/server/rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace parley::server {
namespace {

class FakeClock final : public Clock {
 public:
  std::int64_t now_ms() const override { return t_.load(); }
  void advance(std::int64_t ms) { t_ += ms; }

 private:
  std::atomic<std::int64_t> t_{1'700'000'000'000};
};

TEST(RateLimiter, AllowsABurstThenRefusesWithARetryHint) {
  FakeClock clock;
  RateLimiter rl(2.0, 5.0, &clock);  // 2/s sustained, bursts of 5
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(rl.allow("1.2.3.4")) << i;
  RateDecision d = rl.allow("1.2.3.4");
  EXPECT_FALSE(d);
  EXPECT_EQ(d.retry_after_ms, 500);
  clock.advance(200);
  EXPECT_EQ(rl.allow("1.2.3.4").retry_after_ms, 300);
}

TEST(RateLimiter, RefillsAtTheRateButNeverBeyondTheBurst) {
  FakeClock clock;
  RateLimiter rl(10.0, 3.0, &clock);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(rl.allow("k"));
  EXPECT_FALSE(rl.allow("k"));
  clock.advance(100);  // one token back
  EXPECT_TRUE(rl.allow("k"));
  EXPECT_FALSE(rl.allow("k"));
  clock.advance(60'000);  // a long pause refills only up to the burst
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(rl.allow("k")) << i;
  EXPECT_FALSE(rl.allow("k"));
  // A steady client exactly at the rate is never refused.
  for (int i = 0; i < 50; ++i) {
    clock.advance(100);
    EXPECT_TRUE(rl.allow("k")) << i;
  }
}

TEST(RateLimiter, KeysAreIndependent) {
  FakeClock clock;
  RateLimiter rl(1.0, 1.0, &clock);
  EXPECT_TRUE(rl.allow("a"));
  EXPECT_FALSE(rl.allow("a"));
  EXPECT_TRUE(rl.allow("b"));
  EXPECT_TRUE(rl.allow("user:ana"));
}

TEST(RateLimiter, ClockSteppingBackDoesNotRefillOrBreak) {
  FakeClock clock;
  RateLimiter rl(1.0, 1.0, &clock);
  EXPECT_TRUE(rl.allow("a"));
  clock.advance(-10'000);
  EXPECT_FALSE(rl.allow("a"));
  clock.advance(10'000 + 1'000);
  EXPECT_TRUE(rl.allow("a"));
}

TEST(RateLimiter, IdleKeysAreEvictedOnceTheirBucketWouldBeFull) {
  FakeClock clock;
  RateLimiter rl(10.0, 20.0, &clock);  // full again after 2 s
  for (int i = 0; i < 1000; ++i) rl.allow("ip" + std::to_string(i));
  EXPECT_EQ(rl.key_count(), 1000u);
  clock.advance(1'999);
  rl.allow("fresh");
  EXPECT_EQ(rl.key_count(), 1001u) << "not idle long enough yet";
  clock.advance(1);
  rl.allow("fresh");
  EXPECT_EQ(rl.key_count(), 1u);
}

TEST(RateLimiter, MaxKeysBoundsMemoryByDroppingTheLeastRecent) {
  FakeClock clock;
  RateLimiter rl(1.0, 1.0, &clock, /*max_keys=*/3);
  EXPECT_TRUE(rl.allow("a"));
  EXPECT_TRUE(rl.allow("b"));
  EXPECT_TRUE(rl.allow("c"));
  EXPECT_FALSE(rl.allow("a"));  // a is now the most recent; b the least
  EXPECT_TRUE(rl.allow("d"));   // evicts b
  EXPECT_EQ(rl.key_count(), 3u);
  EXPECT_FALSE(rl.allow("a")) << "a kept its empty bucket";
  EXPECT_FALSE(rl.allow("c"));
  EXPECT_TRUE(rl.allow("e"));  // evicts d, the least recent now
  EXPECT_TRUE(rl.allow("d")) << "d was forgotten and starts again";
  EXPECT_EQ(rl.key_count(), 3u);
}

TEST(RateLimiter, ThreadsShareOneBucketExactly) {
  FakeClock clock;  // frozen: exactly `burst` requests may pass, whoever makes them
  RateLimiter rl(1.0, 100.0, &clock);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        if (rl.allow("shared")) ++allowed;
        rl.allow("own" + std::to_string(t));
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(allowed.load(), 100);
  EXPECT_EQ(rl.key_count(), 5u);
}

}  // namespace
}  // namespace parley::server
