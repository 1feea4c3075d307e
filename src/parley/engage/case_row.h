// Reading a cases row into a Case. Every reader of the table (the inbox list, a case's detail, metrics)
// selects the same columns through case_columns() and maps them with read_case(), so a column added to
// the table is mapped once and cannot be read differently in two places.
#pragma once

#include <string>
#include <string_view>

#include "parley/engage/case_types.h"
#include "parley/store/sqlite/connection.h"

namespace parley::engage {

// The cases columns read_case() expects, comma-separated, each prefixed with "<table>." when `table` is
// not empty (for queries that join cases with other tables).
std::string case_columns(std::string_view table = "");

// How many columns case_columns() lists: the first column after them is first_col + kCaseColumnCount.
inline constexpr int kCaseColumnCount = 41;

// Maps the row the statement is on, starting at column `first_col`. Unknown enum text falls back to the
// default (a row written by a newer parley still reads); malformed JSON in tags / required_skills reads
// as empty.
Case read_case(const sqlite::Statement& st, int first_col = 0);

}  // namespace parley::engage
