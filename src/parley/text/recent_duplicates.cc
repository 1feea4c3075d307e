#include "parley/text/recent_duplicates.h"

#include <algorithm>
#include <utility>

namespace parley::text {

void RecentDuplicates::enter_generation(std::int64_t post_id) {
  const std::int64_t g = post_id / kGeneration;
  if (g == cur_.number) return;
  if (g == cur_.number + 1) prev_ = std::move(cur_);
  else prev_ = Generation();
  cur_ = Generation();
  cur_.number = g;
}

void RecentDuplicates::insert(std::int64_t post_id, std::uint64_t simhash, std::int64_t group) {
  cur_.index.add(simhash);
  cur_.ids.push_back(post_id);
  cur_.groups.push_back(group);
}

void RecentDuplicates::seed(std::int64_t post_id, std::uint64_t simhash, std::int64_t group) {
  enter_generation(post_id);
  insert(post_id, simhash, group);
}

std::int64_t RecentDuplicates::add(std::int64_t post_id, std::uint64_t simhash) {
  enter_generation(post_id);
  std::int64_t group = 0;
  // Each generation's index names a cluster by its earliest member; that member's own group (or, without
  // one, its id) is the candidate, and the smallest candidate wins. Bounded work per post, however large
  // a cluster grows (NearDuplicateIndex::kMaxBucket).
  for (const Generation* g : {&prev_, &cur_}) {
    if (g->number < 0) continue;
    const std::uint32_t item = g->index.nearest_group(simhash);
    if (item == NearDuplicateIndex::kNone) continue;
    const std::int64_t candidate = g->groups[item] ? g->groups[item] : g->ids[item];
    if (group == 0 || candidate < group) group = candidate;
  }
  insert(post_id, simhash, group);
  return group;
}

}  // namespace parley::text
