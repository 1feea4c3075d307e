#include "parley/eval/intent_eval.h"

#include <algorithm>

#include "parley/text/intent_train.h"
#include "parley/text/tokenizer.h"

namespace parley::eval {

using text::Intent;

namespace {

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

int column(const std::vector<std::string>& header, std::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : int(it - header.begin());
}

}  // namespace

std::string cp1252_to_utf8(std::string_view s) {
  // 0x80-0x9F are the only bytes where cp1252 differs from Latin-1 (0 = undefined in cp1252).
  static constexpr unsigned kHigh[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                         0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                         0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                         0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (unsigned char c : s) {
    unsigned cp = c;
    if (c >= 0x80 && c < 0xA0) cp = kHigh[c - 0x80] ? kHigh[c - 0x80] : 0xFFFD;
    append_utf8(out, cp);
  }
  return out;
}

IntentScores score_intents(const std::vector<Intent>& gold, const std::vector<Intent>& predicted) {
  IntentScores s;
  s.n = int(gold.size());
  std::array<int, text::kIntentClasses> correct{};
  int right = 0;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    int g = int(gold[i]), p = int(predicted[i]);
    s.per_class[g].support++;
    s.per_class[p].predicted++;
    if (g == p) {
      ++correct[g];
      ++right;
    }
  }
  for (int k = 0; k < text::kIntentClasses; ++k) {
    auto& c = s.per_class[k];
    c.precision = c.predicted ? double(correct[k]) / c.predicted : 0;
    c.recall = c.support ? double(correct[k]) / c.support : 0;
    c.f1 = c.precision + c.recall > 0 ? 2 * c.precision * c.recall / (c.precision + c.recall) : 0;
    s.macro_f1 += c.f1 / text::kIntentClasses;
  }
  s.accuracy = s.n ? double(right) / s.n : 0;
  return s;
}

Result<IntentScores> eval_intent_corpus_test(const text::IntentModel& model, const std::string& corpus_path) {
  auto rows = text::read_intent_corpus(corpus_path);
  if (!rows) return rows.status();
  std::vector<Intent> gold, pred;
  for (auto& r : *rows) {
    if (!r.test) continue;
    gold.push_back(r.label);
    pred.push_back(model.classify(text::tokenize(r.text)).label);
  }
  if (gold.empty()) return Status::error(corpus_path + ": no test rows");
  return score_intents(gold, pred);
}

Result<SuggestionScores> eval_suggestion_mining(const text::IntentModel& model, const std::string& csv_path) {
  auto raw = text::read_file(csv_path);
  if (!raw) return raw.status();
  auto recs = text::read_csv_records(cp1252_to_utf8(*raw));
  if (recs.empty()) return Status::error(csv_path + ": empty");
  int sentence = column(recs[0], "sentence"), label = column(recs[0], "label");
  if (sentence < 0 || label < 0) return Status::error(csv_path + ": expected header id,sentence,label");
  SuggestionScores s;
  int tp = 0, fp = 0, fn = 0;
  for (std::size_t i = 1; i < recs.size(); ++i) {
    auto& r = recs[i];
    if (int(r.size()) <= std::max(sentence, label)) continue;
    bool gold = r[label] == "1";
    bool pred = model.classify(text::tokenize(r[sentence])).label == Intent::suggestion;
    ++s.n;
    s.positives += gold;
    tp += gold && pred;
    fp += !gold && pred;
    fn += gold && !pred;
  }
  s.precision = tp + fp ? double(tp) / (tp + fp) : 0;
  s.recall = tp + fn ? double(tp) / (tp + fn) : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

Result<AirlineScores> eval_airline_complaints(const text::IntentModel& model, const std::string& csv_path) {
  auto raw = text::read_file(csv_path);
  if (!raw) return raw.status();
  auto recs = text::read_csv_records(*raw);
  if (recs.empty()) return Status::error(csv_path + ": empty");
  int sent = column(recs[0], "airline_sentiment"), reason = column(recs[0], "negativereason"),
      txt = column(recs[0], "text");
  if (sent < 0 || reason < 0 || txt < 0)
    return Status::error(csv_path + ": expected columns airline_sentiment, negativereason, text");
  AirlineScores s;
  int neg_hit = 0, pos_hit = 0, neu_hit = 0;
  for (std::size_t i = 1; i < recs.size(); ++i) {
    auto& r = recs[i];
    if (int(r.size()) <= std::max({sent, reason, txt})) continue;
    const std::string& label = r[sent];
    bool has_reason = r[reason].find_first_not_of(" \t") != std::string::npos;
    bool negative = label == "negative" && has_reason;
    if (!negative && label != "positive" && label != "neutral") continue;
    bool complaint = model.classify(text::tokenize(r[txt])).label == Intent::complaint;
    if (negative) {
      ++s.negatives;
      neg_hit += complaint;
    } else if (label == "positive") {
      ++s.positives;
      pos_hit += complaint;
    } else if (label == "neutral") {
      ++s.neutrals;
      neu_hit += complaint;
    }
  }
  s.complaint_recall_negative = s.negatives ? double(neg_hit) / s.negatives : 0;
  s.complaint_share_positive = s.positives ? double(pos_hit) / s.positives : 0;
  s.complaint_share_neutral = s.neutrals ? double(neu_hit) / s.neutrals : 0;
  return s;
}

}  // namespace parley::eval
