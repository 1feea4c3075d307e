// Bind parameters for SQL assembled from optional filters: each filter that is set appends a clause and
// its values, and the values are bound afterwards in one go. Values live in a deque because
// Statement::bind does not copy text: elements of a deque stay where they are as more are appended.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <variant>
#include <vector>

#include "parley/store/sqlite/connection.h"

namespace parley::engage {

class SqlParams {
 public:
  // Each returns the placeholder ("?7") to splice into the SQL.
  std::string add(std::int64_t v) {
    values_.emplace_back(v);
    return placeholder();
  }
  std::string add(std::string v) {
    values_.emplace_back(std::move(v));
    return placeholder();
  }
  // "(?3, ?4)" for a non-empty list of values.
  std::string in_list(const std::vector<std::string>& values) {
    std::string out = "(";
    for (const auto& v : values) {
      if (out.size() > 1) out += ", ";
      out += add(v);
    }
    return out + ")";
  }
  std::size_t size() const { return values_.size(); }

  // Binds the first `count` values (all by default): a statement that uses only the leading filters, such
  // as a COUNT(*) before the paging values were added, binds only those.
  void bind(sqlite::Statement& st, std::size_t count = SIZE_MAX) const {
    for (std::size_t i = 0; i < values_.size() && i < count; ++i) {
      const int n = static_cast<int>(i) + 1;
      if (const auto* v = std::get_if<std::int64_t>(&values_[i])) st.bind(n, *v);
      else st.bind(n, std::string_view(std::get<std::string>(values_[i])));
    }
  }

 private:
  std::string placeholder() const { return "?" + std::to_string(values_.size()); }
  std::deque<std::variant<std::int64_t, std::string>> values_;
};

}  // namespace parley::engage
