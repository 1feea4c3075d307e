#include "parley/engage/case_queries.h"

#include <algorithm>
#include <charconv>

#include "parley/engage/case_row.h"
#include "parley/engage/sql_params.h"
#include "parley/store/search_query.h"

namespace parley::engage {
namespace {

using nlohmann::json;

constexpr const char* kNoDeadline = "9223372036854775807";

// The earliest deadline among the clocks running now, or kNoDeadline. "Running" as the engine decides it
// (case_engine.cc): nothing runs unless the case is open; first response until the first staff answer;
// next response while a customer post after it is unanswered; resolution always. A breached clock still
// runs, so overdue cases sort first.
std::string running_deadline_sql() {
  const std::string none = kNoDeadline;
  return "MIN(CASE WHEN c.status = 'open' AND c.first_response_at IS NULL THEN IFNULL(c.first_response_due, " +
         none + ") ELSE " + none +
         " END, "
         "CASE WHEN c.status = 'open' AND c.first_response_at IS NOT NULL AND c.last_inbound_at IS NOT NULL AND "
         "(c.last_response_at IS NULL OR c.last_inbound_at > c.last_response_at) THEN IFNULL(c.next_response_due, " +
         none + ") ELSE " + none + " END, CASE WHEN c.status = 'open' THEN IFNULL(c.resolution_due, " + none +
         ") ELSE " + none + " END)";
}

struct SortKey {
  std::string expr;
  bool descending;
};

std::vector<SortKey> sort_keys(CaseSort s) {
  switch (s) {
    case CaseSort::opened: return {{"c.opened_at", true}, {"c.id", true}};
    case CaseSort::updated: return {{"c.updated_at", true}, {"c.id", true}};
    case CaseSort::priority:
      return {{"CASE c.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END", true},
              {"c.opened_at", false},
              {"c.id", false}};
    case CaseSort::sla_due: return {{running_deadline_sql(), false}, {"c.id", false}};
  }
  return {};
}

// A cursor names the sort it belongs to and the sort-key values of the last row shown: "opened:1700:42".
// Keyset paging (rather than an offset) keeps pages stable while new cases arrive at the top.
std::string make_cursor(CaseSort s, const std::vector<std::int64_t>& values) {
  std::string out(to_string(s));
  for (auto v : values) out += ":" + std::to_string(v);
  return out;
}

Result<std::vector<std::int64_t>> parse_cursor(std::string_view cursor, CaseSort s, std::size_t keys) {
  const Status bad = Status::error("invalid cursor '" + std::string(cursor) +
                                   "': pass next_cursor from the previous page with the same sort");
  std::string_view name = to_string(s);
  if (cursor.substr(0, name.size()) != name) return bad;
  std::vector<std::int64_t> values;
  std::size_t i = name.size();
  while (i < cursor.size()) {
    if (cursor[i] != ':') return bad;
    ++i;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(cursor.data() + i, cursor.data() + cursor.size(), v);
    if (ec != std::errc()) return bad;
    values.push_back(v);
    i = static_cast<std::size_t>(p - cursor.data());
  }
  if (values.size() != keys) return bad;
  return values;
}

// Rows after the cursor: (k0 beyond v0) OR (k0 = v0 AND k1 beyond v1) OR ...
std::string keyset_condition(const std::vector<SortKey>& keys, const std::vector<std::int64_t>& values,
                             SqlParams& params) {
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::string term;
    for (std::size_t j = 0; j < i; ++j) term += "s" + std::to_string(j) + " = " + params.add(values[j]) + " AND ";
    term += "s" + std::to_string(i) + (keys[i].descending ? " < " : " > ") + params.add(values[i]);
    out += (out.empty() ? "(" : " OR (") + term + ")";
  }
  return out;
}

Status validate(const CaseFilter& f) {
  for (const auto& s : f.statuses)
    if (!parse_case_status(s)) return Status::error("unknown case status '" + s + "': use open, waiting, resolved or merged");
  if (!f.priority.empty() && !parse_priority(f.priority))
    return Status::error("unknown priority '" + f.priority + "': use low, normal, high or urgent");
  if (!f.sla.empty() && f.sla != "breached" && f.sla != "warning" && f.sla != "ok")
    return Status::error("unknown SLA state '" + f.sla + "': use breached, warning or ok");
  if (!f.sentiment.empty() && f.sentiment != "negative" && f.sentiment != "neutral" && f.sentiment != "positive")
    return Status::error("unknown sentiment '" + f.sentiment + "': use negative, neutral or positive");
  if (f.limit < 1) return Status::error("limit must be at least 1");
  if (f.offset < 0) return Status::error("offset cannot be negative");
  if (!f.cursor.empty() && f.offset > 0) return Status::error("give a cursor or an offset, not both");
  return Status::ok();
}

// The WHERE clause (over cases c) for everything in the filter but paging.
Result<std::string> where_clause(const CaseFilter& f, SqlParams& params) {
  std::vector<std::string> terms;
  if (!f.functions.empty()) terms.push_back("c.function IN " + params.in_list(f.functions));
  if (!f.statuses.empty()) terms.push_back("c.status IN " + params.in_list(f.statuses));
  if (!f.teams.empty()) terms.push_back("c.team IN " + params.in_list(f.teams));
  if (f.assignee == "none") terms.push_back("c.assignee IS NULL");
  else if (!f.assignee.empty()) terms.push_back("c.assignee = " + params.add(f.assignee));
  if (!f.intent.empty()) terms.push_back("c.intent = " + params.add(f.intent));
  if (!f.priority.empty()) terms.push_back("c.priority = " + params.add(f.priority));
  if (!f.source.empty()) terms.push_back("c.source = " + params.add(f.source));
  if (!f.language.empty()) terms.push_back("c.language = " + params.add(f.language));
  if (f.sentiment == "negative") terms.push_back("c.last_sentiment <= -0.05");
  if (f.sentiment == "positive") terms.push_back("c.last_sentiment >= 0.05");
  if (f.sentiment == "neutral") terms.push_back("IFNULL(c.last_sentiment, 0) > -0.05 AND IFNULL(c.last_sentiment, 0) < 0.05");
  if (f.sla == "breached") terms.push_back("c.sla_breaches != 0");
  if (f.sla == "warning") terms.push_back("c.sla_breaches = 0 AND c.sla_warnings != 0");
  if (f.sla == "ok") terms.push_back("c.sla_breaches = 0 AND c.sla_warnings = 0");
  if (f.opened_since) terms.push_back("c.opened_at >= " + params.add(f.opened_since));
  if (f.opened_until) terms.push_back("c.opened_at < " + params.add(f.opened_until));
  if (!f.text.empty()) {
    std::string match = to_fts5_query(f.text);
    if (match.empty()) return Status::error("nothing to search for in '" + f.text + "': give at least one word");
    // Through the post's conversation, so a customer's follow-up or an answer finds the case too.
    terms.push_back(
        "c.id IN (SELECT cc.case_id FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid "
        "JOIN case_conversations cc ON cc.conversation_id = p.conversation_id WHERE posts_fts MATCH " +
        params.add(std::move(match)) + ")");
  }
  std::string out;
  for (const auto& t : terms) out += (out.empty() ? " WHERE " : " AND ") + t;
  return out;
}

PostAuthorView read_author(const sqlite::Statement& st, int col) {
  return {std::string(st.text(col)), std::string(st.text(col + 1)), std::string(st.text(col + 2)),
          st.is_null(col + 3) ? -1 : st.int64(col + 3)};
}

}  // namespace

