// The knowledge base: answers worth keeping, written by staff or saved from a good reply (whose author,
// staff or community, gets the credit), found again by full-text search and suggested on new cases from
// the customer's own words. Uses are counted so the people whose answers keep helping can be credited.
//
// Function scoping: an article belongs to a function, or to everyone (""). Calls that take `functions`
// (the functions the user may see; empty = all) return only articles of those functions and everyone's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/core/status.h"
#include "parley/store/sqlite/connection.h"

namespace parley::engage {

struct Article {
  std::int64_t id = 0;
  std::string title, body, author;
  std::string function;                      // "" = everyone
  std::optional<std::int64_t> case_id, post_id;  // where it came from, if anywhere
  std::int64_t created_at = 0;               // Unix ms
  std::int64_t uses = 0;
};

struct Suggestion {
  Article article;
  double rank = 0;                           // bm25, lower is better
  std::vector<std::string> terms;            // the case's words that were searched for
};

struct Credit {
  std::string author;
  std::int64_t articles = 0, uses = 0;       // articles written, and how often they were used in all
};

inline constexpr int kMaxKnowledgeResults = 100;
inline constexpr std::size_t kMaxSuggestTerms = 12;

class KnowledgeBase {
 public:
  explicit KnowledgeBase(sqlite::Connection& db) : db_(db) {}

  // Title, body and author are required.
  Result<Article> save(const std::string& title, const std::string& body, const std::string& author,
                       const std::string& function, std::optional<std::int64_t> case_id,
                       std::optional<std::int64_t> post_id, std::int64_t now_ms);
  // Keeps a reply as an article: the body is the post's text and the author its writer's handle (unless
  // `author_override` names someone else); the case and function are the case the post belongs to, if
  // any. An empty title takes the start of the text.
  Result<Article> save_from_reply(std::int64_t post_id, const std::string& title,
                                  const std::string& author_override, std::int64_t now_ms);

  // Best match first (bm25, a title word counting twice a body word). `words` use the search syntax.
  Result<std::vector<Article>> search(const std::string& words, const std::vector<std::string>& functions,
                                      int limit = 10);
  // Articles for a case, best first. The query is an OR of up to kMaxSuggestTerms words from the posts its
  // customer wrote in its conversations: words, numbers and hashtags of 3+ characters that are not
  // stopwords of the case's language, scored tf * ln(1 + N / df) (tf: in the customer's posts; df: visible
  // articles containing the word, of N visible); words no visible article contains are dropped.
  Result<std::vector<Suggestion>> suggest_for_case(std::int64_t case_id, const std::vector<std::string>& functions,
                                                   int limit = 5);

  // Someone used an article (on a case, or none): counts it and keeps who and when.
  Status record_use(std::int64_t article_id, std::optional<std::int64_t> case_id, const std::string& user,
                    std::int64_t now_ms);
  // Per author, most used first.
  Result<std::vector<Credit>> credits(const std::vector<std::string>& functions = {});

  Result<Article> get(std::int64_t id);
  // Newest first.
  Result<std::vector<Article>> list(const std::vector<std::string>& functions, int limit = 50, int offset = 0);

 private:
  // Articles visible to `functions`: matching the FTS5 expression `match` best first (with their bm25 in
  // `ranks` when given), or newest first when `match` is empty.
  Result<std::vector<Article>> find(const std::string& match, const std::vector<std::string>& functions, int limit,
                                    int offset, std::vector<double>* ranks);
  sqlite::Connection& db_;
};

nlohmann::json to_json(const Article& a);
nlohmann::json to_json(const Suggestion& s);
nlohmann::json to_json(const Credit& c);

}  // namespace parley::engage
