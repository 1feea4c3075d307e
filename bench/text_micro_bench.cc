// Per-component cost of `parley analyze`, in ns per post, on the same generated posts as bench/analyze/run.
// Each benchmark runs one component over the whole sample (inputs prepared outside the timed loop), so the
// "ns/post" counter is directly comparable with the end-to-end budget (about 4.5 µs per post for the
// 2x-AFINN target at AFINN's ~110k posts/s on the 2-core VM, JSON in and out included). Reads bench/out/analyze-100000.jsonl when present, else generates posts with ingest_gen.
//
//   build/text_micro_bench [--posts=N] [--benchmark_filter=...]
//
// --posts (default 20000) is how many posts each component sees; NearDup indexes every post of the file
// from an empty index, like one `parley analyze` run, since its cost per add grows with the index.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "parley/config/org_config.h"
#include "parley/ingest/reader.h"
#include "parley/text/analyzer.h"
#include "parley/text/gazetteer.h"
#include "parley/text/intent.h"
#include "parley/text/key_phrases.h"
#include "parley/text/language_evidence.h"
#include "parley/text/language.h"
#include "parley/text/sentiment.h"
#include "parley/text/simhash.h"
#include "parley/text/tokenizer.h"
#include "parley/text/urgency.h"

namespace {

using namespace parley;

std::size_t g_posts = 20000;

struct Collect final : ingest::RecordSink {
  std::vector<Post> posts;
  std::size_t limit = 0;
  void post(Post&& p, std::uint64_t) override {
    if (posts.size() < limit) posts.push_back(std::move(p));
  }
  void reject(std::uint64_t, std::string) override {}
};

std::string posts_file() {
  const std::string src = PARLEY_SOURCE_DIR;
  std::string f = src + "/bench/out/analyze-100000.jsonl";
  if (std::filesystem::exists(f)) return f;
  // Same generator and defaults as bench/analyze/run, next to this binary.
  std::string tmp = (std::filesystem::temp_directory_path() / "parley-text-micro.jsonl").string();
  std::string gen = (std::filesystem::canonical("/proc/self/exe").parent_path() / "ingest_gen").string();
  std::string cmd = gen + " --count " + std::to_string(g_posts) + " --jsonl " + tmp + " --quiet";
  if (std::system(cmd.c_str()) != 0) {
    std::cerr << "text_micro_bench: cannot generate posts with " << gen << "\n";
    std::exit(2);
  }
  return tmp;
}

// Everything the benchmarks share, built once.
struct Fixture {
  std::string jsonl;  // the raw bytes of the first g_posts lines, for the parse benchmark
  std::vector<Post> posts;
  std::vector<text::Tokenized> tok;
  std::vector<std::string> lang;
  std::vector<std::uint64_t> hashes;      // of the sample
  std::vector<std::uint64_t> all_hashes;  // of every post in the file: the index's cost grows with its size
  std::unique_ptr<text::Analyzer> analyzer;
  std::unique_ptr<text::IntentModel> intent;

  Fixture() {
    std::string file = posts_file();
    std::FILE* fp = std::fopen(file.c_str(), "rb");
    if (!fp) { std::perror(file.c_str()); std::exit(2); }
    char* line = nullptr;
    std::size_t cap = 0;
    std::size_t n = 0;
    ssize_t len;
    while (n < g_posts && (len = getline(&line, &cap, fp)) > 0) {
      jsonl.append(line, static_cast<std::size_t>(len));
      ++n;
    }
    std::free(line);
    std::fclose(fp);
    Collect c;
    c.limit = g_posts;
    read_all(c);
    posts = std::move(c.posts);
    std::vector<text::GazetteerEntry> entities;
    if (auto cfg = load_org_config(std::string(PARLEY_SOURCE_DIR) + "/data/demo/org.toml")) entities = cfg->entities;
    auto a = text::Analyzer::create(entities);
    if (!a) { std::cerr << a.message() << "\n"; std::exit(2); }
    analyzer = std::move(*a);
    auto im = text::IntentModel::load_default();
    if (!im) { std::cerr << im.message() << "\n"; std::exit(2); }
    intent = std::make_unique<text::IntentModel>(std::move(*im));
    for (const auto& p : posts) {
      tok.push_back(text::tokenize(p.text));
      lang.push_back(text::detect_language(tok.back().text, p.language));
      hashes.push_back(text::simhash(tok.back()));
    }
    struct Hashes final : ingest::RecordSink {
      std::vector<std::uint64_t>* out;
      void post(Post&& p, std::uint64_t) override { out->push_back(text::simhash(text::tokenize(p.text))); }
      void reject(std::uint64_t, std::string) override {}
    } h;
    h.out = &all_hashes;
    std::FILE* all = std::fopen(file.c_str(), "rb");
    ingest::ReaderOptions o;
    o.format = ingest::Format::jsonl;
    (void)ingest::read_input(all, file, o, h);
    std::fclose(all);
  }

