// `parley analyze [FILE...|-]`: posts in (any format `ingest` reads, or plain text lines with --lines),
// one JSON line of analysis out per post. Nothing is stored.
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "parley/cli/commands.h"
#include "parley/text/analyzer_from_config.h"
#include "parley/ingest/reader.h"
#include "parley/text/analyzer.h"
#include "parley/text/simhash.h"
#include "parley/core/utf8.h"
#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstring>

namespace parley::cli {
namespace {

const std::vector<std::string> kAllFields = {"lang",     "sentiment", "intent",      "spam",   "urgency",
                                             "entities", "key_phrases", "simhash", "dup_of"};

struct AnalyzeFlags {
  std::vector<std::string> inputs;
  std::string config;
  std::string fields;
  std::string format = "auto";
  bool lines = false;
};

// The output line, written by hand into one reused buffer: building an nlohmann::json tree per post (a
// std::map node and a string per field) and dumping it cost ~6% of `parley analyze`, plus its share of
// malloc/free. The bytes are the same as nlohmann's dump() (keys in sorted order, numbers in its format,
// the same escapes, invalid UTF-8 replaced by U+FFFD); tests/cli/analyze_cli_test.cc compares the two.
class JsonLine {
 public:
  void clear() { buf_.clear(); }
  const std::string& str() const { return buf_; }
  void raw(std::string_view s) { buf_.append(s); }
  void key(std::string_view k) {  // keys are ASCII literals: no escaping needed
    buf_.push_back('"');
    buf_.append(k);
    buf_.append("\":");
  }
  void string(std::string_view s) {
    if (!needs_care(s)) {
      buf_.push_back('"');
      buf_.append(s);
      buf_.push_back('"');
      return;
    }
    if (!is_valid_utf8(s)) {  // never from ingest (it validates); exact nlohmann behaviour for the odd case
      buf_.append(nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
    }
    buf_.push_back('"');
    for (char ch : s) {
      auto c = static_cast<unsigned char>(ch);
      switch (c) {
        case '"': buf_.append("\\\""); break;
        case '\\': buf_.append("\\\\"); break;
        case '\b': buf_.append("\\b"); break;
        case '\f': buf_.append("\\f"); break;
        case '\n': buf_.append("\\n"); break;
        case '\r': buf_.append("\\r"); break;
        case '\t': buf_.append("\\t"); break;
        default:
          if (c < 0x20) {
            char u[7];
            std::snprintf(u, sizeof u, "\\u%04x", c);
            buf_.append(u, 6);
          } else {
            buf_.push_back(ch);
          }
      }
    }
    buf_.push_back('"');
  }
  void boolean(bool b) { buf_.append(b ? "true" : "false"); }
  void integer(long long v) {
    char t[24];
    auto r = std::to_chars(t, t + sizeof t, v);
    buf_.append(t, r.ptr);
  }
  // Through nlohmann's own number formatter (Grisu2, printf-%g-like layout, ".0" on integral values), so
  // the digits are exactly those dump() printed: std::to_chars is shorter on ~0.2% of values, and a change
  // of output bytes is not worth it. Not finite -> null, as dump() does.
  void number(double v) {
    if (!std::isfinite(v)) {
      buf_.append("null");
      return;
    }
    char t[64];
    char* end = nlohmann::detail::to_chars(t, t + sizeof t, v);
    buf_.append(t, end);
  }

 private:
  // Bytes that need escaping or a UTF-8 check: control characters, '"', '\\' and anything non-ASCII.
  static bool needs_care(std::string_view s) {
    for (char ch : s) {
      auto c = static_cast<unsigned char>(ch);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) return true;
    }
    return false;
  }
  std::string buf_;
};

class AnalyzeSink final : public ingest::RecordSink {
 public:
  AnalyzeSink(const text::Analyzer& a, std::vector<bool> want, std::string file)
      : analyzer_(a), want_(std::move(want)), file_(std::move(file)) {}

  void post(Post&& p, std::uint64_t /*line*/) override {
    const text::Analysis a = analyzer_.analyze(p);
    auto on = [&](int i) { return want_[static_cast<std::size_t>(i)]; };
    // Near-duplicates within this run: the id of the earliest post of the group, or null for none. Added
    // before writing, though "dup_of" is the first key, so every field is written in one pass.
    std::uint32_t item = 0, first = 0;
    if (on(8)) {
      item = dups_.add(a.simhash);
      ids_.push_back(p.source + "/" + p.external_id);
      first = dups_.group(item);
    }
    // Keys in sorted order, as nlohmann's std::map-backed objects print them.
    JsonLine& j = line_;
    j.clear();
    j.raw("{");
    if (on(8)) {
      j.key("dup_of");
      if (first == item) j.raw("null");
      else j.string(ids_[first]);
      j.raw(",");
    }
    if (on(5)) {
      j.key("entities");
      j.raw("[");
      for (std::size_t i = 0; i < a.entities.size(); ++i) {
        if (i) j.raw(",");
        j.raw("{");
        j.key("kind");
        j.string(to_string(a.entities[i].kind));
        j.raw(",");
        j.key("name");
        j.string(a.entities[i].name);
        j.raw("}");
      }
      j.raw("],");
    }
    j.key("id");
    j.string(p.external_id);
    j.raw(",");
    if (on(2)) {
      j.key("intent");
      j.raw("{");
      j.key("confidence");
      j.number(a.intent.confidence);
      j.raw(",");
      j.key("label");
      j.string(text::to_string(a.intent.label));
      j.raw("},");
    }
    if (on(6)) {
      j.key("key_phrases");
      j.raw("[");
      for (std::size_t i = 0; i < a.key_phrases.size(); ++i) {
        if (i) j.raw(",");
        j.string(a.key_phrases[i]);
      }
      j.raw("],");
    }
    if (on(0)) {
      j.key("lang");
      j.string(a.language);
      j.raw(",");
    }
    if (on(1)) {
      j.key("sentiment");
      j.raw("{");
      j.key("compound");
      j.number(a.sentiment.compound);
      j.raw(",");
      j.key("label");
      j.string(text::to_string(a.sentiment.label));
      j.raw("},");
    }
    if (on(7)) {
      char hex[17];
      std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(a.simhash));
      j.key("simhash");
      j.string(hex);
      j.raw(",");
    }
    j.key("source");
    j.string(p.source);
    if (on(3)) {
      j.raw(",");
      j.key("spam");
      j.boolean(a.intent.spam);
    }
    if (on(4)) {
      j.raw(",");
      j.key("urgency");
      j.integer(a.urgency);
    }
    j.raw("}\n");
    std::fwrite(j.str().data(), 1, j.str().size(), stdout);
    ++posts_;
  }
  void reject(std::uint64_t line, std::string reason) override {
    std::cerr << file_ << ":" << line << ": " << reason << "\n";
    ++rejected_;
  }
  void set_file(std::string f) { file_ = std::move(f); }
  std::uint64_t posts_ = 0, rejected_ = 0;

