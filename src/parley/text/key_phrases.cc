#include "parley/text/key_phrases.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace parley::text {

namespace {

// Short lists written for social posts: function words plus the filler that carries no topic ("lol",
// "please", "thanks", "today"). Bits: en 1, es 2, pt 4, de 8, fr 16.
constexpr std::array<std::pair<unsigned, const char*>, 5> kLists = {{
    {1, "a an the and or but if then so of to in on at by for with from about as into over after before "
        "is are was were be been being am do does did have has had having i me my mine you your yours he him "
        "his she her it its we us our they them their this that these those there here what which who whom "
        "whose why how when where all any some no not only just very too also again still now ever never "
        "can could will would shall should may might must get got go going gone can't don't doesn't didn't "
        "won't isn't aren't wasn't i'm i've i'll you're it's that's there's please thanks thank lol omg "
        "yes yeah ok okay hi hello hey today really much more most than up out off one since until because while rt via"},
    {2, "el la los las un una unos unas y o pero si de del al a en con por para sin sobre es son fue ser "
        "estar está están estoy he ha han hay yo me mi mis tu tus te se su sus nos lo le les que qué como "
        "cómo cuando donde muy más menos ya no sí también todo todos esta este esto eso hoy gracias hola"},
    {4, "o a os as um uma uns umas e ou mas se de do da dos das no na nos nas em com por para sem sobre é "
        "são foi ser estar está estão estou tem têm eu me meu minha meus minhas você vocês te seu sua nós "
        "que como quando onde muito mais menos já não sim também tudo isso isto esta este hoje obrigado "
        "obrigada olá oi"},
    {8, "der die das den dem des ein eine einen einem einer und oder aber wenn dann von zu zum zur in im "
        "an am auf mit für aus bei nach über ist sind war waren sein bin bist hat habe haben ich mich mir "
        "mein meine du dich dein er sie es wir uns ihr euch was wie wann wo warum nicht kein keine auch noch "
        "schon sehr mehr nur heute danke bitte hallo ja nein so seit weil"},
    {16, "le la les un une des et ou mais si de du au aux à en dans sur avec pour par sans est sont était "
         "être ai as a avons avez ont je me moi mon ma mes tu te toi ton ta tes il elle nous vous ils elles "
         "se son sa ses ce cette ces que qui quoi comment quand où très plus moins déjà ne pas oui non aussi "
         "tout tous aujourd'hui merci bonjour salut c'est j'ai"},
}};

const std::unordered_map<std::string_view, unsigned>& stopwords() {
  static const auto* m = [] {
    auto* r = new std::unordered_map<std::string_view, unsigned>();
    for (const auto& [bit, words] : kLists) {
      std::string_view all(words);
      while (!all.empty()) {
        auto sp = all.find(' ');
        auto w = all.substr(0, sp);
        if (!w.empty()) (*r)[w] |= bit;
        all = sp == std::string_view::npos ? std::string_view() : all.substr(sp + 1);
      }
    }
    return r;
  }();
  return *m;
}

unsigned language_mask(std::string_view language) {
  if (language == "en") return 1;
  if (language == "es") return 1 | 2;
  if (language == "pt") return 1 | 4;
  if (language == "de") return 1 | 8;
  if (language == "fr") return 1 | 16;
  return 31;
}

constexpr std::size_t kMaxPhraseWords = 4;

}  // namespace

bool is_stopword(std::string_view norm, std::string_view language) {
  const auto& m = stopwords();
  auto it = m.find(norm);
  return it != m.end() && (it->second & language_mask(language));
}

std::vector<std::string> key_phrases(const Tokenized& t, std::string_view language, std::size_t max_phrases) {
  const unsigned mask = language_mask(language);
  const auto& stops = stopwords();
  // Candidate phrases as ranges of word norms; hashtags separately.
  struct Phrase { std::size_t first, count; bool hashtag; std::size_t order; };
  std::vector<std::string_view> words;
  std::vector<Phrase> phrases;
  std::size_t run_start = 0, run_len = 0;
  auto close_run = [&] {
    if (run_len) phrases.push_back({run_start, std::min(run_len, kMaxPhraseWords), false, phrases.size()});
    run_len = 0;
  };
  for (const auto& tok : t.tokens) {
    bool content = false;
    if (tok.kind == TokenKind::word && tok.norm.size() > 1) {
      auto it = stops.find(tok.norm);
      content = !(it != stops.end() && (it->second & mask));
    }
    if (tok.kind == TokenKind::hashtag && !tok.norm.empty()) {
      close_run();
      words.push_back(tok.norm);
      phrases.push_back({words.size() - 1, 1, true, phrases.size()});
      continue;
    }
    if (!content) { close_run(); continue; }
    if (!run_len) run_start = words.size();
    words.push_back(tok.norm);
    ++run_len;
  }
  close_run();
  if (phrases.empty()) return {};

  // RAKE word scores: frequency and degree (co-occurrences inside phrases, itself included). A post has a
  // few dozen words at most, so linear look-ups beat hashing here.
  struct WordStat { std::string_view word; double freq = 0, degree = 0; };
  std::vector<WordStat> wstat;
  auto stat = [&](std::string_view w) -> WordStat& {
    for (auto& s : wstat) if (s.word == w) return s;
    wstat.push_back({w});
    return wstat.back();
  };
  for (const auto& p : phrases)
    for (std::size_t i = 0; i < p.count; ++i) {
      auto& s = stat(words[p.first + i]);
      s.freq += 1;
      s.degree += static_cast<double>(p.count);
    }
  struct Scored { std::string text; double score; std::size_t order; };
  std::vector<Scored> scored;
  for (const auto& p : phrases) {
    std::string text = p.hashtag ? "#" : "";
    double score = 0;
    for (std::size_t i = 0; i < p.count; ++i) {
      auto w = words[p.first + i];
      if (i) text += ' ';
      text.append(w);
      const auto& s = stat(w);
      score += s.degree / s.freq;
    }
    bool repeated = std::any_of(scored.begin(), scored.end(), [&](const Scored& x) { return x.text == text; });
    if (repeated) continue;  // a repeated phrase is listed once
    scored.push_back({std::move(text), score, p.order});
  }
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  std::vector<std::string> out;
  for (auto& s : scored) {
    if (out.size() == max_phrases) break;
    out.push_back(std::move(s.text));
  }
  return out;
}

}  // namespace parley::text