  void read_all(ingest::RecordSink& sink) const {
    std::FILE* mem = fmemopen(const_cast<char*>(jsonl.data()), jsonl.size(), "rb");
    ingest::ReaderOptions o;
    o.format = ingest::Format::jsonl;
    (void)ingest::read_input(mem, "bench", o, sink);
    std::fclose(mem);
  }
};

const Fixture& fx() {
  static const Fixture f;
  return f;
}

void per_post(benchmark::State& state, std::size_t n) {
  // Seconds per post, printed with an SI prefix: "850n" is 850 ns per post.
  state.counters["per_post"] = benchmark::Counter(static_cast<double>(n) * static_cast<double>(state.iterations()),
                                                  benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// Runs fn(i) for every post i per iteration.
template <class Fn>
void over_posts(benchmark::State& state, Fn&& fn) {
  const auto& f = fx();
  for (auto _ : state)
    for (std::size_t i = 0; i < f.posts.size(); ++i) fn(f, i);
  per_post(state, f.posts.size());
}

void BM_JsonlRead(benchmark::State& state) {
  const auto& f = fx();
  struct Count final : ingest::RecordSink {
    std::size_t n = 0;
    void post(Post&& p, std::uint64_t) override { n += p.text.size() > 0; }
    void reject(std::uint64_t, std::string) override {}
  };
  for (auto _ : state) {
    Count c;
    f.read_all(c);
    benchmark::DoNotOptimize(c.n);
  }
  per_post(state, f.posts.size());
}

void BM_Tokenize(benchmark::State& s) {
  over_posts(s, [](const Fixture& f, std::size_t i) { benchmark::DoNotOptimize(text::tokenize(f.posts[i].text)); });
}
void BM_Language(benchmark::State& s) {
  over_posts(s, [](const Fixture& f, std::size_t i) {
    benchmark::DoNotOptimize(text::detect_language(f.tok[i].text, f.posts[i].language));
  });
}
// One typical post per language, repeated (in cache): the front door against CLD2 alone on the same text.
// Arg: 0 English, 1 Spanish, 2 Japanese, 3 Russian (the front door hands it to CLD2), 4 "lol" + emoji.
constexpr const char* kLanguagePosts[] = {
    "@NorthwindHelp my Northwind Fiber router keeps dropping since monday, why is nobody answering?",
    "Mi internet no funciona desde ayer y nadie del servicio al cliente me responde #fail",
    "昨日からインターネットが繋がらないので、サポートに電話しましたが誰も出ません",
    "У меня со вчерашнего дня не работает интернет, поддержка не отвечает",
    "lol 😂😂",
};
void BM_LanguageOnePost(benchmark::State& s) {
  const char* text = kLanguagePosts[s.range(0)];
  for (auto _ : s) benchmark::DoNotOptimize(text::detect_language(text, ""));
  s.SetLabel(text::detect_language(text, ""));
}
void BM_LanguageOnePostCld2(benchmark::State& s) {
  const char* text = kLanguagePosts[s.range(0)];
  for (auto _ : s) benchmark::DoNotOptimize(text::detect_language_cld2(text, ""));
  s.SetLabel(text::detect_language_cld2(text, ""));
}
void BM_Sentiment(benchmark::State& s) {
  const auto& m = text::SentimentModel::instance();
  over_posts(s, [&](const Fixture& f, std::size_t i) { benchmark::DoNotOptimize(m.analyze(f.tok[i])); });
}
// The sentiment rules alone (SentimentModel::analyze_rules, without the learned layer BM_Sentiment adds),
// collecting the rule statistics as the learned layer asks for them.
void BM_SentimentRules(benchmark::State& s) {
  const auto& m = text::SentimentModel::instance();
  over_posts(s, [&](const Fixture& f, std::size_t i) {
    text::SentimentRuleStats st;
    benchmark::DoNotOptimize(m.analyze_rules(f.tok[i], &st));
  });
}
// tokenize() then the rules on its output, as the analyser runs them: the tokens are still in cache, which
// BM_Tokenize + BM_SentimentRules (rules over tokens made long before) do not show.
void BM_TokenizeAndRules(benchmark::State& s) {
  const auto& m = text::SentimentModel::instance();
  over_posts(s, [&](const Fixture& f, std::size_t i) {
    text::SentimentRuleStats st;
    benchmark::DoNotOptimize(m.analyze_rules(text::tokenize(f.posts[i].text), &st));
  });
}
void BM_Intent(benchmark::State& s) {
  over_posts(s, [](const Fixture& f, std::size_t i) { benchmark::DoNotOptimize(f.intent->classify(f.tok[i])); });
}
void BM_Gazetteer(benchmark::State& s) {
  over_posts(s, [](const Fixture& f, std::size_t i) {
    benchmark::DoNotOptimize(f.analyzer->gazetteer().match(f.tok[i].text));
  });
}
// The organisation's entities plus 300 more products and campaign tags: the automaton's cost per post
// should not grow with the number of patterns (it scans each byte once whatever their number).
void BM_GazetteerManyPatterns(benchmark::State& s) {
  std::vector<text::GazetteerEntry> entities;
  const text::Gazetteer& org = fx().analyzer->gazetteer();
  for (std::uint32_t e = 0; e < org.entry_count(); ++e) entities.push_back(org.entry(e));
  for (int i = 0; i < 300; ++i)
    entities.push_back({text::EntityKind::product, "Product" + std::to_string(i) + (i % 3 ? " Plus" : ""),
                        {"#Promo" + std::to_string(i)}});
  const text::Gazetteer g(entities);
  s.counters["patterns"] = static_cast<double>(g.pattern_count());
  over_posts(s, [&](const Fixture& f, std::size_t i) { benchmark::DoNotOptimize(g.match(f.tok[i].text)); });
}
void BM_RiskTerms(benchmark::State& s) {
  over_posts(s, [](const Fixture& f, std::size_t i) { benchmark::DoNotOptimize(text::risk_terms(f.tok[i].text)); });
}
// What Analyzer::analyze runs: the organisation's entities and the risk terms in one scan of one automaton
// (BM_Gazetteer + BM_RiskTerms are the two scans it replaced).
void BM_EntitiesAndRisk(benchmark::State& s) {
  std::vector<text::GazetteerEntry> entities;
  const text::Gazetteer& org = fx().analyzer->gazetteer();
  for (std::uint32_t e = 0; e < org.entry_count(); ++e) entities.push_back(org.entry(e));
  const text::Gazetteer both(entities, text::risk_term_entries());
  std::vector<text::GazetteerHit> hits;
  over_posts(s, [&](const Fixture& f, std::size_t i) {
    hits.clear();
    benchmark::DoNotOptimize(both.match_split(f.tok[i].text, hits));
    benchmark::DoNotOptimize(text::risk_bits(hits));
  });
}
void BM_Shouting(benchmark::State& s) {
  over_posts(s, [](const Fixture& f, std::size_t i) { benchmark::DoNotOptimize(text::shouting(f.tok[i].text)); });
}
// The urgency formula alone, on inputs taken from each post (its risk terms and shouting are measured by
// BM_RiskTerms and BM_Shouting).
void BM_UrgencyScore(benchmark::State& s) {
  const auto& f = fx();
  std::vector<text::UrgencyInputs> in;
  for (std::size_t i = 0; i < f.posts.size(); ++i) {
    const text::Shouting sh = text::shouting(f.tok[i].text);
    in.push_back({.sentiment_compound = -0.5 + static_cast<double>(i % 11) / 10, .intent = text::Intent::complaint,
                  .followers = static_cast<std::uint64_t>(std::max<std::int64_t>(f.posts[i].author.followers, 0)),
                  .risk = text::risk_terms(f.tok[i].text), .caps_share = sh.caps_share,
                  .exclamations = sh.exclamations});
  }
  over_posts(s, [&](const Fixture&, std::size_t i) { benchmark::DoNotOptimize(text::urgency(in[i])); });
}
void BM_KeyPhrases(benchmark::State& s) {
  over_posts(s, [](const Fixture& f, std::size_t i) {
    benchmark::DoNotOptimize(text::key_phrases(f.tok[i], f.lang[i], 5));
  });
}
void BM_SimHash(benchmark::State& s) {
  over_posts(s, [](const Fixture& f, std::size_t i) { benchmark::DoNotOptimize(text::simhash(f.tok[i])); });
}
void BM_NearDup(benchmark::State& state) {
  const auto& f = fx();
  double comparisons = 0;
  for (auto _ : state) {
    text::NearDuplicateIndex idx;
    std::uint64_t groups = 0;
    for (auto h : f.all_hashes) {
      auto item = idx.add(h);
      groups += idx.group(item);
    }
    benchmark::DoNotOptimize(groups);
    comparisons = static_cast<double>(idx.comparisons());
  }
  state.counters["cmp/add"] = comparisons / static_cast<double>(f.all_hashes.size());
  per_post(state, f.all_hashes.size());
}
// One million uniformly random hashes: the index without the generator's skew (BM_NearDup), so the cost of
// a lookup is mostly its cache misses.
void BM_NearDupRandom(benchmark::State& state) {
  constexpr int kAdds = 1000000;
  double comparisons = 0;
  for (auto _ : state) {
    text::NearDuplicateIndex idx;
    std::uint64_t h = 1, groups = 0;
    for (int i = 0; i < kAdds; ++i) {
      h = h * 6364136223846793005ull + 1442695040888963407ull;
      groups += idx.group(idx.add(text::mix64(h)));
    }
    benchmark::DoNotOptimize(groups);
    comparisons = static_cast<double>(idx.comparisons());
  }
  state.counters["cmp/add"] = comparisons / kAdds;
  per_post(state, kAdds);
}
void BM_AnalyzeFull(benchmark::State& s) {
  over_posts(s, [](const Fixture& f, std::size_t i) { benchmark::DoNotOptimize(f.analyzer->analyze(f.posts[i])); });
}

BENCHMARK(BM_JsonlRead)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Language)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LanguageOnePost)->DenseRange(0, 4);
BENCHMARK(BM_LanguageOnePostCld2)->DenseRange(0, 4);
BENCHMARK(BM_Sentiment)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SentimentRules)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TokenizeAndRules)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Intent)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Gazetteer)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GazetteerManyPatterns)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RiskTerms)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EntitiesAndRisk)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Shouting)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_UrgencyScore)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_KeyPhrases)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimHash)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NearDup)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NearDupRandom)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AnalyzeFull)->Unit(benchmark::kMillisecond);

