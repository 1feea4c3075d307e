#include "parley/text/urgency.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "parley/text/gazetteer.h"

namespace parley::text {

namespace {

// ---- The weights: all of them, in one place. Points add up to `raw`; see urgency() for the curve. ----
struct Weights {
  // Anger is the strongest everyday predictor of a post that escalates: full negativity (-1) is 35 points.
  double negativity = 35;
  // A complaint wants a fix; a question wants an answer, and costs a customer if it waits; a suggestion
  // or an "other" post can wait a day; praise deserves a thank-you but never jumps the queue.
  double complaint = 20, question = 12, suggestion = 4, other = 2, praise = 0;
  // A question still without a reply has already waited: that is what SLAs punish.
  double unanswered = 10;
  // Risk terms: safety first (people can get hurt), then legal (cost and reputation), churn (a customer
  // is leaving now), outage (important, but usually one incident behind many posts).
  double safety = 35, legal = 30, churn = 20, outage = 15;
  // Shouting: all-caps share and '!' show heat that the sentiment lexicon underrates; kept small because
  // some people always write that way. At most 5 exclamation marks count.
  double caps = 10, exclamation = 2;
  int max_exclamations = 5;
  // Reach multiplies what the post already has (a big account's praise is not urgent, its complaint is
  // more so): +15% per decade of followers above 100, up to +75% at 10M.
  double reach_per_decade = 0.15, reach_floor_decades = 2, reach_max_decades = 5;
  // The curve: 100 * (1 - exp(-raw / scale)). Small signals add almost linearly; stacked signals approach
  // 100 without passing it, so the score stays ordered at the top instead of clamping many posts to 100.
  double scale = 60;
};
constexpr Weights kW{};

const Gazetteer& risk_gazetteer() {
  // Order matches the RiskTerm bits: entry i sets bit i.
  static const Gazetteer g(std::vector<GazetteerEntry>{
      {EntityKind::keyword, "legal",
       {"lawyer", "lawyers", "attorney", "sue", "suing", "sued", "lawsuit", "court", "legal action",
        "class action", "small claims",
        "abogado", "abogados", "demanda", "demandar", "denuncia", "denunciar", "tribunal",
        "advogado", "processar", "processo judicial", "procon", "justiça",
        "anwalt", "rechtsanwalt", "klage", "verklagen", "gericht",
        "avocat", "procès", "poursuivre en justice", "plainte"}},
      {EntityKind::keyword, "safety",
       {"fire", "caught fire", "on fire", "injury", "injured", "hurt", "unsafe", "danger", "dangerous", "smoke",
        "smoking", "burn", "burned", "burnt", "burns", "explode", "exploded", "sparks", "electric shock",
        "fuego", "incendio", "herido", "lesión", "peligro", "peligroso", "humo", "quemadura", "se quemó", "explotó",
        "fogo", "incêndio", "ferido", "perigo", "perigoso", "fumaça", "queimou", "explodiu",
        "feuer", "brand", "verletzt", "gefahr", "gefährlich", "rauch", "verbrannt", "explodiert",
        "feu", "incendie", "blessé", "dangereux", "fumée", "brûlé", "brûlure", "explosé"}},
      {EntityKind::keyword, "outage",
       {"outage", "down", "not working", "isn't working", "doesn't work", "stopped working", "no signal",
        "no service", "offline", "no internet",
        "caído", "caída", "no funciona", "sin señal", "sin servicio", "sin internet",
        "caiu", "fora do ar", "não funciona", "sem sinal", "sem internet", "sem serviço",
        "ausfall", "störung", "funktioniert nicht", "kein netz", "kein internet",
        "panne", "ne marche pas", "ne fonctionne pas", "pas de réseau", "coupure"}},
      {EntityKind::keyword, "churn",
       {"cancel", "cancelling", "canceling", "cancelled", "canceled", "cancellation", "switch to",
        "switching to", "refund", "chargeback", "unsubscribe", "close my account",
        "cancelar", "darme de baja", "reembolso", "cambiarme a", "me cambio a",
        "estorno", "mudar para", "vou trocar", "cancelamento",
        "kündigen", "kündigung", "erstattung", "wechsle zu",
        "résilier", "résiliation", "remboursement", "annuler"}},
  });
  return g;
}

}  // namespace

unsigned risk_terms(std::string_view nfc_text) {
  thread_local std::vector<GazetteerHit> hits;  // reused: no allocation per post after warm-up
  hits.clear();
  risk_gazetteer().scan(nfc_text, hits);
  unsigned bits = 0;
  for (const auto& h : hits) bits |= 1u << h.entry;
  return bits;
}

// shouting() is in shouting.cc.

int urgency(const UrgencyInputs& in) {
  auto clamp01 = [](double x) { return std::isnan(x) ? 0.0 : std::clamp(x, 0.0, 1.0); };
  double base = kW.negativity * clamp01(-in.sentiment_compound);
  double intent_points = 0;
  switch (in.intent) {
    case Intent::complaint: intent_points = kW.complaint; break;
    case Intent::question: intent_points = kW.question; break;
    case Intent::suggestion: intent_points = kW.suggestion; break;
    case Intent::other: intent_points = kW.other; break;
    case Intent::praise: intent_points = kW.praise; break;
  }
  base += intent_points * clamp01(in.intent_confidence);
  if (in.unanswered_question) base += kW.unanswered;
  if (in.risk & risk_safety) base += kW.safety;
  if (in.risk & risk_legal) base += kW.legal;
  if (in.risk & risk_churn) base += kW.churn;
  if (in.risk & risk_outage) base += kW.outage;
  base += kW.caps * clamp01(in.caps_share);
  base += kW.exclamation * std::clamp(in.exclamations, 0, kW.max_exclamations);

  double decades = in.followers > 0 ? std::log10(static_cast<double>(in.followers)) : 0;
  decades = std::clamp(decades - kW.reach_floor_decades, 0.0, kW.reach_max_decades);
  double raw = base * (1 + kW.reach_per_decade * decades);
  double score = 100 * (1 - std::exp(-raw / kW.scale));
  return static_cast<int>(std::clamp(std::lround(score), 0L, 100L));
}

}  // namespace parley::text
