// The read side of cases: the inbox list with its filters, one case in full (its posts, their analysis,
// which of them are answers, and its history), and the counts behind the inbox tabs. Read-only, over a
// connection of its own: the server gives every request thread one, so reads never wait on the engine's
// writer beyond what SQLite's WAL imposes.
//
// Function scoping is the caller's job to decide and this class's job to apply: the caller passes the
// functions the signed-in user may see (empty = all) and nothing outside them is counted or returned.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/core/status.h"
#include "parley/engage/case_types.h"
#include "parley/store/sqlite/connection.h"

namespace parley::engage {

enum class CaseSort : std::uint8_t {
  opened,    // newest first (default)
  priority,  // urgent first; within a priority the oldest first, as it has waited longest
  updated,   // most recently changed first
  sla_due,   // the earliest running SLA deadline first (overdue ones lead); cases with none last
};
std::string_view to_string(CaseSort s);
std::optional<CaseSort> parse_case_sort(std::string_view s);

struct CaseFilter {
  std::vector<std::string> statuses;   // open | waiting | resolved | merged; any of them; empty = all
  std::vector<std::string> teams;      // any of them; empty = all
  std::vector<std::string> functions;  // scoping: the functions the user may see; empty = all
  std::string assignee;                // "" = anyone, "none" = queued (no assignee), else a handle
  std::string intent, priority, source, language;  // "" = any; source is the channel
  std::string sentiment;               // "" = any; negative | neutral | positive: the customer's latest post
                                       // (last_sentiment; <= -0.05, between, >= 0.05 as VADER's classes)
  std::string sla;                     // "" = any; "breached" (any clock), "warning" (warned, not
                                       // breached), "ok" (neither)
  std::string text;                    // words that must occur in one post of the case (search syntax)
  std::int64_t opened_since = 0, opened_until = 0;  // Unix ms, [since, until); 0 = unbounded
  CaseSort sort = CaseSort::opened;
  int limit = 50;                      // 1..200 (larger is clamped)
  int offset = 0;                      // either an offset ...
  std::string cursor;                  // ... or CasePage::next_cursor of the previous page, not both
};

inline constexpr int kMaxCasePage = 200;
inline constexpr int kFirstTextChars = 280;

struct PostAuthorView {
  std::string handle, name, kind;      // kind: public | customer | employee
  std::int64_t followers = -1;         // as of the post; -1 = unknown
};

struct CaseListItem {
  Case c;
  std::string first_text;              // the opening post's text, at most kFirstTextChars characters
  bool first_text_truncated = false;
  PostAuthorView author;               // the customer, as of the opening post
  std::optional<std::int64_t> sla_due; // the earliest deadline of the clocks running now
};

struct CasePage {
  std::uint64_t total = 0;             // every case matching the filter, not just this page
  std::vector<CaseListItem> items;
  std::string next_cursor;             // "" when there is no further page
};

struct PostAnalysisView {
  std::string language, sentiment_label, intent;
  double sentiment = 0, intent_confidence = 0;
  int urgency = 0;
  bool spam = false;
  nlohmann::json entities = nlohmann::json::array();  // [{"kind", "name"}]
  nlohmann::json key_phrases = nlohmann::json::array();  // ["phrase", ...]
};

struct CasePost {
  std::int64_t id = 0, conversation_id = 0, created_at = 0;
  std::string source, external_id, kind, audience, text, url;
  PostAuthorView author;
  std::optional<PostAnalysisView> analysis;  // nullopt when the post was stored without one
  bool from_customer = false;          // written by the case's customer
  bool is_response = false;            // an answer recorded on this case (case_responses)
  bool by_staff = false, accepted = false;   // for answers: staff or community; accepted community answer
  std::string responder;               // for answers: who gets the credit
};

struct CaseDetail {
  Case c;
  std::vector<CasePost> posts;         // every post of the case's conversations, oldest first
  std::vector<CaseEvent> events;       // the full history, in the order it happened
};

struct AssigneeCount {
  std::string assignee;
  std::int64_t active = 0;             // open or waiting
};

struct QueueCount {
  std::string team;
  std::int64_t open = 0, waiting = 0;  // by status
  std::int64_t queued = 0;             // open or waiting with nobody assigned
  std::int64_t breached = 0;           // open or waiting with any SLA clock breached
  std::vector<AssigneeCount> assignees;  // most loaded first
};

class CaseQueries {
 public:
  explicit CaseQueries(sqlite::Connection& db) : db_(db) {}

  Result<CasePage> list(const CaseFilter& f);
  // An error when the case does not exist. Scoping: the caller checks detail.c.function.
  Result<CaseDetail> detail(std::int64_t case_id);
  // Per team (by name), over open and waiting cases of the given functions (empty = all).
  Result<std::vector<QueueCount>> queue_counts(const std::vector<std::string>& functions);

 private:
  sqlite::Connection& db_;
};

nlohmann::json to_json(const PostAuthorView& a);
nlohmann::json to_json(const CaseListItem& item);
nlohmann::json to_json(const CasePage& page);
nlohmann::json to_json(const CasePost& p);
nlohmann::json to_json(const CaseDetail& d);
nlohmann::json to_json(const QueueCount& q);
nlohmann::json to_json(const std::vector<QueueCount>& counts);

}  // namespace parley::engage
