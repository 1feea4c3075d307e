// What the config parsers share: the error list ("FILE:LINE:COLUMN: message", all of them, in file order),
// "did you mean" suggestions, the unknown-key check and typed getters that report a value of the wrong type
// where it stands. Internal to src/parley/config/.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace parley::config {

class ConfigErrors {
 public:
  explicit ConfigErrors(std::string file) : file_(std::move(file)) {}
  void add(const toml::source_region& at, std::string message);
  void add(const toml::node& at, std::string message) { add(at.source(), std::move(message)); }
  bool empty() const { return errors_.empty(); }
  std::size_t size() const { return errors_.size(); }
  // Every error, sorted by position (stable), one per line.
  std::string joined() const;

 private:
  struct Entry {
    std::uint32_t line = 0, column = 0;
    std::string message;
  };
  std::string file_;
  std::vector<Entry> errors_;
};

// The candidate closest to `word` by edit distance (ignoring case) when it is close enough to be a typo,
// else one that `word` abbreviates or spells out ("monday" -> "mon"), else "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates);
// "; did you mean 'x'?" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);
// "a, b, c" (at most `max` names, then "...").
std::string name_list(const std::vector<std::string>& names, std::size_t max = 12);

// Reports every key of `t` not in `allowed`: "unknown key 'capcity' in [[employees]]; did you mean
// 'capacity'?". `section` names the table as written in the file, e.g. "[[employees]]" or "[rules.when]".
void check_keys(const toml::table& t, const std::vector<std::string>& allowed, std::string_view section,
                ConfigErrors& errors);

// The array of tables `key` of `root` ([[key]]); reports a key that is something else. Empty when absent.
std::vector<const toml::table*> tables_of(const toml::table& root, std::string_view key, ConfigErrors& errors);

// Typed getters. A missing key is nullopt (and an error when `required`); a value of the wrong type is
// reported where it stands and is nullopt.
struct Located {
  std::string value;
  toml::source_region at;
};
std::optional<Located> get_string(const toml::table& t, std::string_view key, std::string_view section,
                                  ConfigErrors& errors, bool required = false);
std::optional<std::int64_t> get_int(const toml::table& t, std::string_view key, std::string_view section,
                                    ConfigErrors& errors);
std::optional<double> get_number(const toml::table& t, std::string_view key, std::string_view section,
                                 ConfigErrors& errors);
std::optional<bool> get_bool(const toml::table& t, std::string_view key, std::string_view section,
                             ConfigErrors& errors);
// A list of non-empty strings; a single string is taken as a list of one. Wrong entries are reported.
std::vector<Located> get_strings(const toml::table& t, std::string_view key, std::string_view section,
                                 ConfigErrors& errors);
// A table (`key = { ... }` or a [section.key] sub-table); nullptr when absent or not a table (reported).
const toml::table* get_table(const toml::table& t, std::string_view key, std::string_view section,
                             ConfigErrors& errors);

}  // namespace parley::config
