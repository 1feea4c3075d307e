#include "parley/text/language_votes.h"

#include "parley/text/load_bytes.h"

#include <string>
#include <utility>
#include <vector>

namespace parley::text::language_detail {

namespace {

// Only words that belong to one of the seven languages count (shared ones like "de", "a", "no", "que" are
// dropped when the table is built), so a hit is evidence. At most kMaxVoteWord (8) bytes each.
constexpr const char* kVoteWords[kVotes] = {
    "the and is are was were to of in for you my i it this that with have has had not on be your we they "
    "at but just why what how can will from been get got so do don't it's i'm i've can't won't our their "
    "there would should an or if all thank thanks please been when still now never any one again about "
    "after hours flight service customer help",
    "el los las y es por con para una muy pero mi se lo su esta está como más hoy ya sin porque también nada "
    "nunca gracias hola qué cuando desde hay tengo del al le otra vez ahora servicio ayuda él yo tu sus",
    "os não em é um uma com para meu minha mas está isso isto você muito já sem porque também nada nunca "
    "obrigado obrigada olá quando desde tem tenho ao pelo pela dos das eu ele ela hoje ainda agora serviço",
    "der die das und ist nicht ich ein eine mit für auf den dem sich es zu von mein meine aber auch noch "
    "schon seit immer wieder kein keine danke bitte warum wie was heute ihr wir sie sind hat habe",
    "le les et est des une du pour avec dans pas ne je il elle nous vous mon ma mes mais très aussi encore "
    "depuis toujours merci bonjour pourquoi comment quand ça c'est au aux sur qui j'ai",
    "il gli è che di per non del della mio mia ma anche sono questo questa perché grazie ciao sempre "
    "ancora oggi molto ho hai nel alla",
    "het een en is niet ik van met voor op dat die mijn maar ook nog geen waarom hoe dank bedankt vandaag "
    "altijd wij jullie zijn heb"};

}  // namespace

WordKey word_key(std::string_view w) { return load_upto8(w.data(), w.size() < 8 ? w.size() : 8); }

std::vector<std::pair<std::string, int>> FunctionWords::listed_words() {
  std::vector<std::pair<std::string, int>> out;
  for (int lang = 0; lang < kVotes; ++lang) {
    std::string_view all(kVoteWords[lang]);
    while (!all.empty()) {
      auto sp = all.find(' ');
      std::string w(all.substr(0, sp));
      all = sp == std::string_view::npos ? std::string_view() : all.substr(sp + 1);
      if (w.empty()) continue;
      bool known = false;
      for (auto& [word, owner] : out)
        if (word == w) {
          known = true;
          if (owner != lang) owner = -1;  // shared by two languages: no evidence either way
        }
      if (!known) out.emplace_back(w, lang);
    }
  }
  return out;
}

FunctionWords::FunctionWords() {
  std::vector<std::pair<WordKey, unsigned>> words;
  for (const auto& [w, lang] : listed_words()) {
    // A miss answers "none" just as well as a shared word; a word too long for a key could never be
    // looked up (the test on the lists keeps that from happening).
    if (lang < 0 || w.size() > kMaxVoteWord) continue;
    words.emplace_back(word_key(w), static_cast<unsigned>(lang + 1));
  }
  // Multipliers from a fixed sequence until every word finds a slot (the first pair normally does).
  std::uint64_t seed = 0x243F6A8885A308D3ull;
  auto next = [&seed] {  // splitmix64
    std::uint64_t z = (seed += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (z ^ (z >> 31)) | 1;
  };
  do {
    mul_[0] = next();
    mul_[1] = next();
  } while (!build(words));
}

bool FunctionWords::build(const std::vector<std::pair<WordKey, unsigned>>& words) {
  for (auto& b : buckets_) b = Bucket{};
  for (auto& l : langs_) l[0] = l[1] = 0;
  auto put = [this](std::size_t b, WordKey k, unsigned lang) {
    for (int s = 0; s < 2; ++s)
      if (buckets_[b].key[s] == 0) {
        buckets_[b].key[s] = k;
        langs_[b][s] = static_cast<unsigned char>(lang);
        return true;
      }
    return false;
  };
  for (auto [k, lang] : words) {
    std::size_t b = bucket(k, 0);
    for (int kick = 0;; ++kick) {
      if (put(bucket(k, 0), k, lang) || put(bucket(k, 1), k, lang)) break;
      if (kick == 500) return false;
      // Both of k's buckets are full: k takes a slot of bucket b (one of them, alternating slots), and the
      // word it evicts goes on to its other bucket.
      const int s = kick & 1;
      std::swap(k, buckets_[b].key[s]);
      const unsigned evicted_lang = langs_[b][s];
      langs_[b][s] = static_cast<unsigned char>(lang);
      lang = evicted_lang;
      b = bucket(k, 0) == b ? bucket(k, 1) : bucket(k, 0);
    }
  }
  return true;
}

const FunctionWords& FunctionWords::instance() {
  static const FunctionWords t;
  return t;
}

unsigned FunctionWords::lookup(std::string_view w) const {
  if (w.empty() || w.size() > kMaxVoteWord) return 0;
  return lookup(word_key(w));
}

}  // namespace parley::text::language_detail
