// RFC 4180 CSV with a header row. Records normally fit one line and take a copy-free path; only records
// with quotes are unescaped into a scratch buffer, and only quoted newlines make a record span lines.
#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <vector>

#include "parley/core/time.h"
#include "parley/core/utf8.h"
#include "parley/ingest/json_util.h"
#include "parley/ingest/readers.h"

namespace parley::ingest::detail {
namespace {

enum Col { c_id, c_text, c_created_at, c_author, c_author_name, c_author_kind, c_followers, c_source, c_kind,
           c_audience, c_reply_to, c_conversation, c_url, c_lang, kColCount };
constexpr std::array<std::string_view, kColCount> kColNames = {
    "id", "text", "created_at", "author", "author_name", "author_kind", "followers", "source", "kind",
    "audience", "reply_to", "conversation", "url", "lang"};
constexpr Col kRequired[] = {c_id, c_text, c_created_at, c_author};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string too_long(std::size_t n) {
  return "line is " + std::to_string(n) + " bytes, over the 1 MiB limit (kMaxLineBytes)";
}

class RecordParser {
 public:
  RecordParser(LineReader& lines, char delim) : lines_(lines), delim_(delim) {}

  // Reads the next non-blank record. Returns false at the end of input. On a bad record, `error` is set
  // and `start_line` says where it began.
  bool next(std::uint64_t& start_line, std::string& error) {
    error.clear();
    fields_.clear();
    Line line;
    do {
      if (!lines_.next(line)) return false;
    } while (!line.too_long_bytes && trim(line.text).empty());
    start_line = line.number;
    if (line.too_long_bytes) {
      error = too_long(line.too_long_bytes);
      return true;
    }
    if (line.text.find('"') == std::string_view::npos) {
      if (!check_utf8(line, start_line, error)) return true;
      split_plain(line.text);
      return true;
    }
    return parse_quoted(line, start_line, error);
  }

  const std::vector<std::string_view>& fields() const { return fields_; }

 private:
  bool check_utf8(const Line& line, std::uint64_t start, std::string& error) {
    if (is_valid_utf8(line.text)) return true;
    error = "invalid UTF-8 at byte " + std::to_string(first_invalid_utf8(line.text) + 1);
    if (line.number != start) error += " of line " + std::to_string(line.number);
    return false;
  }

  void split_plain(std::string_view s) {
    std::size_t pos = 0;
    for (;;) {
      std::size_t d = s.find(delim_, pos);
      if (d == std::string_view::npos) {
        fields_.push_back(s.substr(pos));
        return;
      }
      fields_.push_back(s.substr(pos, d - pos));
      pos = d + 1;
    }
  }

  bool parse_quoted(Line line, std::uint64_t start, std::string& error) {
    scratch_.clear();
    ends_.clear();
    bool in_quotes = false, field_start = true, after_quote = false;
    for (;;) {
      if (!check_utf8(line, start, error)) return true;
      std::string_view s = line.text;
      for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (in_quotes) {
          if (c != '"') {
            scratch_ += c;
          } else if (i + 1 < s.size() && s[i + 1] == '"') {
            scratch_ += '"';
            ++i;
          } else {
            in_quotes = false;
            after_quote = true;
          }
        } else if (c == delim_) {
          ends_.push_back(scratch_.size());
          field_start = true;
          after_quote = false;
        } else if (field_start && c == '"') {
          in_quotes = true;
          field_start = false;
        } else if (after_quote) {
          if (c == ' ' || c == '\t') continue;  // padding after a closing quote is harmless
          error = "unexpected character after the closing quote of field " + std::to_string(ends_.size() + 1) +
                  " (a quote inside a quoted field must be doubled: \"\")";
          return true;
        } else {
          scratch_ += c;
          field_start = false;
        }
      }
      if (!in_quotes) break;
      // A quoted field continues on the next line.
      if (!lines_.next(line)) {
        error = "unterminated quoted field " + std::to_string(ends_.size() + 1) + " (runs to the end of the input)";
        return true;
      }
      if (line.too_long_bytes || scratch_.size() + line.text.size() > kMaxLineBytes) {
        error = "record is over the 1 MiB limit (kMaxLineBytes); is a quote unbalanced?";
        return true;
      }
      scratch_ += '\n';
    }
    ends_.push_back(scratch_.size());
    std::size_t begin = 0;
    for (std::size_t end : ends_) {
      fields_.push_back(std::string_view(scratch_).substr(begin, end - begin));
      begin = end;
    }
    return true;
  }

