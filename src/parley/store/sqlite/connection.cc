#include "parley/store/sqlite/connection.h"

#include <utility>

namespace parley::sqlite {

Result<Connection> Connection::open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::error("cannot open database '" + path + "': " + msg);
  }
  sqlite3_extended_result_codes(db, 1);
  // Another process (a second ingest, the server) may hold the write lock for a batch; wait for it.
  sqlite3_busy_timeout(db, 30000);
  return Connection(db);
}

Connection& Connection::operator=(Connection&& o) noexcept {
  if (this != &o) {
    if (db_) sqlite3_close(db_);
    db_ = std::exchange(o.db_, nullptr);
  }
  return *this;
}

Connection::~Connection() {
  if (db_) sqlite3_close(db_);
}

Status Connection::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : error_message();
    sqlite3_free(err);
    return Status::error("database error: " + msg);
  }
  return Status::ok();
}

Result<Statement> Connection::prepare(std::string_view sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &st,
                         nullptr) != SQLITE_OK)
    return Status::error("database error preparing statement: " + error_message());
  return Statement(st);
}

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    if (st_) sqlite3_finalize(st_);
    st_ = std::exchange(o.st_, nullptr);
  }
  return *this;
}

Statement::~Statement() {
  if (st_) sqlite3_finalize(st_);
}

Statement& Statement::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(st_, i, v);
  return *this;
}
Statement& Statement::bind(int i, double v) {
  sqlite3_bind_double(st_, i, v);
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}
Statement& Statement::bind_null(int i) {
  sqlite3_bind_null(st_, i);
  return *this;
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = sqlite3_errmsg(sqlite3_db_handle(st_));
  sqlite3_reset(st_);
  return Status::error("database error: " + msg);
}

Status Statement::run() {
  auto r = step();
  reset();
  return r.status();
}

void Statement::reset() {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

std::string_view Statement::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
  if (!p) return {};
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(st_, col))};
}

Result<Transaction> Transaction::begin_immediate(Connection& c) {
  if (auto s = c.exec("BEGIN IMMEDIATE"); !s) return s;
  return Transaction(&c);
}

Transaction::~Transaction() {
  if (c_) (void)c_->exec("ROLLBACK");
}

Status Transaction::commit() {
  auto s = c_->exec("COMMIT");
  if (s) c_ = nullptr;
  return s;
}

}  // namespace parley::sqlite
