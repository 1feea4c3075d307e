// UTF-8 checks used at every boundary where outside bytes come in.
#pragma once

#include <string>
#include <string_view>

namespace parley {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Byte offset of the first byte that breaks UTF-8 well-formedness, or npos if none.
std::size_t first_invalid_utf8(std::string_view s);

// True when the bytes look like a binary file rather than text: a NUL byte, or many control bytes.
bool looks_binary(std::string_view head);

}  // namespace parley
