// Per-post cost of what the engage layer adds after analysis: routing (the demo organisation's ordered
// rules, data/demo/org.toml) and skills-based assignment over a team of 1,000 employees, alone and
// together. The serving benchmark (bench/serve/run) measures the whole webhook; this isolates the two pure
// functions, so their share of a request's budget is known. See docs/benchmarks.md, "Serving".
//
//   build/route_assign_bench [--benchmark_filter=...] [--benchmark_repetitions=3]
//
// Posts: the 1,236 demo posts (data/demo/posts.jsonl), analysed once outside the timed loops by the same
// Analyzer the server uses, so the rules see real intents, languages, urgencies and entities.
// Team: 1,000 generated employees (fixed seed, so every run sees the same team) with 2-6 skills from the
// demo's vocabulary plus a few more, levels 1-5, English and 0-2 other languages, capacity 3-15, a random
// load and 80% on shift. Requests require 2 skills and a language, as a routed case does.
// Counters: "per_post" is seconds per post (SI prefix: 850n = 850 ns); "eligible" the average number of
// candidates that could take the case.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "parley/config/engage_model.h"
#include "parley/config/org_config.h"
#include "parley/core/data_dir.h"
#include "parley/engage/assignment.h"
#include "parley/engage/business_clock.h"
#include "parley/engage/router.h"
#include "parley/ingest/reader.h"
#include "parley/text/analyzer.h"

namespace {

using namespace parley;

constexpr int kEmployees = 1000;
constexpr std::int64_t kNowMs = 1795100400000LL;  // 2026-11-19 (a Thursday) 15:00 UTC: New York and Madrid at work

struct Collect final : ingest::RecordSink {
  std::vector<Post> posts;
  void post(Post&& p, std::uint64_t) override { posts.push_back(std::move(p)); }
  void reject(std::uint64_t, std::string) override {}
};

[[noreturn]] void die(const std::string& what) {
  std::cerr << "route_assign_bench: " << what << "\n";
  std::exit(2);
}

struct Fixture {
  OrgConfig config;
  std::vector<Post> posts;
  std::vector<text::Analysis> analyses;
  std::vector<EmployeeDef> team;            // the 1,000 generated employees
  std::vector<engage::Candidate> candidates;  // their state now
  std::vector<engage::AssignRequest> requests;
  std::vector<engage::BusinessClock> clocks;  // one per demo calendar, for the with-shifts variant
  std::vector<int> clock_of;                 // employee -> index into clocks

  Fixture() {
    auto cfg = load_org_config(data_path("demo/org.toml"));
    if (!cfg) die(cfg.message());
    config = std::move(*cfg);

    std::string file = data_path("demo/posts.jsonl");
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) die("cannot open " + file);
    Collect c;
    ingest::ReaderOptions o;
    o.format = ingest::Format::jsonl;
    Status st = ingest::read_input(f, file, o, c);
    std::fclose(f);
    if (!st) die(st.message());
    if (c.posts.empty()) die("no posts in " + file);
    posts = std::move(c.posts);
    auto analyzer = text::Analyzer::create(config.entities);
    if (!analyzer) die(analyzer.message());
    for (const auto& p : posts) analyses.push_back((*analyzer)->analyze(p));

    // The team. std::mt19937_64's output is fixed by the standard; the distributions are not, so draws
    // are taken modulo by hand and the team is the same with every standard library.
    std::mt19937_64 rng(20261122);
    auto pick = [&rng](std::uint64_t n) { return static_cast<int>(rng() % n); };
    const std::vector<std::string> skills = {
        "crisis",  "billing",  "refunds",  "spanish",        "portuguese",    "german",   "french",
        "device-support", "outages",  "network", "copywriting", "community-management", "content",
        "product-feedback", "hr-policy", "retention", "business-accounts", "roaming", "porting", "fiber-install"};
    const std::vector<std::string> languages = {"es", "pt", "de", "fr", "it", "ja", "ar"};
    team.reserve(kEmployees);
    for (int i = 0; i < kEmployees; ++i) {
      EmployeeDef e;
      char handle[32];
      std::snprintf(handle, sizeof handle, "agent%04d", i);
      e.handle = handle;
      e.name = "Agent " + std::to_string(i);
      e.teams = {"care-en"};
      for (int k = 2 + pick(5); k > 0; --k) e.skills[skills[static_cast<std::size_t>(pick(skills.size()))]] = 1 + pick(5);
      if (pick(10) != 0) e.languages.push_back("en");
      for (int k = pick(3); k > 0; --k) {
        const std::string& l = languages[static_cast<std::size_t>(pick(languages.size()))];
        if (std::find(e.languages.begin(), e.languages.end(), l) == e.languages.end()) e.languages.push_back(l);
      }
      e.capacity = 3 + pick(13);
      team.push_back(std::move(e));
    }
    for (const auto& e : team) {
      engage::Candidate cand;
      cand.employee = &e;
      cand.open_cases = pick(static_cast<std::uint64_t>(e.capacity) + 1);  // some are full
      cand.last_assigned_ms = pick(4) == 0 ? 0 : kNowMs - static_cast<std::int64_t>(pick(3 * 3600)) * 1000;
      cand.on_shift = pick(5) != 0;
      candidates.push_back(cand);
    }
    // Requests as a routed case makes them: two skills and the post's language.
    const std::vector<std::pair<std::map<std::string, int>, std::string>> shapes = {
        {{{"billing", 3}, {"refunds", 2}}, "en"},  {{{"crisis", 3}, {"spanish", 3}}, "es"},
        {{{"network", 4}, {"outages", 2}}, "en"}, {{{"device-support", 2}, {"portuguese", 3}}, "pt"},
        {{{"billing", 2}, {"french", 3}}, "fr"},  {{{"crisis", 3}, {"network", 3}}, "en"},
        {{{"refunds", 3}, {"spanish", 4}}, "es"}, {{{"device-support", 3}, {"german", 2}}, "de"}};
    for (const auto& [req_skills, lang] : shapes) {
      engage::AssignRequest r;
      r.required_skills = req_skills;
      r.language = lang;
      requests.push_back(r);
    }
    // Calendars for the with-shifts variant, as the case engine checks each candidate's hours.
    for (const auto& cal : config.engage.calendars) {
      auto bc = engage::BusinessClock::make(cal);
      if (!bc) die(bc.message());
      clocks.push_back(std::move(*bc));
    }
    if (clocks.empty()) clocks.push_back(engage::BusinessClock::always_open());
    for (int i = 0; i < kEmployees; ++i) clock_of.push_back(pick(clocks.size()));
  }
};

