// demo_data: writes the synthetic demo data set in data/demo/ for "Northwind Mobile", an invented telecom
// and ISP, so `make demo` has a realistic month of brand conversations to show, in every input format
// parley reads.
//
//   demo_data [OUT_DIR]     (default data/demo)
//
// Everything is a function of a fixed seed and a fixed "today" (2026-11-20), never of the wall clock, so the
// files are byte-identical on every run and diffs in review mean the generator changed. All text is written
// here for the demo; no real people, accounts or posts.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

// ---------------------------------------------------------------------------------------------------------
// Fixed clock and randomness.

constexpr std::int64_t kDayMs = 86400000;

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {  // H. Hinnant's algorithm
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t at(int month, int day, int hour = 0, int minute = 0) {
  return (days_from_civil(2026, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hour * 3600 +
          minute * 60) * 1000;
}

// "Today" for the demo: the data covers the 30 days before noon UTC on Friday 2026-11-20.
const std::int64_t kNow = at(11, 20, 12);
const std::int64_t kStart = kNow - 30 * kDayMs;

std::string iso(std::int64_t ms, bool millis = false) {
  const std::int64_t secs = ms / 1000, days = secs / 86400, sod = secs % 86400;
  std::int64_t z = days + 719468;
  const std::int64_t era = z / 146097, doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
  char buf[64];  // roomy enough for any int64 the compiler can imagine, so -Wformat-truncation stays quiet
  if (millis)
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(sod / 3600),
                  static_cast<long long>(sod / 60 % 60), static_cast<long long>(sod % 60),
                  static_cast<long long>(ms % 1000));
  else
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(sod / 3600),
                  static_cast<long long>(sod / 60 % 60), static_cast<long long>(sod % 60));
  return buf;
}

// splitmix64: specified bit for bit, so the demo is the same on every standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t s) : s_(s) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  std::int64_t range(std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(below(hi - lo + 1)); }
  bool percent(int p) { return below(100) < static_cast<std::uint64_t>(p); }
  template <typename C>
  const auto& pick(const C& c) {
    return c[below(c.size())];
  }

 private:
  std::uint64_t s_;
};

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// ---------------------------------------------------------------------------------------------------------
// The cast.

enum Lang { en, es, pt, de, fr };
constexpr std::array<const char*, 5> kLangTag = {"en", "es", "pt", "de", "fr"};

struct Person {
  std::string handle, name;
  std::string kind = "customer";  // customer | public | employee
  std::int64_t followers = 0;
  Lang lang = en;
};

const Person kCare{"NorthwindCare", "Northwind Care", "employee", 48210, en};
const Person kBrand{"NorthwindMobile", "Northwind Mobile", "employee", 312400, en};

struct NameSet {
  Lang lang;
  std::vector<std::string_view> first, last;
};