std::string_view to_string(CaseSort s) {
  switch (s) {
    case CaseSort::opened: return "opened";
    case CaseSort::priority: return "priority";
    case CaseSort::updated: return "updated";
    case CaseSort::sla_due: return "sla_due";
  }
  return "opened";
}

std::optional<CaseSort> parse_case_sort(std::string_view s) {
  for (auto v : {CaseSort::opened, CaseSort::priority, CaseSort::updated, CaseSort::sla_due})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

Result<CasePage> CaseQueries::list(const CaseFilter& f) {
  if (auto s = validate(f); !s) return s;
  SqlParams params;
  auto where = where_clause(f, params);
  if (!where) return where.status();

  CasePage page;
  {
    auto count = db_.prepare("SELECT COUNT(*) FROM cases c" + *where);
    if (!count) return count.status();
    params.bind(*count);
    auto row = count->step();
    if (!row) return row.status();
    page.total = static_cast<std::uint64_t>(count->int64(0));
  }

  const auto keys = sort_keys(f.sort);
  std::string inner = "SELECT " + case_columns("c") +
                      ", substr(p.text, 1, " + std::to_string(kFirstTextChars) + "), length(p.text) > " +
                      std::to_string(kFirstTextChars) +
                      ", IFNULL(a.handle, ''), IFNULL(a.name, ''), IFNULL(a.kind, ''), p.author_followers, NULLIF(" +
                      running_deadline_sql() + ", " + kNoDeadline + ")";
  std::string order;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    inner += ", " + keys[i].expr + " AS s" + std::to_string(i);
    order += (i ? ", s" : " ORDER BY s") + std::to_string(i) + (keys[i].descending ? " DESC" : " ASC");
  }
  inner += " FROM cases c LEFT JOIN posts p ON p.id = c.first_post_id "
           "LEFT JOIN authors a ON a.id = IFNULL(c.author_id, p.author_id)" + *where;
  std::string sql = "SELECT * FROM (" + inner + ")";
  if (!f.cursor.empty()) {
    auto values = parse_cursor(f.cursor, f.sort, keys.size());
    if (!values) return values.status();
    sql += " WHERE " + keyset_condition(keys, *values, params);
  }
  const int limit = std::min(f.limit, kMaxCasePage);
  // One row more than the page shows tells whether another page follows.
  sql += order + " LIMIT " + params.add(static_cast<std::int64_t>(limit) + 1) + " OFFSET " +
         params.add(static_cast<std::int64_t>(f.offset));

  auto st = db_.prepare(sql);
  if (!st) return st.status();
  params.bind(*st);
  constexpr int kExtra = kCaseColumnCount;  // first column after the case's
  std::vector<std::int64_t> last_keys;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_cursor = make_cursor(f.sort, last_keys);
      break;
    }
    CaseListItem item;
    item.c = read_case(*st, 0);
    item.first_text = st->text(kExtra);
    item.first_text_truncated = st->int64(kExtra + 1) != 0;
    item.author = read_author(*st, kExtra + 2);
    if (!st->is_null(kExtra + 6)) item.sla_due = st->int64(kExtra + 6);
    last_keys.clear();
    for (std::size_t i = 0; i < keys.size(); ++i) last_keys.push_back(st->int64(kExtra + 7 + static_cast<int>(i)));
    page.items.push_back(std::move(item));
  }
  return page;
}

