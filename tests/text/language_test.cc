#include "parley/text/language.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace parley::text {
namespace {

struct Case {
  const char* expected;
  const char* text;
};

// Real-sounding customer posts; each must come out right through the front door AND through CLD2 alone, so
// a change to either path that breaks a language shows up here.
const Case kSentences[] = {
    {"en", "My internet has been down since this morning and nobody at support is answering the phone"},
    {"en", "@NorthwindHelp why is my bill twice what it was last month? https://t.co/abc #help"},
    {"es", "Mi internet no funciona desde ayer y nadie del servicio al cliente me responde"},
    {"es", "Hola, ¿alguien sabe por qué la aplicación se cierra sola cada vez que la abro?"},
    {"pt", "Meu celular não liga desde ontem e a loja diz que a garantia já acabou"},
    {"pt", "Vocês poderiam melhorar o atendimento, esperei duas horas na fila do telefone"},
    {"de", "Das Internet ist seit gestern kaputt und der Kundendienst ruft nicht zurück"},
    {"de", "Warum dauert die Lieferung so lange? Ich warte schon seit zwei Wochen auf mein Paket"},
    {"fr", "Mon colis n'est toujours pas arrivé et le service client ne répond pas depuis une semaine"},
    {"fr", "Merci beaucoup pour votre aide, le problème est enfin résolu"},
    {"it", "Il mio telefono non funziona più dopo l'aggiornamento, qualcuno ha lo stesso problema?"},
    {"nl", "Mijn bestelling is nog steeds niet aangekomen en de klantenservice reageert niet"},
    {"ja", "昨日からインターネットが繋がらないので、サポートに電話しましたが誰も出ません"},
    {"zh", "我的网络从昨天开始就一直断线，客服电话也打不通，真的很失望"},
    {"ko", "어제부터 인터넷이 안 되는데 고객센터는 전화를 받지 않아요"},
    {"ru", "У меня со вчерашнего дня не работает интернет, а служба поддержки не отвечает"},
    {"ar", "الإنترنت لا يعمل منذ أمس وخدمة العملاء لا ترد على الهاتف"},
    {"tr", "Dünden beri internetim çalışmıyor ve müşteri hizmetleri telefonu açmıyor"},
    {"pl", "Od wczoraj nie działa mi internet, a obsługa klienta nie odbiera telefonu"},
    {"el", "Το ίντερνετ δεν λειτουργεί από χθες και η εξυπηρέτηση πελατών δεν απαντά"},
};

TEST(Language, RealSentencesInManyLanguages) {
  for (const auto& c : kSentences) {
    EXPECT_EQ(detect_language(c.text), c.expected) << c.text;
    EXPECT_EQ(detect_language_cld2(c.text), c.expected) << "cld2 alone: " << c.text;
  }
}

TEST(Language, UndeterminedWhenThereIsNothingToJudge) {
  EXPECT_EQ(detect_language(""), "und");
  EXPECT_EQ(detect_language("ok"), "und");
  EXPECT_EQ(detect_language("lol!!!"), "und");
  EXPECT_EQ(detect_language("😂😂😂🔥🔥"), "und");
  EXPECT_EQ(detect_language("https://example.com/some/long/english/looking/path?query=words"), "und");
  EXPECT_EQ(detect_language("@northwind @contoso @someone_else #fail #NorthwindFiber"), "und");
  EXPECT_EQ(detect_language("12345 67890 !!! ???"), "und");
  EXPECT_EQ(detect_language("你好"), "und");
}

TEST(Language, HandlesUrlsAndTagsDoNotVote) {
  // Without stripping, the English-looking handle, tags and URL would outweigh three Spanish words.
  EXPECT_EQ(detect_language("@CustomerServiceTeam #WorstServiceEver https://support.example.com/help/contact-us "
                            "no funciona nada, ¿por qué?"),
            "es");
}

TEST(Language, HintBreaksCloseCalls) {
  // One Portuguese function word is not enough alone, but agrees with the source's tag.
  EXPECT_EQ(detect_language("obrigado Northwind!!", "pt-BR"), "pt");
  // A hint never overrides clear evidence.
  EXPECT_EQ(detect_language("My internet has been down since this morning and nobody answers", "de"), "en");
}

TEST(Language, FrontDoorAgreesWithCld2OnEnglishTweets) {
  // Real customer tweets (eval-only data; read in place, never copied into the project).
  std::ifstream in(std::string(PARLEY_SHARED_DATA) + "/airline-tweets/Tweets.csv");
  if (!in) GTEST_SKIP() << "shared data not available";
  // The text is the 11th CSV field; rows with quoted newlines are skipped (good enough for a sample).
  std::vector<std::string> texts;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line) && texts.size() < 3000) {
    std::size_t pos = 0;
    int field = 0;
    std::string cur;
    bool quoted = false;
    for (; pos < line.size(); ++pos) {
      char ch = line[pos];
      if (quoted) {
        if (ch == '"' && pos + 1 < line.size() && line[pos + 1] == '"') { cur += '"'; ++pos; }
        else if (ch == '"') quoted = false;
        else cur += ch;
      } else if (ch == '"') quoted = true;
      else if (ch == ',') { if (field == 10) break; ++field; cur.clear(); }
      else cur += ch;
    }
    if (field == 10 && !quoted) texts.push_back(cur);
  }
  ASSERT_GT(texts.size(), 1000u);
  int fast_decided = 0, agree = 0, disagree = 0, cld2_und = 0;
  for (const auto& t : texts) {
    std::string a = detect_language(t), b = detect_language_cld2(t);
    if (b == "und") ++cld2_und;
    if (a == b) ++agree;
    else if (a != "und" && b != "und") ++disagree;
    (void)fast_decided;
  }
  double n = static_cast<double>(texts.size());
  std::printf("language: %zu tweets: same answer %.1f%%, both decided but different %.2f%%, cld2 und %.1f%%\n",
              texts.size(), 100 * agree / n, 100 * disagree / n, 100 * cld2_und / n);
  EXPECT_LT(disagree / n, 0.01);
  EXPECT_GT(agree / n, 0.9);
}

}  // namespace
}  // namespace parley::text