const std::vector<NameSet>& name_sets() {
  static const std::vector<NameSet> s = {
      {en,
       {"Emily", "Jake", "Priya", "Marcus", "Hannah", "Tyler", "Grace", "Devon", "Olivia", "Ben", "Aisha", "Ryan",
        "Megan", "Chris", "Sam", "Nora", "Kevin", "Tasha", "Liam", "Zoe"},
       {"Carter", "Nguyen", "Patel", "Brooks", "Reyes", "Kim", "Murphy", "Shaw", "Foster", "Okoye", "Walsh", "Hughes",
        "Lee", "Bennett", "Price", "Diaz"}},
      {es,
       {"María", "José", "Lucía", "Carlos", "Sofía", "Javier", "Valentina", "Diego", "Camila", "Andrés"},
       {"García", "López", "Martínez", "Sánchez", "Romero", "Torres", "Ruiz", "Vargas"}},
      {pt,
       {"João", "Ana", "Pedro", "Beatriz", "Lucas", "Mariana", "Rafael", "Inês", "Gabriel", "Larissa"},
       {"Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Almeida", "Ferreira"}},
      {de,
       {"Lukas", "Anna", "Jonas", "Lea", "Felix", "Sophie", "Maximilian", "Marie"},
       {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner", "Hoffmann"}},
      {fr, {"Camille", "Louis", "Chloé", "Hugo", "Léa", "Théo"}, {"Martin", "Bernard", "Dubois", "Lefèvre", "Moreau"}},
  };
  return s;
}

// Handles are ASCII like the networks require; display names keep their accents.
std::string ascii_fold(std::string_view s) {
  static const std::map<std::string, std::string> fold = {
      {"á", "a"}, {"é", "e"}, {"í", "i"}, {"ó", "o"}, {"ú", "u"}, {"ã", "a"}, {"ê", "e"},
      {"ç", "c"}, {"ü", "u"}, {"ö", "o"}, {"è", "e"}, {"ñ", "n"}, {"ô", "o"}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
      ++i;
      continue;
    }
    const std::string two(s.substr(i, 2));
    const auto it = fold.find(two);
    out += it != fold.end() ? it->second : "";
    i += 2;
  }
  return out;
}

std::vector<Person> make_customers(Rng& r, int n) {
  std::vector<Person> out;
  std::set<std::string> taken;
  // Most of the brand's audience writes English; the rest matches Northwind's markets.
  constexpr std::array<int, 10> lang_mix = {0, 0, 0, 0, 0, 1, 1, 2, 2, 3};
  while (static_cast<int>(out.size()) < n) {
    int li = lang_mix[r.below(lang_mix.size())];
    if (li == 3 && r.percent(30)) li = 4;  // a few French speakers among the German-market share
    const Lang l = static_cast<Lang>(li);
    const NameSet* set = nullptr;
    for (const auto& s : name_sets())
      if (s.lang == l) set = &s;
    const std::string first(r.pick(set->first)), last(r.pick(set->last));
    Person p;
    p.lang = l;
    p.name = first + " " + last;
    const std::string f = ascii_fold(first), la = ascii_fold(last);
    switch (r.below(5)) {
      case 0: p.handle = f + "_" + la; break;
      case 1: p.handle = f + la + std::to_string(r.range(1, 99)); break;
      case 2: p.handle = f.substr(0, 1) + la + std::to_string(r.range(70, 99)); break;
      case 3: p.handle = "its" + f + std::to_string(r.range(1, 9)); break;
      default: p.handle = la + "_" + f.substr(0, 1); break;
    }
    if (!taken.insert(p.handle).second) continue;
    if (r.percent(8)) p.name += r.pick(std::array<const char*, 5>{" 🌻", " ✈️", " 🏳️‍🌈", " 👩🏽‍💻", " ⚽"});
    p.kind = r.percent(60) ? "customer" : "public";
    // Most people have a few hundred followers; a handful are local influencers.
    p.followers = r.range(3, 900) * (r.percent(5) ? r.range(20, 120) : 1);
    out.push_back(p);
  }
  return out;
}

const std::vector<Person>& community() {  // regulars who answer each other before the brand does
  static const std::vector<Person> c = {
      {"fiberfan_dave", "Dave (fiber nerd)", "public", 2310, en},
      {"routerwhisperer", "Jo • home networking", "public", 8920, en},
      {"pdx_outage_watch", "PDX Outage Watch", "public", 15400, en},
      {"techtia_es", "Tía Tecnológica", "public", 4120, es},
      {"gabi_ajuda", "Gabi ajuda 💡", "public", 3010, pt},
  };
  return c;
}

const std::vector<Person>& employees() {  // internal askers: frontline agents and store staff
  static const std::vector<Person> e = {
      {"j.ortega", "Julia Ortega (Care, Austin)", "employee", -1, en},
      {"p.schmidt", "Paul Schmidt (Store 114)", "employee", -1, en},
      {"a.nakamura", "Aiko Nakamura (NOC)", "employee", -1, en},
      {"r.costa", "Rita Costa (Care, Lisbon)", "employee", -1, pt},
      {"m.brennan", "Mike Brennan (Billing ops)", "employee", -1, en},
      {"s.wu", "Sarah Wu (Social team)", "employee", -1, en},
      {"d.fuentes", "Daniel Fuentes (Care, Madrid)", "employee", -1, es},
  };
  return e;
}

// ---------------------------------------------------------------------------------------------------------
// What people say. {slots} are filled per post: {city} {amount} {days} {hours} {ticket} {competitor} {n}.

enum Topic { outage, billing, refund, support, app, phone, question, praise, suggestion, spam, competitor, campaign };

struct Line {
  Topic topic;
  Lang lang;
  const char* text;
};

const std::vector<Line>& roots() {
  static const std::vector<Line> v = {
      // outages
      {outage, en, "@NorthwindMobile is Northwind Fiber down in {city}? Nothing since 7am, lights on the ONT are red"},
      {outage, en, "third outage this month. I work from home, @NorthwindCare. I can't keep doing this"},
      {outage, en, "No signal on my N5 Phone anywhere downtown {city}. Is there a tower problem? @NorthwindCare"},
      {outage, en, "Internet has dropped every evening around 8pm for a week. Northwind Fiber, 1 Gig plan, {city}. Speeds fall to 3 Mbps then nothing 😤"},
      {outage, en, "status page says \"all systems operational\" while my whole street is offline. come on @NorthwindMobile"},
      {outage, en, "Anyone else in {city} with Northwind Fiber out? Kids have online school in an hour #NorthwindDown"},
      {outage, en, "Called the outage line, got a robot that hung up on me. Fiber down since {hours} hours. What am I paying for?"},
      {outage, es, "@NorthwindCare llevo {days} días sin internet en {city}. Nadie me da una fecha. Esto es inaceptable"},
      {outage, es, "¿Alguien más sin fibra de Northwind en {city}? Se cayó todo a las 7 de la mañana 😡"},
      {outage, es, "Tercera caída de la semana. Pago fibra de 1 Giga y tengo que usar los datos del móvil para trabajar"},
      {outage, pt, "@NorthwindCare minha internet caiu de novo aqui em {city}. Já são {hours} horas sem conexão 😩"},
      {outage, pt, "Alguém mais sem sinal da Northwind hoje? O N5 Phone fica sem serviço o dia todo"},
      {outage, de, "@NorthwindCare seit {days} Tagen kein Internet in {city}. Die Hotline sagt nur, man arbeite daran. Wann ist das behoben?"},
      {outage, de, "Schon wieder Störung bei Northwind Fiber. Homeoffice unmöglich. Ich kündige, wenn das so weitergeht"},
      {outage, fr, "@NorthwindCare toujours pas de connexion à {city} depuis ce matin. Une idée de quand ça revient ?"},
      // billing
      {billing, en, "@NorthwindCare you charged me twice this month. {amount} x2. Please fix this before my rent bounces"},
      {billing, en, "My bill went from $65 to {amount} with no warning. The \"promo\" ended and nobody told me?"},
      {billing, en, "Why is there a $9.99 \"network access fee\" on my Northwind bill? I never agreed to that"},
      {billing, en, "Paid my bill on the 1st, got a late fee on the 3rd. Ticket {ticket}, still open. @NorthwindCare"},
      {billing, es, "@NorthwindCare me cobraron dos veces la factura de noviembre ({amount}). ¿Cuándo me devuelven el dinero?"},
      {billing, pt, "A Northwind me cobrou {amount} a mais na fatura. Liguei três vezes e ninguém resolve"},
      {billing, de, "Doppelte Abbuchung von {amount} auf meinem Konto. @NorthwindCare bitte sofort zurückbuchen!"},
      // refunds
      {refund, en, "Still waiting on my refund for the N5 Phone I returned {days} days ago. Ticket {ticket} @NorthwindCare"},
      {refund, en, "Was promised a credit for last week's outage. Bill came today. No credit. Surprised? No."},
      {refund, es, "Devolví el N5 Phone hace {days} días y el reembolso no aparece. Ticket {ticket}"},
      {refund, pt, "Cadê meu reembolso, @NorthwindCare? Já faz {days} dias. Protocolo {ticket}"},
      {refund, de, "Erstattung für den zurückgeschickten Router fehlt immer noch. Vorgang {ticket}, seit {days} Tagen"},
      // slow support
      {support, en, "On hold with Northwind support for {hours} hours now. The hold music is burned into my brain 🎶😵"},
      {support, en, "Chat agent closed my chat mid-sentence. Second time today. @NorthwindCare is anyone actually there?"},
      {support, en, "Booked a technician for Tuesday, nobody showed up, nobody called. Took the day off for nothing"},
      {support, es, "Una hora esperando en el chat de Northwind para que me digan que reinicie el router 🙄"},
      {support, pt, "O atendimento da Northwind é o pior que já vi. Transferiram minha ligação 5 vezes"},
      {support, de, "Der Techniker kam nicht, niemand hat abgesagt. Ich habe extra Urlaub genommen. Danke für nichts, Northwind"},
      // app
      {app, en, "Northwind App logs me out every time I open it since the update. iOS 19, N5 Phone"},
      {app, en, "Can't pay my bill in the Northwind App, spinner forever then \"something went wrong\""},
      {app, es, "La app de Northwind no me deja ver mi consumo de datos desde la actualización"},
      {app, de, "Die Northwind App stürzt beim Login ab. Neu installiert, hilft nicht"},
      // phone
      {phone, en, "N5 Phone battery dies by 2pm since the last update. Was fine before. Anyone else?"},
      {phone, en, "My N5 Phone screen has a green line after 3 months. Is that covered by warranty? @NorthwindCare"},
      {phone, pt, "Meu N5 Phone esquenta muito quando uso o 5G. É normal?"},
      {phone, es, "El N5 Phone se reinicia solo varias veces al día. Ya lo restablecí de fábrica"},
      // questions
      {question, en, "@NorthwindCare does Northwind Fiber work with my own router or do I have to rent yours?"},
      {question, en, "Is Northwind Fiber available in {city} yet? The map says \"coming soon\" since spring"},
      {question, en, "Can I keep my number if I switch to Northwind from {competitor}?"},
      {question, en, "How do I turn on wifi calling on the N5 Phone? Can't find it in settings"},
      {question, en, "Does the Northwind unlimited plan include roaming in Mexico? Traveling next week ✈️"},
      {question, en, "What's the upload speed on the 500 Mbps Northwind Fiber plan? Need it for streaming"},
      {question, es, "¿La fibra de Northwind tiene permanencia? Me quiero mudar en {days} meses"},
      {question, pt, "Como faço para mudar meu plano pelo Northwind App?"},
      {question, de, "Kann ich bei Northwind eine feste IP-Adresse bekommen?"},
      {question, fr, "Est-ce que la fibre Northwind est disponible à {city} ? Merci !"},
      // praise
      {praise, en, "Shoutout to Maria at the {city} Northwind store who fixed my N5 Phone in 10 minutes 🙌 #NorthwindCares"},
      {praise, en, "Switched to Northwind Fiber last month. 940 down, 920 up, zero drops. Should have done this years ago"},
      {praise, en, "@NorthwindCare sorted my billing issue in one DM. Honestly impressed 👏🏽"},
      {praise, en, "Northwind tech showed up early, super friendly, explained everything. 10/10"},
      {praise, es, "Tengo que decirlo: el soporte de Northwind me resolvió todo por chat en 5 minutos 👍"},
      {praise, pt, "Fibra da Northwind voando aqui em {city} 🚀 nota 10"},
      {praise, de, "Northwind Fiber läuft seit Monaten stabil. Endlich ein Anbieter, der hält, was er verspricht"},
      // suggestions
      {suggestion, en, "@NorthwindMobile please add a proper outage map to the app. Telling me \"we're aware\" isn't enough"},
      {suggestion, en, "Would love text notifications when a technician is on the way, like delivery apps do"},
      {suggestion, en, "Northwind App needs a dark mode. My eyes at 2am checking why the internet is down 😅"},
      {suggestion, es, "Sugerencia para Northwind: avisar por SMS cuando haya mantenimiento programado"},
      {suggestion, de, "Vorschlag: Gutschrift bei Störungen automatisch statt nach drei Anrufen"},
      // spam / promo
      {spam, en, "🔥🔥 FREE iPhone for the first 100 Northwind customers!! Click bit.ly/nw-free-phone 🔥🔥"},
      {spam, en, "Earn $500/day from home with your phone! DM me \"INFO\" #NorthwindCares #crypto"},
      {spam, en, "Cheapest Northwind Fiber accounts, lifetime access, pay in crypto, telegram @nwdeals"},
      {spam, es, "GANA DINERO desde casa 💰💰 escríbeme por privado"},
      // competitors
      {competitor, en, "{competitor} is offering 1 Gig for $45. Northwind, why am I paying $70 for the same thing?"},
      {competitor, en, "Left {competitor} for Northwind last year. Coverage is way better in {city}, not going back"},
      {competitor, en, "Thinking about switching to {competitor}. Give me one reason to stay, @NorthwindMobile"},
      {competitor, es, "{competitor} me ofreció mejor precio. Northwind, ¿igualan la oferta?"},
      // campaign
      {campaign, en, "Got the #FiberFriday upgrade to 2 Gig for free. Not complaining 😎"},
      {campaign, en, "#FiberFriday more like #FiberDownday, mine has been out since lunch"},
      {campaign, en, "Love the #NorthwindCares volunteer day at the {city} food bank ❤️"},
      {campaign, es, "¿El descuento #FiberFriday vale también para clientes actuales?"},
  };
  return v;
}

const std::vector<Line>& brand_replies() {
  static const std::vector<Line> v = {
      {outage, en, "We're so sorry. There's a fiber cut affecting parts of {city}; crews are on site and we expect service back within {hours} hours. We'll credit the downtime automatically. ^SW"},
      {outage, en, "Thanks for flagging this. Could you DM us your account number so we can check the line from our side? ^JO"},
      {outage, es, "Lo sentimos mucho. Hay una avería en {city} y los técnicos ya están trabajando. Te escribimos por DM con los detalles. ^DF"},
      {outage, pt, "Sentimos muito! Há uma falha na rede em {city} e nossa equipe já está no local. Te chamamos na DM. ^RC"},
      {outage, de, "Das tut uns leid. In {city} gibt es eine Störung, Techniker sind vor Ort. Wir melden uns per DM. ^JO"},
      {outage, fr, "Désolés pour la gêne. Une panne touche {city}, nos équipes sont sur place. On vous écrit en DM. ^SW"},
      {billing, en, "That shouldn't happen, sorry! Please DM us the account holder's name and the last 4 digits of the card and we'll reverse the duplicate charge today. ^MB"},
      {billing, es, "¡Disculpa! Escríbenos por DM con el titular de la cuenta y anulamos el cobro duplicado hoy mismo. ^DF"},
      {billing, pt, "Pedimos desculpas! Manda uma DM com o nome do titular que a gente estorna a cobrança ainda hoje. ^RC"},
      {billing, de, "Entschuldigung! Schreib uns bitte per DM den Namen des Kontoinhabers, wir buchen die doppelte Abbuchung heute zurück. ^JO"},
      {support, en, "We hear you, and that wait isn't OK. DM us your ticket number and a good time to call and we'll call you back ourselves. ^SW"},
      {support, es, "Lo sentimos, esa espera no es aceptable. Mándanos tu número de ticket por DM y te llamamos nosotros. ^DF"},
      {support, pt, "Desculpa pela demora! Manda o número do protocolo na DM que a gente te liga. ^RC"},
      {question, en, "Good question! Yes, you can use your own router with Northwind Fiber; just plug it into the ONT and call us to register it. ^JO"},
      {question, en, "Hi! Wifi calling is under Settings > Connections > Calls on the N5 Phone. Shout if you can't find it. ^SW"},
      {question, en, "Yes, you can keep your number when you switch. We handle the transfer; it usually takes 1 business day. ^SW"},
      {question, es, "¡Hola! No hay permanencia en la fibra de Northwind. Puedes darte de baja cuando quieras. ^DF"},
      {question, pt, "Oi! No Northwind App vá em Conta > Meu plano > Alterar. Qualquer dúvida, chama a gente. ^RC"},
      {question, de, "Hallo! Eine feste IP gibt es im Business-Tarif. Schreib uns per DM, dann schauen wir uns deinen Vertrag an. ^JO"},
      {praise, en, "This made our day! We'll make sure Maria hears about it 💙 #NorthwindCares ^SW"},
      {praise, en, "Love to hear it! Enjoy the speed 🚀 ^JO"},
      {praise, es, "¡Muchas gracias! Nos alegra mucho leerte 💙 ^DF"},
      {praise, pt, "Que demais! Obrigado pelo carinho 💙 ^RC"},
      {praise, de, "Danke für das schöne Feedback! 💙 ^JO"},
      {suggestion, en, "Great idea, thank you! We've passed it to the Northwind App team. ^SW"},
      {suggestion, es, "¡Buena idea! Se la pasamos al equipo de producto. ^DF"},
      {suggestion, de, "Danke für den Vorschlag, wir geben ihn an das Produktteam weiter. ^JO"},
      {competitor, en, "We'd hate to see you go! DM us and we'll see what we can do on your plan. ^SW"},
      {competitor, es, "¡No te vayas! Escríbenos por DM y revisamos tu tarifa. ^DF"},
      {campaign, en, "Yes! #FiberFriday offers are for new and existing customers. Details are in the Northwind App. ^SW"},
      {campaign, es, "¡Sí! #FiberFriday vale también para clientes actuales. Detalles en la app. ^DF"},
  };
  return v;
}

const std::vector<Line>& follow_ups() {  // the original poster, after the brand answered
  static const std::vector<Line> v = {
      {outage, en, "It's back! Thanks for the quick update"},
      {outage, en, "DMed you 2 days ago. Still nothing. Still offline."},
      {outage, en, "ETA was {hours} hours, that was yesterday. Seriously?"},
      {outage, es, "Ya volvió, gracias 🙏"},
      {outage, es, "Les escribí por DM y nadie contesta"},
      {outage, pt, "Voltou aqui, valeu!"},
      {outage, de, "Läuft wieder, danke."},
      {billing, en, "Sent the DM. Hope this gets sorted fast"},
      {billing, en, "Refund showed up today. Thank you!"},
      {billing, es, "Ya me devolvieron el dinero, gracias"},
      {billing, pt, "Mandei DM, aguardando"},
      {support, en, "Got a call back within the hour. Thanks, that's how it should work"},
      {support, en, "Nobody called. Again."},
      {question, en, "Perfect, thanks!"},
      {question, en, "Thanks! Is there an extra fee for that?"},
      {praise, en, "💙"},
      {suggestion, en, "Thanks! Hope to see it soon"},
      {competitor, en, "DMed. Let's see"},
      {campaign, en, "Nice, just signed up"},
  };
  return v;
}

const std::vector<Line>& community_replies() {
  static const std::vector<Line> v = {
      {outage, en, "Same here in {city}, down since about 7. Looks like the whole neighbourhood"},
      {outage, en, "Try power cycling the ONT (unplug 30s). Didn't fix it for me this time though"},
      {outage, en, "Northwind's status page is usually 2 hours behind. Check the outage map on downdetector"},
      {outage, es, "Aquí en {city} igual, sin servicio desde la mañana"},
      {outage, pt, "Aqui também caiu! Zona sul toda sem internet"},
      {billing, en, "Same happened to me. Chat got it reversed but took 3 days"},
      {support, en, "Pro tip: the callback option in the app is way faster than waiting on hold"},
      {app, en, "Clearing the app cache fixed the logout loop for me"},
      {app, en, "Same on Android, started with version 7.4"},
      {phone, en, "Turn off \"adaptive 5G\" in settings, battery got way better for me"},
      {phone, pt, "O meu também esquentava, atualizaram o software e parou"},
      {question, en, "I use my own router with it, works fine. You still need their ONT though"},
      {question, en, "Roaming in Mexico is included on Unlimited Plus, not the basic one"},
      {praise, en, "Agreed, the {city} store is great"},
      {competitor, en, "Had {competitor} for 2 years, their coverage outside the city is awful. Stay"},
      {competitor, en, "Switched to {competitor} in March, no complaints so far 🤷‍♂️"},
      {spam, en, "Reported. Don't click that link, folks"},
      {campaign, en, "Is it for existing customers too?"},
  };
  return v;
}

// Employees asking each other, and the colleague who answers: the internal side of the same month.
struct Internal {
  const char* question;
  const char* answer;
};
const std::vector<Internal>& internal_threads() {
  static const std::vector<Internal> v = {
      {"Is there an ETA for the {city} fiber outage? I have a queue full of customers asking",
       "NOC says the cut is spliced, service back by 15:00 local. Updates in #inc-fiber-1110"},
      {"Are we giving automatic credits for the outage on the 10th, or do customers have to ask?",
       "Automatic, one day of service for everyone in the affected area. Shows on the December bill"},
      {"Customer says they were charged twice on Nov 2. Is that the known billing batch issue?",
       "Yes, batch 2026-11-02 ran twice for some accounts. Billing ops is reversing all of them by Friday"},
      {"Does the #FiberFriday 2 Gig upgrade apply to existing customers on the 500 plan?",
       "Yes, existing customers too, as long as the address is 2 Gig capable. Check the serviceability tool"},
      {"What do I tell N5 Phone customers with the battery drain after update 14.2?",
       "Known issue, fix in 14.2.1 rolling out this week. Workaround: turn off adaptive 5G"},
      {"Is the Northwind App logout loop a known bug? Getting lots of chats about it",
       "Yes, app 7.4.0 on iOS. Hotfix 7.4.1 is in review. Ask them to clear the cache meanwhile"},
      {"Can a customer keep their Contoso number if they still owe Contoso money?",
       "Yes, porting is allowed regardless of balance; the debt stays with Contoso"},
      {"Anyone know if we match Fabrikam Wireless's $45 fiber offer?",
       "Retention can offer 6 months at $45 on 1 Gig. Not more than that, and only once per account"},
      {"¿Alguien sabe si hay incidencia en Madrid centro? Tengo muchas llamadas por cortes",
       "Sí, mantenimiento programado hasta las 6:00. Ya está en la página de estado"},
      {"Alguém sabe se o reembolso do N5 devolvido cai no cartão ou vira crédito na fatura?",
       "Volta pro cartão, em até 10 dias úteis depois que o aparelho chega no armazém"},
      {"Technician no-show complaints are piling up in {city}. Is dispatch short-staffed this week?",
       "Two crews out sick. Dispatch is calling every affected customer to rebook today"},
      {"How do I escalate a customer who's been without service for 5 days?",
       "Use the P1 escalation form in the care portal and tag the regional NOC lead"},
  };
  return v;
}

// App store reviews of the Northwind App, delivered by the in-house api exporter as kind "review".
const std::vector<Line>& reviews() {
  static const std::vector<Line> v = {
      {app, en, "★☆☆☆☆ Logs me out every single time since 7.4. Useless until fixed"},
      {app, en, "★★★★★ Paying my bill takes 10 seconds now. Great redesign"},
      {app, en, "★★☆☆☆ Outage info is always late. Show me a map please"},
      {app, en, "★★★★☆ Good app, would be 5 stars with dark mode"},
      {app, en, "★☆☆☆☆ Crashes on login. Reinstalled twice."},
      {app, es, "★★★☆☆ Funciona bien pero tarda mucho en cargar el consumo"},
      {app, pt, "★★★★★ Consigo resolver tudo pelo app, sem precisar ligar. Top!"},
      {app, de, "★★☆☆☆ Seit dem Update stürzt die App ständig ab"},
  };
  return v;
}

// Northwind's markets, by the language its customers there write in.
const std::array<std::array<std::string_view, 4>, 5> kCitiesByLang = {{
    {"Seattle", "Portland", "Austin", "Denver"},
    {"Madrid", "Valencia", "Sevilla", "Málaga"},
    {"Lisboa", "Porto", "São Paulo", "Campinas"},
    {"Berlin", "München", "Hamburg", "Köln"},
    {"Lyon", "Paris", "Bordeaux", "Lille"},
}};
const std::array<std::string_view, 2> kCompetitors = {"Contoso Telecom", "Fabrikam Wireless"};

std::string fill(Rng& r, std::string_view tpl, std::string_view city) {
  std::string out;
  for (std::size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] != '{') {
      out.push_back(tpl[i]);
      continue;
    }
    const std::size_t close = tpl.find('}', i);
    const std::string_view slot = tpl.substr(i + 1, close - i - 1);
    if (slot == "city") out += city;
    else if (slot == "amount") out += "$" + std::to_string(r.range(45, 129)) + "." + std::to_string(r.range(10, 99));
    else if (slot == "days") out += std::to_string(r.range(2, 12));
    else if (slot == "hours") out += std::to_string(r.range(2, 9));
    else if (slot == "ticket") out += "#NW-" + std::to_string(r.range(400000, 499999));
    else if (slot == "competitor") out += r.pick(kCompetitors);
    else out += std::to_string(r.range(2, 20));
    i = close;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The posts, and each format's writer.

struct DemoPost {
  std::string source, id, kind;
  bool internal = false;
  Person author;
  std::string text;
  std::int64_t ts = 0;
  std::string url, lang, reply_to, conversation;
  Topic topic = question;
};

void json_str(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", c);
          out += b;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

std::string json(std::string_view s) {
  std::string o;
  json_str(o, s);
  return o;
}

// Picks from a line table by topic and language, falling back to English, then to any line of the topic.
const Line* find_line(Rng& r, const std::vector<Line>& table, Topic t, Lang l) {
  std::vector<const Line*> hits;
  for (Lang want : {l, en}) {
    for (const auto& line : table)
      if (line.topic == t && line.lang == want) hits.push_back(&line);
    if (!hits.empty()) break;
  }
  return hits.empty() ? nullptr : hits[r.below(hits.size())];
}

// Builds one month of conversations on one network. `mention_prefix` is how replies address someone
// ("@" on X and Mastodon); replies carry their thread's root in `conversation` where the network states it.
class World {
 public:
  explicit World(std::uint64_t seed) : r_(seed) { customers_ = make_customers(r_, 260); }

  Rng& rng() { return r_; }
  const Person& customer() {
    // Zipf-ish: a few unhappy regulars post again and again.
    const std::size_t n = customers_.size();
    const std::size_t i = r_.percent(30) ? r_.below(12) : r_.below(n);
    return customers_[i];
  }

  std::string next_id(const std::string& source, std::int64_t ts) {
    const std::uint64_t seq = seq_[source]++;
    if (source == "x") return std::to_string((static_cast<std::uint64_t>(ts - 1288834974657LL) << 22) | (seq & 0x3fffff));
    if (source == "mastodon") return std::to_string((static_cast<std::uint64_t>(ts) << 16) | (seq & 0xffff));
    return source + "-" + std::to_string(1000 + seq);
  }

  DemoPost make(const std::string& source, const Person& who, std::string text, std::int64_t ts, Topic t) {
    DemoPost p;
    p.source = source;
    p.author = who;
    p.ts = std::min(ts, kNow);
    p.id = next_id(source, p.ts);
    p.text = std::move(text);
    p.topic = t;
    p.lang = kLangTag[who.lang];
    p.kind = "post";
    if (source == "x") {
      p.url = "https://x.com/" + who.handle + "/status/" + p.id;
      p.conversation = p.id;
    } else if (source == "mastodon") {
      const std::size_t at_sign = who.handle.find('@');
      const std::string user = who.handle.substr(0, at_sign);
      const std::string host = at_sign == std::string::npos ? "mastodon.social" : who.handle.substr(at_sign + 1);
      p.url = "https://" + host + "/@" + user + "/" + p.id;
    }
    return p;
  }

  DemoPost reply(const DemoPost& parent, const Person& who, std::string_view text, std::int64_t ts, Lang lang) {
    std::string body;
    if (parent.source == "x" || parent.source == "mastodon") body = "@" + parent.author.handle + " ";
    body += text;
    DemoPost p = make(parent.source, who, body, ts, parent.topic);
    p.kind = "reply";
    p.lang = kLangTag[lang];
    p.reply_to = parent.id;
    p.internal = parent.internal;
    if (parent.source == "x") p.conversation = parent.conversation;
    return p;
  }

  // One thread: a root and the replies the brand, the poster and the community add over the next hours.
  void thread(const std::string& source, const Line& root_line, const Person& who, std::int64_t ts,
              std::string_view city, std::vector<DemoPost>& out) {
    DemoPost root = make(source, who, fill(r_, root_line.text, city), ts, root_line.topic);
    root.lang = kLangTag[root_line.lang];
    out.push_back(root);
    const Topic t = root_line.topic;
    std::int64_t clock = root.ts;
    const DemoPost* last = &out.back();
    std::size_t root_index = out.size() - 1;
    if (t != spam && r_.percent(35)) {
      if (const Line* c = find_line(r_, community_replies(), t, root_line.lang)) {
        const Person& helper = community_member(c->lang);
        clock += r_.range(2, 90) * 60000;
        if (clock > kNow) return;
        out.push_back(reply(out[root_index], helper, fill(r_, c->text, city), clock, c->lang));
      }
    }
    const bool brand_answers = t != spam && t != app && t != phone ? r_.percent(t == praise ? 55 : 80) : r_.percent(40);
    if (!brand_answers) return;
    const Line* b = find_line(r_, brand_replies(), t == refund ? billing : t == app || t == phone ? support : t,
                              root_line.lang);
    if (!b) return;
    clock += r_.range(t == outage ? 5 : 20, t == outage ? 60 : 600) * 60000;
    if (clock > kNow) return;  // the conversation simply has not got that far by "today"
    out.push_back(reply(out[root_index], care(), fill(r_, b->text, city), clock, b->lang));
    last = &out.back();
    if (!r_.percent(55)) return;
    const Line* f = find_line(r_, follow_ups(), t == refund ? billing : t == app || t == phone ? support : t,
                              root_line.lang);
    if (!f) return;
    clock += r_.range(10, 900) * 60000;
    if (clock > kNow) return;
    out.push_back(reply(*last, who, fill(r_, f->text, city), clock, f->lang));
    if (r_.percent(40) && (t == outage || t == billing || t == support)) {
      clock += r_.range(5, 120) * 60000;
      if (clock > kNow) return;
      const DemoPost& prev = out.back();
      const char* again = root_line.lang == es   ? "Lo revisamos ahora mismo y te escribimos por DM. ^DF"
                          : root_line.lang == pt ? "Estamos verificando agora, te chamamos na DM. ^RC"
                          : root_line.lang == de ? "Wir schauen sofort nach und melden uns per DM. ^JO"
                                                 : "Checking on this right now, we'll DM you within the hour. ^SW";
      out.push_back(reply(prev, care(), again, clock, root_line.lang));
    }
  }

  const Person& community_member(Lang l) {
    const auto& c = community();
    if (l == es) return c[3];
    if (l == pt) return c[4];
    return c[r_.below(3)];
  }

  // The brand's support account. On Mastodon it lives on mastodon.social, the server the demo's context
  // file comes from, so its acct has no domain there, while customers from other servers carry theirs.
  static const Person& care() { return kCare; }

  Person on_mastodon(const Person& p) {
    Person m = p;
    if (r_.percent(50)) m.handle += "@" + std::string(r_.pick(std::array<const char*, 4>{
                                             "fosstodon.org", "mastodon.online", "mas.to", "hachyderm.io"}));
    return m;
  }

  // A time in the window weighted towards waking hours, when people post.
  std::int64_t daytime(std::int64_t day_start) {
    static constexpr std::array<int, 24> weight = {2, 1, 1, 1, 1, 2, 4, 7, 9, 9, 8, 8,
                                                   8, 8, 7, 7, 8, 9, 10, 10, 9, 7, 5, 3};
    int total = 0;
    for (int w : weight) total += w;
    int u = static_cast<int>(r_.below(static_cast<std::uint64_t>(total)));
    int hour = 0;
    while (u >= weight[hour]) u -= weight[hour++];
    return day_start + hour * 3600000LL + r_.range(0, 3599) * 1000;
  }

 private:
  Rng r_;
  std::vector<Person> customers_;
  std::map<std::string, std::uint64_t> seq_;
};

const Line& random_root(Rng& r, Topic only, bool any) {
  const auto& v = roots();
  for (;;) {
    const Line& l = v[r.below(v.size())];
    if (any || l.topic == only) return l;
  }
}

// posts.jsonl: the month on X and Mastodon as an exporter would write it, plus the internal channel and app
// reviews (source "api"). Two incidents give the timeline something to find: a fiber cut on Tue 10 Nov and a
// billing batch that ran twice on 2 Nov.
std::vector<DemoPost> build_month(World& w) {
  std::vector<DemoPost> out;
  Rng& r = w.rng();
  auto source_for = [&]() { return r.percent(75) ? std::string("x") : std::string("mastodon"); };
  auto person_for = [&](const std::string& src, const Person& p) { return src == "mastodon" ? w.on_mastodon(p) : p; };
  auto city = [&](Lang l) { return std::string(r.pick(kCitiesByLang[l])); };

  // Background chatter, every day of the month.
  for (int day = 0; day < 30; ++day) {
    const std::int64_t day_start = kStart + day * kDayMs;
    const int n = static_cast<int>(r.range(8, 14));
    for (int i = 0; i < n; ++i) {
      const std::string src = source_for();
      const Line& line = random_root(r, question, true);
      // Each root speaks its template's language: pick a customer who writes it when there is one.
      Person who = w.customer();
      for (int tries = 0; tries < 20 && who.lang != line.lang; ++tries) who = w.customer();
      if (line.topic == spam) who = Person{"promo_deals" + std::to_string(r.range(100, 999)), "Best Deals 💰", "public", 12, line.lang};
      w.thread(src, line, person_for(src, who), w.daytime(day_start), city(line.lang), out);
    }
  }
  // The fiber cut: complaints pile up between 07:00 and 15:00 UTC on 10 Nov in the Pacific Northwest.
  const std::int64_t cut = at(11, 10, 7);
  out.push_back(w.make("x", kBrand, "We're aware of a Northwind Fiber outage affecting parts of Seattle, Tacoma and Portland. Crews are on the way. Updates here. #NorthwindCares", cut + 55 * 60000, outage));
  out.push_back(w.make("x", kBrand, "Update: the outage is caused by a damaged fiber cable near Tacoma. Repair is under way; we expect service back by early afternoon.", cut + 3 * 3600000, outage));
  out.push_back(w.make("x", kBrand, "Service is restored for all customers affected by this morning's outage. Everyone affected gets a one-day credit automatically. We're sorry for the disruption.", cut + 8 * 3600000 + 10 * 60000, outage));
  for (int i = 0; i < 85; ++i) {
    const std::string src = source_for();
    const Line& line = random_root(r, outage, false);
    Person who = w.customer();
    for (int tries = 0; tries < 20 && who.lang != line.lang; ++tries) who = w.customer();
    const std::string c(r.pick(std::array<const char*, 3>{"Seattle", "Tacoma", "Portland"}));
    w.thread(src, line, person_for(src, who), cut + r.range(0, 8 * 3600) * 1000, c, out);
  }
  // The double billing run: charged-twice complaints over the following three days.
  for (int i = 0; i < 40; ++i) {
    const std::string src = source_for();
    const Line& line = random_root(r, billing, false);
    Person who = w.customer();
    for (int tries = 0; tries < 20 && who.lang != line.lang; ++tries) who = w.customer();
    w.thread(src, line, person_for(src, who), at(11, 2, 9) + r.range(0, 3 * 86400) * 1000, city(line.lang), out);
  }
  // #FiberFriday: the brand's campaign post every Friday, and people answering it.
  for (int week = 0; week < 5; ++week) {
    const std::int64_t friday = at(10, 23, 15) + week * 7 * kDayMs;
    out.push_back(w.make("x", kBrand, "It's #FiberFriday! Upgrade to Northwind Fiber 2 Gig at no extra cost for 3 months. New and existing customers, today only 🚀", friday, campaign));
    const DemoPost promo = out.back();
    for (int i = 0; i < 4; ++i) {
      const Line& line = random_root(r, campaign, false);
      Person who = w.customer();
      for (int tries = 0; tries < 20 && who.lang != line.lang; ++tries) who = w.customer();
      out.push_back(w.reply(promo, who, fill(r, line.text, city(line.lang)), friday + r.range(5, 400) * 60000, line.lang));
    }
  }
  // Internal questions from employees: audience "internal", on the api channel.
  for (int i = 0; i < 36; ++i) {
    const Internal& q = internal_threads()[static_cast<std::size_t>(i) % internal_threads().size()];
    const auto& staff = employees();
    const Person& asker = staff[r.below(staff.size())];
    const Person* answerer = &staff[r.below(staff.size())];
    if (answerer->handle == asker.handle) answerer = &staff[(r.below(staff.size() - 1) + 1 + static_cast<std::size_t>(answerer - staff.data())) % staff.size()];
    std::int64_t ts = w.daytime(kStart + static_cast<std::int64_t>(r.below(30)) * kDayMs);
    if (i % internal_threads().size() < 2) ts = at(11, 10, 8) + r.range(0, 14400) * 1000;
    const std::string c = i % internal_threads().size() == 10 ? "Denver" : "Seattle";
    DemoPost p = w.make("api", asker, fill(r, q.question, c), ts, question);
    p.internal = true;
    if (std::string_view(q.question).starts_with("¿")) p.lang = "es";
    if (std::string_view(q.question).starts_with("Alguém")) p.lang = "pt";
    out.push_back(p);
    const Lang answer_lang = p.lang == "es" ? es : p.lang == "pt" ? pt : en;
    out.push_back(w.reply(out.back(), *answerer, fill(r, q.answer, c), ts + r.range(3, 90) * 60000, answer_lang));
  }
  // App store reviews.
  for (int i = 0; i < 40; ++i) {
    const Line& line = r.pick(reviews());
    Person who = w.customer();
    who.kind = "customer";
    who.followers = -1;
    DemoPost p = w.make("api", who, line.text, w.daytime(kStart + static_cast<std::int64_t>(r.below(30)) * kDayMs), app);
    p.kind = "review";
    p.lang = kLangTag[line.lang];
    out.push_back(p);
  }
  std::stable_sort(out.begin(), out.end(), [](const DemoPost& a, const DemoPost& b) { return a.ts < b.ts; });
  return out;
}

void write_file(const std::string& path, const std::string& content) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(content.data(), 1, content.size(), f) != content.size() || std::fclose(f) != 0) {
    std::fprintf(stderr, "demo_data: cannot write %s\n", path.c_str());
    std::exit(2);
  }
  std::fprintf(stderr, "demo_data: wrote %s (%zu bytes)\n", path.c_str(), content.size());
}

