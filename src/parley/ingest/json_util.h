// simdjson DOM helpers shared by the JSON readers, mostly about saying precisely what is wrong with a
// record: users fix their exporters from these messages.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley::ingest::detail {

using simdjson::dom::element;

std::string_view json_type_name(const element& e);

// Turns a simdjson parse failure on `json` into a message: truncation and bad UTF-8 are spelled out
// because they are the common cases (cut-off downloads, Latin-1 exports).
std::string describe_parse_error(std::string_view json, simdjson::error_code e);

// `value` shortened for inclusion in a message.
std::string excerpt(std::string_view value);

// Field readers. They return true when a usable value was stored in `out`; false with `err` empty when
// the field is absent or null; false with `err` set when it has the wrong type.
bool get_string(const element& e, std::string_view field, std::string& out, std::string& err);
// Ids arrive as strings or as integers depending on the exporter; both become the decimal string.
bool get_id(const element& e, std::string_view field, std::string& out, std::string& err);
bool get_int(const element& e, std::string_view field, std::int64_t& out, std::string& err);

// Looks up `key` in `obj`; returns a null-typed element view when it is missing, so callers treat
// "missing" and "null" alike.
bool lookup(const simdjson::dom::object& obj, std::string_view key, element& out);

std::string missing_field(std::string_view field);

}  // namespace parley::ingest::detail

namespace parley::ingest::detail {

// One item of an API response, located by the on-demand pass so that a bad item can be reported at the
// line where it starts, then parsed on its own with the DOM parser.
struct RawItem {
  std::string_view raw;   // the object's JSON text; empty when the item is not an object
  const char* at = nullptr;
  std::string_view type;  // JSON type of a non-object item, for the rejection message
};

// Appends the objects of array `v` (or `v` itself when it is an object) to `out`.
simdjson::error_code collect_items(simdjson::ondemand::value v, std::vector<RawItem>& out);

}  // namespace parley::ingest::detail
