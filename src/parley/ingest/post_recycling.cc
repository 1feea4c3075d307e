#include "parley/ingest/post_recycling.h"

namespace parley::ingest::detail {

void recycle(Post& p) {
  // Copy-assigning a string from an empty one keeps the target's buffer (libstdc++ reallocates only when
  // the source does not fit), so this resets every field, including any added later, without freeing.
  // tests/ingest/post_recycling_test.cc checks both the values and the kept capacity.
  static const Post kFresh;
  p = kFresh;
}

}  // namespace parley::ingest::detail