  LineReader& lines_;
  char delim_;
  std::vector<std::string_view> fields_;
  std::string scratch_;
  std::vector<std::size_t> ends_;
};

std::optional<std::int64_t> parse_integer(std::string_view s) {
  std::int64_t v;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string parse_time(std::string_view s, std::int64_t& out) {
  s = trim(s);
  if (auto ms = parse_iso8601_ms(s)) {
    out = *ms;
    return {};
  }
  if (auto ms = parse_twitter_legacy_ms(s)) {
    out = *ms;
    return {};
  }
  if (auto n = parse_integer(s); n && *n > 0) {
    // Below 1e11 a value is seconds (1e11 s is the year 5138; 1e11 ms is March 1973).
    if (*n < 100'000'000'000) {
      if (*n > INT64_MAX / 1000) return "field 'created_at' is out of range";
      out = *n * 1000;
    } else {
      out = *n;
    }
    return {};
  }
  return "field 'created_at' is not a date-time (ISO 8601, \"Wed Oct 10 20:19:24 +0000 2018\", or Unix "
         "seconds/milliseconds): '" + excerpt(s) + "'";
}

template <typename Enum, typename Parse>
std::string parse_enum(std::string_view s, std::string_view field, std::string_view allowed, Parse parse,
                       Enum& out) {
  s = trim(s);
  if (s.empty()) return {};
  auto v = parse(s);
  if (!v) return "field '" + std::string(field) + "' must be one of " + std::string(allowed) + "; got '" + excerpt(s) + "'";
  out = *v;
  return {};
}

}  // namespace

Status read_csv(Input& in, const ReaderOptions& opts, char delimiter, RecordSink& sink) {
  for (const auto& [field, column] : opts.csv_columns) {
    if (std::find(kColNames.begin(), kColNames.end(), field) == kColNames.end()) {
      std::string all;
      for (auto n : kColNames) all += (all.empty() ? "" : ", ") + std::string(n);
      return Status::error("unknown parley field '" + field + "' in --map (fields: " + all + ")");
    }
  }
  LineReader lines(in, sink);
  RecordParser records(lines, delimiter);
  std::uint64_t line = 0;
  std::string error;
  if (!records.next(line, error)) {
    return in.failed() ? in.error_status() : Status::error("empty file: nothing to ingest");
  }
  if (!error.empty()) return Status::error("cannot read the CSV header on line " + std::to_string(line) + ": " + error);
  const std::vector<std::string_view>& header = records.fields();
  std::string header_list;
  for (auto h : header) header_list += (header_list.empty() ? "" : ", ") + std::string(trim(h));

  std::array<int, kColCount> col;
  col.fill(-1);
  for (int f = 0; f < kColCount; ++f) {
    auto mapped = opts.csv_columns.find(std::string(kColNames[f]));
    std::string_view want = mapped != opts.csv_columns.end() ? std::string_view(mapped->second) : kColNames[f];
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (iequals(trim(header[i]), want)) {
        col[f] = static_cast<int>(i);
        break;
      }
    }
    if (col[f] < 0 && mapped != opts.csv_columns.end())
      return Status::error("CSV header has no column '" + mapped->second + "' (mapped to '" + std::string(kColNames[f]) +
                           "' with --map); header: " + header_list);
  }
  for (Col f : kRequired) {
    if (col[f] < 0)
      return Status::error("CSV header has no '" + std::string(kColNames[f]) + "' column (header: " + header_list +
                           "); name the column that holds it with --map " + std::string(kColNames[f]) + "=<column>");
  }
  const std::size_t width = header.size();

  while (records.next(line, error)) {
    if (!error.empty()) {
      sink.reject(line, std::move(error));
      continue;
    }
    const auto& v = records.fields();
    if (v.size() != width) {
      sink.reject(line, "row has " + std::to_string(v.size()) + " fields, the header has " + std::to_string(width));
      continue;
    }
    auto get = [&](Col c) { return col[c] < 0 ? std::string_view() : v[static_cast<std::size_t>(col[c])]; };
    Post p;
    std::string err;
    std::string_view source = trim(get(c_source));
    p.source = source.empty() ? opts.csv_source : std::string(source);
    p.external_id = trim(get(c_id));
    p.text = get(c_text);
    std::string_view handle = trim(get(c_author));
    if (!handle.empty() && handle[0] == '@') handle.remove_prefix(1);
    p.author.handle = handle;
    p.author.name = get(c_author_name);
    p.reply_to = trim(get(c_reply_to));
    p.conversation_hint = trim(get(c_conversation));
    p.url = trim(get(c_url));
    p.language = trim(get(c_lang));
    std::string_view followers = trim(get(c_followers));
    bool kind_given = !trim(get(c_kind)).empty();
    if (p.external_id.empty()) err = missing_field("id");
    else if (p.author.handle.empty()) err = missing_field("author");
    else if (trim(get(c_created_at)).empty()) err = missing_field("created_at");
    if (err.empty()) err = parse_time(get(c_created_at), p.created_at_ms);
    if (err.empty() && !followers.empty()) {
      auto n = parse_integer(followers);
      if (!n || *n < 0) err = "field 'followers' must be a non-negative integer, got '" + excerpt(followers) + "'";
      else p.author.followers = *n;
    }
    if (err.empty())
      err = parse_enum(get(c_kind), "kind", "post, reply, comment, dm, review", parse_post_kind, p.kind);
    if (err.empty()) err = parse_enum(get(c_audience), "audience", "public, internal", parse_audience, p.audience);
    if (err.empty())
      err = parse_enum(get(c_author_kind), "author_kind", "customer, public, employee", parse_author_kind, p.author.kind);
    if (err.empty() && !kind_given && !p.reply_to.empty()) p.kind = PostKind::reply;
    if (err.empty()) err = validate(p);
    if (!err.empty()) {
      sink.reject(line, std::move(err));
      continue;
    }
    sink.post(std::move(p), line);
  }
  return in.failed() ? in.error_status() : Status::ok();
}

}  // namespace parley::ingest::detail
