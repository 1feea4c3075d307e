// The driver for API response formats. Harvesters store responses either as the API returned them (one
// pretty-printed document per file) or as JSONL (one response per line); the mode is chosen from the
// first lines, so neither needs a flag.
#include <algorithm>
#include <string>
#include <vector>

#include "parley/ingest/json_util.h"
#include "parley/ingest/readers.h"

namespace parley::ingest::detail {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// Line mode when the first non-blank line is a complete JSON value on its own. A broken first line must
// not turn a JSONL file into one giant (invalid) document, so a complete second line also decides for line
// mode, unless the first line is a lone bracket, which is how pretty-printed documents open.
bool choose_line_mode(Input& in) {
  // Peek only as far as needed: usually the first 64 KiB already hold two lines.
  const std::size_t max_want = 2 * (kMaxLineBytes + 2) + 3;
  std::size_t want = 64 << 10;
  for (;;) {
    in.peek(want);
    std::string_view v = in.peeked();
    std::size_t first = v.find('\n');
    if (v.size() < want || want >= max_want ||
        (first != std::string_view::npos && v.find('\n', first + 1) != std::string_view::npos))
      break;
    want = std::min(want * 4, max_want);
  }
  std::string_view view = strip_bom(in.peeked());
  const bool at_eof = in.peeked().size() < want;
  simdjson::dom::parser parser;
  std::string_view lines[2];
  int found = 0;
  std::size_t pos = 0;
  while (found < 2 && pos < view.size()) {
    std::size_t nl = view.find('\n', pos);
    if (nl == std::string_view::npos && !at_eof) break;  // incomplete line: longer than we looked at
    std::size_t end = nl == std::string_view::npos ? view.size() : nl;
    std::string_view line = trim(view.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) continue;
    if (line.size() > kMaxLineBytes) break;
    lines[found++] = line;
  }
  if (found == 0) return false;
  if (is_complete_json(parser, lines[0])) return true;
  if (found == 2 && lines[0] != "{" && lines[0] != "[" && is_complete_json(parser, lines[1])) return true;
  return false;
}

}  // namespace

bool is_complete_json(simdjson::dom::parser& parser, std::string_view s) {
  simdjson::padded_string padded(s);
  return !parser.parse(padded).error();
}

Status read_responses(Input& in, ResponseHandler& handler, RecordSink& sink) {
  simdjson::dom::parser validator;
  if (choose_line_mode(in)) {
    LineReader lines(in, sink);
    Line line;
    while (lines.next(line)) {
      if (line.too_long_bytes) {
        sink.reject(line.number, "line is " + std::to_string(line.too_long_bytes) +
                                     " bytes, over the 1 MiB limit (kMaxLineBytes)");
        continue;
      }
      std::string_view t = trim(line.text);
      if (t.empty()) continue;
      auto err = validator.parse(line.text.data(), line.text.size(), false).error();
      if (err) {
        sink.reject(line.number, describe_parse_error(line.text, err));
        continue;
      }
      handler.handle(line.text, ResponseLocation{line.number, nullptr}, sink);
    }
    return in.failed() ? in.error_status() : Status::ok();
  }

  std::vector<char> buf;
  std::size_t size = 0;
  if (Status s = read_all(in, kMaxDocumentBytes, buf, size, sink); !s) return s;
  std::string_view doc = strip_bom({buf.data(), size});
  auto err = validator.parse(doc.data(), doc.size(), false).error();
  if (err) return Status::error(describe_parse_error(doc, err) + " (the file is read as one JSON document)");
  LineLocator locator({buf.data(), size});
  handler.handle(doc, ResponseLocation{1, &locator}, sink);
  return Status::ok();
}

}  // namespace parley::ingest::detail
