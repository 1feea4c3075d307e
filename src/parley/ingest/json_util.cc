#include "parley/ingest/json_util.h"

#include <charconv>
#include <vector>

#include "parley/core/utf8.h"

namespace parley::ingest::detail {

std::string_view json_type_name(const element& e) {
  using T = simdjson::dom::element_type;
  switch (e.type()) {
    case T::ARRAY: return "array";
    case T::OBJECT: return "object";
    case T::INT64:
    case T::UINT64: return "integer";
    case T::DOUBLE: return "number";
    case T::STRING: return "string";
    case T::BOOL: return "boolean";
    case T::NULL_VALUE: return "null";
  }
  return "value";
}

std::string describe_parse_error(std::string_view json, simdjson::error_code e) {
  if (e == simdjson::UTF8_ERROR) {
    std::size_t at = first_invalid_utf8(json);
    if (at != std::string_view::npos) return "invalid UTF-8 at byte " + std::to_string(at + 1);
    return "invalid UTF-8";
  }
  if (e == simdjson::DEPTH_ERROR) return "invalid JSON: nested deeper than 1024 levels";
  // Error path only: a plain scan is affordable and tells truncation apart from other damage, which
  // simdjson reports under the same generic codes.
  std::vector<char> open;
  bool in_string = false, escaped = false, underflow = false;
  for (char c : json) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') open.push_back(c);
    else if (c == '}' || c == ']') {
      if (open.empty()) underflow = true;
      else open.pop_back();
    }
  }
  if (!underflow) {
    if (in_string) return "invalid JSON (truncated: unclosed string)";
    if (!open.empty())
      return std::string("invalid JSON (truncated: unclosed ") + (open.back() == '{' ? "object" : "array") + ")";
  }
  return std::string("invalid JSON: ") + simdjson::error_message(e);
}

std::string excerpt(std::string_view value) {
  constexpr std::size_t kMax = 40;
  if (value.size() <= kMax) return std::string(value);
  std::size_t cut = kMax;
  // Never cut inside a UTF-8 sequence: messages must stay valid UTF-8.
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "...";
}

std::string missing_field(std::string_view field) {
  return "missing required field '" + std::string(field) + "'";
}

bool lookup(const simdjson::dom::object& obj, std::string_view key, element& out) {
  auto r = obj.at_key(key);
  if (r.error()) return false;
  out = r.value_unsafe();
  return !out.is_null();
}

bool get_string(const element& e, std::string_view field, std::string& out, std::string& err) {
  if (e.is_null()) return false;
  std::string_view s;
  if (e.get_string().get(s)) {
    err = "field '" + std::string(field) + "' must be a string, got " + std::string(json_type_name(e));
    return false;
  }
  out.assign(s);
  return true;
}

bool get_id(const element& e, std::string_view field, std::string& out, std::string& err) {
  if (e.is_null()) return false;
  std::string_view s;
  if (!e.get_string().get(s)) {
    out.assign(s);
    return true;
  }
  // Digits through to_chars (what std::to_string prints) straight into `out`, keeping its buffer.
  char digits[24];
  std::int64_t i;
  if (!e.get_int64().get(i)) {
    out.assign(digits, std::to_chars(digits, digits + sizeof digits, i).ptr);
    return true;
  }
  std::uint64_t u;
  if (!e.get_uint64().get(u)) {
    out.assign(digits, std::to_chars(digits, digits + sizeof digits, u).ptr);
    return true;
  }
  err = "field '" + std::string(field) + "' must be a string or integer, got " + std::string(json_type_name(e));
  return false;
}

bool get_int(const element& e, std::string_view field, std::int64_t& out, std::string& err) {
  if (e.is_null()) return false;
  if (!e.get_int64().get(out)) return true;
  err = "field '" + std::string(field) + "' must be an integer, got " + std::string(json_type_name(e));
  return false;
}

}  // namespace parley::ingest::detail

namespace parley::ingest::detail {
namespace {

std::string_view ondemand_type_name(simdjson::ondemand::json_type t) {
  using T = simdjson::ondemand::json_type;
  switch (t) {
    case T::array: return "array";
    case T::object: return "object";
    case T::number: return "number";
    case T::string: return "string";
    case T::boolean: return "boolean";
    case T::null: return "null";
  }
  return "value";
}

simdjson::error_code collect_one(simdjson::ondemand::value v, std::vector<RawItem>& out) {
  simdjson::ondemand::json_type t;
  if (auto e = v.type().get(t)) return e;
  RawItem item;
  if (t == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object obj;
    if (auto e = v.get_object().get(obj)) return e;
    if (auto e = obj.raw_json().get(item.raw)) return e;
    item.at = item.raw.data();
  } else {
    const char* at = nullptr;
    if (v.current_location().get(at)) at = nullptr;
    item.at = at;
    item.type = ondemand_type_name(t);
  }
  out.push_back(item);
  return simdjson::SUCCESS;
}

}  // namespace

simdjson::error_code collect_items(simdjson::ondemand::value v, std::vector<RawItem>& out) {
  simdjson::ondemand::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t != simdjson::ondemand::json_type::array) return collect_one(v, out);
  simdjson::ondemand::array arr;
  if (auto e = v.get_array().get(arr)) return e;
  for (auto el : arr) {
    simdjson::ondemand::value item;
    if (auto e = el.get(item)) return e;
    if (auto e = collect_one(item, out)) return e;
  }
  return simdjson::SUCCESS;
}

}  // namespace parley::ingest::detail
