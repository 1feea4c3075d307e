// `parley ingest FILE...|-`: stream posts from files or stdin into the database, with a progress bar on a
// terminal, a summary, and every rejected record reported by file and line.
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "parley/cli/commands.h"
#include "parley/cli/progress_bar.h"
#include "parley/ingest/ingest_job.h"
#include "parley/text/analyzer_from_config.h"

namespace parley::cli {
namespace {

struct IngestFlags {
  std::vector<std::string> inputs;
  std::string format = "auto";
  bool strict = false;
  std::string errors_to;
  std::vector<std::string> maps;
  std::string csv_source = "csv";
  std::string csv_delimiter = ",";
  bool quiet = false;
  bool json = false;
  std::size_t batch = 5000;
  std::string config;
  bool no_analyze = false;
  int shift_days = 0;
};

constexpr int kPrintedRejections = 20;

int run_ingest(const Globals& g, const IngestFlags& f) {
  ingest::IngestOptions opts;
  opts.strict = f.strict;
  opts.batch_size = f.batch;
  opts.shift_ms = static_cast<std::int64_t>(f.shift_days) * 86400000;
  auto fmt = ingest::parse_format(f.format);
  if (!fmt) {
    std::cerr << "parley ingest: unknown --format '" << f.format
              << "' (expected auto, jsonl, x, mastodon, reddit or csv)\n";
    return kUsageOrIo;
  }
  opts.reader.format = *fmt;
  for (const auto& m : f.maps) {
    auto eq = m.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == m.size()) {
      std::cerr << "parley ingest: --map expects FIELD=COLUMN (e.g. text=body), got '" << m << "'\n";
      return kUsageOrIo;
    }
    opts.reader.csv_columns[m.substr(0, eq)] = m.substr(eq + 1);
  }
  opts.reader.csv_source = f.csv_source;
  if (f.csv_delimiter == "\\t" || f.csv_delimiter == "tab") opts.reader.csv_delimiter = '\t';
  else if (f.csv_delimiter.size() == 1) opts.reader.csv_delimiter = f.csv_delimiter[0];
  else {
    std::cerr << "parley ingest: --csv-delimiter must be one character or 'tab'\n";
    return kUsageOrIo;
  }

  std::unique_ptr<std::ofstream> errors_file;
  if (!f.errors_to.empty()) {
    errors_file = std::make_unique<std::ofstream>(f.errors_to);
    if (!*errors_file) {
      std::cerr << "parley ingest: cannot write --errors-to '" << f.errors_to << "': " << std::strerror(errno)
                << "\n";
      return kUsageOrIo;
    }
  }

  std::unique_ptr<text::Analyzer> analyzer;
  if (!f.no_analyze) {
    auto a = text::analyzer_from_config(f.config);
    if (!a) {
      std::cerr << "parley ingest: " << a.message() << "\n";
      return kUsageOrIo;
    }
    analyzer = std::move(*a);
    opts.analyzer = analyzer.get();
  } else if (!f.config.empty()) {
    std::cerr << "parley ingest: --config names entities for the analyser; it has no use with --no-analyze\n";
    return kUsageOrIo;
  }

  auto store = open_sqlite_store(g.db);
  if (!store) {
    std::cerr << "parley ingest: " << store.message() << "\n";
    return kUsageOrIo;
  }

  std::uint64_t total_bytes = 0;
  for (const auto& in : f.inputs) {
    struct stat st {};
    if (in != "-" && ::stat(in.c_str(), &st) == 0 && S_ISREG(st.st_mode)) total_bytes += static_cast<std::uint64_t>(st.st_size);
  }
  ProgressBar bar(total_bytes, !f.quiet && ProgressBar::stderr_is_terminal());

  std::uint64_t printed = 0;
  auto on_reject = [&](const ingest::Rejection& r) {
    std::string where = r.file + (r.line ? ":" + std::to_string(r.line) : std::string());
    if (errors_file) *errors_file << where << ": " << r.reason << "\n";
    if (printed < kPrintedRejections) {
      bar.finish();
      std::cerr << where << ": " << r.reason << "\n";
    }
    ++printed;
  };
  auto on_progress = [&](const ingest::IngestSummary& s) { bar.update(s.bytes, s.read); };
  ingest::IngestJob job(**store, opts, on_reject, on_progress);

