// ingest_gen: writes N synthetic but realistic social posts as parley JSONL and as CSV, the same rows in
// both, for the ingest benchmark (bench/ingest). The JSONL is what parley ingests; the CSV is what the
// sqlite3 shell imports as the floor, so both sides of the comparison load the same information.
//
//   ingest_gen [--count N] [--seed S] [--days D] [--mentions PPM] [--jsonl OUT.jsonl] [--csv OUT.csv] [--quiet]
//
// Properties the benchmark relies on (see docs/benchmarks.md):
//  * Deterministic: only a splitmix64 generator and integer/IEEE-basic arithmetic are used, never
//    <random> distributions or libm, whose output may differ between library versions. Same seed and
//    count give byte-identical files everywhere.
//  * Streaming: memory is bounded by fixed-size rings, whatever N is.
//  * Realistic shape: x/mastodon/reddit/api sources; long-tailed text lengths (median ~100 bytes, tail to
//    ~1,000); hashtags, @mentions, URLs, emoji with ZWJ sequences and skin tones; ten languages; ~40%
//    replies forming threads of varying depth, ~2% of rows are replies written before their parent;
//    ~50k authors with Zipf activity and heavy-tailed follower counts; created_at increasing with
//    jitter; ~0.5% exact duplicate records to exercise idempotence.
//  * Time span: by default ~1M posts a month (what bench/ingest has always used); --days D spreads the N
//    posts over about D days instead (bench/listening wants a year, so day and hour buckets are realistic).
//  * --mentions PPM: that share of posts (parts per million) also names a product, competitor, campaign or
//    keyword of the demo organisation (data/demo/org.toml), so listening has entities to count. Off by
//    default, and then no randomness is drawn for it: the default output is unchanged.

#include <algorithm>
#include <array>
#include <chrono>
#include <cerrno>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace {

// ---------------------------------------------------------------------------------------------------------
// Randomness. splitmix64 is tiny, fast and fully specified, so the data set is a function of the seed alone.

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) by multiply-shift: no modulo bias worth caring about, and no division.
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
  std::int64_t range(std::int64_t lo, std::int64_t hi) {  // inclusive
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  // Probabilities in parts per million keep every decision in integers.
  bool chance(std::uint32_t ppm) { return below(1000000) < ppm; }
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& a) {
    return a[below(N)];
  }

 private:
  std::uint64_t s_;
};

// A stateless hash for per-author attributes (name, language, followers): an author must look the same
// every time it posts without keeping a table of 50k authors.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// std::hash is implementation-defined, so strings are hashed with FNV-1a to stay reproducible.
std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary. Written for this generator; everyday social-media topics so the text tokenises like the real
// thing (accents, CJK without spaces, right-to-left script).

enum Lang { en, es, pt, de, fr, it, nl, ja, ar, tr, kLangCount };
constexpr std::array<const char*, kLangCount> kLangTag = {"en", "es", "pt", "de", "fr", "it", "nl", "ja", "ar", "tr"};
// Share of authors writing each language, per million.
constexpr std::array<std::uint32_t, kLangCount> kLangPpm = {480000, 130000, 90000, 70000, 65000,
                                                            30000,  25000,  55000, 35000, 20000};

using Words = std::vector<std::string_view>;

