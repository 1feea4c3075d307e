#include "parley/engage/knowledge.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "parley/engage/sql_params.h"
#include "parley/store/search_query.h"
#include "parley/text/key_phrases.h"
#include "parley/text/tokenizer.h"

namespace parley::engage {
namespace {

using nlohmann::json;

constexpr const char* kArticleColumns =
    "k.id, k.title, k.body, k.author, k.function, k.case_id, k.post_id, k.created_at, k.uses";
constexpr std::size_t kTitleChars = 80;          // a title taken from a reply's text
constexpr std::size_t kMinTermChars = 3;         // shorter words rarely tell articles apart
constexpr std::size_t kCandidateTerms = 40;      // most frequent words whose spread in the base is looked up
// bm25 weights per knowledge_fts column (title, body): a word in the title says more about the article.
constexpr const char* kRank = "bm25(knowledge_fts, 2.0, 1.0)";

std::size_t utf8_chars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The first line of `text`, cut to at most `max_chars` characters (never inside a UTF-8 sequence).
std::string title_from(std::string_view text, std::size_t max_chars) {
  text = text.substr(0, text.find('\n'));
  std::size_t chars = 0, i = 0;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == max_chars) break;
  }
  return std::string(text.substr(0, i));
}

Article read_article(const sqlite::Statement& st) {
  Article a;
  a.id = st.int64(0);
  a.title = st.text(1);
  a.body = st.text(2);
  a.author = st.text(3);
  a.function = st.text(4);
  if (!st.is_null(5)) a.case_id = st.int64(5);
  if (!st.is_null(6)) a.post_id = st.int64(6);
  a.created_at = st.int64(7);
  a.uses = st.int64(8);
  return a;
}

// Articles of everyone ("") plus those of the functions given; nothing to add when all are visible.
std::string scope_clause(const std::vector<std::string>& functions, SqlParams& params) {
  if (functions.empty()) return "";
  return " AND (k.function = '' OR k.function IN " + params.in_list(functions) + ")";
}

Result<std::int64_t> scalar(sqlite::Connection& db, const std::string& sql, const SqlParams& params) {
  auto st = db.prepare(sql);
  if (!st) return st.status();
  params.bind(*st);
  auto row = st->step();
  if (!row) return row.status();
  return *row ? st->int64(0) : 0;
}

}  // namespace

