#include "parley/text/intent_features.h"

#include <algorithm>
#include <cmath>

#include "parley/text/sentiment.h"

namespace parley::text {

namespace {

// Seeds of the feature families. Arbitrary distinct odd constants.
constexpr std::uint64_t kSeedWord = 0x9e3779b97f4a7c15ull;
constexpr std::uint64_t kSeedHashtag = 0xc2b2ae3d27d4eb4full;
constexpr std::uint64_t kSeedUni = 0x165667b19e3779f9ull;
constexpr std::uint64_t kSeedBi = 0x27d4eb2f165667c5ull;
constexpr std::uint64_t kSeedStart = 0x85ebca77c2b2ae63ull;
constexpr std::uint64_t kSeedCue = 0xff51afd7ed558ccdull;

constexpr std::size_t kMaxTokens = 256;

// Word classes the cues need. Looked up by the token's hash in a small table built once, so the cue pass
// costs one probe per token instead of dozens of string comparisons.
enum CueBit : std::uint64_t {
  kShould = 1u << 0, kWouldCould = 1u << 1, kNiceAdj = 1u << 2, kPlease = 1u << 3, kRequestVerb = 1u << 4,
  kWish = 1u << 5, kHope = 1u << 6, kYouThey = 1u << 7, kAdvise = 1u << 8, kWhy = 1u << 9, kNotAux = 1u << 10,
  kThanks = 1u << 11, kAnyone = 1u << 12, kNegator = 1u << 13, kOpener = 1u << 14, kBe = 1u << 15,
  // Spam rule words (see intent_spam_rule).
  kSpamStrong = 1u << 16, kSpamWeak = 1u << 17, kWinEnter = 1u << 18, kWinNext = 1u << 19, kSign = 1u << 20,
  kUp = 1u << 21, kShop = 1u << 22, kNow = 1u << 23, kClick = 1u << 24, kClickNext = 1u << 25, kFollow = 1u << 26,
  kFollowNext = 1u << 27, kEarn = 1u << 28, kMoney = 1u << 29, kOff = 1u << 30, kSpamTag = 1u << 31,
  // Brand-directed cues (complaint, request, suggestion wording).
  kComplain = 1ull << 32, kTimeUnit = 1ull << 33, kWorking = 1ull << 34, kSubject = 1ull << 35, kHelp = 1ull << 36,
  kFeature = 1ull << 37, kRequestNoun = 1ull << 38, kOptionNoun = 1ull << 39, kIdea = 1ull << 40,
  kImperative = 1ull << 41, kYou = 1ull << 42, kCouldWould = 1ull << 43, kHow = 1ull << 44, kAbout = 1ull << 45,
  kArticle = 1ull << 46, kGreeting = 1ull << 47,
};

struct CueTable {
  static constexpr std::size_t kSlots = 2048;  // ~400 words: load < 1/4
  std::array<std::uint64_t, kSlots> keys{};
  std::array<std::uint64_t, kSlots> bits{};
  void add(std::initializer_list<std::string_view> words, std::uint64_t bit) {
    for (auto w : words) {
      std::uint64_t h = intent_hash(w, kSeedWord) | 1;
      std::size_t j = intent_mix(h) & (kSlots - 1);
      while (keys[j] && keys[j] != h) j = (j + 1) & (kSlots - 1);
      keys[j] = h;
      bits[j] |= bit;
    }
  }
  std::uint64_t find(std::uint64_t word_hash) const { return find(word_hash, intent_mix(word_hash | 1)); }
  // `mixed` = intent_mix(word_hash | 1): the valence table probes with the same value, so a word's mix is
  // computed once for both.
  std::uint64_t find(std::uint64_t word_hash, std::uint64_t mixed) const {
    std::uint64_t h = word_hash | 1;
    for (std::size_t j = mixed & (kSlots - 1); keys[j]; j = (j + 1) & (kSlots - 1))
      if (keys[j] == h) return bits[j];
    return 0;
  }
};

const CueTable& cue_table() {
  static const CueTable t = [] {
    CueTable c;
    c.add({"should", "shoulda", "ought"}, kShould);
    c.add({"would", "could", "'d"}, kWouldCould);
    c.add({"nice", "great", "good", "better", "cool", "awesome", "helpful", "useful", "nicer", "amazing", "handy",
           "lovely", "brilliant", "ideal", "perfect", "easier", "fab"},
          kNiceAdj);
    c.add({"please", "pls", "plz"}, kPlease);
    c.add({"add", "make", "bring", "consider", "include", "allow", "let", "give", "put", "change", "offer", "stock",
           "support", "show", "introduce", "open", "do"},
          kRequestVerb);
    c.add({"wish", "wished", "wishing"}, kWish);
    c.add({"hope"}, kHope);
    c.add({"you", "they"}, kYouThey);
    c.add({"suggest", "suggestion", "recommend", "recommendation", "advice", "tip"}, kAdvise);
    c.add({"why"}, kWhy);
    c.add({"don't", "dont", "not", "doesn't", "can't", "cant", "won't", "isn't"}, kNotAux);
    c.add({"thank", "thanks", "thx", "ty", "thanx", "tnx", "cheers", "kudos", "congrats"}, kThanks);
    c.add({"anyone", "anybody", "someone", "somebody"}, kAnyone);
    c.add({"not", "no", "never", "cannot", "nothing", "none", "nobody", "nor", "without", "neither", "dont",
           "cant", "wont", "didnt", "doesnt", "isnt", "wasnt", "arent", "couldnt", "shouldnt", "wouldnt", "aint"},
          kNegator);
    c.add({"what", "how", "why", "when", "where", "who", "which", "whats", "what's", "how's", "where's", "can",
           "could", "does", "do", "did", "is", "are", "will", "would", "should", "has", "have", "any", "anyone",
           "anybody", "was", "were", "am"},
          kOpener);
    c.add({"be"}, kBe);
    // Words of dissatisfaction with a service: waiting, repeats, money back, failure, strong disapproval.
    c.add({"still", "again", "never", "worst", "waiting", "waited", "refund", "refunded", "cancel", "cancelled",
           "canceled", "broken", "broke", "charged", "overcharged", "ridiculous", "unacceptable", "useless",
           "terrible", "awful", "disgraceful", "shocking", "joke", "scam", "fuming", "rubbish", "hold", "late",
           "delayed", "delay", "missing", "lost", "crashes", "crashing", "crashed", "outage", "faulty", "fault",
           "disappointed", "disappointing", "nobody", "declined", "wrong", "appalling", "pathetic", "horrible",
           "compensation", "complaint", "ignored", "twice", "fix", "fixed", "stuck", "fail", "failed", "fails"},
          kComplain);
    c.add({"minutes", "mins", "min", "hours", "hrs", "hour", "days", "day", "weeks", "week", "months", "month"},
          kTimeUnit);
    c.add({"working", "work", "works", "worked", "arrived", "turned", "showed", "received"}, kWorking);
    c.add({"i", "you", "we", "u", "there", "it", "this", "they", "my", "your", "anyone"}, kSubject);
    c.add({"help", "helpful", "handy", "useful"}, kHelp);
    c.add({"feature"}, kFeature);
    c.add({"request", "requests"}, kRequestNoun);
    c.add({"option", "options", "button", "way", "setting", "settings", "mode", "feature", "toggle", "filter"},
          kOptionNoun);
    c.add({"idea", "suggestion", "suggestions", "proposal", "psa", "tip", "advice"}, kIdea);
    c.add({"add", "make", "bring", "let", "fix", "give", "stop", "sort", "refund", "send", "check", "try", "get",
           "put", "allow", "cancel", "answer", "explain", "offer", "consider", "support", "stock", "show", "turn",
           "avoid", "measure", "include", "please", "pls", "plz", "tell", "keep", "use", "remove", "change"},
          kImperative);
    c.add({"you", "u", "ya", "y'all"}, kYou);
    c.add({"could", "would", "can"}, kCouldWould);
    c.add({"how"}, kHow);
    c.add({"about"}, kAbout);
    c.add({"a", "an", "the", "some", "more"}, kArticle);
    c.add({"hi", "hey", "hello", "hiya", "dear", "yo", "ok", "so", "ugh", "honestly", "lol", "wow"}, kGreeting);
    // Strong: only promotions and engagement farming talk like this. Weak: common in ads, and elsewhere.
    c.add({"giveaway", "giveaways", "sweepstakes", "followback", "f4f", "promo", "coupon", "coupons", "discount",
           "prizes", "prize", "prizey"},
          kSpamStrong);
    c.add({"free", "win", "contest", "deal", "deals", "offer", "sale", "subscribe", "check", "tips", "rt", "vote",
           "limited", "exclusive", "new", "ends"},
          kSpamWeak);
    c.add({"win", "enter"}, kWinEnter);
    c.add({"a", "an", "the", "your", "free", "now", "to"}, kWinNext);
    c.add({"sign"}, kSign);
    c.add({"up"}, kUp);
    c.add({"shop"}, kShop);
    c.add({"now"}, kNow);
    c.add({"click"}, kClick);
    c.add({"here", "now", "link"}, kClickNext);
    c.add({"follow"}, kFollow);
    c.add({"me", "us", "back"}, kFollowNext);
    c.add({"earn", "earning", "make"}, kEarn);
    c.add({"money", "cash", "$"}, kMoney);
    c.add({"off"}, kOff);
    c.add({"giveaway", "win", "contest", "sweepstakes", "freebie", "promo", "ad", "sponsored", "followback", "f4f",
           "teamfollowback", "follow4follow", "deal", "deals", "sale"},
          kSpamTag);  // looked up by the hashtag's text, like a word
    return c;
  }();
  return t;
}

// Cue names are hashed at compile time: the inference path hashes only the text.
consteval std::uint64_t cue(std::string_view name) { return intent_hash(name, kSeedCue); }

}  // namespace

void IntentValence::insert(std::string_view word, float valence) {
  if (keys_.empty() || (count_ + 1) * 2 > keys_.size()) {
    // Grow to keep the load under 1/2, so probes stay short.
    std::vector<std::uint64_t> old_keys = std::move(keys_);
    std::vector<float> old_values = std::move(values_);
    std::size_t cap = old_keys.empty() ? 1024 : old_keys.size() * 2;
    keys_.assign(cap, 0);
    values_.assign(cap, 0.f);
    count_ = 0;
    for (std::size_t i = 0; i < old_keys.size(); ++i) {
      if (!old_keys[i]) continue;
      std::size_t mask = cap - 1, j = intent_mix(old_keys[i]) & mask;
      while (keys_[j]) j = (j + 1) & mask;
      keys_[j] = old_keys[i];
      values_[j] = old_values[i];
      ++count_;
    }
  }
  std::uint64_t h = intent_hash(word, kSeedWord) | 1;  // never 0, the empty marker
  std::size_t mask = keys_.size() - 1, j = intent_mix(h) & mask;
  while (keys_[j] && keys_[j] != h) j = (j + 1) & mask;
  if (!keys_[j]) ++count_;
  keys_[j] = h;
  values_[j] = valence;
  if (filter_.empty()) filter_.assign(std::size_t{1} << (kFilterBitsLog2 - 6), 0);
  add_to_filter(h);
}

float IntentValence::probe(std::uint64_t word_hash, std::uint64_t mixed) const {
  std::uint64_t h = word_hash | 1;
  std::size_t mask = keys_.size() - 1, j = mixed & mask;
  while (keys_[j]) {
    if (keys_[j] == h) return values_[j];
    j = (j + 1) & mask;
  }
  return 0;
}

void IntentValence::assign(std::vector<std::uint64_t> keys, std::vector<float> values) {
  keys_ = std::move(keys);
  values_ = std::move(values);
  count_ = static_cast<std::size_t>(std::count_if(keys_.begin(), keys_.end(), [](std::uint64_t k) { return k; }));
  filter_.clear();
  if (keys_.empty()) return;
  filter_.assign(std::size_t{1} << (kFilterBitsLog2 - 6), 0);
  for (std::uint64_t k : keys_)
    if (k) add_to_filter(k);
}

void extract_intent_features(const Tokenized& t, const IntentValence* valence, IntentFeatures& out) {
  extract_intent_features(t, valence, out, nullptr);
}

void extract_intent_features(const Tokenized& t, const IntentValence* valence, IntentFeatures& out, bool* spam,
                             const double* known_compound) {
  out.n = 0;
  out.add(cue("bias"));
  // One hash per token; n-grams combine these, so each token's bytes are read once. (Plain arrays of
  // integers: left uninitialised, only the first n entries are written and read.)
  std::array<std::uint64_t, kMaxTokens> th;
  std::array<std::uint64_t, kMaxTokens> mixed;  // intent_mix(th | 1) of words and punctuation: the probe
  std::array<std::uint64_t, kMaxTokens> bits;   // position in both the cue and the valence tables
  // The text the rules below compare ("rt", ".!?", "%"): a token's norm, or "" for the kinds the features
  // replace by a placeholder (<#>, <num>, <@>, <url>, <email>), which none of those comparisons matches.
  auto shown = [&t](std::size_t i) -> std::string_view {
    switch (t.tokens[i].kind) {
      case TokenKind::hashtag:
      case TokenKind::number:
      case TokenKind::mention:
      case TokenKind::url:
      case TokenKind::email: return {};
      default: return t.tokens[i].norm;
    }
  };
  const CueTable& cues = cue_table();
  const std::size_t n = std::min(t.tokens.size(), kMaxTokens);
  int q_marks = 0, excl = 0, hashtags = 0, mentions = 0, urls = 0, caps = 0, elong = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Token& tok = t.tokens[i];
    switch (tok.kind) {
      case TokenKind::word: th[i] = intent_hash(tok.norm, kSeedWord); break;
      case TokenKind::hashtag: th[i] = intent_hash(tok.norm, kSeedHashtag); ++hashtags; break;
      // Which user or link it is says nothing about intent; that there is one does.
      case TokenKind::number: th[i] = cue("<num>"); break;
      case TokenKind::mention: th[i] = cue("<@>"); ++mentions; break;
      case TokenKind::url: th[i] = cue("<url>"); ++urls; break;
      case TokenKind::email: th[i] = cue("<email>"); break;
      default: th[i] = intent_hash(tok.norm, kSeedWord); break;
    }
    bits[i] = 0;
    if (tok.kind == TokenKind::punct || tok.kind == TokenKind::word) mixed[i] = intent_mix(th[i] | 1);
    if (tok.kind == TokenKind::punct) bits[i] = cues.find(th[i], mixed[i]);  // "$", "%" for the spam rule
    if (tok.kind == TokenKind::word) {
      bits[i] = cues.find(th[i], mixed[i]);
      // Any "-n't" contraction negates, listed or not.
      std::string_view w = tok.norm;
      if (w.size() > 3 && w.substr(w.size() - 3) == "n't") bits[i] |= kNegator;
    }
    if (tok.kind == TokenKind::punct) {
      for (char c : tok.norm) {
        q_marks += c == '?';
        excl += c == '!';
      }
    }
    caps += tok.all_caps;
    elong += tok.elongated;
  }