const std::array<Words, kLangCount>& words() {
  static const std::array<Words, kLangCount> w = {
      Words{"the", "my", "phone", "just", "again", "today", "can't", "believe", "this", "is", "so", "really",
            "service", "coffee", "morning", "weekend", "update", "battery", "signal", "app", "love", "hate",
            "why", "does", "every", "time", "after", "new", "old", "still", "waiting", "for", "support",
            "team", "thanks", "finally", "works", "broken", "again", "honestly", "game", "last", "night",
            "train", "late", "rain", "sun", "office", "meeting", "lunch", "dinner", "with", "friends", "and",
            "a", "to", "of", "in", "on", "it", "that", "was", "not", "have", "you", "we", "they", "great",
            "terrible", "price", "order", "delivery", "refund", "account", "password", "screen", "music",
            "movie", "kids", "dog", "city", "traffic", "week", "month", "year", "best", "worst", "better",
            "anyone", "else", "having", "issues", "wifi", "internet", "down", "slow", "fast", "cheap",
            "upgrade", "hours", "minutes", "customer", "experience", "recommend", "never", "always"},
      Words{"mi", "el", "la", "que", "no", "es", "muy", "hoy", "otra", "vez", "teléfono", "servicio",
            "internet", "lento", "gracias", "por", "fin", "funciona", "nunca", "siempre", "esperando",
            "respuesta", "atención", "cliente", "factura", "cobro", "reembolso", "semana", "mes", "año",
            "café", "mañana", "noche", "partido", "fútbol", "amigos", "familia", "ciudad", "tráfico", "lluvia",
            "calor", "trabajo", "reunión", "aplicación", "batería", "pantalla", "señal", "caído", "mejor",
            "peor", "precio", "pedido", "envío", "cuenta", "contraseña", "alguien", "más", "tiene",
            "problemas", "horas", "minutos", "increíble", "qué", "pasa", "con", "y", "de", "en", "un",
            "una", "los", "las", "nos", "están", "fatal", "genial", "recomiendo", "niños", "perro"},
      Words{"meu", "minha", "o", "a", "que", "não", "é", "muito", "hoje", "de", "novo", "celular",
            "serviço", "internet", "lenta", "obrigado", "obrigada", "finalmente", "funciona", "nunca",
            "sempre", "esperando", "resposta", "atendimento", "cliente", "fatura", "cobrança", "reembolso",
            "semana", "mês", "ano", "café", "manhã", "noite", "jogo", "futebol", "amigos", "família",
            "cidade", "trânsito", "chuva", "calor", "trabalho", "reunião", "aplicativo", "bateria", "tela",
            "sinal", "caiu", "melhor", "pior", "preço", "pedido", "entrega", "conta", "senha", "alguém",
            "mais", "tem", "problema", "horas", "minutos", "incrível", "sério", "gente", "com", "e", "em",
            "um", "uma", "os", "as", "está", "péssimo", "ótimo", "recomendo", "crianças", "cachorro"},
      Words{"mein", "meine", "der", "die", "das", "ist", "nicht", "schon", "wieder", "heute", "Handy",
            "Internet", "langsam", "danke", "endlich", "funktioniert", "nie", "immer", "warte", "auf",
            "Antwort", "Kundenservice", "Rechnung", "Abbuchung", "Erstattung", "Woche", "Monat", "Jahr",
            "Kaffee", "Morgen", "Abend", "Spiel", "Fußball", "Freunde", "Familie", "Stadt", "Stau", "Regen",
            "Hitze", "Arbeit", "Besprechung", "App", "Akku", "Bildschirm", "Empfang", "Störung", "besser",
            "schlechter", "Preis", "Bestellung", "Lieferung", "Konto", "Passwort", "jemand", "noch", "hat",
            "Probleme", "Stunden", "Minuten", "unglaublich", "was", "ist", "los", "mit", "und", "in", "ein",
            "eine", "wir", "sie", "furchtbar", "großartig", "empfehlen", "Kinder", "Hund", "Zug", "Verspätung",
            "Grüße", "schön", "über", "für", "wäre"},
      Words{"mon", "ma", "le", "la", "les", "que", "ne", "pas", "est", "très", "encore", "aujourd'hui",
            "téléphone", "service", "internet", "lent", "merci", "enfin", "fonctionne", "jamais", "toujours",
            "j'attends", "réponse", "client", "facture", "prélèvement", "remboursement", "semaine", "mois",
            "année", "café", "matin", "soir", "match", "foot", "amis", "famille", "ville", "bouchons", "pluie",
            "chaleur", "travail", "réunion", "appli", "batterie", "écran", "réseau", "panne", "mieux", "pire",
            "prix", "commande", "livraison", "compte", "mot", "de", "passe", "quelqu'un", "d'autre", "a",
            "problèmes", "heures", "minutes", "incroyable", "qu'est-ce", "qui", "se", "passe", "avec", "et",
            "en", "un", "une", "nous", "ils", "nul", "génial", "recommande", "enfants", "chien", "train",
            "retard", "déçu", "ça"},
      Words{"il", "mio", "mia", "la", "che", "non", "è", "molto", "oggi", "di", "nuovo", "telefono",
            "servizio", "internet", "lento", "grazie", "finalmente", "funziona", "mai", "sempre", "aspetto",
            "risposta", "assistenza", "cliente", "bolletta", "addebito", "rimborso", "settimana", "mese",
            "anno", "caffè", "mattina", "sera", "partita", "calcio", "amici", "famiglia", "città", "traffico",
            "pioggia", "caldo", "lavoro", "riunione", "app", "batteria", "schermo", "segnale", "guasto",
            "meglio", "peggio", "prezzo", "ordine", "consegna", "account", "qualcuno", "altro", "ha",
            "problemi", "ore", "minuti", "incredibile", "con", "e", "in", "un", "una", "siamo", "pessimo",
            "ottimo", "consiglio", "bambini", "cane", "treno", "ritardo", "perché"},
      Words{"mijn", "de", "het", "een", "is", "niet", "weer", "vandaag", "telefoon", "internet", "traag",
            "bedankt", "eindelijk", "werkt", "nooit", "altijd", "wachten", "op", "antwoord", "klantenservice",
            "rekening", "terugbetaling", "week", "maand", "jaar", "koffie", "ochtend", "avond", "wedstrijd",
            "vrienden", "familie", "stad", "file", "regen", "warm", "werk", "vergadering", "app", "batterij",
            "scherm", "bereik", "storing", "beter", "slechter", "prijs", "bestelling", "bezorging", "account",
            "iemand", "anders", "heeft", "problemen", "uur", "minuten", "ongelofelijk", "met", "en", "in",
            "wij", "zij", "slecht", "geweldig", "aanrader", "kinderen", "hond", "trein", "vertraging", "echt"},
      // Japanese has no spaces between words: these are phrases joined directly (see make_text).
      Words{"今日は", "また", "スマホの", "電波が", "弱い", "ネットが", "遅すぎる", "ありがとう", "やっと",
            "直った", "ずっと", "待ってる", "サポートに", "電話したけど", "つながらない", "請求書が",
            "おかしい", "返金して", "ほしい", "新しい", "アプリ", "アップデート", "してから", "バッテリーが",
            "すぐ", "なくなる", "朝の", "電車が", "遅れて", "コーヒー", "飲みたい", "週末は", "友達と",
            "映画を", "見た", "最高", "最悪", "本当に", "誰か", "同じ", "問題", "ありますか", "料金",
            "高い", "安い", "画面が", "割れた", "雨", "暑い", "仕事", "会議", "犬の", "散歩", "子供が",
            "寝ない", "東京", "大阪", "ラーメン", "食べた"},
      Words{"اليوم", "الإنترنت", "بطيء", "جدا", "مرة", "أخرى", "شكرا", "أخيرا", "يعمل", "لا", "دائما",
            "أنتظر", "الرد", "خدمة", "العملاء", "الفاتورة", "استرداد", "المبلغ", "الأسبوع", "الشهر",
            "القهوة", "الصباح", "المساء", "المباراة", "كرة", "القدم", "الأصدقاء", "العائلة", "المدينة",
            "الزحمة", "المطر", "الحر", "العمل", "الاجتماع", "التطبيق", "البطارية", "الشاشة", "الشبكة",
            "عطل", "أفضل", "أسوأ", "السعر", "الطلب", "التوصيل", "الحساب", "كلمة", "المرور", "هل", "أحد",
            "عنده", "مشكلة", "ساعات", "دقائق", "رائع", "سيء", "مع", "و", "في", "من", "على", "هذا"},
      Words{"bugün", "yine", "telefonum", "internet", "çok", "yavaş", "teşekkürler", "sonunda", "çalışıyor",
            "hiç", "her", "zaman", "bekliyorum", "cevap", "müşteri", "hizmetleri", "fatura", "iade",
            "hafta", "ay", "yıl", "kahve", "sabah", "akşam", "maç", "futbol", "arkadaşlar", "aile", "şehir",
            "trafik", "yağmur", "sıcak", "iş", "toplantı", "uygulama", "pil", "ekran", "çekmiyor", "arıza",
            "daha", "iyi", "kötü", "fiyat", "sipariş", "teslimat", "hesap", "şifre", "kimse", "var", "mı",
            "sorun", "saat", "dakika", "inanılmaz", "ile", "ve", "bir", "biz", "berbat", "harika", "tavsiye",
            "çocuklar", "köpek", "tren", "gecikme"},
  };
  return w;
}

