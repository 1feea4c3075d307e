#include "parley/text/analyzer.h"

#include "parley/text/intent.h"
#include "parley/text/key_phrases.h"
#include "parley/text/language.h"
#include "parley/text/sentiment.h"
#include "parley/text/simhash.h"
#include "parley/text/tokenizer.h"
#include "parley/text/urgency.h"

namespace parley::text {

namespace {
constexpr std::size_t kMaxKeyPhrases = 5;  // per post
}

Analyzer::~Analyzer() = default;

Result<std::unique_ptr<Analyzer>> Analyzer::create(std::vector<GazetteerEntry> entities) {
  std::unique_ptr<Analyzer> a(new Analyzer());
  a->sentiment_ = &SentimentModel::instance();
  if (a->sentiment_->empty())
    return Status::error("the sentiment lexicon is missing: expected it under " +
                         std::string("data/lexicons/ (set PARLEY_DATA to the folder holding parley's data/)"));
  auto intent = IntentModel::load_default();
  if (!intent) return intent.status();
  a->intent_ = std::make_unique<IntentModel>(std::move(*intent));
  a->gazetteer_ = std::make_unique<Gazetteer>(entities);
  a->entities_and_risk_ = std::make_unique<Gazetteer>(entities, risk_term_entries());
  return a;
}

Analysis Analyzer::analyze(const Post& p, unsigned parts) const {
  // What each part needs, added to what was asked for.
  if (parts & kUrgency) parts |= kSentiment | kIntent;
  if (parts & kIntent) parts |= kSentiment;
  if (parts & kKeyPhrases) parts |= kLanguage;
  Analysis a;
  // One Tokenized per thread, written over for every post: a post's token array (~1.5 KB) is past malloc's
  // per-thread cache, so a fresh one per post took malloc's slow path twice (BM_TokenizeReuse).
  thread_local Tokenized tok;
  tokenize(p.text, tok);
  if (parts & kLanguage) a.language = detect_language(tok.text, p.language);
  if (parts & kSentiment) a.sentiment = sentiment_->analyze(tok);
  if (parts & kIntent) a.intent = intent_->classify(tok, a.sentiment);
  thread_local std::vector<GazetteerHit> risk_hits;  // reused: no allocation per post after warm-up
  risk_hits.clear();
  if (parts & (kEntities | kUrgency)) {
    std::vector<EntityMatch> entities = entities_and_risk_->match_split(tok.text, risk_hits);
    if (parts & kEntities) a.entities = std::move(entities);
  }
  if (parts & kUrgency) {
    UrgencyInputs u;
    u.sentiment_compound = a.sentiment.compound;
    u.intent = a.intent.label;
    u.intent_confidence = a.intent.confidence;
    // At analysis time nobody has answered yet; the engage stage recomputes urgency as replies come in.
    u.unanswered_question = a.intent.label == Intent::question;
    u.followers = p.author.followers > 0 ? static_cast<std::uint64_t>(p.author.followers) : 0;
    u.risk = risk_bits(risk_hits);
    const Shouting s = shouting(tok.text);
    u.caps_share = s.caps_share;
    u.exclamations = s.exclamations;
    a.urgency = urgency(u);
  }
  if (parts & kKeyPhrases) a.key_phrases = key_phrases(tok, a.language, kMaxKeyPhrases);
  if (parts & kSimHash) a.simhash = simhash(tok);
  return a;
}

}  // namespace parley::text
