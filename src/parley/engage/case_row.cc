#include "parley/engage/case_row.h"

#include <algorithm>
#include <array>

namespace parley::engage {
namespace {

// Schema order (migration 3), so the list is easy to check against the table.
constexpr std::array<const char*, kCaseColumnCount> kColumns = {
    "id",                 "kind",               "status",            "team",
    "function",           "priority",           "assignee",          "assign_reason",
    "rule",               "sla_policy",         "tags",              "required_skills",
    "source",             "audience",           "intent",            "language",
    "urgency",            "author_id",          "first_post_id",     "opened_at",
    "updated_at",         "first_response_at",  "last_inbound_at",   "last_response_at",
    "resolved_at",        "resolved_by",        "first_sentiment",   "last_sentiment",
    "reopens",            "csat",               "merged_into",       "waiting_since",
    "first_response_due", "next_response_due",  "resolution_due",    "first_response_warn",
    "next_response_warn", "resolution_warn",    "last_inbound_post", "sla_breaches",
    "sla_warnings"};
// A short initializer list would leave null names at the end rather than fail to compile.
static_assert(std::ranges::none_of(kColumns, [](const char* c) { return c == nullptr; }));

std::optional<std::int64_t> opt_int(const sqlite::Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return st.int64(col);
}

std::optional<double> opt_real(const sqlite::Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return st.real(col);
}

CaseKind parse_kind(std::string_view s) {
  for (auto k : {CaseKind::case_, CaseKind::acknowledge, CaseKind::internal_question})
    if (to_string(k) == s) return k;
  return CaseKind::case_;
}

nlohmann::json parse_json(std::string_view s) {
  return nlohmann::json::parse(s.begin(), s.end(), nullptr, /*allow_exceptions=*/false);
}

}  // namespace

std::string case_columns(std::string_view table) {
  std::string out;
  for (const char* c : kColumns) {
    if (!out.empty()) out += ", ";
    if (!table.empty()) out.append(table).push_back('.');
    out += c;
  }
  return out;
}

Case read_case(const sqlite::Statement& st, int f) {
  Case c;
  c.id = st.int64(f + 0);
  c.kind = parse_kind(st.text(f + 1));
  c.status = parse_case_status(st.text(f + 2)).value_or(CaseStatus::open);
  c.team = st.text(f + 3);
  c.function = st.text(f + 4);
  c.priority = parse_priority(st.text(f + 5)).value_or(Priority::normal);
  c.assignee = st.text(f + 6);
  c.assign_reason = st.text(f + 7);
  c.rule = st.text(f + 8);
  c.sla_policy = st.text(f + 9);
  if (auto tags = parse_json(st.text(f + 10)); tags.is_array())
    for (const auto& t : tags)
      if (t.is_string()) c.tags.push_back(t.get<std::string>());
  if (auto skills = parse_json(st.text(f + 11)); skills.is_object())
    for (const auto& [k, v] : skills.items())
      if (v.is_number_integer()) c.required_skills[k] = v.get<int>();
  c.source = st.text(f + 12);
  c.audience = st.text(f + 13);
  c.intent = st.text(f + 14);
  c.language = st.text(f + 15);
  c.urgency = static_cast<int>(st.int64(f + 16));
  c.author_id = st.int64(f + 17);
  c.first_post_id = st.int64(f + 18);
  c.opened_at = st.int64(f + 19);
  c.updated_at = st.int64(f + 20);
  c.first_response_at = opt_int(st, f + 21);
  c.last_inbound_at = opt_int(st, f + 22);
  c.last_response_at = opt_int(st, f + 23);
  c.resolved_at = opt_int(st, f + 24);
  c.resolved_by = st.text(f + 25);
  c.first_sentiment = opt_real(st, f + 26);
  c.last_sentiment = opt_real(st, f + 27);
  c.reopens = static_cast<int>(st.int64(f + 28));
  if (!st.is_null(f + 29)) c.csat = static_cast<int>(st.int64(f + 29));
  c.merged_into = opt_int(st, f + 30);
  c.waiting_since = opt_int(st, f + 31);
  for (int k = 0; k < 3; ++k) {
    c.due[k] = opt_int(st, f + 32 + k);
    c.warn[k] = opt_int(st, f + 35 + k);
  }
  c.last_inbound_post = opt_int(st, f + 38);
  c.sla_breaches = static_cast<int>(st.int64(f + 39));
  c.sla_warnings = static_cast<int>(st.int64(f + 40));
  return c;
}

}  // namespace parley::engage
