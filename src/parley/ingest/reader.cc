#include "parley/ingest/reader.h"

#include <cstring>

#include "parley/core/utf8.h"
#include "parley/ingest/input.h"
#include "parley/ingest/json_util.h"
#include "parley/ingest/readers.h"

namespace parley::ingest {
namespace {

using detail::element;
using simdjson::dom::object;

constexpr std::size_t kHeadBytes = 64 << 10;
constexpr std::size_t kBinaryProbeBytes = 4 << 10;

bool has(const object& o, std::string_view key) { return !o.at_key(key).error(); }

bool string_is(const object& o, std::string_view key, std::string_view value) {
  std::string_view s;
  return !o.at_key(key).get_string().get(s) && s == value;
}

bool is_tweet(const element& e) {
  object o;
  return !e.get_object().get(o) && has(o, "author_id");
}

std::optional<Format> classify_object(const object& o) {
  element data;
  if (!o.at_key("data").get(data)) {
    if (has(o, "includes") || has(o, "meta")) {
      if (!string_is(o, "kind", "Listing")) return Format::twitter_v2;
    }
    if (is_tweet(data)) return Format::twitter_v2;
    simdjson::dom::array arr;
    element first;
    if (!data.get_array().get(arr) && !arr.at(0).get(first) && is_tweet(first)) return Format::twitter_v2;
  }
  if (string_is(o, "kind", "Listing") || string_is(o, "kind", "t3") || string_is(o, "kind", "t1"))
    return Format::reddit;
  if ((has(o, "account") && has(o, "content")) || has(o, "ancestors") || has(o, "descendants"))
    return Format::mastodon;
  if (has(o, "source") && has(o, "text")) return Format::jsonl;
  // An X response with no results has only "meta".
  element meta;
  object m;
  if (!o.at_key("meta").get(meta) && !meta.get_object().get(m) && has(m, "result_count")) return Format::twitter_v2;
  return std::nullopt;
}

std::optional<Format> classify(const element& root) {
  object o;
  if (!root.get_object().get(o)) return classify_object(o);
  simdjson::dom::array arr;
  element item;
  if (root.get_array().get(arr) || arr.at(0).get(item)) return std::nullopt;
  auto first = classify(item);
  // Arrays come from Mastodon (timelines) and Reddit (/comments/ pages); a parley JSONL object inside an
  // array is not a format parley reads.
  if (first == Format::mastodon || first == Format::reddit) return first;
  return std::nullopt;
}

// For a document too big for the head: look for the keys each format is known by, with any spacing.
bool has_key(std::string_view s, std::string_view key, std::string_view value = {}) {
  std::string quoted = "\"" + std::string(key) + "\"";
  for (std::size_t pos = s.find(quoted); pos != std::string_view::npos; pos = s.find(quoted, pos + 1)) {
    std::size_t i = pos + quoted.size();
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
    if (i >= s.size() || s[i] != ':') continue;
    if (value.empty()) return true;
    ++i;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
    if (s.substr(i, value.size() + 2) == "\"" + std::string(value) + "\"") return true;
  }
  return false;
}

std::optional<Format> classify_by_keys(std::string_view s) {
  if (has_key(s, "kind", "Listing") || has_key(s, "kind", "t3") || has_key(s, "kind", "t1")) return Format::reddit;
  if (has_key(s, "data") && (has_key(s, "includes") || has_key(s, "author_id"))) return Format::twitter_v2;
  if ((has_key(s, "account") && has_key(s, "content")) || has_key(s, "ancestors") || has_key(s, "descendants"))
    return Format::mastodon;
  return std::nullopt;
}

std::vector<std::string_view> split_header(std::string_view line, char delim) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= line.size()) {
    std::size_t d = line.find(delim, pos);
    if (d == std::string_view::npos) d = line.size();
    std::string_view f = line.substr(pos, d - pos);
    while (!f.empty() && (f.front() == ' ' || f.front() == '"')) f.remove_prefix(1);
    while (!f.empty() && (f.back() == ' ' || f.back() == '"' || f.back() == '\r')) f.remove_suffix(1);
    out.push_back(f);
    pos = d + 1;
  }
  return out;
}

bool header_has_text(std::string_view line, char delim, std::string_view text_column) {
  if (line.find(delim) == std::string_view::npos) return false;
  for (auto f : split_header(line, delim)) {
    if (f.size() != text_column.size()) continue;
    bool eq = true;
    for (std::size_t i = 0; i < f.size() && eq; ++i)
      eq = (f[i] | 0x20) == (text_column[i] | 0x20);
    if (eq) return true;
  }
  return false;
}