Result<CaseDetail> CaseQueries::detail(std::int64_t case_id) {
  CaseDetail d;
  {
    auto st = db_.prepare("SELECT " + case_columns() + " FROM cases WHERE id = ?1");
    if (!st) return st.status();
    st->bind(1, case_id);
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return Status::error("no case " + std::to_string(case_id));
    d.c = read_case(*st);
  }
  {
    // The case's conversations, plus the opening post's own: a merged case has handed its conversations
    // to the case it joined, and threading may have moved the opening post into a parent's conversation.
    auto st = db_.prepare(
        "SELECT p.id, p.conversation_id, p.created_at, p.source, p.external_id, p.kind, p.audience, p.text, "
        "IFNULL(p.url, ''), a.handle, a.name, a.kind, p.author_followers, p.author_id = ?2, "
        "pa.post_id IS NOT NULL, pa.language, pa.sentiment_label, pa.intent, pa.sentiment, pa.intent_confidence, "
        "pa.urgency, pa.spam, pa.entities, r.post_id IS NOT NULL, r.by_staff, r.accepted, r.responder, pa.key_phrases "
        "FROM posts p JOIN authors a ON a.id = p.author_id "
        "LEFT JOIN post_analysis pa ON pa.post_id = p.id "
        "LEFT JOIN case_responses r ON r.post_id = p.id AND r.case_id = ?1 "
        "WHERE p.conversation_id IN (SELECT conversation_id FROM case_conversations WHERE case_id = ?1 "
        "UNION SELECT conversation_id FROM posts WHERE id = ?3) "
        "ORDER BY p.created_at, p.id");
    if (!st) return st.status();
    st->bind(1, case_id).bind(2, d.c.author_id).bind(3, d.c.first_post_id);
    for (;;) {
      auto row = st->step();
      if (!row) return row.status();
      if (!*row) break;
      CasePost p;
      p.id = st->int64(0);
      p.conversation_id = st->int64(1);
      p.created_at = st->int64(2);
      p.source = st->text(3);
      p.external_id = st->text(4);
      p.kind = st->text(5);
      p.audience = st->text(6);
      p.text = st->text(7);
      p.url = st->text(8);
      p.author = read_author(*st, 9);
      p.from_customer = st->int64(13) != 0;
      if (st->int64(14) != 0) {
        PostAnalysisView a;
        a.language = st->text(15);
        a.sentiment_label = st->text(16);
        a.intent = st->text(17);
        a.sentiment = st->real(18);
        a.intent_confidence = st->real(19);
        a.urgency = static_cast<int>(st->int64(20));
        a.spam = st->int64(21) != 0;
        auto text = st->text(22);
        a.entities = json::parse(text.begin(), text.end(), nullptr, false);
        if (!a.entities.is_array()) a.entities = json::array();
        auto phrases = st->text(27);
        a.key_phrases = json::parse(phrases.begin(), phrases.end(), nullptr, false);
        if (!a.key_phrases.is_array()) a.key_phrases = json::array();
        p.analysis = std::move(a);
      }
      p.is_response = st->int64(23) != 0;
      p.by_staff = p.is_response && st->int64(24) != 0;
      p.accepted = p.is_response && st->int64(25) != 0;
      p.responder = st->text(26);
      d.posts.push_back(std::move(p));
    }
  }
  {
    auto st = db_.prepare("SELECT id, at, actor, type, data FROM case_events WHERE case_id = ?1 ORDER BY id");
    if (!st) return st.status();
    st->bind(1, case_id);
    for (;;) {
      auto row = st->step();
      if (!row) return row.status();
      if (!*row) break;
      CaseEvent e;
      e.id = st->int64(0);
      e.case_id = case_id;
      e.at = st->int64(1);
      e.actor = st->text(2);
      e.type = st->text(3);
      auto data = st->text(4);
      e.data = json::parse(data.begin(), data.end(), nullptr, false);
      if (e.data.is_discarded()) e.data = json::object();
      e.function = d.c.function;
      d.events.push_back(std::move(e));
    }
  }
  return d;
}