std::string to_jsonl(const std::vector<DemoPost>& posts) {
  std::string out;
  for (const auto& p : posts) {
    out += "{\"source\":" + json(p.source) + ",\"id\":" + json(p.id) + ",\"kind\":" + json(p.kind);
    if (p.internal) out += ",\"audience\":\"internal\"";
    out += ",\"author\":{\"handle\":" + json(p.author.handle);
    if (!p.author.name.empty()) out += ",\"name\":" + json(p.author.name);
    out += ",\"kind\":" + json(p.author.kind);
    if (p.author.followers >= 0) out += ",\"followers\":" + std::to_string(p.author.followers);
    out += "},\"text\":" + json(p.text) + ",\"created_at\":" + json(iso(p.ts));
    if (!p.url.empty()) out += ",\"url\":" + json(p.url);
    out += ",\"lang\":" + json(p.lang);
    if (!p.reply_to.empty()) out += ",\"reply_to\":" + json(p.reply_to);
    if (!p.conversation.empty()) out += ",\"conversation\":" + json(p.conversation);
    out += "}\n";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// X API v2 recent search: GET /2/tweets/search/recent?query=(@NorthwindMobile OR @NorthwindCare OR
// #NorthwindCares) -is:retweet &expansions=author_id &tweet.fields=created_at,conversation_id,lang,
// referenced_tweets &user.fields=public_metrics. Covers the last 7 days, newest first, as the API returns it.

std::string user_id(const std::string& handle) { return std::to_string(100000000 + fnv1a(handle) % 1800000000ULL); }

std::string x_search(World& w) {
  Rng& r = w.rng();
  std::vector<DemoPost> posts;
  for (int i = 0; i < 42; ++i) {
    const Line& line = random_root(r, question, true);
    if (line.topic == spam) continue;
    Person who = w.customer();
    for (int tries = 0; tries < 20 && who.lang != line.lang; ++tries) who = w.customer();
    w.thread("x", line, who, w.daytime(kNow - 7 * kDayMs + static_cast<std::int64_t>(r.below(7)) * kDayMs),
             r.pick(kCitiesByLang[line.lang]), posts);
  }
  std::erase_if(posts, [](const DemoPost& p) { return p.ts < kNow - 7 * kDayMs || p.ts > kNow; });
  std::stable_sort(posts.begin(), posts.end(), [](const DemoPost& a, const DemoPost& b) { return a.ts > b.ts; });
  std::string out = "{\"data\":[";
  std::map<std::string, const Person*> users;
  for (std::size_t i = 0; i < posts.size(); ++i) {
    const DemoPost& p = posts[i];
    users[p.author.handle] = &p.author;
    if (i) out += ",";
    out += "\n  {\"id\":" + json(p.id) + ",\"text\":" + json(p.text) + ",\"author_id\":" + json(user_id(p.author.handle)) +
           ",\"created_at\":" + json(iso(p.ts, true)) + ",\"conversation_id\":" + json(p.conversation) +
           ",\"lang\":" + json(p.lang) + ",\"edit_history_tweet_ids\":[" + json(p.id) + "]";
    if (!p.reply_to.empty())
      out += ",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":" + json(p.reply_to) + "}]";
    out += "}";
  }
  out += "\n],\n\"includes\":{\"users\":[";
  bool first = true;
  for (const auto& [handle, person] : users) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += "{\"id\":" + json(user_id(handle)) + ",\"username\":" + json(handle) + ",\"name\":" + json(person->name) +
           ",\"public_metrics\":{\"followers_count\":" + std::to_string(std::max<std::int64_t>(0, person->followers)) +
           ",\"following_count\":" + std::to_string(fnv1a(handle) % 900 + 20) + ",\"tweet_count\":" +
           std::to_string(fnv1a(handle + "t") % 20000 + 50) + ",\"listed_count\":" + std::to_string(fnv1a(handle) % 40) + "}}";
  }
  out += "\n]},\n\"meta\":{\"newest_id\":" + json(posts.front().id) + ",\"oldest_id\":" + json(posts.back().id) +
         ",\"result_count\":" + std::to_string(posts.size()) + ",\"next_token\":\"b26v89c19zqg8o3fr5mzws2ufnv5ggqbyazu4dyv5wb1p\"}}\n";
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Mastodon: GET /api/v1/statuses/:id/context for the brand's announcement of 12 Nov. The announcement
// itself is in posts.jsonl (the context endpoint leaves the requested status out), so ingesting both files
// joins the replies to it: the demo of threads assembled across inputs.