 private:
  const text::Analyzer& analyzer_;
  std::vector<bool> want_;
  std::string file_;
  text::NearDuplicateIndex dups_;
  std::vector<std::string> ids_;
  JsonLine line_;
};

int run_analyze(const AnalyzeFlags& f) {
  std::vector<bool> want(kAllFields.size(), f.fields.empty());
  if (!f.fields.empty()) {
    std::stringstream ss(f.fields);
    std::string name;
    while (std::getline(ss, name, ',')) {
      auto it = std::find(kAllFields.begin(), kAllFields.end(), name);
      if (it == kAllFields.end()) {
        std::cerr << "parley analyze: unknown field '" << name << "' in --fields (choose from";
        for (const auto& k : kAllFields) std::cerr << " " << k;
        std::cerr << ")\n";
        return kUsageOrIo;
      }
      want[static_cast<std::size_t>(it - kAllFields.begin())] = true;
    }
  }
  ingest::ReaderOptions ropts;
  auto fmt = ingest::parse_format(f.format);
  if (!fmt) {
    std::cerr << "parley analyze: unknown --format '" << f.format << "'\n";
    return kUsageOrIo;
  }
  ropts.format = *fmt;
  auto analyzer = text::analyzer_from_config(f.config);
  if (!analyzer) {
    std::cerr << "parley analyze: " << analyzer.message() << "\n";
    return kUsageOrIo;
  }
  AnalyzeSink sink(**analyzer, want, "-");
  std::vector<std::string> inputs = f.inputs.empty() ? std::vector<std::string>{"-"} : f.inputs;
  bool io_error = false;
  for (const auto& in : inputs) {
    std::FILE* fp = in == "-" ? stdin : std::fopen(in.c_str(), "rb");
    if (!fp) {
      std::cerr << "parley analyze: cannot open '" << in << "': " << std::strerror(errno) << "\n";
      io_error = true;
      continue;
    }
    sink.set_file(in);
    if (f.lines) {
      // Plain text, one post per line: the quickest way to try the analyser on a list of texts.
      char* buf = nullptr;
      std::size_t cap = 0;
      ssize_t n;
      std::uint64_t line = 0;
      while ((n = getline(&buf, &cap, fp)) > 0) {
        ++line;
        std::string text(buf, static_cast<std::size_t>(n));
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        if (text.empty()) continue;
        if (!is_valid_utf8(text)) {
          sink.reject(line, "invalid UTF-8");
          continue;
        }
        Post p;
        p.source = "text";
        p.external_id = std::to_string(line);
        p.text = std::move(text);
        sink.post(std::move(p), line);
      }
      std::free(buf);
    } else if (Status s = ingest::read_input(fp, in, ropts, sink); !s) {
      std::cerr << in << ": " << s.message() << "\n";
      ++sink.rejected_;
    }
    if (fp != stdin) std::fclose(fp);
  }
  std::fflush(stdout);
  if (io_error) return kUsageOrIo;
  return sink.rejected_ ? kSomeRejected : kOk;
}

}  // namespace

void add_analyze_command(CLI::App& app, Globals& g) {
  auto f = std::make_shared<AnalyzeFlags>();
  auto* cmd = app.add_subcommand("analyze", "Analyse posts (JSONL out): language, sentiment, intent, urgency, ...");
  cmd->footer(
      "Reads any format `ingest` reads (or plain text lines with --lines) and writes one JSON object per post:\n"
      "source, id and the chosen fields. Nothing is stored. Fields: lang, sentiment {compound, label}, intent\n"
      "{label, confidence}, spam, urgency (0-100), entities [{kind, name}] (needs --config), key_phrases,\n"
      "simhash, dup_of (earliest near-duplicate in this run). docs/analysis.md explains each.");
  cmd->add_option("inputs", f->inputs, "Files to read; '-' or nothing reads stdin");
  cmd->add_option("--config", f->config, "Organisation config (TOML) naming products, competitors, campaigns");
  cmd->add_option("--fields", f->fields, "Comma-separated fields to output (default: all)");
  cmd->add_option("-f,--format", f->format, "Input format, as for ingest")->capture_default_str();
  cmd->add_flag("--lines", f->lines, "Input is plain text, one post per line");
  cmd->callback([&g, f] { g.exit_code = run_analyze(*f); });
}

}  // namespace parley::cli
