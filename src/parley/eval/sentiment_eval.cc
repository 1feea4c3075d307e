#include "parley/eval/sentiment_eval.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace parley::eval {

namespace {

std::string read_all(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  std::stringstream ss;
  if (in) ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string_view> lines(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t eol = s.find('\n', pos);
    if (eol == std::string_view::npos) eol = s.size();
    std::string_view l = s.substr(pos, eol - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    out.push_back(l);
    pos = eol + 1;
  }
  return out;
}

int gold_class(double rating, double neutral_band) {
  if (rating > neutral_band) return 2;
  if (rating < -neutral_band) return 0;
  return 1;
}

int predicted_class(double compound, text::ThreeClassCuts cuts) {
  return static_cast<int>(text::classify(compound, cuts));  // enum order: negative, neutral, positive
}

}  // namespace

std::string_view to_string(Half h) {
  switch (h) {
    case Half::all: return "all";
    case Half::dev: return "dev";
    case Half::test: return "test";
  }
  return "all";
}

std::string vader_set_path(const std::string& shared_dir, std::string_view set) {
  std::string file;
  if (set == "tweets") file = "tweets_GroundTruth.txt";
  else if (set == "movie") file = "movieReviewSnippets_GroundTruth.txt";
  else if (set == "amazon") file = "amazonReviewSnippets_GroundTruth.txt";
  else if (set == "nyt") file = "nytEditorialSnippets_GroundTruth.txt";
  else return {};
  return shared_dir + "/vader/" + file;
}

bool in_dev_half(std::string_view set, std::string_view id) {
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  };
  mix(set);
  mix("/");
  mix(id);
  h ^= h >> 32;  // FNV's low bit alone is weak (it is the xor of the input's low bits)
  return (h & 1) == 0;
}

std::vector<RatedText> load_rated(const std::string& path) {
  bool ok = false;
  std::string text = read_all(path, &ok);
  std::vector<RatedText> out;
  if (!ok) return out;
  for (std::string_view l : lines(text)) {
    std::size_t t1 = l.find('\t');
    if (t1 == std::string_view::npos) continue;
    std::size_t t2 = l.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) continue;
    RatedText r;
    r.id.assign(l.substr(0, t1));
    std::string num(l.substr(t1 + 1, t2 - t1 - 1));
    char* end = nullptr;
    r.rating = std::strtod(num.c_str(), &end);
    if (end == num.c_str()) continue;
    r.text.assign(l.substr(t2 + 1));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<RatedText> select_half(const std::vector<RatedText>& all, std::string_view set, Half half) {
  if (half == Half::all) return all;
  std::vector<RatedText> out;
  for (const auto& r : all)
    if (in_dev_half(set, r.id) == (half == Half::dev)) out.push_back(r);
  return out;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return 0;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) mx += x[i], my += y[i];
  mx /= n;
  my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx == 0 || syy == 0) return 0;
  return sxy / std::sqrt(sxx * syy);
}

RatingMetrics evaluate_rated(const std::vector<RatedText>& all, std::string_view set, Half half,
                             const text::SentimentModel& model) {
  RatingMetrics m;
  m.set = std::string(set);
  m.half = half;
  std::vector<double> pred, gold;
  std::size_t correct = 0;
  for (const auto& r : all) {
    if (half != Half::all && in_dev_half(set, r.id) != (half == Half::dev)) continue;
    double c = model.analyze(r.text).compound;
    pred.push_back(c);
    gold.push_back(r.rating);
    correct += predicted_class(c, {}) == gold_class(r.rating, 0.05);
  }
  m.n = pred.size();
  m.pearson = pearson(pred, gold);
  m.accuracy3 = m.n ? static_cast<double>(correct) / m.n : 0;
  return m;
}

RatingMetrics evaluate_vader_set(const std::string& shared_dir, std::string_view set, Half half,
                                 const text::SentimentModel& model) {
  return evaluate_rated(load_rated(vader_set_path(shared_dir, set)), set, half, model);
}