Result<Article> KnowledgeBase::save(const std::string& title, const std::string& body, const std::string& author,
                                    const std::string& function, std::optional<std::int64_t> case_id,
                                    std::optional<std::int64_t> post_id, std::int64_t now_ms) {
  if (title.empty()) return Status::error("an article needs a title");
  if (body.empty()) return Status::error("an article needs a body");
  if (author.empty()) return Status::error("an article needs an author");
  auto tx = sqlite::Transaction::begin_immediate(db_);
  if (!tx) return tx.status();
  auto st = db_.prepare(
      "INSERT INTO knowledge(title, body, author, function, case_id, post_id, created_at) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!st) return st.status();
  st->bind(1, std::string_view(title)).bind(2, std::string_view(body)).bind(3, std::string_view(author));
  st->bind(4, std::string_view(function)).bind(7, now_ms);
  if (case_id) st->bind(5, *case_id);
  else st->bind_null(5);
  if (post_id) st->bind(6, *post_id);
  else st->bind_null(6);
  if (auto s = st->run(); !s) return s;
  Article a{db_.last_insert_rowid(), title, body, author, function, case_id, post_id, now_ms, 0};
  // knowledge_fts keeps no copy of the text (external content), so its index is fed here, in the same
  // transaction as the row it indexes.
  auto fts = db_.prepare("INSERT INTO knowledge_fts(rowid, title, body) VALUES(?1, ?2, ?3)");
  if (!fts) return fts.status();
  fts->bind(1, a.id).bind(2, std::string_view(title)).bind(3, std::string_view(body));
  if (auto s = fts->run(); !s) return s;
  if (auto s = tx->commit(); !s) return s;
  return a;
}

Result<Article> KnowledgeBase::save_from_reply(std::int64_t post_id, const std::string& title,
                                               const std::string& author_override, std::int64_t now_ms) {
  // The case: the one the post was recorded as an answer on, else the one holding its conversation.
  auto st = db_.prepare(
      "SELECT p.text, a.handle, c.id, c.function FROM posts p JOIN authors a ON a.id = p.author_id "
      "LEFT JOIN cases c ON c.id = IFNULL((SELECT case_id FROM case_responses WHERE post_id = p.id), "
      "(SELECT case_id FROM case_conversations WHERE conversation_id = p.conversation_id)) "
      "WHERE p.id = ?1");
  if (!st) return st.status();
  st->bind(1, post_id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return Status::error("no post " + std::to_string(post_id));
  std::string body(st->text(0));
  std::string author = author_override.empty() ? std::string(st->text(1)) : author_override;
  std::optional<std::int64_t> case_id;
  if (!st->is_null(2)) case_id = st->int64(2);
  std::string function(st->text(3));
  st->reset();
  std::string t = title.empty() ? title_from(body, kTitleChars) : title;
  return save(t, body, author, function, case_id, post_id, now_ms);
}

Result<std::vector<Article>> KnowledgeBase::find(const std::string& match, const std::vector<std::string>& functions,
                                                 int limit, int offset, std::vector<double>* ranks) {
  if (limit < 1) return Status::error("limit must be at least 1");
  if (offset < 0) return Status::error("offset cannot be negative");
  SqlParams params;
  std::string sql = std::string("SELECT ") + kArticleColumns + ", " + (match.empty() ? "0" : kRank);
  if (match.empty()) sql += " FROM knowledge k WHERE 1";
  else sql += " FROM knowledge_fts JOIN knowledge k ON k.id = knowledge_fts.rowid WHERE knowledge_fts MATCH " + params.add(match);
  sql += scope_clause(functions, params);
  sql += match.empty() ? " ORDER BY k.created_at DESC, k.id DESC" : std::string(" ORDER BY ") + kRank + ", k.id";
  sql += " LIMIT " + params.add(static_cast<std::int64_t>(std::min(limit, kMaxKnowledgeResults))) + " OFFSET " +
         params.add(static_cast<std::int64_t>(offset));
  auto st = db_.prepare(sql);
  if (!st) return st.status();
  params.bind(*st);
  std::vector<Article> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    out.push_back(read_article(*st));
    if (ranks) ranks->push_back(st->real(9));
  }
  return out;
}

Result<std::vector<Article>> KnowledgeBase::search(const std::string& words, const std::vector<std::string>& functions,
                                                   int limit) {
  std::string match = to_fts5_query(words);
  if (match.empty()) return Status::error("nothing to search for in '" + words + "': give at least one word");
  return find(match, functions, limit, 0, nullptr);
}

Result<std::vector<Suggestion>> KnowledgeBase::suggest_for_case(std::int64_t case_id,
                                                                const std::vector<std::string>& functions, int limit) {
  std::string language;
  std::int64_t author_id = 0, first_post_id = 0;
  {
    auto st = db_.prepare("SELECT language, IFNULL(author_id, 0), first_post_id FROM cases WHERE id = ?1");
    if (!st) return st.status();
    st->bind(1, case_id);
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return Status::error("no case " + std::to_string(case_id));
    language = st->text(0);
    author_id = st->int64(1);
    first_post_id = st->int64(2);
  }

  // The customer's words: posts of the case's conversations written by its customer (the engine's own
  // test for an inbound post), and the opening post in any case. Answers would only echo the staff.
  struct Term {
    std::string norm;
    std::size_t tf = 0, first_seen = 0;
    double score = 0;
  };
  std::map<std::string, Term> counted;
  {
    auto st = db_.prepare(
        "SELECT text FROM posts WHERE (author_id = ?2 OR id = ?3) AND conversation_id IN "
        "(SELECT conversation_id FROM case_conversations WHERE case_id = ?1 UNION "
        "SELECT conversation_id FROM posts WHERE id = ?3) ORDER BY created_at, id");
    if (!st) return st.status();
    st->bind(1, case_id).bind(2, author_id).bind(3, first_post_id);
    for (;;) {
      auto row = st->step();
      if (!row) return row.status();
      if (!*row) break;
      for (const auto& tok : text::tokenize(st->text(0)).tokens) {
        if (tok.kind != text::TokenKind::word && tok.kind != text::TokenKind::number &&
            tok.kind != text::TokenKind::hashtag)
          continue;
        if (utf8_chars(tok.norm) < kMinTermChars || text::is_stopword(tok.norm, language)) continue;
        Term& t = counted[tok.norm];
        if (t.tf++ == 0) t.norm = tok.norm, t.first_seen = counted.size();
      }
    }
  }
  std::vector<Term> terms;
  for (auto& [norm, t] : counted) terms.push_back(std::move(t));
  auto by_tf = [](const Term& a, const Term& b) { return a.tf != b.tf ? a.tf > b.tf : a.first_seen < b.first_seen; };
  std::sort(terms.begin(), terms.end(), by_tf);
  if (terms.size() > kCandidateTerms) terms.resize(kCandidateTerms);

  // Informative = frequent in the customer's words and rare among the articles the user may see
  // (tf * idf). A word no visible article contains cannot help and is dropped, leaving its place in the
  // query to one that can.
  SqlParams scope_params;
  const std::string scope = scope_clause(functions, scope_params);
  auto visible = scalar(db_, "SELECT COUNT(*) FROM knowledge k WHERE 1" + scope, scope_params);
  if (!visible) return visible.status();
  if (*visible == 0) return std::vector<Suggestion>{};
  std::vector<Term> useful;
  for (auto& t : terms) {
    SqlParams params;
    const std::string match = params.add(to_fts5_query(t.norm));
    auto df = scalar(db_,
                     "SELECT COUNT(*) FROM knowledge_fts JOIN knowledge k ON k.id = knowledge_fts.rowid "
                     "WHERE knowledge_fts MATCH " + match + scope_clause(functions, params),
                     params);
    if (!df) return df.status();
    if (*df == 0) continue;
    t.score = static_cast<double>(t.tf) * std::log(1.0 + static_cast<double>(*visible) / static_cast<double>(*df));
    useful.push_back(std::move(t));
  }
  std::stable_sort(useful.begin(), useful.end(), [](const Term& a, const Term& b) { return a.score > b.score; });
  if (useful.size() > kMaxSuggestTerms) useful.resize(kMaxSuggestTerms);
  if (useful.empty()) return std::vector<Suggestion>{};

  std::string words;
  std::vector<std::string> searched;
  for (const auto& t : useful) {
    words += (words.empty() ? "" : " OR ") + t.norm;
    searched.push_back(t.norm);
  }
  std::vector<double> ranks;
  auto found = find(to_fts5_query(words), functions, limit, 0, &ranks);
  if (!found) return found.status();
  std::vector<Suggestion> out;
  for (std::size_t i = 0; i < found->size(); ++i) out.push_back({std::move((*found)[i]), ranks[i], searched});
  return out;
}

Status KnowledgeBase::record_use(std::int64_t article_id, std::optional<std::int64_t> case_id, const std::string& user,
                                 std::int64_t now_ms) {
  if (user.empty()) return Status::error("a use needs the user's name");
  auto tx = sqlite::Transaction::begin_immediate(db_);
  if (!tx) return tx.status();
  auto up = db_.prepare("UPDATE knowledge SET uses = uses + 1 WHERE id = ?1");
  if (!up) return up.status();
  up->bind(1, article_id);
  if (auto s = up->run(); !s) return s;
  if (db_.changes() == 0) return Status::error("no article " + std::to_string(article_id));
  auto ins = db_.prepare("INSERT INTO knowledge_uses(article_id, case_id, user_name, at) VALUES(?1, ?2, ?3, ?4)");
  if (!ins) return ins.status();
  ins->bind(1, article_id).bind(3, std::string_view(user)).bind(4, now_ms);
  if (case_id) ins->bind(2, *case_id);
  else ins->bind_null(2);
  if (auto s = ins->run(); !s) return s;
  return tx->commit();
}

Result<std::vector<Credit>> KnowledgeBase::credits(const std::vector<std::string>& functions) {
  SqlParams params;
  auto st = db_.prepare("SELECT k.author, COUNT(*), SUM(k.uses) FROM knowledge k WHERE 1" +
                        scope_clause(functions, params) + " GROUP BY k.author ORDER BY 3 DESC, 2 DESC, k.author");
  if (!st) return st.status();
  params.bind(*st);
  std::vector<Credit> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    out.push_back({std::string(st->text(0)), st->int64(1), st->int64(2)});
  }
  return out;
}

Result<Article> KnowledgeBase::get(std::int64_t id) {
  auto st = db_.prepare(std::string("SELECT ") + kArticleColumns + " FROM knowledge k WHERE k.id = ?1");
  if (!st) return st.status();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return Status::error("no article " + std::to_string(id));
  return read_article(*st);
}

Result<std::vector<Article>> KnowledgeBase::list(const std::vector<std::string>& functions, int limit, int offset) {
  return find("", functions, limit, offset, nullptr);
}

json to_json(const Article& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"body", a.body},
          {"author", a.author},
          {"function", a.function},
          {"case_id", a.case_id ? json(*a.case_id) : json(nullptr)},
          {"post_id", a.post_id ? json(*a.post_id) : json(nullptr)},
          {"created_at", a.created_at},
          {"uses", a.uses}};
}

json to_json(const Suggestion& s) {
  return {{"article", to_json(s.article)}, {"rank", s.rank}, {"terms", s.terms}};
}

json to_json(const Credit& c) { return {{"author", c.author}, {"articles", c.articles}, {"uses", c.uses}}; }

}  // namespace parley::engage