const Fixture& fx() {
  static const Fixture f;
  return f;
}

void per_post(benchmark::State& state, std::size_t n) {
  state.counters["per_post"] = benchmark::Counter(static_cast<double>(n) * static_cast<double>(state.iterations()),
                                                  benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// The request a routed case makes: the rule's skills, else two of the fixture's; the post's language.
engage::AssignRequest request_for(const Fixture& f, const engage::RouteDecision& d, const text::Analysis& a,
                                  std::size_t i) {
  engage::AssignRequest r;
  r.required_skills = d.required_skills.empty() ? f.requests[i % f.requests.size()].required_skills : d.required_skills;
  r.language = a.language;
  return r;
}

void BM_Route(benchmark::State& state) {
  const auto& f = fx();
  std::size_t teams = 0;
  for (auto _ : state) {
    teams = 0;
    for (std::size_t i = 0; i < f.posts.size(); ++i) {
      auto d = engage::route(f.posts[i], f.analyses[i], f.config.engage);
      teams += !d.team.empty() && !d.ignore;
      benchmark::DoNotOptimize(d);
    }
  }
  state.counters["routed_share"] = static_cast<double>(teams) / static_cast<double>(f.posts.size());
  per_post(state, f.posts.size());
}

// One choice among the 1,000 per "post": 128 choices per iteration, the requests cycling through the
// 2-skill + language shapes.
void BM_Assign1000(benchmark::State& state) {
  const auto& f = fx();
  const std::size_t n = 128;
  double eligible = 0;
  for (auto _ : state) {
    eligible = 0;
    for (std::size_t i = 0; i < n; ++i) {
      auto d = engage::choose_assignee(f.requests[i % f.requests.size()], f.candidates, kNowMs);
      eligible += static_cast<double>(f.candidates.size() - d.excluded_total);
      benchmark::DoNotOptimize(d);
    }
  }
  state.counters["eligible"] = eligible / static_cast<double>(n);
  per_post(state, n);
}

// Route every post; assign those routed to a team (ignored and unmatched posts stop after routing, as in
// the server). per_post is over all posts; per_case over the routed ones (the cost of one assignment
// plus its routing).
void BM_RouteAndAssign1000(benchmark::State& state) {
  const auto& f = fx();
  std::size_t assigned = 0;
  double eligible = 0;
  for (auto _ : state) {
    assigned = 0;
    eligible = 0;
    for (std::size_t i = 0; i < f.posts.size(); ++i) {
      auto d = engage::route(f.posts[i], f.analyses[i], f.config.engage);
      if (d.ignore || d.team.empty()) continue;
      auto a = engage::choose_assignee(request_for(f, d, f.analyses[i], i), f.candidates, kNowMs);
      ++assigned;
      eligible += static_cast<double>(f.candidates.size() - a.excluded_total);
      benchmark::DoNotOptimize(a);
    }
  }
  state.counters["routed_share"] = static_cast<double>(assigned) / static_cast<double>(f.posts.size());
  state.counters["eligible"] = assigned ? eligible / static_cast<double>(assigned) : 0;
  per_post(state, f.posts.size());
  state.counters["per_case"] = benchmark::Counter(static_cast<double>(assigned) * static_cast<double>(state.iterations()),
                                                  benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// As above, and the candidate list is built per post the way the case engine does: each employee's
// on-shift state from their calendar's BusinessClock at the current time.
void BM_RouteAndAssign1000WithShifts(benchmark::State& state) {
  const auto& f = fx();
  std::vector<engage::Candidate> cands;
  cands.reserve(f.candidates.size());
  for (auto _ : state) {
    for (std::size_t i = 0; i < f.posts.size(); ++i) {
      auto d = engage::route(f.posts[i], f.analyses[i], f.config.engage);
      if (d.ignore || d.team.empty()) continue;
      cands.clear();
      for (std::size_t k = 0; k < f.candidates.size(); ++k) {
        engage::Candidate c = f.candidates[k];
        c.on_shift = f.clocks[static_cast<std::size_t>(f.clock_of[k])].is_open(kNowMs);
        cands.push_back(c);
      }
      auto a = engage::choose_assignee(request_for(f, d, f.analyses[i], i), cands, kNowMs);
      benchmark::DoNotOptimize(a);
    }
  }
  per_post(state, f.posts.size());
}

BENCHMARK(BM_Route)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Assign1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RouteAndAssign1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RouteAndAssign1000WithShifts)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
