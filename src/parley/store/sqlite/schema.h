// Versioned schema migrations. The database's PRAGMA user_version is the number of migrations applied;
// opening a store applies the missing ones in order, each in its own transaction, so an old file is
// brought forward and a newer file than this binary knows is refused rather than misread.
#pragma once

#include <cstdint>

#include "parley/core/status.h"
#include "parley/store/sqlite/connection.h"

namespace parley::sqlite {

// Number of migrations this binary knows.
std::int64_t schema_version_latest();

// Applies missing migrations. Fails (touching nothing) if the file is newer than this binary.
Status migrate(Connection& c);
// Applies missing migrations up to `target` only: tests build files as an older parley left them.
Status migrate(Connection& c, std::int64_t target);

}  // namespace parley::sqlite