// Surface forms of data/demo/org.toml's entities (canonical names and aliases), for --mentions.
constexpr std::array<std::string_view, 12> kMentions = {
    "Northwind Fiber", "NW Fiber", "Fiber 2 Gig", "N5 Phone", "Northwind N5", "Northwind App",
    "Contoso Telecom", "Contoso",  "Fabrikam",    "#FiberFriday", "#NorthwindCares", "@NorthwindCare"};

constexpr std::array<std::string_view, 36> kHashtags = {
    "MondayMotivation", "TechNews",     "Outage",      "CustomerService", "WorldCup",   "coffee",
    "Música",           "Fútbol",       "Brasil",      "BerlinerLuft",    "Paris",      "AI",
    "FiberFriday",      "5G",           "WFH",         "GameDay",         "Travel",     "Foodie",
    "Tokyo",            "東京",         "ラーメン",    "رمضان",           "Istanbul",   "Amsterdam",
    "Climate",          "OpenSource",   "Rust",        "cpp",             "Fediverse",  "SmallBusiness",
    "BlackFriday",      "Netflix",      "Pets",        "Running",         "Elections",  "Weekend"};

constexpr std::array<std::string_view, 40> kEmoji = {
    "😀", "😂", "🙏", "🔥", "❤️", "👍", "👍🏽", "👋🏿", "👏🏻", "🫶🏼",          // plain and skin tones
    "👩‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🤷‍♀️", "🧑🏾‍🚀", "❤️‍🔥", "😮‍💨", "🐈‍⬛", "🧑‍🤝‍🧑", "👩🏻‍🦰",  // ZWJ sequences
    "😡", "😭", "🎉", "🇧🇷", "🇩🇪", "🇯🇵", "🇪🇸", "📱", "⚡", "✅",              // flags, symbols
    "❌", "🙄", "🤬", "💯", "☕", "🌧️", "⚽", "🚆", "📉", "🤔"};

constexpr std::array<std::string_view, 48> kFirst = {
    "ana",   "maria", "jose",   "lucas",  "sofia",  "liam",  "emma",   "noah",  "olivia", "mateo",
    "lena",  "jonas", "chloe",  "hugo",   "giulia", "marco", "sanne",  "daan",  "yuki",   "haruto",
    "sakura", "ren",  "layla",  "omar",   "fatima", "yusuf", "elif",   "emre",  "priya",  "arjun",
    "wei",   "mei",   "kwame",  "amara",  "ines",   "tiago", "joao",   "camila", "diego", "valentina",
    "finn",  "mia",   "leon",   "clara",  "sam",    "alex",  "jordan", "taylor"};
constexpr std::array<std::string_view, 40> kLast = {
    "silva",  "santos", "garcia", "lopez",  "muller", "schmidt", "martin", "bernard", "rossi",   "ferrari",
    "dejong", "jansen", "sato",   "suzuki", "tanaka", "hassan",  "ali",    "yilmaz",  "kaya",    "smith",
    "jones",  "brown",  "wilson", "nguyen", "kim",    "park",    "chen",   "wang",    "patel",   "singh",
    "mensah", "okafor", "costa",  "pereira", "fischer", "weber", "dubois", "moreau",  "romano",  "visser"};
// Display names with the script and diacritics that handles cannot carry, by the author's language; a few
// carry emoji or quotes, as real display names do.
using Names = std::array<std::string_view, 4>;
constexpr std::array<Names, kLangCount> kDisplay = {{
    {"Liam Smith", "Emma Wilson 🌻", "Sam (they/them)", "Jordan \"JJ\" Brown"},
    {"María López", "José García", "Sofía Pérez ✨", "Mateo Fernández"},
    {"João Pereira", "Inês Costa", "Camila Souza 🇧🇷", "Tiago Ferreira"},
    {"Lena Schröder", "Jonas Weber", "Jürgen Müller", "Clara Fischer 🚲"},
    {"Chloé Dubois", "Hugo Moreau", "Léa Bernard", "François Lefèvre"},
    {"Giulia Rossi", "Marco Ferrari", "Chiara Romano 🍕", "Luca Bianchi"},
    {"Sanne de Jong", "Daan Jansen", "Femke Visser", "Bram van Dijk 🚴"},
    {"佐藤 健", "鈴木 さくら", "田中 ゆき🌸", "高橋 蓮"},
    {"ليلى حسن", "عمر علي", "فاطمة يوسف", "Yusuf 🌙"},
    {"Elif Yılmaz", "Emre Kaya", "Zeynep Şahin", "Burak Çelik ⚽"},
}};

constexpr std::array<std::string_view, 6> kInstances = {"mastodon.social", "fosstodon.org", "mas.to",
                                                       "chaos.social",    "mstdn.jp",      "techhub.social"};
constexpr std::array<std::string_view, 8> kSubreddits = {"technology", "ISP",      "Android",  "europe",
                                                        "brasil",     "de",       "japanlife", "AskReddit"};
constexpr std::array<std::string_view, 6> kLinkHosts = {"https://t.co/", "https://bit.ly/", "https://example.com/p/",
                                                       "https://news.example.org/2024/", "https://youtu.be/",
                                                       "https://github.com/example/"};

// ---------------------------------------------------------------------------------------------------------
// Sources and authors.

enum Source { src_x, src_mastodon, src_reddit, src_api, kSourceCount };
constexpr std::array<const char*, kSourceCount> kSourceName = {"x", "mastodon", "reddit", "api"};
constexpr std::array<std::uint32_t, kSourceCount> kSourcePpm = {450000, 250000, 200000, 100000};
// Authors per network; they sum to the ~50k distinct authors the brief asks for.
constexpr std::array<std::uint32_t, kSourceCount> kAuthorPool = {22500, 12500, 10000, 5000};

// Zipf(s=1) over author ranks by inverse CDF. The table holds prefix sums of 1/k, built with + and / only,
// so it is bit-identical on every IEEE machine; smaller pools reuse its prefix.
class Zipf {
 public:
  explicit Zipf(std::uint32_t n) : cdf_(n) {
    double acc = 0;
    for (std::uint32_t k = 0; k < n; ++k) cdf_[k] = acc += 1.0 / static_cast<double>(k + 1);
  }
  std::uint32_t sample(Rng& r, std::uint32_t n) const {  // rank in [0, n)
    const double u = r.unit() * cdf_[n - 1];
    return static_cast<std::uint32_t>(std::upper_bound(cdf_.begin(), cdf_.begin() + n, u) - cdf_.begin());
  }

