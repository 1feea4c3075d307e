#include "parley/people/csv_rows.h"

#include <fstream>
#include <sstream>

namespace parley::people {

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

const std::string& CsvTable::at(std::size_t r, std::string_view name) const {
  static const std::string empty;
  int c = column(name);
  if (c < 0 || r >= rows.size() || static_cast<std::size_t>(c) >= rows[r].size()) return empty;
  return rows[r][static_cast<std::size_t>(c)];
}

Result<CsvTable> parse_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::vector<std::string>> all;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  std::size_t line = 1, quote_line = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') { field.push_back('"'); ++i; }
        else quoted = false;
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') { quoted = true; quote_line = line; any = true; continue; }
    if (c == ',') { row.push_back(std::move(field)); field.clear(); any = true; continue; }
    if (c == '\r') continue;
    if (c == '\n') {
      ++line;
      if (any || !field.empty()) { row.push_back(std::move(field)); all.push_back(std::move(row)); }
      field.clear();
      row.clear();
      any = false;
      continue;
    }
    field.push_back(c);
    any = true;
  }
  if (quoted) return Status::error("line " + std::to_string(quote_line) + ": quote never closed");
  if (any || !field.empty()) { row.push_back(std::move(field)); all.push_back(std::move(row)); }
  if (all.empty()) return Status::error("no header line");
  CsvTable t;
  t.header = std::move(all.front());
  t.rows.assign(std::make_move_iterator(all.begin() + 1), std::make_move_iterator(all.end()));
  return t;
}

Result<CsvTable> read_csv_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::error(path + ": cannot open");
  std::stringstream ss;
  ss << f.rdbuf();
  auto t = parse_csv(ss.str());
  if (!t) return Status::error(path + ": " + t.message());
  return t;
}

}  // namespace parley::people
