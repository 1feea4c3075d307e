// Shared by the engage read-side tests: a fresh store (migrations run by open_sqlite_store) plus a
// connection of our own to the same file, through which case rows, events and answers are written with
// plain SQL, the way the case engine would leave them.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../test_util.h"
#include "parley/store/sqlite/connection.h"
#include "parley/store/store.h"

namespace parley::engage::testing {

inline constexpr std::int64_t kT = 1700000000000;  // a base instant
inline constexpr std::int64_t kMin = 60 * 1000;
inline constexpr std::int64_t kHour = 60 * kMin;

// One cases row; every column the tests do not set gets the engine's usual value.
struct CaseRow {
  std::string kind = "case", status = "open", team = "care", function = "care", priority = "normal";
  std::optional<std::string> assignee;
  std::string source = "x", audience = "public", intent = "question", language = "en";
  int urgency = 0;
  std::optional<std::int64_t> author_id;
  std::int64_t first_post_id = 0, opened_at = kT, updated_at = 0;  // updated_at 0 = opened_at
  std::optional<std::int64_t> first_response_at, last_inbound_at, last_response_at, resolved_at;
  std::optional<std::string> resolved_by;
  std::optional<double> first_sentiment, last_sentiment;
  int reopens = 0;
  std::optional<int> csat;
  std::optional<std::int64_t> merged_into, waiting_since;
  std::optional<std::int64_t> first_response_due, next_response_due, resolution_due;
  int sla_breaches = 0, sla_warnings = 0;
  std::string tags = "[]";
};

class EngageDb : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = open_sqlite_store(dir.file("engage.db"));
    ASSERT_TRUE(s) << s.message();
    store = std::move(*s);
    auto c = sqlite::Connection::open(dir.file("engage.db"));
    ASSERT_TRUE(c) << c.message();
    db = std::move(*c);
  }

  void exec(const std::string& sql) { ASSERT_TRUE(db.exec(sql)) << sql << ": " << db.error_message(); }

  void put(const std::vector<Post>& posts, const std::vector<text::Analysis>& analyses = {}) {
    auto r = store->upsert_posts(posts, analyses);
    ASSERT_TRUE(r) << r.message();
  }
  StoredPost post(const std::string& external_id, const std::string& source = "x") {
    auto p = store->find_post(source, external_id);
    EXPECT_TRUE(p) << p.message();
    return p ? *p : StoredPost{};
  }
  std::int64_t author_id(const std::string& handle) {
    auto st = db.prepare("SELECT id FROM authors WHERE handle = ?1");
    EXPECT_TRUE(st);
    st->bind(1, std::string_view(handle));
    auto row = st->step();
    EXPECT_TRUE(row && *row) << "no author " << handle;
    return st->int64(0);
  }

  std::int64_t add_case(const CaseRow& c) {
    auto st = db.prepare(
        "INSERT INTO cases(kind, status, team, function, priority, assignee, source, audience, intent, language, "
        "urgency, author_id, first_post_id, opened_at, updated_at, first_response_at, last_inbound_at, "
        "last_response_at, resolved_at, resolved_by, first_sentiment, last_sentiment, reopens, csat, merged_into, "
        "waiting_since, first_response_due, next_response_due, resolution_due, sla_breaches, sla_warnings, tags) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
        "?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)");
    EXPECT_TRUE(st) << st.message();
    auto& s = *st;
    auto opt_i = [&](int i, const std::optional<std::int64_t>& v) { v ? s.bind(i, *v) : s.bind_null(i); };
    auto opt_r = [&](int i, const std::optional<double>& v) { v ? s.bind(i, *v) : s.bind_null(i); };
    auto opt_s = [&](int i, const std::optional<std::string>& v) {
      v ? s.bind(i, std::string_view(*v)) : s.bind_null(i);
    };
    s.bind(1, std::string_view(c.kind)).bind(2, std::string_view(c.status)).bind(3, std::string_view(c.team));
    s.bind(4, std::string_view(c.function)).bind(5, std::string_view(c.priority));
    opt_s(6, c.assignee);
    s.bind(7, std::string_view(c.source)).bind(8, std::string_view(c.audience)).bind(9, std::string_view(c.intent));
    s.bind(10, std::string_view(c.language)).bind(11, static_cast<std::int64_t>(c.urgency));
    opt_i(12, c.author_id);
    s.bind(13, c.first_post_id).bind(14, c.opened_at).bind(15, c.updated_at ? c.updated_at : c.opened_at);
    opt_i(16, c.first_response_at);
    opt_i(17, c.last_inbound_at);
    opt_i(18, c.last_response_at);
    opt_i(19, c.resolved_at);
    opt_s(20, c.resolved_by);
    opt_r(21, c.first_sentiment);
    opt_r(22, c.last_sentiment);
    s.bind(23, static_cast<std::int64_t>(c.reopens));
    opt_i(24, c.csat ? std::optional<std::int64_t>(*c.csat) : std::nullopt);
    opt_i(25, c.merged_into);
    opt_i(26, c.waiting_since);
    opt_i(27, c.first_response_due);
    opt_i(28, c.next_response_due);
    opt_i(29, c.resolution_due);
    s.bind(30, static_cast<std::int64_t>(c.sla_breaches)).bind(31, static_cast<std::int64_t>(c.sla_warnings));
    s.bind(32, std::string_view(c.tags));
    auto r = s.run();
    EXPECT_TRUE(r) << r.message();
    return db.last_insert_rowid();
  }
  void link(std::int64_t case_id, std::int64_t conversation_id) {
    exec("INSERT INTO case_conversations(conversation_id, case_id) VALUES(" + std::to_string(conversation_id) + ", " +
         std::to_string(case_id) + ")");
  }
  void event(std::int64_t case_id, std::int64_t at, const std::string& actor, const std::string& type,
             const std::string& data = "{}") {
    auto st = db.prepare("INSERT INTO case_events(case_id, at, actor, type, data) VALUES(?1, ?2, ?3, ?4, ?5)");
    ASSERT_TRUE(st) << st.message();
    st->bind(1, case_id).bind(2, at).bind(3, std::string_view(actor)).bind(4, std::string_view(type));
    st->bind(5, std::string_view(data));
    ASSERT_TRUE(st->run());
  }
  void response(std::int64_t post_id, std::int64_t case_id, std::int64_t at, const std::string& responder,
                bool by_staff, bool accepted = false) {
    exec("INSERT INTO case_responses(post_id, case_id, at, responder, by_staff, accepted) VALUES(" +
         std::to_string(post_id) + ", " + std::to_string(case_id) + ", " + std::to_string(at) + ", '" + responder +
         "', " + (by_staff ? "1" : "0") + ", " + (accepted ? "1" : "0") + ")");
  }

  parley::testing::TempDir dir;
  std::unique_ptr<Store> store;
  sqlite::Connection db;
};

// A post by a named author.
inline Post post_by(const std::string& id, const std::string& handle, const std::string& text, std::int64_t at,
                    const std::string& reply_to = "", AuthorKind kind = AuthorKind::customer) {
  Post p = parley::testing::make_post(id, text, reply_to, "x", at);
  p.author.handle = handle;
  p.author.name = handle + " name";
  p.author.kind = kind;
  return p;
}

}  // namespace parley::engage::testing
