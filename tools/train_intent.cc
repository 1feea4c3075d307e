// Trains data/intent/intent.model, reproducibly: fixed data order, fixed seed, single thread, so the same
// inputs give the same bytes. Training data: the train splits of data/intent/corpus.tsv (VADER texts) and
// data/intent/brand_corpus.tsv (brand-directed posts written for parley), plus BANKING77/CLINC150 if
// cross-validation favours them. Model selection (auxiliary-data weight, class balancing) is by 5-fold
// cross-validation on the TRAIN splits only; the test splits are never read here. The criterion is the mean
// of the CV macro-F1 on the VADER rows and on the brand rows, so neither corpus dominates by size.
//
//   build/train_intent --shared ../shared/data --corpus data/intent/corpus.tsv
//       --brand data/intent/brand_corpus.tsv --out data/intent/intent.model   (one line)
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "parley/eval/intent_eval.h"
#include "parley/text/intent.h"
#include "parley/text/intent_train.h"
#include "parley/text/tokenizer.h"

using namespace parley;
using namespace parley::text;

namespace {

constexpr int kFolds = 5;
constexpr int kBankingPerCategory = 40;  // 77 x 40 = 3,080 requests
constexpr int kClincPerCategory = 15;    // 151 x 15 = 2,265 requests

int fold_of(const IntentCorpusRow& r) { return int(intent_mix(intent_hash(r.group())) % kFolds); }

void print_scores(const char* title, const eval::IntentScores& s) {
  std::printf("%s: macro-F1 %.3f, accuracy %.3f, n %d\n", title, s.macro_f1, s.accuracy, s.n);
  for (int k = 0; k < kIntentClasses; ++k) {
    auto& c = s.per_class[k];
    std::printf("  %-10s P %.3f R %.3f F1 %.3f (support %d)\n", std::string(to_string(Intent(k))).c_str(),
                c.precision, c.recall, c.f1, c.support);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string shared = "../shared/data", corpus = "data/intent/corpus.tsv", brand = "data/intent/brand_corpus.tsv",
              out = "data/intent/intent.model";
  for (int i = 1; i < argc; ++i) {
    auto arg = [&](const char* name, std::string& dst) {
      if (std::strcmp(argv[i], name) == 0 && i + 1 < argc) {
        dst = argv[++i];
        return true;
      }
      return false;
    };
    if (arg("--shared", shared) || arg("--corpus", corpus) || arg("--brand", brand) || arg("--out", out)) continue;
    std::fprintf(stderr,
                 "usage: train_intent [--shared DIR] [--corpus corpus.tsv] [--brand brand_corpus.tsv] "
                 "[--out intent.model]\n");
    return 2;
  }
  auto rows = read_intent_corpus(corpus);
  auto brand_rows = read_intent_corpus(brand);
  auto valence = load_vader_valence(shared);
  auto banking = load_banking77(shared, kBankingPerCategory);
  auto clinc = load_clinc150(shared, kClincPerCategory);
  for (const Status& s : {rows.status(), brand_rows.status(), valence.status(), banking.status(), clinc.status()})
    if (!s) {
      std::fprintf(stderr, "train_intent: %s\n", s.message().c_str());
      return 1;
    }

  std::vector<FeaturizedExample> train, aux;
  std::vector<int> fold;
  std::vector<bool> is_brand;
  for (auto* set : {&*rows, &*brand_rows})
    for (auto& r : *set) {
      if (r.test) continue;  // held out: never featurised, never scored here
      train.push_back(featurize(r.text, r.label, false, *valence));
      fold.push_back(fold_of(r));
      is_brand.push_back(set == &*brand_rows);
    }
  for (auto* set : {&*banking, &*clinc})
    for (auto& e : *set) aux.push_back(featurize(e.text, e.label, true, *valence));
  const auto n_brand = std::count(is_brand.begin(), is_brand.end(), true);
  std::printf("train rows %zu (VADER corpus %zu, brand corpus %zu), auxiliary rows %zu (BANKING77 %zu, CLINC150 %zu)\n",
              train.size(), train.size() - std::size_t(n_brand), std::size_t(n_brand), aux.size(), banking->size(),
              clinc->size());

  // Spam rule on the train split (the rule was written by reading train rows only).
  {
    int tp = 0, fp = 0, fn = 0;
    for (auto& r : *rows) {
      if (r.test) continue;  // the rule was written on VADER train rows; brand rows are reported separately
      bool p = intent_spam_rule(tokenize(r.text));
      tp += p && r.spam;
      fp += p && !r.spam;
      fn += !p && r.spam;
    }
    std::printf("spam rule on train: precision %.3f recall %.3f (%d flagged, %d gold)\n",
                tp + fp ? double(tp) / (tp + fp) : 0.0, tp + fn ? double(tp) / (tp + fn) : 0.0, tp + fp, tp + fn);
  }

  struct Candidate {
    float aux_weight, balance;
  };
  const Candidate grid[] = {{0.f, 0.f},   {0.f, 0.5f},   {0.f, 1.f},   {0.03f, 0.5f}, {0.03f, 1.f}, {0.1f, 0.f}, {0.1f, 0.5f},
                            {0.1f, 1.f},  {0.3f, 0.f},   {0.3f, 0.5f}, {0.3f, 1.f}, {1.f, 0.5f}, {1.f, 1.f}};
  IntentTrainConfig best_cfg;
  eval::IntentScores best_scores, best_vader, best_brand;
  double best = -1;
  for (const auto& c : grid) {
    IntentTrainConfig cfg;
    cfg.aux_weight = c.aux_weight;
    cfg.balance = c.balance;
    std::vector<Intent> gold(train.size()), pred(train.size());
    for (int f = 0; f < kFolds; ++f) {
      std::vector<const FeaturizedExample*> data;
      for (std::size_t i = 0; i < train.size(); ++i)
        if (fold[i] != f) data.push_back(&train[i]);
      if (cfg.aux_weight > 0)
        for (auto& e : aux) data.push_back(&e);
      IntentModel m(train_intent(data, cfg), IntentValence());
      for (std::size_t i = 0; i < train.size(); ++i) {
        if (fold[i] != f) continue;
        std::array<float, kIntentClasses> z{};
        for (auto b : train[i].features)
          for (int k = 0; k < kIntentClasses; ++k) z[k] += m.weights()[std::size_t(b) * kIntentClasses + k];
        int arg = 0;
        for (int k = 1; k < kIntentClasses; ++k)
          if (z[k] > z[arg]) arg = k;
        gold[i] = Intent(train[i].label);
        pred[i] = Intent(arg);
      }
    }
    auto s = eval::score_intents(gold, pred);
    std::vector<Intent> gv, pv, gb, pb;
    for (std::size_t i = 0; i < train.size(); ++i) {
      (is_brand[i] ? gb : gv).push_back(gold[i]);
      (is_brand[i] ? pb : pv).push_back(pred[i]);
    }
    auto sv = eval::score_intents(gv, pv), sb = eval::score_intents(gb, pb);
    const double crit = (sv.macro_f1 + sb.macro_f1) / 2;
    std::printf("CV aux_weight %.2f balance %.1f: macro-F1 VADER %.3f brand %.3f mean %.3f (all rows %.3f, "
                "accuracy %.3f)\n",
                c.aux_weight, c.balance, sv.macro_f1, sb.macro_f1, crit, s.macro_f1, s.accuracy);
    if (crit > best) {
      best = crit;
      best_cfg = cfg;
      best_scores = s;
      best_vader = sv;
      best_brand = sb;
    }
  }
  std::printf("chosen: aux_weight %.2f balance %.1f\n", best_cfg.aux_weight, best_cfg.balance);
  print_scores("5-fold CV on train, all rows (chosen setting)", best_scores);
  print_scores("5-fold CV on train, VADER corpus rows", best_vader);
  print_scores("5-fold CV on train, brand corpus rows", best_brand);

  std::vector<const FeaturizedExample*> data;
  for (auto& e : train) data.push_back(&e);
  if (best_cfg.aux_weight > 0)
    for (auto& e : aux) data.push_back(&e);
  IntentModel model(train_intent(data, best_cfg), std::move(*valence));
  if (auto st = model.save(out); !st) {
    std::fprintf(stderr, "train_intent: %s\n", st.message().c_str());
    return 1;
  }
  std::printf("wrote %s\n", out.c_str());
  return 0;
}