Result<std::vector<QueueCount>> CaseQueries::queue_counts(const std::vector<std::string>& functions) {
  SqlParams params;
  std::string scope = " WHERE status IN ('open', 'waiting')";
  if (!functions.empty()) scope += " AND function IN " + params.in_list(functions);
  std::vector<QueueCount> out;
  {
    auto st = db_.prepare(
        "SELECT team, SUM(status = 'open'), SUM(status = 'waiting'), SUM(assignee IS NULL), SUM(sla_breaches != 0) "
        "FROM cases" + scope + " GROUP BY team ORDER BY team");
    if (!st) return st.status();
    params.bind(*st);
    for (;;) {
      auto row = st->step();
      if (!row) return row.status();
      if (!*row) break;
      QueueCount q;
      q.team = st->text(0);
      q.open = st->int64(1);
      q.waiting = st->int64(2);
      q.queued = st->int64(3);
      q.breached = st->int64(4);
      out.push_back(std::move(q));
    }
  }
  auto st = db_.prepare("SELECT team, assignee, COUNT(*) FROM cases" + scope +
                        " AND assignee IS NOT NULL GROUP BY team, assignee ORDER BY team, 3 DESC, assignee");
  if (!st) return st.status();
  params.bind(*st);
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    auto team = st->text(0);
    auto it = std::find_if(out.begin(), out.end(), [&](const QueueCount& q) { return q.team == team; });
    if (it != out.end()) it->assignees.push_back({std::string(st->text(1)), st->int64(2)});
  }
  return out;
}

