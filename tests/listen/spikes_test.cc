#include "parley/listen/spikes.h"

#include <gtest/gtest.h>

namespace parley::listen {
namespace {

TEST(Spikes, AJumpAboveAFlatHistoryIsOne) {
  std::vector<std::int64_t> c(30, 10);
  c[27] = 40;
  auto s = find_spikes(c, 24, 24);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].index, 27u);
  EXPECT_EQ(s[0].count, 40);
  EXPECT_DOUBLE_EQ(s[0].expected, 10.0);
  EXPECT_DOUBLE_EQ(s[0].z, 30.0);  // sd of a flat history is taken as 1
}

TEST(Spikes, ZerosBeforeTheDataBeganAreNotAHistory) {
  // Listening starts at bucket 14 with an ordinary 20-30 a day: those first days are not spikes...
  std::vector<std::int64_t> c(14, 0);
  for (int i = 0; i < 14; ++i) c.push_back(20 + i % 3 * 5);
  EXPECT_TRUE(find_spikes(c, 14, 14).empty());
  // ... but a burst once half a window of real history exists is.
  c.push_back(200);
  auto s = find_spikes(c, 14, 14);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].index, 28u);
  // Without any history before it (the very first non-empty bucket), nothing is judged.
  std::vector<std::int64_t> first_only(20, 0);
  first_only[14] = 500;
  EXPECT_TRUE(find_spikes(first_only, 14, 14).empty());
}

TEST(Spikes, ANoisyHistoryNeedsThreeDeviations) {
  // Alternating 10/30: mean 20, sd 10. 49 is below 20 + 3*10, 51 above.
  std::vector<std::int64_t> c;
  for (int i = 0; i < 14; ++i) c.push_back(i % 2 ? 30 : 10);
  c.push_back(49);
  EXPECT_TRUE(find_spikes(c, 14, 14).empty());
  c.back() = 51;
  auto s = find_spikes(c, 14, 14);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NEAR(s[0].z, 3.1, 1e-9);
}

TEST(Spikes, SmallCountsAreNotNewsAndTheFirstBucketsNeedHistory) {
  // A quiet channel: one post every other hour for a day, then 5, then 6.
  std::vector<std::int64_t> c;
  for (int i = 0; i < 24; ++i) c.push_back(i % 2);
  c.push_back(5);  // far above the history, but not above the floor of 5
  c.push_back(6);  // above the floor: the history's mean is ~0.7, sd ~1
  auto s = find_spikes(c, 24, 24);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].index, 25u);
  // Buckets before `first`, or without a full window, are never judged.
  std::vector<std::int64_t> early = {0, 100, 0, 0};
  EXPECT_TRUE(find_spikes(early, 24, 0).empty());
  EXPECT_TRUE(find_spikes(c, 24, 26).empty());
}

TEST(Spikes, ASustainedRiseStopsBeingASpikeOnceItIsTheNorm) {
  std::vector<std::int64_t> c(14, 10);
  for (int i = 0; i < 20; ++i) c.push_back(50);
  auto s = find_spikes(c, 14, 14);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front().index, 14u);
  EXPECT_LT(s.back().index, 20u);  // within a few buckets the window has absorbed the new level
}

}  // namespace
}  // namespace parley::listen