std::string_view first_nonblank_line(std::string_view s, bool& complete) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t nl = s.find('\n', pos);
    complete = nl != std::string_view::npos;
    std::size_t end = complete ? nl : s.size();
    std::string_view line = s.substr(pos, end - pos);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) return line;
    pos = end + 1;
  }
  complete = false;
  return {};
}

}  // namespace

std::string_view to_string(Format f) {
  switch (f) {
    case Format::automatic: return "auto";
    case Format::jsonl: return "jsonl";
    case Format::twitter_v2: return "x";
    case Format::mastodon: return "mastodon";
    case Format::reddit: return "reddit";
    case Format::csv: return "csv";
  }
  return "auto";
}

std::optional<Format> parse_format(std::string_view s) {
  if (s == "auto" || s == "automatic") return Format::automatic;
  if (s == "jsonl" || s == "ndjson" || s == "parley") return Format::jsonl;
  if (s == "x" || s == "twitter" || s == "twitter_v2" || s == "twitter-v2") return Format::twitter_v2;
  if (s == "mastodon") return Format::mastodon;
  if (s == "reddit") return Format::reddit;
  if (s == "csv" || s == "tsv") return Format::csv;
  return std::nullopt;
}

namespace detail {

std::optional<Format> detect(std::string_view head, const ReaderOptions& opts, char* csv_delimiter) {
  head = strip_bom(head);
  std::size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return std::nullopt;
  char first = head[start];
  if (first == '{' || first == '[') {
    simdjson::dom::parser parser;
    bool complete = false;
    std::string_view line = first_nonblank_line(head, complete);
    element root;
    simdjson::padded_string padded_line(line);
    if (!parser.parse(padded_line).get(root)) return classify(root);
    simdjson::padded_string padded_head(head);
    if (!parser.parse(padded_head).get(root)) return classify(root);
    // A pretty-printed document cut off by the head limit, or a broken first line.
    return classify_by_keys(head);
  }
  bool complete = false;
  std::string_view line = first_nonblank_line(head, complete);
  auto mapped = opts.csv_columns.find("text");
  std::string_view text_column = mapped != opts.csv_columns.end() ? std::string_view(mapped->second) : "text";
  for (char d : {opts.csv_delimiter, '\t', ';', ','}) {
    if (header_has_text(line, d, text_column)) {
      if (csv_delimiter) *csv_delimiter = d;
      return Format::csv;
    }
  }
  return std::nullopt;
}

}  // namespace detail

std::optional<Format> detect_format(std::string_view head) {
  return detail::detect(head, ReaderOptions{}, nullptr);
}

Status read_input(std::FILE* in, std::string_view name, const ReaderOptions& opts, RecordSink& sink) {
  detail::Input input(in, name);
  input.peek(kHeadBytes);
  if (input.failed()) return input.error_status();
  std::string_view head = input.peeked();
  if (head.empty()) return Status::error("empty file: nothing to ingest");
  std::string_view probe = head.substr(0, kBinaryProbeBytes);
  if (probe.size() >= 2 && (probe.substr(0, 2) == "\xFF\xFE" || probe.substr(0, 2) == "\xFE\xFF"))
    return Status::error("UTF-16 text, not UTF-8; convert it first (iconv -f UTF-16 -t UTF-8)");
  if (looks_binary(probe)) {
    const void* nul = std::memchr(probe.data(), 0, probe.size());
    if (nul)
      return Status::error("binary file (NUL bytes at offset " +
                           std::to_string(static_cast<const char*>(nul) - probe.data()) +
                           "), not a supported text format");
    return Status::error("binary file (control bytes in the first 4 KiB), not a supported text format");
  }
  if (detail::strip_bom(head).find_first_not_of(" \t\r\n") == std::string_view::npos && head.size() < kHeadBytes) {
    return Status::error("empty file: nothing to ingest");
  }

  Format format = opts.format;
  char delimiter = opts.csv_delimiter;
  if (format == Format::automatic) {
    auto found = detail::detect(head, opts, &delimiter);
    if (!found)
      return Status::error(
          "cannot detect the input format: the first record is not parley JSONL, an X API v2 response, "
          "Mastodon statuses, a Reddit listing, or CSV with a header naming a 'text' column; give "
          "--format jsonl|x|mastodon|reddit|csv");
    format = *found;
  }
  switch (format) {
    case Format::jsonl: return detail::read_jsonl(input, sink);
    case Format::csv: return detail::read_csv(input, opts, delimiter, sink);
    case Format::twitter_v2: return detail::read_responses(input, *detail::make_twitter_handler(), sink);
    case Format::mastodon: return detail::read_responses(input, *detail::make_mastodon_handler(), sink);
    case Format::reddit: return detail::read_responses(input, *detail::make_reddit_handler(), sink);
    case Format::automatic: break;
  }
  return Status::error("no reader for this format");
}

}  // namespace parley::ingest
