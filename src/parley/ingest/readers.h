// Internal seams between read_input() and the per-format readers.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "parley/core/status.h"
#include "parley/ingest/input.h"
#include "parley/ingest/reader.h"

namespace parley::ingest::detail {

// detect_format() with the options that widen it: CSV headers are also recognised by a mapped text
// column, and by tab separation. `csv_delimiter` receives the delimiter the header was split on.
std::optional<Format> detect(std::string_view head, const ReaderOptions& opts, char* csv_delimiter);

Status read_jsonl(Input& in, RecordSink& sink);
Status read_csv(Input& in, const ReaderOptions& opts, char delimiter, RecordSink& sink);

// Where in the file a response sits, so items inside it can be reported at their own line.
struct ResponseLocation {
  std::uint64_t first_line = 1;
  LineLocator* locator = nullptr;  // set for whole-file documents, whose items span many lines
  std::uint64_t line_of(const char* p) const { return locator ? locator->line_of(p) : first_line; }
};

// An API response format (X, Mastodon, Reddit): one response per file, or one per line. The driver has
// already checked that `json` is valid JSON; the handler splits it into items and maps them to Posts.
class ResponseHandler {
 public:
  virtual ~ResponseHandler() = default;
  virtual void handle(std::string_view json, const ResponseLocation& where, RecordSink& sink) = 0;
};

std::unique_ptr<ResponseHandler> make_twitter_handler();
std::unique_ptr<ResponseHandler> make_mastodon_handler();
std::unique_ptr<ResponseHandler> make_reddit_handler();

Status read_responses(Input& in, ResponseHandler& handler, RecordSink& sink);

// True when `s` (possibly with surrounding whitespace) parses as one complete JSON value.
bool is_complete_json(simdjson::dom::parser& parser, std::string_view s);

}  // namespace parley::ingest::detail
