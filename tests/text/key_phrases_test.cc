#include "parley/text/key_phrases.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>

namespace parley::text {
namespace {

// Hand-made tokens in the tokenizer's shape (these tests do not depend on it): words split on spaces,
// trailing punctuation split off as a punct token, '#' -> hashtag, '@' -> mention, "http" -> url.
Tokenized toks(std::string_view text) {
  Tokenized t;
  t.text = std::string(text);
  std::size_t i = 0;
  auto push = [&](TokenKind kind, std::size_t b, std::size_t e, std::string norm) {
    Token tok;
    tok.kind = kind;
    tok.begin = static_cast<std::uint32_t>(b);
    tok.end = static_cast<std::uint32_t>(e);
    tok.norm = std::move(norm);
    t.tokens.push_back(std::move(tok));
  };
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t b = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (b == i) break;
    std::string_view w = text.substr(b, i - b);
    if (w.starts_with("http")) { push(TokenKind::url, b, i, std::string(w)); continue; }
    std::size_t e = w.size();
    while (e > 0 && std::ispunct(static_cast<unsigned char>(w[e - 1])) && w[e - 1] != '\'') --e;
    std::string norm;
    for (char c : w.substr(0, e)) norm.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (e > 0) {
      if (w[0] == '#') push(TokenKind::hashtag, b, b + e, norm.substr(1));
      else if (w[0] == '@') push(TokenKind::mention, b, b + e, norm.substr(1));
      else push(TokenKind::word, b, b + e, norm);
    }
    if (e < w.size()) push(TokenKind::punct, b + e, i, std::string(w.substr(e)));
  }
  return t;
}

using V = std::vector<std::string>;

TEST(KeyPhrases, RakeCandidatesBetweenStopwordsAndPunctuation) {
  auto p = key_phrases(toks("@NorthwindHelp my fiber router keeps dropping the connection since the firmware "
                            "update, please fix it https://t.co/x"),
                       "en");
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p[0], "fiber router keeps dropping");  // the longest run scores highest (degree)
  EXPECT_NE(std::find(p.begin(), p.end(), "firmware update"), p.end());
  EXPECT_NE(std::find(p.begin(), p.end(), "connection"), p.end());
  for (const auto& x : p) {
    EXPECT_EQ(x.find("http"), std::string::npos);
    EXPECT_EQ(x.find("northwindhelp"), std::string::npos);
  }
}

TEST(KeyPhrases, HashtagsArePhrases) {
  auto p = key_phrases(toks("loving the new dark mode #NorthwindApp #ux"), "en");
  EXPECT_NE(std::find(p.begin(), p.end(), "#northwindapp"), p.end());
  EXPECT_NE(std::find(p.begin(), p.end(), "#ux"), p.end());
  EXPECT_NE(std::find(p.begin(), p.end(), "loving"), p.end());
  EXPECT_NE(std::find(p.begin(), p.end(), "new dark mode"), p.end());
}

TEST(KeyPhrases, StopwordsPerLanguage) {
  EXPECT_TRUE(is_stopword("the", "es"));  // English always counts: posts mix it in
  EXPECT_TRUE(is_stopword("los", "es"));
  EXPECT_FALSE(is_stopword("los", "de"));
  EXPECT_TRUE(is_stopword("nicht", "de"));
  EXPECT_TRUE(is_stopword("não", "pt"));
  EXPECT_TRUE(is_stopword("très", "fr"));
  EXPECT_TRUE(is_stopword("pas", "und"));  // unknown language: every list
  EXPECT_FALSE(is_stopword("router", "und"));
  EXPECT_EQ(key_phrases(toks("el servicio de atención al cliente es muy lento"), "es"),
            (V{"servicio", "atención", "cliente", "lento"}));
  EXPECT_EQ(key_phrases(toks("die Lieferung ist seit zwei Wochen nicht angekommen"), "de")[0],
            "zwei wochen");
}

TEST(KeyPhrases, LimitsAndEdgeCases) {
  EXPECT_TRUE(key_phrases(toks(""), "en").empty());
  EXPECT_TRUE(key_phrases(toks("the and of it is"), "en").empty());
  EXPECT_EQ(key_phrases(toks("a b c d e f g h"), "en").size(), 0u);  // one-letter words are not phrases
  auto p = key_phrases(toks("battery, screen, camera, speaker, charger, case, strap"), "en", 3);
  EXPECT_EQ(p.size(), 3u);
  EXPECT_EQ(p, (V{"battery", "screen", "camera"}));  // equal scores keep text order
  EXPECT_EQ(key_phrases(toks("slow, slow! so slow"), "en"), V{"slow"});  // listed once
  // A run longer than four words is cut to its first four.
  EXPECT_EQ(key_phrases(toks("northwind fiber router firmware update bug report"), "en")[0],
            "northwind fiber router firmware");
}

}  // namespace
}  // namespace parley::text
