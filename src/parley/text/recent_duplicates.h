// Near-duplicate groups for posts as they are stored: each new post is compared (SimHash, within
// kDefaultMaxDistance bits) with the posts stored just before it, and joins the group of the earliest one it
// nearly copies. The window is defined by post id, not by what happens to be in memory: the current
// "generation" of kGeneration ids and the one before it. So the result for a post depends only on the posts
// stored before it, and a store that reopens (or an ingest that was killed and runs again) reseeds the
// window from the database and carries on exactly as an uninterrupted run would.
#pragma once

#include <cstdint>
#include <vector>

#include "parley/text/simhash.h"

namespace parley::text {

class RecentDuplicates {
 public:
  // 50,000 ids per generation: the window holds the last 50,000 to 100,000 posts. Campaigns, bot bursts
  // and copy-paste runs are close together in time; comparing with everything ever stored would cost
  // memory and time without finding much more.
  static constexpr std::int64_t kGeneration = 50000;

  // First post id a store must feed to seed() before adding a post with id `next_id`.
  static std::int64_t seed_from(std::int64_t next_id) { return (next_id / kGeneration - 1) * kGeneration; }

  // A stored post, with the group it was given (0 = none), in increasing id order.
  void seed(std::int64_t post_id, std::uint64_t simhash, std::int64_t group);

  // A new post, in increasing id order. Returns its group: among the window's near-duplicate clusters it
  // meets (SimHash within kDefaultMaxDistance bits, transitively within a generation), the smallest group
  // of a cluster's earliest member (or that member's id when it has none); 0 when it meets none.
  std::int64_t add(std::int64_t post_id, std::uint64_t simhash);

  void clear() { cur_ = Generation(), prev_ = Generation(); }

 private:
  struct Generation {
    std::int64_t number = -1;
    NearDuplicateIndex index{kDefaultMaxDistance};
    std::vector<std::int64_t> ids, groups;  // by item number of `index`
  };
  void enter_generation(std::int64_t post_id);
  void insert(std::int64_t post_id, std::uint64_t simhash, std::int64_t group);

  Generation cur_, prev_;
};

}  // namespace parley::text