std::string html_escape(std::string_view s) {
  std::string o;
  for (char c : s) {
    if (c == '&') o += "&amp;";
    else if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '"') o += "&quot;";
    else if (c == '\'') o += "&#39;";
    else o.push_back(c);
  }
  return o;
}

// Mastodon's HTML: <p> paragraphs, h-card mention links, hashtag links, entities.
std::string mastodon_html(std::string_view text) {
  std::string out = "<p>";
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.substr(i, 2) == "\n\n") {
      out += "</p><p>";
      i += 2;
      continue;
    }
    if (text[i] == '\n') {
      out += "<br />";
      ++i;
      continue;
    }
    if ((text[i] == '@' || text[i] == '#') && (i == 0 || text[i - 1] == ' ')) {
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != ',' && !(text[j] == '.' && (j + 1 == text.size() || text[j + 1] == ' '))) ++j;
      const std::string word(text.substr(i + 1, j - i - 1));
      if (text[i] == '@') {
        const std::size_t at_sign = word.find('@');
        const std::string user = word.substr(0, at_sign);
        const std::string host = at_sign == std::string::npos ? "mastodon.social" : word.substr(at_sign + 1);
        out += "<span class=\"h-card\" translate=\"no\"><a href=\"https://" + host + "/@" + user +
               "\" class=\"u-url mention\">@<span>" + user + "</span></a></span>";
      } else {
        out += "<a href=\"https://mastodon.social/tags/" + word + "\" class=\"mention hashtag\" rel=\"tag\">#<span>" +
               word + "</span></a>";
      }
      i = j;
      continue;
    }
    const std::size_t j = std::min(text.find_first_of("@#\n", i + 1), text.size());
    out += html_escape(text.substr(i, j - i));
    i = j;
  }
  return out + "</p>";
}