// ---- Tokenizer and key phrases on tokens still in cache (appended block) ----
// BM_KeyPhrases reads tokens made long before (20,000 posts of tokens, ~30 MB, are far out of cache), so
// it mostly measures memory stalls; in Analyzer::analyze key_phrases runs right after the other analysers
// read the same tokens. These run over the first 256 posts only, whose tokens stay in L2.
void over_hot_posts(benchmark::State& state, void (*fn)(const Fixture&, std::size_t)) {
  const auto& f = fx();
  const std::size_t n = std::min<std::size_t>(256, f.posts.size());
  for (auto _ : state)
    for (int rep = 0; rep < 20; ++rep)
      for (std::size_t i = 0; i < n; ++i) fn(f, i);
  per_post(state, 20 * n);
}
void BM_KeyPhrasesHot(benchmark::State& s) {
  over_hot_posts(s, [](const Fixture& f, std::size_t i) { benchmark::DoNotOptimize(text::key_phrases(f.tok[i], f.lang[i], 5)); });
}
void BM_TokenizeHot(benchmark::State& s) {
  over_hot_posts(s, [](const Fixture& f, std::size_t i) { benchmark::DoNotOptimize(text::tokenize(f.posts[i].text)); });
}
// tokenize(text, out) into one reused Tokenized, as a caller keeping one per thread would.
void BM_TokenizeReuse(benchmark::State& s) {
  text::Tokenized t;
  over_posts(s, [&t](const Fixture& f, std::size_t i) {
    text::tokenize(f.posts[i].text, t);
    benchmark::DoNotOptimize(t);
  });
}
BENCHMARK(BM_KeyPhrasesHot)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TokenizeReuse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TokenizeHot)->Unit(benchmark::kMillisecond);

