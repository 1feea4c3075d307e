// The database for commands that only read it (`people`, `jd generate`): opened through the store first,
// which runs the migrations, so an older database is brought up to date before it is read.
#pragma once

#include <string>

#include "parley/core/status.h"
#include "parley/store/sqlite/connection.h"

namespace parley::cli {

Result<sqlite::Connection> open_read_db(const std::string& path);

}  // namespace parley::cli
