// A thin RAII layer over the SQLite C API: a connection and prepared statements that finalize themselves,
// with errors returned as Status carrying SQLite's own message. Hand-written because the C API is the
// supported interface and the wrappers packaged in Debian add little for the few calls parley makes.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "parley/core/status.h"

namespace parley::sqlite {

class Statement;

class Connection {
 public:
  static Result<Connection> open(const std::string& path);
  Connection() = default;
  Connection(Connection&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  Connection& operator=(Connection&& o) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more statements that return no rows.
  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  std::string error_message() const { return db_ ? sqlite3_errmsg(db_) : "no database"; }
  sqlite3* raw() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement() = default;
  Statement(Statement&& o) noexcept : st_(o.st_) { o.st_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Bind parameters are 1-based, as in SQLite. Text is bound without copying: it must outlive step().
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, double v);
  Statement& bind(int i, std::string_view v);
  Statement& bind_null(int i);
  // Binds NULL for an empty string, so optional text columns hold NULL rather than ''.
  Statement& bind_opt(int i, std::string_view v) { return v.empty() ? bind_null(i) : bind(i, v); }

  // Advances: returns true with a row, false when done; a failure is returned as a Status.
  Result<bool> step();
  // Steps a statement expected to return no row (INSERT/UPDATE); resets it afterwards.
  Status run();
  // Calls `row(*this)` for every row; the first step failure is returned.
  template <typename F>
  Status each_row(F&& row) {
    for (;;) {
      auto more = step();
      if (!more) return more.status();
      if (!*more) return Status::ok();
      row(*this);
    }
  }
  void reset();

  std::int64_t int64(int col) const { return sqlite3_column_int64(st_, col); }
  double real(int col) const { return sqlite3_column_double(st_, col); }
  std::string_view text(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

 private:
  friend class Connection;
  explicit Statement(sqlite3_stmt* st) : st_(st) {}
  sqlite3_stmt* st_ = nullptr;
};

// RAII transaction: rolls back unless commit() was called.
class Transaction {
 public:
  static Result<Transaction> begin_immediate(Connection& c);
  Transaction(Transaction&& o) noexcept : c_(o.c_) { o.c_ = nullptr; }
  Transaction(const Transaction&) = delete;
  ~Transaction();
  Status commit();

 private:
  explicit Transaction(Connection* c) : c_(c) {}
  Connection* c_;
};

}  // namespace parley::sqlite