  // Word unigrams and bigrams (with sentence-edge markers): the bulk of the signal.
  std::uint64_t prev = cue("<s>");
  for (std::size_t i = 0; i < n; ++i) {
    out.add(th[i] ^ kSeedUni);
    out.add((prev * 31) ^ th[i] ^ kSeedBi);
    prev = th[i];
  }
  out.add((prev * 31) ^ cue("</s>") ^ kSeedBi);

  // Sentence openers: a wh-/aux-word starting a sentence (after leading @mentions and "RT") marks questions
  // better than a question mark alone, which sarcasm and rhetoric also use. "how do I", "can I", "is there",
  // "do you" (an opener with a subject right after it) is the usual shape of a request for information; a
  // base verb first ("add", "fix", "please ...", after greetings) is an imperative: a request or a demand.
  bool at_start = true, first_word = true;
  int wh_starts = 0, opener_subject = 0, imperatives = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Token& tok = t.tokens[i];
    if (tok.kind == TokenKind::mention || shown(i) == "rt") continue;
    if (tok.kind == TokenKind::punct) {
      if (shown(i).find_first_of(".!?") != std::string_view::npos) at_start = true;
      continue;
    }
    if (at_start && tok.kind == TokenKind::word) {
      if (bits[i] & kGreeting) continue;  // "hey @acme, ..." / "hi, ...": the sentence starts after it
      out.add(th[i] ^ kSeedStart);
      if (bits[i] & kOpener) {
        ++wh_starts;
        for (std::size_t j = i + 1; j < n && j <= i + 2; ++j)
          if (bits[j] & kSubject) {
            ++opener_subject;
            break;
          }
      }
      if (bits[i] & kImperative) {
        ++imperatives;
        if (first_word) out.add(cue("imperative_first"));
      }
      first_word = false;
    }
    at_start = false;
  }

  // Suggestion and request cues that single words miss ("would be nice", "please add", "hope you"), and
  // complaint cues ("still", "refund", "3 days", "not working").
  int negations = 0, neg_scope = 0, complain = 0, pos_words = 0, neg_words = 0;
  bool duration = false, not_working = false;
  float pos = 0, neg = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t b = bits[i], b1 = i + 1 < n ? bits[i + 1] : 0, b2 = i + 2 < n ? bits[i + 2] : 0;
    if (b) {  // most tokens are in no word class: one test skips all of these (they keep their order)
      if (b & kShould) out.add(cue("modal_should"));
      if ((b & kWouldCould) && (b1 & kBe) && (b2 & kNiceAdj)) out.add(cue("would_be_nice"));
      if ((b & kWouldCould) && (b1 & kHelp)) out.add(cue("would_help"));
      if ((b & kCouldWould) && (b1 & kYou)) out.add(cue("could_you"));
      if ((b & kPlease) && (b1 & kRequestVerb)) out.add(cue("please_verb"));
      if ((b & kRequestVerb) && ((b1 & kOptionNoun) || ((b1 & kArticle) && (b2 & kOptionNoun))))
        out.add(cue("add_option"));
      if ((b & kFeature) && (b1 & kRequestNoun)) out.add(cue("feature_request"));
      if (b & kIdea) out.add(cue("idea"));
      if ((b & kHow) && (b1 & kAbout)) out.add(cue("how_about"));
      if (b & kWish) out.add(cue("wish"));
      if ((b & kHope) && (b1 & kYouThey)) out.add(cue("hope_you"));
      if (b & kAdvise) out.add(cue("advise"));
      if ((b & kWhy) && (b1 & kNotAux)) out.add(cue("why_not"));
      if (b & kThanks) out.add(cue("thanks"));
      if (b & kAnyone) out.add(cue("anyone"));
      if (b & kComplain) ++complain;
      if ((b & kNegator) && ((b1 & kWorking) || (b2 & kWorking))) not_working = true;
    }
    if (t.tokens[i].kind == TokenKind::number && (b1 & kTimeUnit)) duration = true;

    // Lexicon valence with a three-token negation scope (VADER's window), bucketed into counts.
    if (neg_scope > 0) --neg_scope;
    if (b & kNegator) {
      ++negations;
      neg_scope = 3;
      continue;
    }
    if (valence && t.tokens[i].kind == TokenKind::word) {
      float v = valence->find(th[i], mixed[i]);
      if (neg_scope > 0) v = -0.74f * v;  // VADER's negation scalar
      if (v > 0) {
        pos += v;
        ++pos_words;
      }
      if (v < 0) {
        neg -= v;
        ++neg_words;
      }
    }
  }
  auto bucket = [](float x) { return x <= 0 ? 0 : x < 2 ? 1 : x < 4 ? 2 : x < 7 ? 3 : 4; };
  static constexpr std::array<std::uint64_t, 5> kPos = {cue("pos0"), cue("pos1"), cue("pos2"), cue("pos3"),
                                                        cue("pos4")};
  static constexpr std::array<std::uint64_t, 5> kNeg = {cue("neg0"), cue("neg1"), cue("neg2"), cue("neg3"),
                                                        cue("neg4")};
  static constexpr std::array<std::uint64_t, 4> kPosWords = {cue("posw0"), cue("posw1"), cue("posw2"),
                                                             cue("posw3")};
  static constexpr std::array<std::uint64_t, 4> kNegWords = {cue("negw0"), cue("negw1"), cue("negw2"),
                                                             cue("negw3")};
  static constexpr std::array<std::uint64_t, 4> kComplainN = {cue("cc0"), cue("cc1"), cue("cc2"), cue("cc3")};
  out.add(kPos[bucket(pos)]);
  out.add(kNeg[bucket(neg)]);
  out.add(kPosWords[std::min(pos_words, 3)]);
  out.add(kNegWords[std::min(neg_words, 3)]);
  if (neg > pos + 1) out.add(cue("net_negative"));
  if (pos > neg + 1) out.add(cue("net_positive"));
  const int complaint_cues = complain + duration + not_working;
  out.add(kComplainN[std::min(complaint_cues, 3)]);
  if (duration) out.add(cue("duration"));
  if (not_working) out.add(cue("not_working"));

  // Sentence-level sentiment from the sentiment module (its rules: negation, boosters, "but", emoji...),
  // in five bands, alone and together with "addressed to someone": negative at a brand is a complaint far
  // more often than negative in general.
  const double compound = known_compound ? *known_compound : SentimentModel::instance().analyze(t).compound;
  const int band = compound <= -0.5 ? 0 : compound <= -0.05 ? 1 : compound < 0.05 ? 2 : compound < 0.5 ? 3 : 4;
  static constexpr std::array<std::uint64_t, 5> kSent = {cue("sent0"), cue("sent1"), cue("sent2"), cue("sent3"),
                                                         cue("sent4")};
  static constexpr std::array<std::uint64_t, 5> kSentAddr = {cue("sent0@"), cue("sent1@"), cue("sent2@"),
                                                             cue("sent3@"), cue("sent4@")};
  out.add(kSent[band]);
  const bool lead_mention = n && t.tokens[0].kind == TokenKind::mention;
  if (mentions) out.add(kSentAddr[band]);
  if (lead_mention) out.add(cue("lead_mention"));

  const bool q_end = n && shown(n - 1).find('?') != std::string_view::npos;
  if (negations) out.add(cue("negation"));
  if (q_marks) out.add(cue("q_mark"));
  if (q_end) out.add(cue("q_end"));
  if (wh_starts) out.add(cue("wh_start"));
  if (wh_starts && q_marks) out.add(cue("wh_start_q"));
  if (opener_subject) out.add(cue("opener_subject"));
  if (opener_subject && q_marks) out.add(cue("opener_subject_q"));
  if (imperatives) out.add(cue("imperative"));
  if (q_marks && complaint_cues) out.add(cue("q_and_complaint"));
  if (excl) out.add(cue("excl"));
  if (excl >= 3) out.add(cue("excl3"));
  if (caps) out.add(cue("all_caps"));
  if (elong) out.add(cue("elongated"));
  if (urls) out.add(cue("has_url"));
  if (hashtags >= 3) out.add(cue("hashtags3"));
  if (mentions) out.add(cue("has_mention"));
  // Length bands: review snippets, tweets and one-word replies behave differently.
  out.add(n < 4 ? cue("len0") : n < 10 ? cue("len1") : n < 25 ? cue("len2") : cue("len3"));

  if (spam) {
    // The spam rule, on the bits already looked up. Documented in docs/intent.md: a strong promo cue with a
    // link, a second cue or hashtags; a link with two weak cues; or tag stuffing.
    int strong = 0, weak = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const Token& tok = t.tokens[i];
      const std::uint64_t b = bits[i], b1 = i + 1 < n ? bits[i + 1] : 0;
      if (tok.kind == TokenKind::hashtag) {
        if (cues.find(intent_hash(tok.norm, kSeedWord)) & kSpamTag) ++strong;
        continue;
      }
      if (!b) continue;  // every test below needs a word class of this token
      if (b & kSpamStrong) ++strong;
      if ((b & kWinEnter) && (b1 & kWinNext)) ++strong;
      if ((b & kSign) && (b1 & kUp)) ++strong;
      if ((b & kShop) && (b1 & kNow)) ++strong;
      if ((b & kClick) && (b1 & kClickNext)) ++strong;
      if ((b & kFollow) && (b1 & kFollowNext)) ++strong;
      if ((b & kEarn) && (b1 & kMoney)) ++strong;
      if ((b & kOff) && i > 0 && shown(i - 1) == "%") ++strong;  // "50% off"
      if (tok.kind == TokenKind::word && (b & kSpamWeak)) ++weak;
    }
    *spam = (strong >= 1 && (urls || strong >= 2 || hashtags >= 2)) || (urls && weak >= 2) || hashtags >= 5 ||
            mentions >= 6;
  }
}

bool intent_spam_rule(const Tokenized& t) {
  IntentFeatures f;
  bool spam = false;
  extract_intent_features(t, nullptr, f, &spam);
  return spam;
}

}  // namespace parley::text
