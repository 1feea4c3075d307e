// `parley search QUERY`: full-text search over every stored post, best matches first, with snippets.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "parley/cli/commands.h"
#include "parley/cli/post_json.h"
#include "parley/core/time.h"
#include "parley/store/store.h"

namespace parley::cli {
namespace {

struct SearchFlags {
  std::vector<std::string> words;
  std::string source, since, until;
  int limit = 10, offset = 0;
  bool json = false;
};

bool parse_time_flag(const std::string& flag, const std::string& v, std::int64_t& out) {
  if (v.empty()) return true;
  auto t = parse_iso8601_ms(v);
  if (!t) {
    std::cerr << "parley search: " << flag << " expects a date or date-time like 2024-03-05 or "
              << "2024-03-05T14:00:00Z, got '" << v << "'\n";
    return false;
  }
  out = *t;
  return true;
}

int run_search(const Globals& g, const SearchFlags& f) {
  SearchQuery q;
  for (const auto& w : f.words) q.text += (q.text.empty() ? "" : " ") + w;
  q.source = f.source;
  q.limit = f.limit;
  q.offset = f.offset;
  if (!parse_time_flag("--since", f.since, q.since_ms) || !parse_time_flag("--until", f.until, q.until_ms))
    return kUsageOrIo;
  auto store = open_sqlite_store(g.db);
  if (!store) {
    std::cerr << "parley search: " << store.message() << "\n";
    return kUsageOrIo;
  }
  auto r = (*store)->search(q);
  if (!r) {
    std::cerr << "parley search: " << r.message() << "\n";
    return kUsageOrIo;
  }
  if (f.json) {
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& h : r->hits) {
      auto j = to_json(h.stored);
      j["snippet"] = h.snippet;
      j["rank"] = h.rank;
      hits.push_back(std::move(j));
    }
    std::cout << nlohmann::json{{"query", q.text}, {"total", r->total}, {"hits", hits}}.dump() << "\n";
    return kOk;
  }
  std::cout << r->total << " match" << (r->total == 1 ? "" : "es") << " for '" << q.text << "'";
  if (r->total > r->hits.size())
    std::cout << " (showing " << q.offset + 1 << "-" << q.offset + static_cast<int>(r->hits.size()) << ")";
  std::cout << "\n";
  for (const auto& h : r->hits) {
    const Post& p = h.stored.post;
    std::cout << "\n" << format_iso8601_ms(p.created_at_ms) << "  " << p.source << "/" << p.external_id << "  @"
              << p.author.handle << "  (" << to_string(p.kind) << ", conversation " << h.stored.conversation_id
              << ")\n  " << h.snippet << "\n";
  }
  return kOk;
}

}  // namespace

void add_search_command(CLI::App& app, Globals& g) {
  auto f = std::make_shared<SearchFlags>();
  auto* cmd = app.add_subcommand("search", "Full-text search over stored posts");
  cmd->footer(
      "Query: words are ANDed; \"a phrase\" in quotes; refund* matches a prefix; OR between words; -word\n"
      "excludes. Matches are case- and accent-insensitive. Snippets mark matches with [ ].");
  cmd->add_option("query", f->words, "Words to find")->required();
  cmd->add_option("--source", f->source, "Only posts from this source (x, mastodon, reddit, csv, ...)");
  cmd->add_option("--since", f->since, "Only posts created at or after this date-time (ISO 8601)");
  cmd->add_option("--until", f->until, "Only posts created before this date-time (ISO 8601)");
  cmd->add_option("-n,--limit", f->limit, "Matches to show")->capture_default_str()->check(CLI::Range(1, 10000));
  cmd->add_option("--offset", f->offset, "Skip this many matches (paging)")->check(CLI::NonNegativeNumber);
  cmd->add_flag("--json", f->json, "Print results as JSON");
  cmd->callback([&g, f] { g.exit_code = run_search(g, *f); });
}

}  // namespace parley::cli
