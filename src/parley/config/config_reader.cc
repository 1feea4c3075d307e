#include "parley/config/config_reader.h"

#include <algorithm>
#include <cctype>

namespace parley::config {
namespace {

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "text";
    case toml::node_type::integer: return "a whole number";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::array: return "a list";
    case toml::node_type::table: return "a table";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

std::string wrong_type(std::string_view key, std::string_view section, std::string_view expected,
                       const toml::node& got) {
  return "'" + std::string(key) + "' in " + std::string(section) + " must be " + std::string(expected) + ", not " +
         type_name(got);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

void ConfigErrors::add(const toml::source_region& at, std::string message) {
  errors_.push_back({at.begin.line, at.begin.column, std::move(message)});
}

std::string ConfigErrors::joined() const {
  std::vector<const Entry*> sorted;
  for (const auto& e : errors_) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Entry* a, const Entry* b) {
    return a->line != b->line ? a->line < b->line : a->column < b->column;
  });
  std::string out;
  for (const Entry* e : sorted) {
    if (!out.empty()) out += '\n';
    out += file_ + ":" + std::to_string(e->line) + ":" + std::to_string(e->column) + ": " + e->message;
  }
  return out;
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  // A typo: a letter or two off, depending on the length.
  const std::size_t limit = word.size() <= 3 ? 1 : word.size() <= 6 ? 2 : 3;
  std::string best;
  std::size_t best_d = limit + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_d && d < std::max(word.size(), c.size())) {
      best_d = d;
      best = c;
    }
  }
  // A whole word for its abbreviation or the other way round: "monday" for "mon", "cap" for "capacity".
  auto starts_with = [](std::string_view s, std::string_view prefix) {
    if (prefix.size() < 3 || prefix.size() > s.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
        return false;
    return true;
  };
  for (const auto& c : candidates)
    if (best.empty() && (starts_with(word, c) || starts_with(c, word))) best = c;
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string c = closest(word, candidates);
  return c.empty() ? "" : "; did you mean '" + c + "'?";
}

std::string name_list(const std::vector<std::string>& names, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < max; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > max) out += ", ...";
  return out;
}

void check_keys(const toml::table& t, const std::vector<std::string>& allowed, std::string_view section,
                ConfigErrors& errors) {
  for (const auto& [k, v] : t) {
    const std::string key(k.str());
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string hint = did_you_mean(key, allowed);
    if (hint.empty()) hint = " (expected " + name_list(allowed, 40) + ")";
    errors.add(k.source(), "unknown key '" + key + "' in " + std::string(section) + hint);
  }
}

std::vector<const toml::table*> tables_of(const toml::table& root, std::string_view key, ConfigErrors& errors) {
  std::vector<const toml::table*> out;
  const toml::node* node = root.get(key);
  if (!node) return out;
  const toml::array* arr = node->as_array();
  if (!arr) {
    errors.add(*node, "'" + std::string(key) + "' must be written as [[" + std::string(key) + "]] tables");
    return out;
  }
  for (const toml::node& item : *arr) {
    if (const toml::table* t = item.as_table())
      out.push_back(t);
    else
      errors.add(item, "each entry of '" + std::string(key) + "' must be a table ([[" + std::string(key) + "]])");
  }
  return out;
}

std::optional<Located> get_string(const toml::table& t, std::string_view key, std::string_view section,
                                  ConfigErrors& errors, bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required) errors.add(t, std::string(section) + " needs '" + std::string(key) + "' (a non-empty text)");
    return std::nullopt;
  }
  const auto* s = n->as_string();
  if (!s) {
    errors.add(*n, wrong_type(key, section, "text in quotes", *n));
    return std::nullopt;
  }
  if (s->get().empty()) {
    errors.add(*n, "'" + std::string(key) + "' in " + std::string(section) + " must not be empty");
    return std::nullopt;
  }
  return Located{s->get(), n->source()};
}

std::optional<std::int64_t> get_int(const toml::table& t, std::string_view key, std::string_view section,
                                    ConfigErrors& errors) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (const auto* i = n->as_integer()) return i->get();
  errors.add(*n, wrong_type(key, section, "a whole number", *n));
  return std::nullopt;
}

std::optional<double> get_number(const toml::table& t, std::string_view key, std::string_view section,
                                 ConfigErrors& errors) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (const auto* f = n->as_floating_point()) return f->get();
  if (const auto* i = n->as_integer()) return static_cast<double>(i->get());
  errors.add(*n, wrong_type(key, section, "a number", *n));
  return std::nullopt;
}

std::optional<bool> get_bool(const toml::table& t, std::string_view key, std::string_view section,
                             ConfigErrors& errors) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (const auto* b = n->as_boolean()) return b->get();
  errors.add(*n, wrong_type(key, section, "true or false (without quotes)", *n));
  return std::nullopt;
}

std::vector<Located> get_strings(const toml::table& t, std::string_view key, std::string_view section,
                                 ConfigErrors& errors) {
  std::vector<Located> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  auto one = [&](const toml::node& item) {
    const auto* s = item.as_string();
    if (!s)
      errors.add(item, "every entry of '" + std::string(key) + "' in " + std::string(section) +
                           " must be text in quotes, not " + type_name(item));
    else if (s->get().empty())
      errors.add(item, "entries of '" + std::string(key) + "' in " + std::string(section) + " must not be empty");
    else
      out.push_back({s->get(), item.source()});
  };
  if (n->is_string()) {
    one(*n);
  } else if (const toml::array* a = n->as_array()) {
    for (const toml::node& item : *a) one(item);
  } else {
    errors.add(*n, wrong_type(key, section, "a list of texts, like [\"a\", \"b\"]", *n));
  }
  return out;
}

const toml::table* get_table(const toml::table& t, std::string_view key, std::string_view section,
                             ConfigErrors& errors) {
  const toml::node* n = t.get(key);
  if (!n) return nullptr;
  if (const toml::table* sub = n->as_table()) return sub;
  errors.add(*n, wrong_type(key, section, "a table, like { a = 1 }", *n));
  return nullptr;
}

}  // namespace parley::config