// The language front door's counting pass alone (language_evidence.h: letters per script and function-word
// hits, handles skipped), without the decision and without CLD2, which BM_Language includes; and CLD2 alone
// on every post, which is what the front door saves on the posts it decides.
void BM_LanguageFrontDoor(benchmark::State& s) {
  over_posts(s, [](const Fixture& f, std::size_t i) {
    benchmark::DoNotOptimize(parley::text::language_detail::gather_evidence(f.tok[i].text));
  });
}
void BM_LanguageCld2Only(benchmark::State& s) {
  over_posts(s, [](const Fixture& f, std::size_t i) {
    benchmark::DoNotOptimize(parley::text::detect_language_cld2(f.tok[i].text, f.posts[i].language));
  });
}

BENCHMARK(BM_LanguageFrontDoor)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LanguageCld2Only)->Unit(benchmark::kMillisecond);

// --- intent, appended: what Analyzer::analyze pays for intent alone. BM_Intent calls classify(tokens), which
// also computes the sentiment compound; the analyser passes its already-computed Sentiment instead.
void BM_IntentGivenSentiment(benchmark::State& s) {
  static const std::vector<text::Sentiment> sent = [] {
    std::vector<text::Sentiment> v;
    for (const auto& t : fx().tok) v.push_back(text::SentimentModel::instance().analyze(t));
    return v;
  }();
  over_posts(s, [](const Fixture& f, std::size_t i) {
    benchmark::DoNotOptimize(f.intent->classify(f.tok[i], sent[i]));
  });
}
// Sentiment then intent on its result, as the analyser runs them: the tokens are in cache when intent reads
// them, which BM_IntentGivenSentiment (tokens made long before) does not show. Intent's share is this minus
// BM_Sentiment.
void BM_SentimentThenIntent(benchmark::State& s) {
  const auto& m = text::SentimentModel::instance();
  over_posts(s, [&](const Fixture& f, std::size_t i) {
    const text::Sentiment sent = m.analyze(f.tok[i]);
    benchmark::DoNotOptimize(f.intent->classify(f.tok[i], sent));
  });
}
BENCHMARK(BM_IntentGivenSentiment)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SentimentThenIntent)->Unit(benchmark::kMillisecond);
// --- Sentiment, as the analyser runs it (appended block) ---
// tokenize() then the whole sentiment model (rules + learned layer) on its output: the tokens are still in
// cache, as in Analyzer::analyze. BM_Sentiment reads tokens made long before (20,000 posts of them, far past
// L2), so it mostly measures those cache misses; subtract BM_Tokenize from this for sentiment's share.
void BM_TokenizeAndSentiment(benchmark::State& s) {
  const auto& m = text::SentimentModel::instance();
  over_posts(s, [&](const Fixture& f, std::size_t i) { benchmark::DoNotOptimize(m.analyze(text::tokenize(f.posts[i].text))); });
}
// The whole sentiment model over the tokens of the first 512 posts only, which stay in cache: the model's
// own cost with warm inputs (its tables compete with nothing else, so this is a lower bound).
void BM_SentimentWarmTokens(benchmark::State& s) {
  const auto& m = text::SentimentModel::instance();
  const auto& f = fx();
  const std::size_t n = std::min<std::size_t>(512, f.tok.size());
  for (auto _ : s)
    for (std::size_t i = 0; i < n; ++i) benchmark::DoNotOptimize(m.analyze(f.tok[i]));
  per_post(s, n);
}
BENCHMARK(BM_TokenizeAndSentiment)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SentimentWarmTokens)->Unit(benchmark::kMicrosecond);

// --- SimHash on tokens still in cache (appended block) ---
// In Analyzer::analyze simhash() runs right after the other analysers read the same tokens; BM_SimHash
// reads tokens far out of cache. This runs over the first 256 posts only (over_hot_posts), whose tokens stay in L2.
void BM_SimHashHot(benchmark::State& s) {
  over_hot_posts(s, [](const Fixture& f, std::size_t i) { benchmark::DoNotOptimize(text::simhash(f.tok[i])); });
}
BENCHMARK(BM_SimHashHot)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // Our own flag first; Google Benchmark rejects flags it does not know.
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--posts=", 8) == 0) g_posts = std::strtoull(argv[i] + 8, nullptr, 10);
    else rest.push_back(argv[i]);
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  if (benchmark::ReportUnrecognizedArguments(n, rest.data())) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
