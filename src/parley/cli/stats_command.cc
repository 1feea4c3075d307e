// `parley stats`: what the database holds: posts, conversations, authors, threading, by source and kind.
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "parley/cli/commands.h"
#include "parley/cli/progress_bar.h"
#include "parley/core/time.h"
#include "parley/store/store.h"

namespace parley::cli {
namespace {

int run_stats(const Globals& g, bool json) {
  auto store = open_sqlite_store(g.db);
  if (!store) {
    std::cerr << "parley stats: " << store.message() << "\n";
    return kUsageOrIo;
  }
  auto r = (*store)->stats();
  if (!r) {
    std::cerr << "parley stats: " << r.message() << "\n";
    return kUsageOrIo;
  }
  const StoreStats& s = *r;
  auto groups = [](const std::vector<CountBy>& v) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& c : v) j[c.key] = c.count;
    return j;
  };
  if (json) {
    nlohmann::json j = {{"database", g.db},
                        {"posts", s.posts},
                        {"conversations", s.conversations},
                        {"authors", s.authors},
                        {"threaded_replies", s.threaded_replies},
                        {"orphan_replies", s.orphan_replies},
                        {"by_source", groups(s.by_source)},
                        {"by_kind", groups(s.by_kind)},
                        {"by_language", groups(s.by_language)},
                        {"by_audience", groups(s.by_audience)},
                        {"analysed", s.analysed},
                        {"near_duplicates", s.near_duplicates},
                        {"duplicate_groups", s.duplicate_groups},
                        {"by_intent", groups(s.by_intent)},
                        {"by_sentiment", groups(s.by_sentiment)},
                        {"by_detected_language", groups(s.by_detected_language)},
                        {"schema_version", s.schema_version},
                        {"file_bytes", s.file_bytes}};
    if (s.posts) {
      j["first"] = format_iso8601_ms(s.first_ms);
      j["last"] = format_iso8601_ms(s.last_ms);
    }
    std::cout << j.dump() << "\n";
    return kOk;
  }
  auto line = [](const char* label, const std::vector<CountBy>& v) {
    std::printf("  %-14s", label);
    for (std::size_t i = 0; i < v.size(); ++i)
      std::printf("%s%s %llu", i ? ", " : "", v[i].key.c_str(), static_cast<unsigned long long>(v[i].count));
    std::printf("\n");
  };
  std::printf("%s (%s, schema v%llu)\n", g.db.c_str(), human_bytes(s.file_bytes).c_str(),
              static_cast<unsigned long long>(s.schema_version));
  std::printf("  %-14s%llu\n", "posts", static_cast<unsigned long long>(s.posts));
  std::printf("  %-14s%llu\n", "conversations", static_cast<unsigned long long>(s.conversations));
  std::printf("  %-14s%llu\n", "authors", static_cast<unsigned long long>(s.authors));
  std::printf("  %-14s%llu threaded, %llu waiting for their parent\n", "replies",
              static_cast<unsigned long long>(s.threaded_replies), static_cast<unsigned long long>(s.orphan_replies));
  if (s.posts)
    std::printf("  %-14s%s to %s\n", "period", format_iso8601_ms(s.first_ms).c_str(),
                format_iso8601_ms(s.last_ms).c_str());
  line("by source", s.by_source);
  line("by kind", s.by_kind);
  line("by audience", s.by_audience);
  line("by language", s.by_language);
  std::printf("  %-14s%llu posts\n", "analysed", static_cast<unsigned long long>(s.analysed));
  if (s.analysed) {
    line("by intent", s.by_intent);
    line("by sentiment", s.by_sentiment);
    line("detected lang", s.by_detected_language);
    std::printf("  %-14s%llu posts nearly copy an earlier one, in %llu groups\n", "near-dupes",
                static_cast<unsigned long long>(s.near_duplicates), static_cast<unsigned long long>(s.duplicate_groups));
  }
  return kOk;
}

}  // namespace

void add_stats_command(CLI::App& app, Globals& g) {
  auto json = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("stats", "Show what the database holds");
  cmd->add_flag("--json", *json, "Print as JSON");
  cmd->callback([&g, json] { g.exit_code = run_stats(g, *json); });
}

}  // namespace parley::cli
