// tokenize() and the sentiment rules alone (SentimentModel::analyze_rules, without the learned layer that
// BM_Sentiment includes), in ns per post over the first 20,000 posts of bench/out/analyze-100000.jsonl
// (bench/analyze/run writes it). Thread CPU time, so a busy shared machine inflates the figures less.
//   build/parley_tests --gtest_filter='TokenizeAndRules.*' --gtest_also_run_disabled_tests
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "parley/ingest/reader.h"
#include "parley/text/sentiment.h"
#include "parley/text/tokenizer.h"

namespace parley::text {
namespace {

double cpu_ns() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

struct Texts final : ingest::RecordSink {
  std::vector<std::string> texts;
  void post(Post&& p, std::uint64_t) override {
    if (texts.size() < 20000) texts.push_back(std::move(p.text));
  }
  void reject(std::uint64_t, std::string) override {}
};

TEST(TokenizeAndRules, DISABLED_Speed) {
  const std::string file = std::string(PARLEY_DATA_DIR) + "/../bench/out/analyze-100000.jsonl";
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) GTEST_SKIP() << "no " << file << " (bench/analyze/run writes it)";
  Texts sink;
  ingest::ReaderOptions o;
  o.format = ingest::Format::jsonl;
  (void)ingest::read_input(f, file, o, sink);
  std::fclose(f);
  ASSERT_FALSE(sink.texts.empty());
  const auto& model = SentimentModel::instance();
  std::vector<Tokenized> toks;
  for (const auto& t : sink.texts) toks.push_back(tokenize(t));
  std::vector<double> tok_ns, rules_ns, both_ns;
  double check = 0;
  const double n = static_cast<double>(sink.texts.size());
  for (int rep = 0; rep < 7; ++rep) {
    double a = cpu_ns();
    for (const auto& t : sink.texts) check += static_cast<double>(tokenize(t).tokens.size());
    double b = cpu_ns();
    for (const auto& t : toks) {
      SentimentRuleStats st;
      check += model.analyze_rules(t, &st).compound;
    }
    double c = cpu_ns();
    for (const auto& t : sink.texts) {  // as the analyser runs them: the tokens still in cache
      SentimentRuleStats st;
      check += model.analyze_rules(tokenize(t), &st).compound;
    }
    double d = cpu_ns();
    tok_ns.push_back((b - a) / n);
    rules_ns.push_back((c - b) / n);
    both_ns.push_back((d - c) / n);
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::printf("tokenize %.0f ns/post, sentiment rules %.0f ns/post, both in turn %.0f ns/post (%zu posts; %g)\n",
              median(tok_ns), median(rules_ns), median(both_ns), sink.texts.size(), check);
}

}  // namespace
}  // namespace parley::text
