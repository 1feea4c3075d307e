// The seam between the format readers and everything after them. A reader turns the bytes of one input
// (file or stdin) into Posts and Rejections, streaming: it never holds more than one record (or, for
// whole-document API responses, one document) in memory. It does not stop at a bad record; it reports it
// with its line and goes on, so one broken line never costs the rest of the file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "parley/core/post.h"
#include "parley/core/status.h"

namespace parley::ingest {

enum class Format { automatic, jsonl, twitter_v2, mastodon, reddit, csv };

std::string_view to_string(Format f);
std::optional<Format> parse_format(std::string_view s);  // "auto", "jsonl", "x"/"twitter", "mastodon", ...

// Limits are enforced, not assumed: a longer line is rejected with its line number and reading goes on.
inline constexpr std::size_t kMaxLineBytes = 1 << 20;          // 1 MiB per JSONL/CSV line
inline constexpr std::size_t kMaxDocumentBytes = 256u << 20;  // 256 MiB for a whole-file JSON document

struct ReaderOptions {
  Format format = Format::automatic;
  // CSV: parley field -> CSV header name, e.g. {"text","body"}, {"id","tweet_id"}. Fields not mapped are
  // looked up under their own name. See docs/formats.md for the field list.
  std::map<std::string, std::string> csv_columns;
  std::string csv_source = "csv";  // source name given to CSV posts that have no 'source' column
  char csv_delimiter = ',';
};

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // A post that passed parley::validate(). `line` is the 1-based line where its record starts.
  virtual void post(Post&& p, std::uint64_t line) = 0;
  // A record that could not be read. Reading continues after it.
  virtual void reject(std::uint64_t line, std::string reason) = 0;
  // Bytes of the input consumed so far, for progress display. Called now and then, not per record.
  virtual void progress(std::uint64_t /*bytes*/) {}
};

// Reads one input to its end. `name` is what error messages call it (a path, or "-" for stdin).
// Returns a non-ok Status only when the input as a whole cannot be read (I/O error, binary file, empty
// file, unknown format); record-level problems go to sink.reject() instead.
Status read_input(std::FILE* in, std::string_view name, const ReaderOptions& opts, RecordSink& sink);

// Detects the format from the first bytes of an input (at least the first complete record if it fits).
// Returns nullopt when nothing matches.
std::optional<Format> detect_format(std::string_view head);

}  // namespace parley::ingest
