// Resetting a Post for the next record while keeping the heap buffers of its strings. A fresh Post per
// line cost five or six malloc/free pairs (text, id, url, author name... are longer than the small-string
// buffer); the bulk readers fill one Post per record and hand it on, so its buffers can serve the next.
#pragma once

#include "parley/core/post.h"

namespace parley::ingest::detail {

// Afterwards `p` equals a default-constructed Post (every field, including any added later, comes from
// one), except that its strings may have spare capacity. A sink that moved strings out leaves them empty,
// which is fine: they are simply allocated again.
void recycle(Post& p);

}  // namespace parley::ingest::detail
