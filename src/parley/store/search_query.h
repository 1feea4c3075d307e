// Turns what a user types into a safe FTS5 MATCH expression, so that punctuation in ordinary text
// ("can't", "#outage", "@northwind", "5G?") never becomes a syntax error or an injected operator.
#pragma once

#include <string>
#include <string_view>

namespace parley {

// Words are ANDed; "double quoted text" is a phrase; a trailing '*' on a word is a prefix search; OR
// between words is kept as FTS5's OR; a leading '-' excludes a word (NOT). Returns "" when the input has
// no searchable word.
std::string to_fts5_query(std::string_view user_query);

}  // namespace parley