 private:
  std::vector<double> cdf_;
};

struct AuthorInfo {
  std::string handle, name;
  const char* kind = "public";
  std::int64_t followers = -1;
  Lang lang = en;
};

Lang pick_lang(std::uint64_t h) {
  std::uint64_t u = h % 1000000;
  for (int i = 0; i < kLangCount; ++i) {
    if (u < kLangPpm[i]) return static_cast<Lang>(i);
    u -= kLangPpm[i];
  }
  return en;
}

// Everything about an author is derived from (source, rank), so the same author reappears unchanged.
void author_of(Source s, std::uint32_t rank, AuthorInfo& a) {
  const std::uint64_t h = mix((static_cast<std::uint64_t>(s) << 32) ^ rank ^ 0xa5a5a5a5ULL);
  a.handle.clear();
  // Handles never contain digits before the rank suffix, so stem + rank is unique per network.
  const std::string_view first = kFirst[h % kFirst.size()], last = kLast[(h >> 8) % kLast.size()];
  switch ((h >> 16) % 5) {
    case 0: a.handle.append(first).append("_").append(last); break;
    case 1: a.handle.append(first).append(last); break;
    case 2: a.handle.append(first.substr(0, 1)).append(last); break;
    case 3: a.handle.append("the").append(first); break;
    default: a.handle.append(last).append("_"); break;
  }
  a.handle += std::to_string(rank);
  if (s == src_mastodon) a.handle.append("@").append(kInstances[(h >> 20) % kInstances.size()]);
  a.lang = s == src_reddit && (h >> 60) < 12 ? en : pick_lang(mix(h));
  a.name.assign(kDisplay[a.lang][(h >> 24) % 4]);
  // Reddit shows no display name and no follower count.
  const bool reddit = s == src_reddit;
  if (reddit) a.name.clear();
  const std::uint64_t k = (h >> 32) % 100;
  a.kind = k < 70 ? "public" : k < 97 ? "customer" : "employee";
  // Heavy-tailed reach: a base of 32..95 doubled a geometric number of times (Pareto-like, alpha ~1); the
  // most active accounts are also the most followed, as on real networks.
  std::uint32_t doublings = 0;
  for (std::uint64_t bits = h >> 40; (bits & 1) && doublings < 18; bits >>= 1) ++doublings;
  if (rank < 50) doublings += 5;
  else if (rank < 1000) doublings += 2;
  a.followers = reddit ? -1 : static_cast<std::int64_t>(32 + ((h >> 4) % 64)) << doublings;
}

// ---------------------------------------------------------------------------------------------------------
// Records and their two encodings.

struct Record {
  Source src = src_x;
  std::string id;
  bool numeric_ids = false;  // api exporter writes integer ids and Unix-ms timestamps (both allowed)
  std::string kind;          // "" = omitted (derived by the reader)
  bool internal = false;
  bool author_object = true;  // false: "author":"handle"
  AuthorInfo author;
  std::string text;
  std::int64_t ts = 0;
  bool ts_millis_fraction = false;
  std::string url, lang, reply_to, conversation;
};

// ISO 8601 in UTC without going through a time library: this runs once per row (days-to-civil after
// Howard Hinnant's public-domain algorithm).
void append_iso(std::string& out, std::int64_t ms, bool fraction) {
  std::int64_t secs = ms / 1000, msec = ms % 1000;
  std::int64_t days = secs / 86400, sod = secs % 86400;
  days += 719468;
  const std::int64_t era = days / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  // Fixed-width digits by hand: snprintf showed up in the profile.
  char buf[24] = "0000-00-00T00:00:00.000";
  auto put = [&](int at, std::int64_t v, int width) {
    for (int k = width - 1; k >= 0; --k, v /= 10) buf[at + k] = static_cast<char>('0' + v % 10);
  };
  put(0, y, 4);
  put(5, m, 2);
  put(8, d, 2);
  put(11, sod / 3600, 2);
  put(14, sod / 60 % 60, 2);
  put(17, sod % 60, 2);
  put(20, msec, 3);
  out.append(buf, fraction ? 23 : 19);
  out.push_back('Z');
}

