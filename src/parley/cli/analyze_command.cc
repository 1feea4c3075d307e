// `parley analyze [FILE...|-]`: posts in (any format `ingest` reads, or plain text lines with --lines),
// one JSON line of analysis out per post. Nothing is stored.
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "parley/cli/commands.h"
#include "parley/config/org_config.h"
#include "parley/ingest/reader.h"
#include "parley/text/analyzer.h"
#include "parley/text/simhash.h"
#include "parley/core/utf8.h"
#include <algorithm>
#include <cerrno>
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

std::string_view to_string(text::EntityKind k) {
  switch (k) {
    case text::EntityKind::product: return "product";
    case text::EntityKind::competitor: return "competitor";
    case text::EntityKind::campaign: return "campaign";
    case text::EntityKind::keyword: return "keyword";
  }
  return "keyword";
}

class AnalyzeSink final : public ingest::RecordSink {
 public:
  AnalyzeSink(const text::Analyzer& a, std::vector<bool> want, std::string file)
      : analyzer_(a), want_(std::move(want)), file_(std::move(file)) {}

  void post(Post&& p, std::uint64_t /*line*/) override {
    const text::Analysis a = analyzer_.analyze(p);
    nlohmann::json j = {{"source", p.source}, {"id", p.external_id}};
    auto on = [&](int i) { return want_[static_cast<std::size_t>(i)]; };
    if (on(0)) j["lang"] = a.language;
    if (on(1))
      j["sentiment"] = {{"compound", a.sentiment.compound}, {"label", std::string(text::to_string(a.sentiment.label))}};
    if (on(2))
      j["intent"] = {{"label", std::string(text::to_string(a.intent.label))}, {"confidence", a.intent.confidence}};
    if (on(3)) j["spam"] = a.intent.spam;
    if (on(4)) j["urgency"] = a.urgency;
    if (on(5)) {
      nlohmann::json ents = nlohmann::json::array();
      for (const auto& e : a.entities) ents.push_back({{"kind", std::string(to_string(e.kind))}, {"name", e.name}});
      j["entities"] = std::move(ents);
    }
    if (on(6)) j["key_phrases"] = a.key_phrases;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(a.simhash));
    if (on(7)) j["simhash"] = hex;
    if (on(8)) {
      // Near-duplicates within this run: the id of the earliest post of the group, or null for none.
      const std::uint32_t item = dups_.add(a.simhash);
      ids_.push_back(p.source + "/" + p.external_id);
      const std::uint32_t first = dups_.group(item);
      j["dup_of"] = first == item ? nlohmann::json(nullptr) : nlohmann::json(ids_[first]);
    }
    std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), stdout);
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
  std::vector<text::GazetteerEntry> entities;
  if (!f.config.empty()) {
    auto cfg = load_org_config(f.config);
    if (!cfg) {
      std::cerr << cfg.message() << "\n";
      return kUsageOrIo;
    }
    entities = std::move(cfg->entities);
  }
  auto analyzer = text::Analyzer::create(std::move(entities));
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
