// Byte plumbing shared by the readers: a FILE* that can be peeked without losing bytes (format detection
// reads a head, then the chosen reader starts from byte 0), and a line splitter that never buffers more
// than kMaxLineBytes of one line and hands out views simdjson can parse in place.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "parley/core/status.h"
#include "parley/ingest/reader.h"

namespace parley::ingest::detail {

// Readable bytes every view handed to simdjson must have after its end (simdjson reads whole SIMD blocks).
inline constexpr std::size_t kJsonPadding = 64;

class Input {
 public:
  Input(std::FILE* f, std::string_view name) : f_(f), name_(name) {}

  // Makes at least `n` bytes available in peeked() unless the input ends first.
  void peek(std::size_t n);
  std::string_view peeked() const { return {pending_.data() + pending_pos_, pending_.size() - pending_pos_}; }
  // Copies up to n bytes into dst: peeked bytes first, then the file. Returns 0 only at the end or on error.
  std::size_t read(char* dst, std::size_t n);
  bool failed() const { return failed_; }
  Status error_status() const;
  std::string_view name() const { return name_; }

 private:
  std::FILE* f_;
  std::string_view name_;
  std::string pending_;
  std::size_t pending_pos_ = 0;
  bool failed_ = false;
  int errno_ = 0;
};

struct Line {
  std::string_view text;       // without the line terminator (\n or \r\n); empty when too_long_bytes != 0
  std::uint64_t number = 0;    // 1-based
  std::size_t too_long_bytes = 0;  // length of a line that was skipped for exceeding kMaxLineBytes
};

class LineReader {
 public:
  LineReader(Input& in, RecordSink& sink);
  // Returns false at the end of input (check in.failed() afterwards). The view stays valid, with
  // kJsonPadding readable bytes after it, until the next call.
  bool next(Line& line);

 private:
  bool fill();
  void skip_rest_of_long_line(Line& line);
  void report_progress();

  Input& in_;
  RecordSink& sink_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  std::uint64_t line_no_ = 0;
  std::uint64_t bytes_read_ = 0, next_progress_ = 0;
  bool eof_ = false, at_start_ = true;
  bool last_read_full_ = false;  // the last read got all it asked for: the input is not a small one
};

// Maps byte offsets inside a whole-file document to 1-based line numbers. Cheap when queried in
// increasing order, which is how records appear in a document.
class LineLocator {
 public:
  explicit LineLocator(std::string_view doc) : doc_(doc) {}
  std::uint64_t line_of(const char* p);

 private:
  std::string_view doc_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
};

// Reads the rest of the input into `buf` with kJsonPadding spare bytes after `size`, failing past `limit`.
Status read_all(Input& in, std::size_t limit, std::vector<char>& buf, std::size_t& size, RecordSink& sink);

std::string_view strip_bom(std::string_view s);

}  // namespace parley::ingest::detail
