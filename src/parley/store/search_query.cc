#include "parley/store/search_query.h"

#include <vector>

namespace parley {
namespace {

std::string quote(std::string_view term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"') out += "\"\"";
    else out += c;
  }
  out += '"';
  return out;
}

// True if the term holds at least one character the unicode61 tokenizer would keep (a letter or digit;
// every byte >= 0x80 may be part of one). A term of pure punctuation would make an empty phrase.
bool has_token_char(std::string_view t) {
  for (unsigned char c : t)
    if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
  return false;
}

}  // namespace

std::string to_fts5_query(std::string_view q) {
  struct Term {
    std::string text;
    bool phrase = false, prefix = false, negate = false, is_or = false;
  };
  std::vector<Term> terms;
  std::size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && (q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r')) ++i;
    if (i >= q.size()) break;
    Term t;
    if (q[i] == '-' && i + 1 < q.size() && q[i + 1] != ' ') {
      t.negate = true;
      ++i;
    }
    if (q[i] == '"') {
      std::size_t end = q.find('"', i + 1);
      if (end == std::string_view::npos) end = q.size();
      t.text = std::string(q.substr(i + 1, end - i - 1));
      t.phrase = true;
      i = end + 1;
    } else {
      std::size_t end = i;
      while (end < q.size() && q[end] != ' ' && q[end] != '\t' && q[end] != '\n' && q[end] != '\r') ++end;
      t.text = std::string(q.substr(i, end - i));
      i = end;
      if (!t.negate && t.text == "OR") {
        t.is_or = true;
      } else if (t.text.size() > 1 && t.text.back() == '*') {
        t.prefix = true;
        t.text.pop_back();
      }
    }
    if (t.is_or || has_token_char(t.text)) terms.push_back(std::move(t));
  }
  // Assemble: positive terms ANDed (FTS5's implicit AND), OR kept only between two positive terms,
  // negated terms appended as NOT (FTS5 needs a positive left-hand side).
  std::string pos, neg;
  bool pending_or = false;
  for (const auto& t : terms) {
    if (t.is_or) {
      pending_or = !pos.empty();
      continue;
    }
    std::string expr = quote(t.text) + (t.prefix ? "*" : "");
    if (t.negate) {
      neg += " NOT " + expr;
      continue;
    }
    if (!pos.empty()) pos += pending_or ? " OR " : " ";
    pending_or = false;
    pos += expr;
  }
  if (pos.empty()) return "";
  return neg.empty() ? pos : "(" + pos + ")" + neg;
}

}  // namespace parley