  const auto start = std::chrono::steady_clock::now();
  bool io_error = false;
  for (const auto& in : f.inputs) {
    if (job.stopped()) break;
    std::FILE* fp = in == "-" ? stdin : std::fopen(in.c_str(), "rb");
    if (!fp) {
      bar.finish();
      std::cerr << "parley ingest: cannot open '" << in << "': " << std::strerror(errno) << "\n";
      io_error = true;
      continue;
    }
    struct stat st {};
    if (::fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
      bar.finish();
      std::cerr << "parley ingest: '" << in << "' is a directory\n";
      io_error = true;
      if (fp != stdin) std::fclose(fp);
      continue;
    }
    Status s = job.run(fp, in);
    if (std::ferror(fp)) {
      bar.finish();
      std::cerr << "parley ingest: error reading '" << in << "'\n";
      io_error = true;
    }
    if (fp != stdin) std::fclose(fp);
    if (!s) break;
  }
  Status fin = job.finish();
  bar.finish();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto s = job.summary();

  if (f.json) {
    nlohmann::json j = {{"read", s.read},         {"new", s.inserted},     {"updated", s.updated},
                        {"duplicate", s.duplicates}, {"rejected", s.rejected}, {"bytes", s.bytes},
                        {"seconds", secs},        {"ok", fin.is_ok() && !io_error}};
    if (!fin) j["error"] = fin.message();
    std::cout << j.dump() << "\n";
  } else if (!f.quiet || s.rejected || !fin) {
    if (s.rejected > kPrintedRejections)
      std::cerr << "... " << (s.rejected - kPrintedRejections) << " more rejected record(s) not shown"
                << (f.errors_to.empty() ? "; use --errors-to FILE to get them all" : "; all are in " + f.errors_to)
                << "\n";
    std::printf("read %llu  new %llu  updated %llu  duplicate %llu  rejected %llu  (%s in %.2f s, %.0f posts/s)\n",
                static_cast<unsigned long long>(s.read), static_cast<unsigned long long>(s.inserted),
                static_cast<unsigned long long>(s.updated), static_cast<unsigned long long>(s.duplicates),
                static_cast<unsigned long long>(s.rejected), human_bytes(s.bytes).c_str(), secs,
                secs > 0 ? static_cast<double>(s.read) / secs : 0.0);
  }
  if (!fin) {
    std::cerr << "parley ingest: " << fin.message() << "\n"
              << "parley ingest: every batch reported above as stored is committed; run again to continue\n";
    return kUsageOrIo;
  }
  if (io_error) return kUsageOrIo;
  if (s.rejected) return kSomeRejected;
  return kOk;
}

}  // namespace

void add_ingest_command(CLI::App& app, Globals& g) {
  auto f = std::make_shared<IngestFlags>();
  auto* cmd = app.add_subcommand("ingest", "Read posts from files or stdin ('-') into the database");
  cmd->footer(
      "Formats: jsonl (parley's own), x (X API v2 responses), mastodon (status JSON), reddit (listing JSON),\n"
      "csv (header row; map columns with --map). Detected from content unless --format is given.\n"
      "Limits: 1 MiB per line (JSONL, CSV), 256 MiB per whole-file JSON document.\n"
      "Exit codes: 0 all stored, 3 some records rejected (each reported as FILE:LINE: reason; the rest went\n"
      "in), 2 usage or I/O error. See docs/cli.md and docs/formats.md.");
  cmd->add_option("inputs", f->inputs, "Files to read; '-' reads stdin")->required();
  cmd->add_option("-f,--format", f->format, "auto, jsonl, x, mastodon, reddit or csv")->capture_default_str();
  cmd->add_flag("--strict", f->strict, "Stop at the first rejected record (posts before it are kept)");
  cmd->add_option("--errors-to", f->errors_to, "Write every rejected record (FILE:LINE: reason) to this file");
  cmd->add_option("--map", f->maps, "CSV: FIELD=COLUMN, e.g. --map text=Comment --map author=Customer");
  cmd->add_option("--csv-source", f->csv_source, "CSV: source name for rows without a source column")
      ->capture_default_str();
  cmd->add_option("--csv-delimiter", f->csv_delimiter, "CSV: field delimiter (one character, or 'tab')")
      ->capture_default_str();
  cmd->add_option("--batch-size", f->batch, "Posts per transaction")->capture_default_str()->check(CLI::Range(1, 1000000));
  cmd->add_option("--config", f->config,
                  "Organisation config (TOML): its products, competitors and campaigns are matched in each post");
  cmd->add_option("--shift-days", f->shift_days,
                  "Add this many days to every post's time (replay a recorded dataset as if recent)")
      ->check(CLI::Range(-36500, 36500));
  cmd->add_flag("--no-analyze", f->no_analyze, "Store posts without analysing them (faster; no sentiment, intent...)");
  cmd->add_flag("-q,--quiet", f->quiet, "No progress bar, no summary unless something was rejected");
  cmd->add_flag("--json", f->json, "Print the summary as one JSON object");
  cmd->callback([&g, f] { g.exit_code = run_ingest(g, *f); });
}

}  // namespace parley::cli