json to_json(const PostAuthorView& a) {
  return {{"handle", a.handle},
          {"name", a.name},
          {"kind", a.kind},
          {"followers", a.followers >= 0 ? json(a.followers) : json(nullptr)}};
}

json to_json(const CaseListItem& item) {
  return {{"case", to_json(item.c)},
          {"first_text", item.first_text},
          {"first_text_truncated", item.first_text_truncated},
          {"author", to_json(item.author)},
          {"sla_due", item.sla_due ? json(*item.sla_due) : json(nullptr)}};
}

json to_json(const CasePage& page) {
  json items = json::array();
  for (const auto& i : page.items) items.push_back(to_json(i));
  return {{"total", page.total},
          {"items", std::move(items)},
          {"next_cursor", page.next_cursor.empty() ? json(nullptr) : json(page.next_cursor)}};
}

json to_json(const CasePost& p) {
  json out = {{"id", p.id},
              {"conversation_id", p.conversation_id},
              {"created_at", p.created_at},
              {"source", p.source},
              {"external_id", p.external_id},
              {"kind", p.kind},
              {"audience", p.audience},
              {"text", p.text},
              {"url", p.url.empty() ? json(nullptr) : json(p.url)},
              {"author", to_json(p.author)},
              {"from_customer", p.from_customer},
              {"analysis", nullptr},
              {"response", nullptr}};
  if (p.analysis) {
    const auto& a = *p.analysis;
    out["analysis"] = {{"language", a.language},     {"sentiment", a.sentiment},
                       {"sentiment_label", a.sentiment_label}, {"intent", a.intent},
                       {"intent_confidence", a.intent_confidence}, {"urgency", a.urgency},
                       {"spam", a.spam},             {"entities", a.entities},
                       {"key_phrases", a.key_phrases}};
  }
  if (p.is_response)
    out["response"] = {{"by_staff", p.by_staff}, {"accepted", p.accepted}, {"responder", p.responder}};
  return out;
}

json to_json(const CaseDetail& d) {
  json posts = json::array(), events = json::array();
  for (const auto& p : d.posts) posts.push_back(to_json(p));
  for (const auto& e : d.events) events.push_back(to_json(e));
  return {{"case", to_json(d.c)}, {"posts", std::move(posts)}, {"events", std::move(events)}};
}

json to_json(const QueueCount& q) {
  json assignees = json::array();
  for (const auto& a : q.assignees) assignees.push_back({{"assignee", a.assignee}, {"active", a.active}});
  return {{"team", q.team},         {"open", q.open},         {"waiting", q.waiting},
          {"queued", q.queued},     {"breached", q.breached}, {"assignees", std::move(assignees)}};
}

json to_json(const std::vector<QueueCount>& counts) {
  json out = json::array();
  for (const auto& q : counts) out.push_back(to_json(q));
  return out;
}

}  // namespace parley::engage