LabelMetrics evaluate_tweeteval(const std::string& shared_dir, const text::SentimentModel& model,
                                std::optional<text::ThreeClassCuts> cuts) {
  LabelMetrics m;
  bool ok1 = false, ok2 = false;
  std::string texts = read_all(shared_dir + "/tweeteval-sentiment/val_text.txt", &ok1);
  std::string labels = read_all(shared_dir + "/tweeteval-sentiment/val_labels.txt", &ok2);
  if (!ok1 || !ok2) return m;
  auto tl = lines(texts), ll = lines(labels);
  std::size_t n = std::min(tl.size(), ll.size());
  std::array<std::size_t, 3> support{}, hit{};
  std::size_t correct = 0;
  for (std::size_t i = 0; i < n; ++i) {
    int gold = 0;
    std::from_chars(ll[i].data(), ll[i].data() + ll[i].size(), gold);
    if (gold < 0 || gold > 2) continue;
    text::Sentiment s = model.analyze(tl[i]);
    int p = cuts ? predicted_class(s.compound, *cuts) : static_cast<int>(s.label);
    ++support[gold];
    if (p == gold) ++hit[gold], ++correct;
    ++m.n;
  }
  for (int c = 0; c < 3; ++c) m.recall[c] = support[c] ? static_cast<double>(hit[c]) / support[c] : 0;
  m.macro_recall = (m.recall[0] + m.recall[1] + m.recall[2]) / 3;
  m.accuracy = m.n ? static_cast<double>(correct) / m.n : 0;
  return m;
}

double rated_macro_recall(const std::vector<RatedText>& items, const text::SentimentModel& model,
                          text::ThreeClassCuts cuts) {
  std::array<std::size_t, 3> support{}, hit{};
  for (const auto& r : items) {
    int g = gold_class(r.rating, 0.5);
    ++support[g];
    hit[g] += predicted_class(model.analyze(r.text).compound, cuts) == g;
  }
  double s = 0;
  for (int c = 0; c < 3; ++c) s += support[c] ? static_cast<double>(hit[c]) / support[c] : 0;
  return s / 3;
}

text::ThreeClassCuts choose_cuts(const std::vector<RatedText>& items, const text::SentimentModel& model) {
  std::vector<std::pair<double, int>> scored;  // compound, gold
  for (const auto& r : items) scored.emplace_back(model.analyze(r.text).compound, gold_class(r.rating, 0.5));
  text::ThreeClassCuts best;
  double best_mr = -1;
  for (int k = 1; k <= 16; ++k) {
    text::ThreeClassCuts c{-0.05 * k, 0.05 * k};
    std::array<std::size_t, 3> support{}, hit{};
    for (auto [comp, g] : scored) {
      ++support[g];
      hit[g] += predicted_class(comp, c) == g;
    }
    double mr = 0;
    for (int q = 0; q < 3; ++q) mr += support[q] ? static_cast<double>(hit[q]) / support[q] : 0;
    if (mr / 3 > best_mr + 1e-12) best_mr = mr / 3, best = c;
  }
  return best;
}

std::vector<EvalRow> evaluate_sentiment(const std::string& shared_dir, const text::SentimentModel& model) {
  std::vector<EvalRow> rows;
  for (auto set : kVaderSets) {
    auto items = load_rated(vader_set_path(shared_dir, set));
    if (items.empty()) continue;
    for (Half h : {Half::test, Half::all}) {
      RatingMetrics m = evaluate_rated(items, set, h, model);
      std::string name = "vader-" + std::string(set) + "/" + std::string(to_string(h));
      double ref_r = -1, ref_acc = -1;
      std::string note;
      if (set == "tweets" && h == Half::all) {
        ref_r = 0.881;
        ref_acc = 0.899;
        note = "VADER: r 0.881 (ICWSM 2014, Table 4), accuracy 0.899 (vaderSentiment code)";
      }
      rows.push_back({name, "pearson", m.pearson, m.n, ref_r, note});
      rows.push_back({name, "accuracy3", m.accuracy3, m.n, ref_acc, note});
    }
  }
  LabelMetrics t = evaluate_tweeteval(shared_dir, model);
  if (t.n) {
    std::string note = "VADER 0.570 macro recall (TweetEval paper, test split)";
    rows.push_back({"tweeteval/val", "macro_recall", t.macro_recall, t.n, 0.570, note});
    rows.push_back({"tweeteval/val", "recall_negative", t.recall[0], t.n, -1, ""});
    rows.push_back({"tweeteval/val", "recall_neutral", t.recall[1], t.n, -1, ""});
    rows.push_back({"tweeteval/val", "recall_positive", t.recall[2], t.n, -1, ""});
    rows.push_back({"tweeteval/val", "accuracy", t.accuracy, t.n, -1, ""});
  }
  return rows;
}

}  // namespace parley::eval
