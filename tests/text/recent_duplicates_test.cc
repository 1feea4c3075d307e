#include "parley/text/recent_duplicates.h"

#include <gtest/gtest.h>

namespace parley::text {
namespace {

TEST(RecentDuplicates, CopiesJoinTheEarliestPostsGroup) {
  RecentDuplicates d;
  const std::uint64_t a = 0xF0F0F0F0F0F0F0F0ULL, b = 0x123456789ABCDEF0ULL;
  EXPECT_EQ(d.add(1, a), 0);          // the original: no group yet
  EXPECT_EQ(d.add(2, b), 0);          // unrelated
  EXPECT_EQ(d.add(3, a ^ 0b101), 1);  // two bits off: joins post 1
  EXPECT_EQ(d.add(4, a ^ 0b111), 1);  // near 1 and 3: the earliest group wins
  EXPECT_EQ(d.add(5, b ^ 0xF0000), 2);         // four bits off: still a near-copy of post 2
  EXPECT_EQ(d.add(6, b ^ 0x3E00000000ULL), 0);  // five bits off post 2, nine off post 5: no group
}

TEST(RecentDuplicates, WindowIsTwoGenerationsOfIds) {
  RecentDuplicates d;
  const std::int64_t g = RecentDuplicates::kGeneration;
  const std::uint64_t h = 0xAAAA5555AAAA5555ULL;
  d.add(10, h);
  EXPECT_EQ(d.add(g + 5, h), 10);      // previous generation still in the window
  EXPECT_EQ(d.add(3 * g + 1, h), 0);   // two generations later: out of the window
}

// Seeding from what a store holds gives the same answers as having added the posts one by one: this is
// what makes a rerun after a crash produce the same groups as an uninterrupted run.
TEST(RecentDuplicates, SeedingReproducesAnUninterruptedRun) {
  const std::int64_t g = RecentDuplicates::kGeneration;
  std::vector<std::uint64_t> hashes;
  std::uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 3000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    hashes.push_back(i % 7 == 3 ? hashes[i / 2] ^ (1ULL << (i % 64)) : x);  // some near-copies of earlier posts
  }
  auto id_of = [&](int i) { return g - 1500 + i; };  // straddle a generation boundary
  RecentDuplicates whole;
  std::vector<std::int64_t> groups;
  for (int i = 0; i < 3000; ++i) groups.push_back(whole.add(id_of(i), hashes[i]));
  const int cut = 2200;
  RecentDuplicates resumed;
  for (int i = 0; i < cut; ++i)
    if (id_of(i) >= RecentDuplicates::seed_from(id_of(cut))) resumed.seed(id_of(i), hashes[i], groups[i]);
  for (int i = cut; i < 3000; ++i) EXPECT_EQ(resumed.add(id_of(i), hashes[i]), groups[i]) << i;
  int grouped = 0;
  for (auto v : groups) grouped += v != 0;
  EXPECT_GT(grouped, 300);  // the near-copies were found
}

}  // namespace
}  // namespace parley::text
