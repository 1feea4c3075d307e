// RFC 4180 CSV rows (quoted fields may hold commas, doubled quotes and newlines), for the ESCO and O*NET
// extracts the taxonomy builder reads. The ingest CSV reader is built around posts and record sinks; this
// one just hands back rows keyed by the header.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "parley/core/status.h"

namespace parley::people {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Column index by header name, or -1.
  int column(std::string_view name) const;
  // rows[r][column(name)], or "" when the column is missing or the row is short.
  const std::string& at(std::size_t r, std::string_view name) const;
};

// Parses the whole text; a UTF-8 byte-order mark is skipped. Errors name the line of an unterminated quote.
Result<CsvTable> parse_csv(std::string_view text);
Result<CsvTable> read_csv_file(const std::string& path);

}  // namespace parley::people
