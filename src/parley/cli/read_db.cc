#include "parley/cli/read_db.h"

#include "parley/store/store.h"

namespace parley::cli {

Result<sqlite::Connection> open_read_db(const std::string& path) {
  auto store = open_sqlite_store(path);
  if (!store) return store.status();
  return sqlite::Connection::open(path);
}

}  // namespace parley::cli
