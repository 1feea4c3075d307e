// `parley analyze [FILE...|-]`: posts in (any format `ingest` reads, or plain text lines with --lines),
// one JSON line of analysis out per post. Nothing is stored.
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "parley/cli/commands.h"
#include "parley/cli/json_out.h"
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

#include <unistd.h>

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

// "source/id" of every post of the run, for dup_of, in one byte arena: a std::string per post was a
// malloc (ids are longer than the small-string buffer) and ~40 bytes of overhead each.
class PostIds {
 public:
  void add(std::string_view source, std::string_view id) {
    bytes_.append(source);
    bytes_.push_back('/');
    bytes_.append(id);
    ends_.push_back(bytes_.size());
  }
  std::string_view operator[](std::size_t i) const {
    std::size_t begin = i ? ends_[i - 1] : 0;
    return std::string_view(bytes_).substr(begin, ends_[i] - begin);
  }

 private:
  std::string bytes_;
  std::vector<std::size_t> ends_;
};

class AnalyzeSink final : public ingest::RecordSink {
 public:
  AnalyzeSink(const text::Analyzer& a, std::vector<bool> want, std::string file)
      : analyzer_(a), want_(std::move(want)), file_(std::move(file)) {
    // Only the analysis the chosen fields need is computed (kAllFields order).
    using A = text::Analyzer;
    static constexpr unsigned kPartOf[] = {A::kLanguage, A::kSentiment, A::kIntent,     A::kIntent, A::kUrgency,
                                           A::kEntities, A::kKeyPhrases, A::kSimHash, A::kSimHash};
    static_assert(std::size(kPartOf) == 9);
    for (std::size_t i = 0; i < want_.size(); ++i)
      if (want_[i]) parts_ |= kPartOf[i];
  }
  // Lines still gathered when the run is cut short (an exception unwinding) go out as stdio's would have.
  ~AnalyzeSink() override { flush(); }

  void post(Post&& p, std::uint64_t /*line*/) override {
    const text::Analysis a = analyzer_.analyze(p, parts_);
    auto on = [&](int i) { return want_[static_cast<std::size_t>(i)]; };
    // Near-duplicates within this run: the id of the earliest post of the group, or null for none. Added
    // before writing, though "dup_of" is the first key, so every field is written in one pass.
    std::uint32_t item = 0, first = 0;
    if (on(8)) {
      item = dups_.add(a.simhash);
      ids_.add(p.source, p.external_id);
      first = dups_.group(item);
    }
    // Keys in sorted order, as nlohmann's std::map-backed objects print them.
    JsonOut& j = out_;
    j.lit("{");
    if (on(8)) {
      j.key("dup_of");
      if (first == item) j.lit("null");
      else j.string(ids_[first]);
      j.lit(",");
    }
    if (on(5)) {
      j.key("entities");
      j.lit("[");
      for (std::size_t i = 0; i < a.entities.size(); ++i) {
        if (i) j.lit(",");
        j.lit("{");
        j.key("kind");
        j.string(to_string(a.entities[i].kind));
        j.lit(",");
        j.key("name");
        j.string(a.entities[i].name);
        j.lit("}");
      }
      j.lit("],");
    }
    j.key("id");
    j.string(p.external_id);
    j.lit(",");
    if (on(2)) {
      j.key("intent");
      j.lit("{");
      j.key("confidence");
      j.number(a.intent.confidence);
      j.lit(",");
      j.key("label");
      j.string(text::to_string(a.intent.label));
      j.lit("},");
    }
    if (on(6)) {
      j.key("key_phrases");
      j.lit("[");
      for (std::size_t i = 0; i < a.key_phrases.size(); ++i) {
        if (i) j.lit(",");
        j.string(a.key_phrases[i]);
      }
      j.lit("],");
    }
    if (on(0)) {
      j.key("lang");
      j.string(a.language);
      j.lit(",");
    }
    if (on(1)) {
      j.key("sentiment");
      j.lit("{");
      j.key("compound");
      j.number(a.sentiment.compound);
      j.lit(",");
      j.key("label");
      j.string(text::to_string(a.sentiment.label));
      j.lit("},");
    }
    if (on(7)) {
      j.key("simhash");
      j.hex64_string(a.simhash);
      j.lit(",");
    }
    j.key("source");
    j.string(p.source);
    if (on(3)) {
      j.lit(",");
      j.key("spam");
      j.boolean(a.intent.spam);
    }
    if (on(4)) {
      j.lit(",");
      j.key("urgency");
      j.integer(a.urgency);
    }
    j.lit("}\n");
    if (j.size() >= kFlushBytes || line_buffered_) flush();
    ++posts_;
  }
  // Writes the lines gathered so far. Called when enough have piled up, and at the end of the run.
  void flush() {
    if (out_.size()) std::fwrite(out_.view().data(), 1, out_.size(), stdout);
    out_.clear();
  }
  void reject(std::uint64_t line, std::string reason) override {
    if (line_buffered_) flush();  // on a terminal, keep messages next to the lines around them
    std::cerr << file_ << ":" << line << ": " << reason << "\n";
    ++rejected_;
  }
  void set_file(std::string f) { file_ = std::move(f); }
  std::uint64_t posts_ = 0, rejected_ = 0;

 private:
  const text::Analyzer& analyzer_;
  std::vector<bool> want_;
  unsigned parts_ = 0;  // text::Analyzer::Part bits the chosen fields need
  std::string file_;
  text::NearDuplicateIndex dups_;
  PostIds ids_;
  JsonOut out_;
  // Lines go out in blocks of this size: one write() per ~32 KiB rather than one fwrite per line. On a
  // terminal every line goes out at once, as stdio's line buffering did before.
  static constexpr std::size_t kFlushBytes = 32 << 10;
  bool line_buffered_ = isatty(fileno(stdout)) != 0;
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
  sink.flush();
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
