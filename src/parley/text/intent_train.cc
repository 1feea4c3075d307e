#include "parley/text/intent_train.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace parley::text {

namespace {

bool in(std::string_view s, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

// splitmix64 as a generator: tiny, seedable, identical everywhere (std:: distributions are not).
struct Rng {
  std::uint64_t s;
  std::uint64_t next() { return intent_mix(s += 0x9e3779b97f4a7c15ull); }
};

}  // namespace

std::string IntentCorpusRow::group() const {
  if (set == "amazon") return set + ":" + id.substr(0, id.find('_'));
  return set + ":" + id;
}

bool parse_intent(std::string_view s, Intent& out) {
  static constexpr std::array<std::pair<std::string_view, Intent>, 5> kNames = {{{"complaint", Intent::complaint},
                                                                                  {"praise", Intent::praise},
                                                                                  {"question", Intent::question},
                                                                                  {"suggestion", Intent::suggestion},
                                                                                  {"other", Intent::other}}};
  for (auto& [name, v] : kNames)
    if (s == name) {
      out = v;
      return true;
    }
  return false;
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::vector<IntentCorpusRow>> read_intent_corpus(const std::string& path) {
  auto data = read_file(path);
  if (!data) return data.status();
  std::vector<IntentCorpusRow> rows;
  std::istringstream in(*data);
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || (lineno == 1 && line.rfind("set\t", 0) == 0)) continue;
    auto f = split_tabs(line);
    auto where = path + ":" + std::to_string(lineno);
    if (f.size() != 6) return Status::error(where + ": expected 6 tab-separated fields (set, id, label, spam, split, text)");
    IntentCorpusRow r;
    r.set = f[0];
    r.id = f[1];
    if (!parse_intent(f[2], r.label)) return Status::error(where + ": unknown label '" + std::string(f[2]) + "'");
    if (f[3] != "0" && f[3] != "1") return Status::error(where + ": spam must be 0 or 1");
    r.spam = f[3] == "1";
    if (f[4] != "train" && f[4] != "test") return Status::error(where + ": split must be train or test");
    r.test = f[4] == "test";
    r.text = f[5];
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<std::vector<std::string>> read_csv_records(std::string_view d) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> rec;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < d.size(); ++i) {
    char c = d[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < d.size() && d[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      rec.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < d.size() && d[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        rec.push_back(std::move(field));
        out.push_back(std::move(rec));
      }
      rec.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    rec.push_back(std::move(field));
    out.push_back(std::move(rec));
  }
  return out;
}

Intent banking77_intent(std::string_view c) {
  // Something went wrong or cost the customer money they did not expect: the customer is unhappy with
  // the service, whatever the phrasing ("why was I charged twice?" is a complaint, as in the guide).
  if (in(c, {"card_not_working", "contactless_not_working", "virtual_card_not_working", "card_swallowed",
             "declined_card_payment", "declined_transfer", "declined_cash_withdrawal", "extra_charge_on_statement",
             "transaction_charged_twice", "wrong_amount_of_cash_received", "card_payment_wrong_exchange_rate",
             "wrong_exchange_rate_for_cash_withdrawal", "transfer_not_received_by_recipient",
             "balance_not_updated_after_cheque_or_cash_deposit", "balance_not_updated_after_bank_transfer",
             "top_up_failed", "top_up_reverted", "failed_transfer", "reverted_card_payment?", "Refund_not_showing_up",
             "pin_blocked", "unable_to_verify_identity", "card_payment_not_recognised",
             "direct_debit_payment_not_recognised", "cash_withdrawal_not_recognised", "card_payment_fee_charged",
             "transfer_fee_charged", "cash_withdrawal_charge", "top_up_by_card_charge", "exchange_charge",
             "top_up_by_bank_transfer_charge"}))
    return Intent::complaint;
  return Intent::question;
}

Intent clinc150_intent(std::string_view c) {
  if (c == "oos") return Intent::other;
  if (c == "thank_you") return Intent::praise;
  if (in(c, {"lost_luggage", "card_declined", "damaged_card", "account_blocked"})) return Intent::complaint;
  // Commands to a voice assistant and conversational filler are not questions in a social feed.
  if (in(c, {"greeting", "goodbye", "yes", "no", "maybe", "repeat", "cancel", "whisper_mode", "change_accent",
             "change_ai_name", "change_language", "change_speed", "change_volume", "change_user_name", "alarm",
             "timer", "reminder", "reminder_update", "play_music", "next_song", "make_call", "text",
             "todo_list_update", "shopping_list_update", "calendar_update", "update_playlist", "flip_coin",
             "roll_dice", "share_location", "sync_device", "reset_settings", "order", "pay_bill", "transfer",
             "book_flight", "book_hotel", "car_rental", "restaurant_reservation", "schedule_meeting",
             "schedule_maintenance", "pto_request", "freeze_account", "cancel_reservation", "confirm_reservation",
             "order_checks", "redeem_rewards", "uber", "tell_joke", "smart_home"}))
    return Intent::other;
  return Intent::question;
}

namespace {

// The `per_category` lowest-hash rows of each category: deterministic and spread over each category.
std::vector<IntentExample> draw(std::vector<std::pair<std::string, std::string>> rows, int per_category,
                                Intent (*map)(std::string_view)) {
  std::map<std::string, std::vector<std::pair<std::uint64_t, std::string>>> by_cat;
  for (auto& [text, cat] : rows) by_cat[cat].push_back({intent_mix(intent_hash(text)), text});
  std::vector<IntentExample> out;
  for (auto& [cat, v] : by_cat) {
    std::sort(v.begin(), v.end());
    for (std::size_t i = 0; i < v.size() && int(i) < per_category; ++i)
      out.push_back({v[i].second, map(cat), true});
  }
  return out;
}

}  // namespace

Result<std::vector<IntentExample>> load_banking77(const std::string& shared_dir, int per_category) {
  auto path = shared_dir + "/banking77/train.csv";
  auto data = read_file(path);
  if (!data) return data.status();
  auto recs = read_csv_records(*data);
  std::vector<std::pair<std::string, std::string>> rows;
  for (std::size_t i = 1; i < recs.size(); ++i)
    if (recs[i].size() == 2) rows.push_back({recs[i][0], recs[i][1]});
  if (rows.size() < 1000) return Status::error(path + ": expected ~10,000 text,category rows");
  return draw(std::move(rows), per_category, banking77_intent);
}

Result<std::vector<IntentExample>> load_clinc150(const std::string& shared_dir, int per_category) {
  auto path = shared_dir + "/clinc150/data_full.json";
  auto data = read_file(path);
  if (!data) return data.status();
  std::vector<std::pair<std::string, std::string>> rows;
  try {
    auto j = nlohmann::json::parse(*data);
    for (const char* split : {"train", "oos_train"})
      for (auto& e : j.at(split)) rows.push_back({e.at(0).get<std::string>(), e.at(1).get<std::string>()});
  } catch (const std::exception& e) {
    return Status::error(path + ": " + e.what());
  }
  return draw(std::move(rows), per_category, clinc150_intent);
}

Result<IntentValence> load_vader_valence(const std::string& shared_dir) {
  auto path = shared_dir + "/vader/vader_lexicon.txt";
  auto data = read_file(path);
  if (!data) return data.status();
  IntentValence v;
  std::istringstream in(*data);
  std::string line;
  while (std::getline(in, line)) {
    auto f = split_tabs(line);
    if (f.size() < 2) continue;
    float val = 0;
    auto r = std::from_chars(f[1].data(), f[1].data() + f[1].size(), val);
    if (r.ec != std::errc()) continue;
    v.insert(f[0], val);
  }
  if (v.size() < 5000) return Status::error(path + ": expected ~7,500 lexicon entries");
  return v;
}

FeaturizedExample featurize(std::string_view text, Intent label, bool auxiliary, const IntentValence& valence) {
  auto t = tokenize(text);
  IntentFeatures f;
  extract_intent_features(t, &valence, f);
  FeaturizedExample e;
  // Requests to a bank or a voice assistant are ~90% questions; without a feature of their own they would
  // drag every class prior (the bias feature) towards question. This indicator soaks up that shift and is
  // never present at inference.
  if (auxiliary) f.add(intent_hash("<auxiliary-domain>"));
  e.features.assign(f.index.begin(), f.index.begin() + f.n);
  e.label = static_cast<int>(label);
  e.auxiliary = auxiliary;
  return e;
}

std::vector<float> train_intent(const std::vector<const FeaturizedExample*>& data, const IntentTrainConfig& cfg) {
  constexpr int K = kIntentClasses;
  std::vector<float> w(std::size_t(kIntentBuckets) * K, 0.f), g2(w.size(), 0.f);
  // Class weights from the social-media rows only: those are the distribution the model is judged on.
  std::array<double, K> count{};
  for (auto* e : data)
    if (!e->auxiliary) count[e->label] += 1;
  double total = 0;
  for (double c : count) total += c;
  std::array<float, K> class_w{};
  for (int k = 0; k < K; ++k)
    class_w[k] = count[k] > 0 ? float(std::pow(total / K / count[k], double(cfg.balance))) : 1.f;

  std::vector<std::size_t> order(data.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  Rng rng{cfg.seed};
  for (int epoch = 0; epoch < cfg.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.next() % i]);
    for (std::size_t idx : order) {
      const FeaturizedExample& e = *data[idx];
      std::array<float, K> z{};
      for (auto f : e.features)
        for (int k = 0; k < K; ++k) z[k] += w[std::size_t(f) * K + k];
      float mx = *std::max_element(z.begin(), z.end()), sum = 0;
      for (auto& v : z) sum += v = std::exp(v - mx);
      float ew = (e.auxiliary ? cfg.aux_weight : 1.f) * class_w[e.label];
      std::array<float, K> g{};
      for (int k = 0; k < K; ++k) g[k] = (z[k] / sum - (k == e.label ? 1.f : 0.f)) * ew;
      for (auto f : e.features) {
        float* wf = &w[std::size_t(f) * K];
        float* gf = &g2[std::size_t(f) * K];
        for (int k = 0; k < K; ++k) {
          float gk = g[k] + cfg.l2 * wf[k];
          gf[k] += gk * gk;
          wf[k] -= cfg.learning_rate * gk / (std::sqrt(gf[k]) + 1e-6f);
        }
      }
    }
  }
  return w;
}

}  // namespace parley::text