struct Account {
  std::string id, username, acct, display_name, url;
  std::int64_t followers;
};

Account account_of(const Person& p) {
  const std::size_t at_sign = p.handle.find('@');
  const std::string user = p.handle.substr(0, at_sign);
  const std::string host = at_sign == std::string::npos ? "mastodon.social" : p.handle.substr(at_sign + 1);
  return {std::to_string(109000000000000000ULL + fnv1a(p.handle) % 1000000000000ULL), user, p.handle, p.name,
          "https://" + host + "/@" + user, std::max<std::int64_t>(0, p.followers)};
}

std::string mastodon_context(World& w, DemoPost& announcement) {
  Rng& r = w.rng();
  std::vector<DemoPost> d;
  struct Said {
    int parent;  // index into d, or -1 for the announcement
    bool brand;
    const char* text;
  };
  // A real-looking thread under the announcement: questions, a complaint, the brand and regulars answering.
  static const std::vector<Said> script = {
      {-1, false, "Finally! Is the 2 Gig plan available in Portland or just Seattle for now?"},
      {0, true, "Both! Seattle and Portland today, Tacoma next month. You can check your address in the Northwind App."},
      {1, false, "Just checked, available at mine. Ordering now 🎉"},
      {-1, false, "Cool, but can you first make 1 Gig work reliably? Three outages in October here."},
      {3, true, "That's fair, and we're sorry about October. The Tacoma cable work this week should fix the\nroot cause for your area. DM us and we'll look at your line."},
      {4, false, "DMed. Thanks for actually answering."},
      {3, false, "Same experience in Tacoma. It's been better since the 10th though."},
      {-1, false, "What router do you need for 2 Gig? My current one tops out at 1 Gig on the LAN ports."},
      {7, false, "You need a router with a 2.5G WAN port. The one Northwind rents (NW-R7) has it."},
      {8, true, "Exactly right, thank you! Existing customers can swap to the NW-R7 for free during #FiberFriday."},
      {8, false, "Or bring your own, anything with 2.5GbE works fine. Mine's running at 2.3 Gbps."},
      {-1, false, "Price after the 3 months? The announcement doesn't say & the website's FAQ is empty."},
      {11, true, "After the 3 promo months it's $95/month, or $85 with autopay. We'll fix the FAQ, thanks for spotting it!"},
      {12, false, "$95 is a lot. Contoso Telecom is $70 for 2 Gig where I live."},
      {13, false, "Contoso's 2 Gig is \"up to\" and shared. I had it. Real speeds were half."},
      {-1, false, "¿Esto llega también a los clientes de Madrid? #NorthwindCares"},
      {15, true, "¡Hola! Por ahora solo en EE. UU.; en Madrid está previsto para el primer trimestre. Te avisaremos."},
      {-1, false, "Boost. Northwind's care team on here has been genuinely helpful to me this year."},
      {-1, false, "Does the upgrade need a technician visit or is it remote?"},
      {18, true, "Remote for most customers: it's switched on within 24 hours. If your ONT is older than 2022 we'll send a new one."},
      {19, false, "Mine is from 2021 🙃 guess I'm getting a package"},
      {-1, false, "Kann man das auch in Berlin buchen?"},
      {21, true, "Leider noch nicht, Berlin folgt 2027. Wir halten dich auf dem Laufenden!"},
      {-1, false, "Upgraded on Friday. Speedtest: 2,280 down / 2,190 up on wired. Very happy."},
      {23, false, "What's your wifi getting? Mine maxes at ~900 on wifi 6."},
      {24, false, "About 1,400 on wifi 7 in the same room. Wifi is the bottleneck now."},
      {-1, false, "Any plans for IPv6? Still not enabled on my line."},
      {26, true, "IPv6 is rolling out region by region; Seattle and Portland should have it by December."},
      {-1, false, "Pour info, en France ce n'est pas disponible, j'imagine ?"},
      {28, true, "Pas encore en France, désolés ! Pas de date pour le moment."},
  };
  std::int64_t clock = announcement.ts;
  for (const Said& s : script) {
    const DemoPost& parent = s.parent < 0 ? announcement : d[static_cast<std::size_t>(s.parent)];
    Person who = s.brand ? kCare : w.on_mastodon(w.customer());
    clock += r.range(3, 150) * 60000;
    const char* t = s.text;
    Lang l = en;
    if (std::string_view(t).find("¿") != std::string_view::npos || std::string_view(t).find("¡Hola") != std::string_view::npos) l = es;
    if (std::string_view(t).starts_with("Kann") || std::string_view(t).starts_with("Leider")) l = de;
    if (std::string_view(t).starts_with("Pour") || std::string_view(t).starts_with("Pas encore")) l = fr;
    DemoPost p = w.reply(parent, who, t, clock, l);
    d.push_back(p);
  }
  std::string out = "{\"ancestors\":[],\"descendants\":[";
  for (std::size_t i = 0; i < d.size(); ++i) {
    const DemoPost& p = d[i];
    const Account a = account_of(p.author);
    const DemoPost& parent = script[i].parent < 0 ? announcement : d[static_cast<std::size_t>(script[i].parent)];
    const Account pa = account_of(parent.author);
    if (i) out += ",";
    out += "\n  {\"id\":" + json(p.id) + ",\"created_at\":" + json(iso(p.ts, true)) + ",\"in_reply_to_id\":" +
           json(p.reply_to) + ",\"in_reply_to_account_id\":" + json(pa.id) +
           ",\"sensitive\":false,\"spoiler_text\":\"\",\"visibility\":" + json(i % 9 == 5 ? "unlisted" : "public") +
           ",\"language\":" + json(p.lang) + ",\"uri\":" + json(a.url.substr(0, a.url.find("/@")) + "/users/" + a.username + "/statuses/" + p.id) +
           ",\"url\":" + json(p.url) + ",\"replies_count\":" + std::to_string(r.below(3)) +
           ",\"reblogs_count\":" + std::to_string(r.below(4)) + ",\"favourites_count\":" + std::to_string(r.below(12)) +
           ",\"content\":" + json(mastodon_html(p.text)) + ",\"reblog\":null" + ",\"account\":{\"id\":" + json(a.id) +
           ",\"username\":" + json(a.username) + ",\"acct\":" + json(a.acct) + ",\"display_name\":" +
           json(a.display_name) + ",\"locked\":false,\"bot\":false,\"url\":" + json(a.url) +
           ",\"followers_count\":" + std::to_string(a.followers) + ",\"following_count\":" +
           std::to_string(fnv1a(a.acct) % 700 + 10) + ",\"statuses_count\":" + std::to_string(fnv1a(a.acct) % 9000 + 40) +
           "},\"media_attachments\":[],\"mentions\":[{\"id\":" + json(pa.id) + ",\"username\":" + json(pa.username) +
           ",\"acct\":" + json(pa.acct) + ",\"url\":" + json(pa.url) + "}],\"tags\":[],\"emojis\":[]}";
  }
  out += "\n]}\n";
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Reddit: GET /r/NorthwindMobile/comments/<id>.json for a discussion of the 10 Nov outage: the submission
// (t3) Listing, then the comment (t1) Listing with nested `replies` ("" when none) and one "more" stub.

struct Comment {
  int parent;  // index, or -1 for a top-level comment
  const char* author;
  const char* body;
};

std::string reddit_thread(Rng& r) {
  const std::string link = "1gq7k2x";
  const std::int64_t posted = at(11, 10, 8, 12);
  static const std::vector<Comment> comments = {
      {-1, "fiberfan_dave", "Fiber cut near Tacoma according to their status page. Whole PNW region is affected."},
      {0, "rainycityrenee", "Status page said \"operational\" for the first hour. That's the part that annoys me most."},
      {1, "NorthwindCare", "That's on us: the status page lagged the incident by about 50 minutes. We're changing the process so it updates automatically from the network alarms. Sorry about that. ^SW"},
      {2, "rainycityrenee", "Appreciate the honest answer, thanks."},
      {0, "tacoma_tom", "Can confirm, I saw the crew on 56th St. Looked like a backhoe hit the conduit."},
      {4, "throwaway_nw_tech", "Can't say much but yes, third-party construction. Splicing takes a while with that many strands."},
      {-1, "homeofficeheather", "Lost a whole morning of work. Is there going to be a credit?\n\nI've had Northwind for 4 years and this is the worst one so far."},
      {6, "NorthwindCare", "Yes: everyone in the affected area gets a one-day credit automatically on the next bill, nothing to do. If you lost more than that, DM us and we'll look at it. ^SW"},
      {7, "homeofficeheather", "One day's credit for half a day's outage is fair, I guess. Thanks."},
      {6, "pnw_dad_of_3", "Tether to your phone next time, the 5G network was fine during the outage."},
      {9, "homeofficeheather", "Tried, my N5 hotspot kept dropping after 10 minutes. Separate problem 🙄"},
      {10, "routerwhisperer", "That's the hotspot timeout setting, it defaults to 10 min with no traffic spikes. Settings > Hotspot > Turn off automatically > Never."},
      {11, "homeofficeheather", "Oh wow, that was it. Thank you!!"},
      {-1, "contoso_fan_88", "This is why I stayed with Contoso Telecom. Never had a 7 hour outage."},
      {13, "fiberfan_dave", "Contoso had a two-day one in Portland in August. Every provider has these."},
      {14, "contoso_fan_88", "Fair point, I was on vacation then lol"},
      {-1, "[deleted]", "[removed]"},
      {-1, "sea_gamer_kai", "Back up at 14:58 for me in Capitol Hill. 940/930, ping back to 3ms."},
      {17, "leticia_sp", "Aqui em Portland voltou às 15h10 também. Valeu pelo aviso no Twitter, @NorthwindCare"},
      {-1, "mod_nw_sub", "Pinned: official updates from Northwind are at the top of the thread. Please keep the thread civil. Removed a couple of comments with personal info."},
  };
  auto comment_id = [&](std::size_t i) { return "lx" + std::to_string(40000 + i * 37); };
  // Children of each comment, in order.
  std::vector<std::vector<std::size_t>> kids(comments.size());
  std::vector<std::size_t> top;
  for (std::size_t i = 0; i < comments.size(); ++i) {
    if (comments[i].parent < 0) top.push_back(i);
    else kids[static_cast<std::size_t>(comments[i].parent)].push_back(i);
  }
  std::vector<std::int64_t> when(comments.size());
  std::vector<int> depth(comments.size());
  for (std::size_t i = 0; i < comments.size(); ++i) {
    const int p = comments[i].parent;
    const std::int64_t base = p < 0 ? posted : when[static_cast<std::size_t>(p)];
    when[i] = base + r.range(2, 80) * 60000;
    depth[i] = p < 0 ? 0 : depth[static_cast<std::size_t>(p)] + 1;
  }
  auto created = [](std::int64_t ms) { return std::to_string(ms / 1000) + ".0"; };
  const std::string permalink_base = "/r/NorthwindMobile/comments/" + link + "/northwind_fiber_down_in_seattletacomaportland/";

  // Recursive writer: a comment and, inside it, the Listing of its replies.
  std::string out;
  auto write_comment = [&](auto&& self, std::size_t i) -> void {
    const Comment& c = comments[i];
    const std::string id = comment_id(i);
    const std::string parent = c.parent < 0 ? "t3_" + link : "t1_" + comment_id(static_cast<std::size_t>(c.parent));
    out += "{\"kind\":\"t1\",\"data\":{\"id\":" + json(id) + ",\"name\":" + json("t1_" + id) + ",\"parent_id\":" +
           json(parent) + ",\"link_id\":" + json("t3_" + link) + ",\"subreddit\":\"NorthwindMobile\",\"author\":" +
           json(c.author) + ",\"body\":" + json(c.body) + ",\"created_utc\":" + created(when[i]) +
           ",\"score\":" + std::to_string(r.range(-3, 120)) + ",\"depth\":" + std::to_string(depth[i]) +
           ",\"distinguished\":" + (std::string_view(c.author) == "NorthwindCare" ? "\"brand\"" : "null") +
           ",\"permalink\":" + json(permalink_base + id + "/") + ",\"replies\":";
    if (kids[i].empty()) {
      out += "\"\"";
    } else {
      out += "{\"kind\":\"Listing\",\"data\":{\"after\":null,\"before\":null,\"children\":[";
      for (std::size_t k = 0; k < kids[i].size(); ++k) {
        if (k) out += ",";
        self(self, kids[i][k]);
      }
      out += "]}}";
    }
    out += "}}";
  };

  out += "[{\"kind\":\"Listing\",\"data\":{\"after\":null,\"before\":null,\"children\":[{\"kind\":\"t3\",\"data\":{";
  out += "\"id\":" + json(link) + ",\"name\":" + json("t3_" + link) +
         ",\"subreddit\":\"NorthwindMobile\",\"title\":\"Northwind Fiber down in Seattle/Tacoma/Portland?\","
         "\"selftext\":" +
         json("Nothing since about 7am. ONT shows a red PON light, router says no WAN. Called support and got a "
              "recorded message about \"higher than usual call volumes\".\n\nAnyone know what's going on? I have "
              "client calls all morning.") +
         ",\"author\":\"sea_remote_worker\",\"created_utc\":" + created(posted) +
         ",\"score\":214,\"num_comments\":" + std::to_string(comments.size() + 12) +
         ",\"permalink\":" + json(permalink_base) + ",\"url\":" + json("https://www.reddit.com" + permalink_base) +
         ",\"is_self\":true}}]}},\n";
  out += "{\"kind\":\"Listing\",\"data\":{\"after\":null,\"before\":null,\"children\":[";
  for (std::size_t k = 0; k < top.size(); ++k) {
    out += k ? ",\n" : "\n";
    write_comment(write_comment, top[k]);
  }
  // The "load more comments" stub that real responses end with: ids only, no content.
  out += ",\n{\"kind\":\"more\",\"data\":{\"count\":12,\"name\":\"t1_lx49999\",\"id\":\"lx49999\",\"parent_id\":" +
         json("t3_" + link) + ",\"depth\":0,\"children\":[\"lx49999\",\"lx50036\",\"lx50073\"]}}";
  out += "\n]}}]\n";
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// survey.csv: a customer-satisfaction survey export with its own column names, to show `--map`.

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string o = "\"";
  for (char c : s) {
    if (c == '"') o += '"';
    o += c;
  }
  return o + "\"";
}

std::string survey(World& w) {
  Rng& r = w.rng();
  static const std::vector<std::pair<int, const char*>> answers = {
      {5, "Fast install, the technician was friendly and explained the router setup."},
      {5, "Fiber has been rock solid since I switched. Great value."},
      {4, "Good speeds. The app could show data usage more clearly."},
      {4, "Support solved my issue, but it took two calls."},
      {3, "Service is fine, price keeps going up every year though."},
      {3, "Okay overall. Installation window was \"8am to 6pm\", which is useless."},
      {2, "Outage on Nov 10 lasted most of the day and nobody told me anything until noon."},
      {2, "Billing is confusing, I still don't understand the \"network access fee\"."},
      {1, "Charged twice in November, waited a week for the refund. Very disappointed."},
      {1, "Technician didn't show up. Twice.\nI'm looking at Fabrikam Wireless now."},
      {5, "Excelente servicio, la instalación fue rapidísima."},
      {2, "La factura llegó con cargos que no entiendo, y en el chat no me supieron explicar."},
      {4, "Atendimento muito bom, resolveram meu problema na hora."},
      {1, "Internet caiu três vezes este mês, péssimo."},
      {3, "Preis-Leistung okay, aber die Hotline ist schwer erreichbar."},
      {5, "Alles bestens, sehr zufrieden mit Northwind Fiber!"},
      {4, "The N5 Phone trade-in was easy, got a fair price for my old phone."},
      {2, "App logs me out constantly, please fix it"},
      {5, "👍"},
  };
  std::string out = "Response ID,Submitted,Customer,Rating,Channel,Comment\n";
  const std::array<const char*, 3> channels = {"email", "in-app", "sms"};
  std::vector<std::pair<std::int64_t, std::string>> rows;
  for (int i = 0; i < 160; ++i) {
    const auto& [rating, comment] = answers[r.below(answers.size())];
    const Person& who = w.customer();
    const std::int64_t ts = w.daytime(kStart + static_cast<std::int64_t>(r.below(30)) * kDayMs);
    std::string when = iso(ts);
    when[10] = ' ';  // survey tools write "2026-11-03 14:22:10", no T, no zone
    when.pop_back();
    rows.push_back({ts, "R_" + std::to_string(7300000 + i * 13 + static_cast<int>(r.below(13))) + "," + when + "," +
                            csv_field(who.name) + "," + std::to_string(rating) + "," + r.pick(channels) + "," +
                            csv_field(comment) + "\n"});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& row : rows) out += row.second;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "data/demo";
  if (argc > 2 || (argc > 1 && (std::string_view(argv[1]) == "-h" || std::string_view(argv[1]) == "--help"))) {
    std::fputs("usage: demo_data [OUT_DIR]   (default data/demo; run from the repository root)\n", stderr);
    return 2;
  }
  World w(0x4e6f72746877696eULL);  // "Northwin": any fixed seed; changing it changes every file
  std::vector<DemoPost> month = build_month(w);
  // The Mastodon announcement the context file hangs off lives in posts.jsonl.
  DemoPost announcement = w.make("mastodon", kBrand, "Northwind Fiber 2 Gig is here! Seattle and Portland customers can upgrade today in the Northwind App. #FiberFriday #NorthwindCares", at(11, 13, 16, 0), campaign);
  announcement.author.handle = "NorthwindMobile";
  month.push_back(announcement);
  std::stable_sort(month.begin(), month.end(), [](const DemoPost& a, const DemoPost& b) { return a.ts < b.ts; });
  const std::string context = mastodon_context(w, announcement);
  write_file(dir + "/posts.jsonl", to_jsonl(month));
  write_file(dir + "/x_search_recent.json", x_search(w));
  write_file(dir + "/mastodon_context.json", context);
  write_file(dir + "/reddit_thread.json", reddit_thread(w.rng()));
  write_file(dir + "/survey.csv", survey(w));
  std::fprintf(stderr, "demo_data: %zu posts in posts.jsonl\n", month.size());
  return 0;
}