// JSON string escaping. `ascii_only` mimics exporters such as Python's json.dumps(ensure_ascii=True), which
// write every non-ASCII character as \uXXXX (with surrogate pairs for emoji): the reader must handle both.
// Runs of bytes that need no escape are copied in one append; per-byte push_back was the generator's
// bottleneck.
void append_json_string(std::string& out, std::string_view s, bool ascii_only) {
  static const char* hex = "0123456789abcdef";
  auto unit = [&](std::uint32_t u) {
    char buf[6] = {'\\', 'u', hex[(u >> 12) & 15], hex[(u >> 8) & 15], hex[(u >> 4) & 15], hex[u & 15]};
    out.append(buf, 6);
  };
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of plain bytes
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool plain = c >= 0x20 && c != '"' && c != '\\' && (c < 0x80 || !ascii_only);
    if (plain) {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (c == '\n') {
      out.append("\\n");
      ++i;
    } else if (c == '\t') {
      out.append("\\t");
      ++i;
    } else if (c == '\r') {
      out.append("\\r");
      ++i;
    } else if (c < 0x20) {
      unit(c);
      ++i;
    } else {
      // The generator only emits well-formed UTF-8, so the sequence length follows from the lead byte.
      std::uint32_t cp;
      std::size_t len;
      if (c >= 0xf0) cp = c & 0x07, len = 4;
      else if (c >= 0xe0) cp = c & 0x0f, len = 3;
      else cp = c & 0x1f, len = 2;
      for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
      if (cp >= 0x10000) {
        cp -= 0x10000;
        unit(0xd800 + (cp >> 10));
        unit(0xdc00 + (cp & 0x3ff));
      } else {
        unit(cp);
      }
      i += len;
    }
    run = i;
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void append_json_id(std::string& out, const std::string& id, bool numeric) {
  if (numeric) out.append(id);
  else append_json_string(out, id, false);
}

void to_jsonl(const Record& r, std::string& out) {
  const bool ascii = r.src == src_api;
  out.append("{\"source\":\"").append(kSourceName[r.src]).append("\",\"id\":");
  append_json_id(out, r.id, r.numeric_ids);
  if (!r.kind.empty()) out.append(",\"kind\":\"").append(r.kind).append("\"");
  if (r.internal) out.append(",\"audience\":\"internal\"");
  out.append(",\"author\":");
  if (r.author_object) {
    out.append("{\"handle\":");
    append_json_string(out, r.author.handle, ascii);
    if (!r.author.name.empty()) {
      out.append(",\"name\":");
      append_json_string(out, r.author.name, ascii);
    }
    out.append(",\"kind\":\"").append(r.author.kind).append("\"");
    if (r.author.followers >= 0) out.append(",\"followers\":").append(std::to_string(r.author.followers));
    out.push_back('}');
  } else {
    append_json_string(out, r.author.handle, ascii);
  }
  out.append(",\"text\":");
  append_json_string(out, r.text, ascii);
  out.append(",\"created_at\":");
  if (r.numeric_ids) {
    out.append(std::to_string(r.ts));
  } else {
    out.push_back('"');
    append_iso(out, r.ts, r.ts_millis_fraction);
    out.push_back('"');
  }
  if (!r.url.empty()) out.append(",\"url\":").append("\"").append(r.url).append("\"");
  if (!r.lang.empty()) out.append(",\"lang\":\"").append(r.lang).append("\"");
  if (!r.reply_to.empty()) {
    out.append(",\"reply_to\":");
    append_json_id(out, r.reply_to, r.numeric_ids);
  }
  if (!r.conversation.empty()) {
    out.append(",\"conversation\":");
    append_json_id(out, r.conversation, r.numeric_ids);
  }
  out.append("}\n");
}

// RFC 4180: a field is quoted when it holds a comma, quote, CR or LF (or edge spaces), quotes doubled.
void append_csv_field(std::string& out, std::string_view s) {
  bool quote = !s.empty() && (s.front() == ' ' || s.back() == ' ');
  for (std::size_t i = 0; i < s.size() && !quote; ++i)
    quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
  if (!quote) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (std::size_t start = 0;;) {
    const std::size_t q = s.find('"', start);
    if (q == std::string_view::npos) {
      out.append(s.substr(start));
      break;
    }
    out.append(s.substr(start, q + 1 - start)).push_back('"');
    start = q + 1;
  }
  out.push_back('"');
}

constexpr const char* kCsvHeader =
    "source,id,kind,audience,author,author_name,author_kind,followers,text,created_at,url,lang,reply_to,"
    "conversation\n";

// The CSV carries the same values; fields the JSONL omits are empty cells. Times are always ISO 8601
// here because a CSV cell has no type to tell Unix milliseconds from any other number.
void to_csv(const Record& r, std::string& out) {
  out.append(kSourceName[r.src]).push_back(',');
  append_csv_field(out, r.id);
  out.push_back(',');
  out.append(r.kind).push_back(',');
  out.append(r.internal ? "internal" : "").push_back(',');
  append_csv_field(out, r.author.handle);
  out.push_back(',');
  if (r.author_object) {
    append_csv_field(out, r.author.name);
    out.push_back(',');
    out.append(r.author.kind).push_back(',');
    if (r.author.followers >= 0) out.append(std::to_string(r.author.followers));
  } else {
    out.append(",,");  // name, kind and followers are all unknown for a bare handle
  }
  out.push_back(',');
  append_csv_field(out, r.text);
  out.push_back(',');
  append_iso(out, r.ts, r.ts_millis_fraction);
  out.push_back(',');
  append_csv_field(out, r.url);
  out.push_back(',');
  out.append(r.lang).push_back(',');
  append_csv_field(out, r.reply_to);
  out.push_back(',');
  append_csv_field(out, r.conversation);
  out.push_back('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Text. Lengths follow a long-tailed distribution given as quantiles (bytes at 0%, 5%, ..., 100%), median
// 100, interpolated linearly inside each 5% band: integer-only, so it cannot drift between libm versions.
// The table sits a little below the target because reddit stretches its posts and links are added after.
constexpr std::array<std::uint32_t, 21> kLengthQuantiles = {6,  16,  24,  31,  38,  45,  52,
                                                             59, 66,  73,  81,  89,  98,  109,
                                                             122, 138, 160, 192, 245, 360, 900};

std::uint32_t sample_length(Rng& r) {
  const std::uint64_t u = r.below(20 * 1000);
  const std::uint64_t band = u / 1000, frac = u % 1000;
  const std::uint32_t lo = kLengthQuantiles[band], hi = kLengthQuantiles[band + 1];
  return lo + static_cast<std::uint32_t>((hi - lo) * frac / 1000);
}

void capitalise_ascii(std::string& s, std::size_t at) {
  if (at < s.size() && s[at] >= 'a' && s[at] <= 'z') s[at] = static_cast<char>(s[at] - 'a' + 'A');
}

struct TextContext {
  Source src;
  Lang lang;
  std::string_view reply_mention;  // handle to address first, or empty
  std::uint32_t pool;              // author pool of the source, for random @mentions
};

void make_text(Rng& r, const TextContext& c, std::uint32_t target, const Zipf& zipf, AuthorInfo& scratch,
               std::string& out) {
  out.clear();
  if (c.src == src_reddit) target = std::min<std::uint32_t>(1000, target + target / 2);  // long-form site
  if (c.src == src_x) target = std::min<std::uint32_t>(target, 560);
  if (!c.reply_mention.empty()) out.append("@").append(c.reply_mention).push_back(' ');
  const bool cjk = c.lang == ja;
  const Words& w = words()[c.lang];
  std::size_t sentence_start = out.size();
  std::uint32_t in_sentence = 0;
  while (out.size() < target) {
    const std::uint64_t roll = r.below(1000);
    if (roll < 18) {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
      out.push_back('#');
      out.append(r.pick(kHashtags));
      if (cjk) out.push_back(' ');
    } else if (roll < 30) {
      author_of(c.src, zipf.sample(r, c.pool), scratch);
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
      out.push_back('@');
      out.append(scratch.handle);
      out.push_back(' ');
    } else if (roll < 55) {
      if (!cjk && !out.empty() && out.back() != ' ') out.push_back(' ');
      out.append(r.pick(kEmoji));
    } else {
      const std::string_view word = w[r.below(w.size())];
      const bool quoted = r.chance(8000);
      if (!cjk && !out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
      if (quoted) out.push_back('"');
      out.append(word);
      if (quoted) out.push_back('"');
      if (in_sentence == 0) capitalise_ascii(out, sentence_start);
      ++in_sentence;
      if (!cjk && r.chance(50000)) out.push_back(',');
      if (in_sentence >= 4 && r.chance(160000)) {
        if (cjk) {
          out.append(r.chance(700000) ? "。" : "！");
        } else if (c.lang == ar) {
          out.append(r.chance(700000) ? "." : "؟");
        } else {
          const std::uint64_t p = r.below(10);
          out.push_back(p < 6 ? '.' : p < 8 ? '!' : '?');
        }
        in_sentence = 0;
        // Long posts have paragraphs: newlines must survive JSON escaping and CSV quoting.
        if (out.size() > 180 && r.chance(c.src == src_reddit ? 300000 : 60000)) out.append("\n\n");
        sentence_start = out.size() + (cjk || out.back() == '\n' ? 0 : 1);
      } else if (cjk && r.chance(150000)) {
        out.append("、");
      }
    }
  }
  if (r.chance(150000)) {  // a link, as in ~15% of real posts
    out.push_back(' ');
    out.append(r.pick(kLinkHosts));
    for (int i = 0; i < 8; ++i) out.push_back("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"[r.below(57)]);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
}

// ---------------------------------------------------------------------------------------------------------
// Threads. Each source keeps a fixed ring of recent posts that replies may answer: constant memory, and
// replies naturally cluster on fresh posts, giving threads of varying depth.

struct Node {
  std::string id, root, handle;
  std::int64_t ts = 0;
  std::uint32_t depth = 0;
  Lang lang = en;
};

class Recent {
 public:
  static constexpr std::size_t kSize = 4096;
  Recent() : ring_(kSize) {}
  bool empty() const { return count_ == 0; }
  void push(const Record& rec, const std::string& root, std::uint32_t depth) {
    Node& n = ring_[next_ % kSize];
    n.id = rec.id;
    n.root = root;
    n.handle = rec.author.handle;
    n.ts = rec.ts;
    n.depth = depth;
    n.lang = rec.author.lang;
    ++next_;
    count_ = std::min(count_ + 1, kSize);
  }
  // Mostly the last few dozen posts (live conversations), sometimes anything still in the ring.
  const Node& pick(Rng& r) const {
    const std::uint64_t roll = r.below(100);
    const std::size_t window = roll < 55 ? 32 : roll < 85 ? 512 : kSize;
    const std::size_t span = std::min(window, count_);
    return ring_[(next_ - 1 - r.below(span)) % kSize];
  }

 private:
  std::vector<Node> ring_;
  std::size_t next_ = 0, count_ = 0;
};

// ---------------------------------------------------------------------------------------------------------

struct Options {
  std::uint64_t count = 1000000;
  std::uint64_t seed = 0x9a41e7b3c0ffee11ULL;
  std::uint64_t days = 0;  // 0: the historical pace (0..5 s between posts)
  std::uint64_t mentions_ppm = 0;
  std::string jsonl, csv;
  bool quiet = false;
};

void usage(FILE* f) {
  std::fputs("usage: ingest_gen [--count N] [--seed S] [--days D] [--jsonl OUT.jsonl] [--csv OUT.csv] [--quiet]\n"
             "Writes N synthetic posts (default 1000000) as parley JSONL and/or CSV; '-' is stdout.\n"
             "--days D spreads them over about D days (default: about 1M posts a month).\n"
             "--mentions PPM makes that share of posts name an entity of data/demo/org.toml.\n",
             f);
}

bool parse_u64(const char* s, std::uint64_t& out) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(s, &end, 10);
  if (errno != 0 || end == s || *end != '\0' || s[0] == '-') return false;
  out = v;
  return true;
}

class Output {
 public:
  bool open(const std::string& path) {
    if (path.empty()) return true;
    f_ = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
    if (!f_) return false;
    std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
    return true;
  }
  bool active() const { return f_ != nullptr; }
  void write(const std::string& s) {
    if (!f_) return;
    if (std::fwrite(s.data(), 1, s.size(), f_) != s.size()) failed_ = true;
    bytes_ += s.size();
  }
  bool close() {
    if (!f_) return true;
    const bool ok = std::fflush(f_) == 0 && !std::ferror(f_) && !failed_;
    if (f_ != stdout) return std::fclose(f_) == 0 && ok;
    return ok;
  }
  std::uint64_t bytes() const { return bytes_; }

 private:
  FILE* f_ = nullptr;
  bool failed_ = false;
  std::uint64_t bytes_ = 0;
};

std::string base36(std::uint64_t v) {
  std::string s;
  do {
    s.push_back("0123456789abcdefghijklmnopqrstuvwxyz"[v % 36]);
    v /= 36;
  } while (v);
  std::reverse(s.begin(), s.end());
  return s;
}

class Generator {
 public:
  Generator(const Options& o, Output& jsonl, Output& csv)
      : opt_(o), rng_(o.seed), zipf_(*std::max_element(kAuthorPool.begin(), kAuthorPool.end())),
        jsonl_(jsonl), csv_(csv), dup_ring_(kDupRing),
        max_step_ms_(o.days && o.count ? static_cast<std::int64_t>(2 * o.days * 86'400'000ULL / o.count) : 5000) {
    for (int s = 0; s < kSourceCount; ++s) seen_[s].assign(kAuthorPool[s], false);
  }

  void run() {
    while (rows_ < opt_.count) {
      const std::uint64_t left = opt_.count - rows_;
      // Parents held back for "reply before parent" come out when due, or when only they still fit.
      if (!held_.empty() && (held_.front().due <= rows_ || left <= held_.size())) {
        Held h = std::move(held_.front());
        held_.pop_front();
        emit(h.rec, h.depth);
        recent_[h.rec.src].push(h.rec, h.root, h.depth);
        continue;
      }
      if (dup_count_ > 0 && rng_.chance(5000)) {  // ~0.5% exact repeats of something already written
        emit(dup_ring_[rng_.below(std::min<std::uint64_t>(dup_count_, kDupRing))], 0);
        ++duplicates_;
        continue;
      }
      const Source src = pick_source();
      Record& rec = current_;
      std::string root;
      std::uint32_t depth = 0;
      advance_clock();
      make_post(src, rec, root, depth);
      // ~2% of rows: a reply that reaches us before its parent (late delivery, API pagination order).
      if (left >= held_.size() + 2 && rng_.chance(20500)) {
        Record reply;
        std::string reply_root;
        make_reply_to(src, rec, root, depth, reply, reply_root);
        emit(reply, depth + 1);
        ++early_replies_;
        // The reply joins the ring at once; the parent is written 1..200 rows later.
        recent_[src].push(reply, reply_root, depth + 1);
        held_.push_back(Held{rows_ + static_cast<std::uint64_t>(rng_.range(1, 200)), rec, root, depth});
        continue;
      }
      emit(rec, depth);
      recent_[src].push(rec, root, depth);
    }
  }

  void report(double seconds) const {
    std::uint64_t authors = 0;
    for (const auto& s : seen_) authors += static_cast<std::uint64_t>(std::count(s.begin(), s.end(), true));
    const double rows = static_cast<double>(rows_);
    std::fprintf(stderr,
                 "ingest_gen: %" PRIu64 " rows: %" PRIu64 " exact duplicates, %" PRIu64 " replies (%.1f%%), %" PRIu64
                 " replies written before their parent (%.1f%%), max thread depth %u, %" PRIu64 " distinct authors\n"
                 "ingest_gen: text bytes p50 %zu, p90 %zu, p99 %zu, max %zu\n"
                 "ingest_gen: jsonl %.1f MB, csv %.1f MB in %.2f s (%.0f rows/s)\n",
                 rows_, duplicates_, replies_, rows_ ? 100.0 * static_cast<double>(replies_) / rows : 0.0,
                 early_replies_, rows_ ? 100.0 * static_cast<double>(early_replies_) / rows : 0.0, max_depth_, authors,
                 length_quantile(0.5), length_quantile(0.9), length_quantile(0.99), max_length_,
                 static_cast<double>(jsonl_.bytes()) / 1e6, static_cast<double>(csv_.bytes()) / 1e6, seconds,
                 seconds > 0 ? rows / seconds : 0.0);
  }

 private:
  static constexpr std::size_t kDupRing = 512;

  struct Held {
    std::uint64_t due;
    Record rec;
    std::string root;
    std::uint32_t depth;
  };

  Source pick_source() {
    std::uint64_t u = rng_.below(1000000);
    for (int i = 0; i < kSourceCount; ++i) {
      if (u < kSourcePpm[i]) return static_cast<Source>(i);
      u -= kSourcePpm[i];
    }
    return src_x;
  }

  // About 1M posts a month: a 0..5 s step keeps created_at increasing; each post then gets +-3 s of jitter
  // so the file is only roughly in time order, as merged exports are.
  // With --days the step is uniform in [0, 2 * span / count], so the mean step covers the span.
  void advance_clock() { clock_ += rng_.range(0, max_step_ms_); }
  std::int64_t jittered() { return clock_ + rng_.range(-3000, 3000); }

  // Ids look like each network's: X snowflakes, Mastodon's time-prefixed ids, Reddit base36, small integers
  // for the api exporter. Time-derived ids keep "a parent's id is older than its reply's".
  std::string make_id(Source s, std::int64_t ts) {
    const std::uint64_t seq = seq_[s]++;
    switch (s) {
      case src_x: return std::to_string((static_cast<std::uint64_t>(ts - 1288834974657LL) << 22) | (seq & 0x3fffff));
      case src_mastodon: return std::to_string((static_cast<std::uint64_t>(ts) << 16) | (seq & 0xffff));
      case src_reddit: return base36(0x10000000ULL + seq);
      default: return std::to_string(100000 + seq);
    }
  }

  void fill_common(Source src, Record& rec, std::uint32_t rank, std::int64_t ts) {
    rec.src = src;
    rec.numeric_ids = src == src_api;
    rec.ts = ts;
    rec.ts_millis_fraction = src == src_mastodon;
    author_of(src, rank, rec.author);
    seen_[src][rank] = true;
    rec.id = make_id(src, ts);
    rec.internal = false;
    rec.author_object = true;
    if (src == src_api) {
      // The api exporter is an in-house tool: some posts are employees asking colleagues (internal), and it
      // writes bare handles for the rest.
      if (rng_.chance(300000)) {
        rec.internal = true;
        rec.author.kind = "employee";
      } else {
        rec.author_object = rng_.chance(400000);
      }
    }
    rec.lang = src == src_reddit ? "" : kLangTag[rec.author.lang];
    if (src == src_x && rec.author.lang == pt && (rank & 1)) rec.lang = "pt-BR";
  }

  void fill_url(Record& rec) {
    rec.url.clear();
    switch (rec.src) {
      case src_x: rec.url.append("https://x.com/").append(rec.author.handle).append("/status/").append(rec.id); break;
      case src_mastodon: {
        const std::size_t at = rec.author.handle.find('@');
        rec.url.append("https://").append(rec.author.handle.substr(at + 1)).append("/@")
            .append(rec.author.handle.substr(0, at)).append("/").append(rec.id);
        break;
      }
      case src_reddit:
      {
        // The subreddit follows from the submission, so a whole thread links into the same one.
        const std::string& submission = rec.conversation.empty() ? rec.id : rec.conversation;
        rec.url.append("https://www.reddit.com/r/").append(kSubreddits[fnv1a(submission) % kSubreddits.size()])
            .append("/comments/").append(submission).append("/_/");
        if (!rec.conversation.empty()) rec.url.append(rec.id).append("/");
        break;
      }
      default: break;
    }
  }

  void set_kind(Record& rec, bool reply) {
    // X rows leave kind out (the reader derives it from reply_to); Reddit's replies are comments.
    if (rec.src == src_x) rec.kind.clear();
    else if (rec.src == src_reddit) rec.kind = reply ? "comment" : "post";
    else rec.kind = reply ? "reply" : "post";
  }

  void make_post(Source src, Record& rec, std::string& root, std::uint32_t& depth) {
    const std::uint32_t rank = zipf_.sample(rng_, kAuthorPool[src]);
    const std::int64_t ts = jittered();
    fill_common(src, rec, rank, ts);
    const bool reply = !recent_[src].empty() && !rec.internal && rng_.chance(400000);
    if (reply) {
      const Node& parent = recent_[src].pick(rng_);
      attach(rec, parent.id, parent.root, parent.handle, parent.lang, parent.ts);
      root = parent.root;
      depth = parent.depth + 1;
    } else {
      rec.reply_to.clear();
      rec.conversation = src == src_x ? rec.id : "";
      text_for(rec, "");
      root = rec.id;
      depth = 0;
      set_kind(rec, false);
    }
    fill_url(rec);
  }

  void make_reply_to(Source src, const Record& parent, const std::string& parent_root, std::uint32_t parent_depth,
                     Record& rec, std::string& root) {
    (void)parent_depth;
    const std::uint32_t rank = zipf_.sample(rng_, kAuthorPool[src]);
    fill_common(src, rec, rank, jittered());
    attach(rec, parent.id, parent_root, parent.author.handle, parent.author.lang, parent.ts);
    root = parent_root;
    fill_url(rec);
  }

  void attach(Record& rec, const std::string& parent_id, const std::string& parent_root, std::string_view parent_handle,
              Lang parent_lang, std::int64_t parent_ts) {
    if (rec.ts <= parent_ts) rec.ts = parent_ts + rng_.range(1000, 90000);  // a reply never predates its parent
    rec.reply_to = parent_id;
    // X states the conversation root; Reddit's link id is the submission; the others do not say.
    rec.conversation = rec.src == src_x || rec.src == src_reddit ? parent_root : "";
    if (rng_.chance(750000)) rec.author.lang = parent_lang;  // replies mostly answer in the thread's language
    rec.lang = rec.src == src_reddit ? "" : kLangTag[rec.author.lang];
    text_for(rec, rec.src == src_x || rec.src == src_mastodon ? parent_handle : "");
    set_kind(rec, true);
  }

  void text_for(Record& rec, std::string_view mention) {
    const TextContext c{rec.src, rec.author.lang, mention, kAuthorPool[rec.src]};
    make_text(rng_, c, sample_length(rng_), zipf_, scratch_, rec.text);
    if (opt_.mentions_ppm && rng_.chance(static_cast<std::uint32_t>(opt_.mentions_ppm)))
      rec.text.append(" ").append(kMentions[rng_.below(kMentions.size())]);
  }

  void emit(const Record& rec, std::uint32_t depth) {
    line_.clear();
    to_jsonl(rec, line_);
    jsonl_.write(line_);
    line_.clear();
    to_csv(rec, line_);
    csv_.write(line_);
    if (!rec.reply_to.empty()) ++replies_;
    ++rows_;
    ++length_hist_[std::min<std::size_t>(rec.text.size(), length_hist_.size() - 1)];
    max_length_ = std::max(max_length_, rec.text.size());
    max_depth_ = std::max(max_depth_, depth);
    Record& slot = dup_ring_[dup_count_++ % kDupRing];
    if (&slot != &rec) slot = rec;
  }

  std::size_t length_quantile(double q) const {
    const auto want = static_cast<std::uint64_t>(q * static_cast<double>(rows_));
    std::uint64_t acc = 0;
    for (std::size_t i = 0; i < length_hist_.size(); ++i)
      if ((acc += length_hist_[i]) > want) return i;
    return length_hist_.size() - 1;
  }

  Options opt_;
  Rng rng_;
  Zipf zipf_;
  Output& jsonl_;
  Output& csv_;
  std::array<Recent, kSourceCount> recent_;
  std::array<std::vector<bool>, kSourceCount> seen_;
  std::array<std::uint64_t, kSourceCount> seq_{};
  std::deque<Held> held_;
  std::vector<Record> dup_ring_;
  std::uint64_t dup_count_ = 0;
  Record current_;
  AuthorInfo scratch_;
  std::string line_;
  std::int64_t max_step_ms_;
  std::int64_t clock_ = 1704067200000LL;  // 2024-01-01T00:00:00Z
  std::uint64_t rows_ = 0, duplicates_ = 0, replies_ = 0, early_replies_ = 0;
  std::uint32_t max_depth_ = 0;
  std::size_t max_length_ = 0;
  std::array<std::uint64_t, 2048> length_hist_{};  // text bytes, for the report; the last bucket is ">="
};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "ingest_gen: %s needs a value\n", argv[i]);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--count") {
      if (!parse_u64(value(), o.count)) return usage(stderr), 2;
    } else if (a == "--seed") {
      if (!parse_u64(value(), o.seed)) return usage(stderr), 2;
    } else if (a == "--days") {
      if (!parse_u64(value(), o.days) || o.days > 36500) return usage(stderr), 2;
    } else if (a == "--mentions") {
      if (!parse_u64(value(), o.mentions_ppm) || o.mentions_ppm > 1000000) return usage(stderr), 2;
    } else if (a == "--jsonl") {
      o.jsonl = value();
    } else if (a == "--csv") {
      o.csv = value();
    } else if (a == "--quiet") {
      o.quiet = true;
    } else if (a == "-h" || a == "--help") {
      usage(stdout);
      return 0;
    } else {
      std::fprintf(stderr, "ingest_gen: unknown argument '%s'\n", argv[i]);
      usage(stderr);
      return 2;
    }
  }
  if (o.jsonl.empty() && o.csv.empty()) {
    std::fputs("ingest_gen: give --jsonl and/or --csv\n", stderr);
    usage(stderr);
    return 2;
  }
  if (o.jsonl == "-" && o.csv == "-") {
    std::fputs("ingest_gen: only one output can be stdout\n", stderr);
    return 2;
  }
  Output jsonl, csv;
  if (!jsonl.open(o.jsonl) || !csv.open(o.csv)) {
    std::fprintf(stderr, "ingest_gen: cannot open output: %s\n", std::strerror(errno));
    return 2;
  }
  csv.write(kCsvHeader);
  const auto t0 = std::chrono::steady_clock::now();
  Generator g(o, jsonl, csv);
  g.run();
  const bool ok = jsonl.close() & csv.close();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!ok) {
    std::fprintf(stderr, "ingest_gen: write failed: %s\n", std::strerror(errno));
    return 2;
  }
  if (!o.quiet) g.report(secs);
  return 0;
}
