#include "parley/demo/reply_writer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace parley::demo {
namespace {

using Parts = std::vector<std::string_view>;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool has_any(const std::string& text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return text.find(w) != std::string::npos; });
}

void replace_all(std::string& s, std::string_view from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

// Whom a public reply names: networks address by handle; the internal channel, reviews and survey answers
// by first name, as a person would.
std::string address(const ReplyFacts& f) {
  if (f.channel == "x" || f.channel == "mastodon") return "@" + f.handle;
  if (f.channel == "reddit") return "u/" + f.handle;
  // The first word of the name ("Mike Brennan (Billing ops)" -> Mike); survey answers carry the name as
  // the handle.
  const std::string& full = f.name.empty() ? f.handle : f.name;
  return full.substr(0, full.find(' '));
}

bool by_handle(const std::string& to) { return to.starts_with("@") || to.starts_with("u/"); }

std::string default_product(Topic t) {
  switch (t) {
    case Topic::app: return "Northwind App";
    case Topic::phone: return "N5 Phone";
    default: return "Northwind Fiber";
  }
}

// English parts. {to} is the customer, {product} the product they named (or the topic's own).
const Parts kOpeners = {"{to} so sorry about this.",
                        "{to} that's not the experience we want for you.",
                        "{to} thanks for flagging this, and sorry for the hassle.",
                        "{to} that's frustrating, I get it.",
                        "{to} I hear you.",
                        "{to} fair point, and I'm sorry.",
                        "Hi {to},",
                        "{to} thanks for your patience with us."};
const Parts kQuestionOpeners = {"{to} good question!", "Hi {to},", "{to} happy to help.", "{to} thanks for asking.",
                                "{to} sure thing.", "{to} quick answer:"};
const Parts kClosers = {"",
                        "Shout if anything is still off.",
                        "Any trouble, reply here.",
                        "I'll keep an eye on it.",
                        "Let me know how it goes.",
                        "Thanks for sticking with us.",
                        "Here if you need anything else.",
                        "Tell me if it happens again."};

const Parts& complaint_bodies(Topic t) {
  static const std::array<Parts, 8> bodies = {{
      // outage
      {"our field team cleared the fault on your line this morning. If the {product} router still shows red, "
       "unplug it for 30 seconds and it will resync.",
       "the outage in your area is fixed and a credit for the downtime is on your account already.",
       "engineers found a damaged splice near your street. It's repaired; I'm keeping your ticket open until "
       "you confirm it's stable.",
       "I ran a line test from here: your {product} connection is back at full speed and the downtime credit "
       "is applied.",
       "the node serving your block had a power fault. It's back, and I've asked the NOC to watch it tonight."},
      // billing
      {"I found the duplicate charge from the billing run on the 2nd. It's reversed and should be back on your "
       "card in 3-5 business days.",
       "you're right, that fee shouldn't be there. I removed it and emailed you a corrected bill.",
       "I refunded the difference to your account; the corrected amount shows on your next statement.",
       "your autopay ran twice because of a batch error on our side. The refund and a goodwill credit are on "
       "the way.",
       "the late fee came from a payment we posted a day late. It's waived and won't happen again."},
      // speed
      {"your line was stuck on an old speed profile. I reset it to the plan you pay for; a speed test on a "
       "cable should show it.",
       "I can see evening congestion on your local cabinet. The upgrade is booked for next week and I "
       "credited this month meanwhile.",
       "a firmware update for the {product} router fixes that slowdown; I pushed it to yours just now.",
       "the Wi-Fi channel your router picked is crowded. I moved it remotely, it should feel quicker already."},
      // app
      {"version 4.2 of the {product} fixes that login loop. Update from the store and sign in again.",
       "I passed your crash report to the app team with your device details. Clearing the app cache works "
       "around it until the fix ships.",
       "the payment screen bug in the {product} is fixed on our side; pull down to refresh and it goes through.",
       "that error came from an expired session on our servers. It's cleared, you can sign in normally now."},
      // phone
      {"that battery drain on the {product} comes from a setting the last update switched on: Settings > "
       "Battery > Adaptive off. I logged it with the device team too.",
       "I booked a free screen check for your {product} at the store you picked; the confirmation is in your "
       "email.",
       "a replacement {product} is on its way under warranty, with a prepaid label for the old one.",
       "the {product} update that broke calls over Wi-Fi is paused; I sent you the steps to roll it back."},
      // support
      {"our hold times were far too long this week. I've taken your case myself and will see it through.",
       "nobody should have to tell the story three times. I read the whole history, no need to call again.",
       "I added notes so whoever you talk to next sees everything, and I'm following up personally.",
       "the chat dropped you because of a timeout on our side. I picked up where it left off."},
      // switching
      {"I'd rather keep you than match a flyer, so I checked your account: you qualify for the loyalty price, "
       "applied from today.",
       "before you switch, I can move you to the plan without the contract fee. It's cheaper than what you "
       "pay now.",
       "I matched the intro price you were quoted for the next 12 months; it shows on the next bill."},
      // general
      {"I looked into your account and fixed what went wrong. Tell me if anything still looks off.",
       "I raised this with the team who owns it and I'll update you here as soon as it's sorted.",
       "thanks for the detail, it made this quick to trace. It's fixed on our side now.",
       "I found the order that got stuck and pushed it through by hand; you'll get the confirmation today."},
  }};
  return bodies[static_cast<std::size_t>(t)];
}

const Parts& question_bodies(Topic t) {
  static const std::array<Parts, 8> bodies = {{
      {"there was planned work in your area overnight; everything is back now. The status page lists live "
       "incidents.",
       "you can check for outages in the Northwind App or on our status page; your area shows no incident "
       "right now.",
       "the repair crew is on site and the estimate is two hours. I'll post here when it's back."},
      {"your bill date is the 5th and you can move it in the app under Billing > Payment date.",
       "that one-off charge is the router delivery fee; it only appears on the first bill.",
       "refunds go back to the card you paid with, normally within 3-5 business days."},
      {"yes, 2 Gig is available at your address. Upgrading in the app takes effect within the hour, no visit "
       "needed.",
       "for the full 2 Gig you need a cable or a Wi-Fi 6E device near the router; older Wi-Fi tops out lower.",
       "speed tests on our own server are at speedtest.northwind.example; they skip the busy public ones."},
      {"you can add a second line in the {product} under Account > Lines; it takes a couple of minutes.",
       "the {product} runs on Android 10+ and iOS 15+. Older phones can use the web account instead.",
       "notifications are under Profile > Alerts in the {product}; outage alerts are on by default."},
      {"the {product} supports eSIM; the QR code is in the app under Lines > Get eSIM.",
       "yes, the {product} is unlocked after 60 days on any plan.",
       "the {product} comes with a 2-year warranty, and accidental damage cover is optional."},
      {"the chat team is there 7am-11pm Eastern every day, and the app's help section answers 24/7.",
       "the quickest route is the chat in the app: it skips the phone queue and keeps your history."},
      {"you keep your number when you move to us; we handle the transfer and it takes about a day.",
       "we don't charge an exit fee on month-to-month plans, and your number comes with you."},
      {"the short answer is yes; the details are on our help pages under Account.",
       "I checked with the team: that works on every plan we sell today.",
       "yes, and it's free. I can set it up for you if you like."},
  }};
  return bodies[static_cast<std::size_t>(t)];
}

const Parts kPraise = {"{to} this made our day, thank you! I'll pass it on to the team.",
                       "{to} thanks so much! Glad the {product} is treating you well.",
                       "{to} love to hear it. Enjoy the speed!",
                       "{to} that's great to read, thanks for taking a moment to tell us.",
                       "{to} thank you! I've shared this with the engineers who did the install.",
                       "{to} ha, we'll take it. Thanks for being with us.",
                       "{to} you just made a technician very happy, thank you!",
                       "{to} appreciated! Posts like this go straight into our team chat."};
const Parts kSuggestion = {"{to} nice idea. I've logged it with the {product} team and linked your post.",
                           "{to} thanks, you're not the first to ask for this, so I added your vote to the request.",
                           "{to} good suggestion! It's on the list our product team reviews every sprint.",
                           "{to} really useful feedback, I've passed it to the product folks with your example.",
                           "{to} I like this one. It's in the ideas board now; I'll post here if it ships."};
const Parts kInternal = {"{to}, short answer: yes. The policy page on the intranet has the detail, I linked it in the case.",
                         "Hi {to}, I checked with billing ops: the credit is applied automatically within 24 hours.",
                         "{to}, for that one use the escalation form; network ops picks it up within the hour.",
                         "{to}, I've handled a few of these: the customer keeps the number, the balance stays with the old carrier.",
                         "Good one, {to}. HR confirmed it counts from your start date, not the calendar year.",
                         "{to}, yes, leads can approve that up to $50 without a ticket; above that it goes to billing ops.",
                         "{to}, it's in the handbook under Time off: request it in the portal and your lead approves."};
const Parts kFollowOpeners = {"{to} thanks for coming back on this.", "{to} got it.", "{to} understood.",
                              "{to} thanks for confirming.", "{to} right,", "{to} good to know."};
const Parts kFollowBodies = {"I checked again and it's sorted now.",
                             "I updated your case and added a credit for the trouble.",
                             "I escalated it to the engineers and will update you by tomorrow.",
                             "all set on our side now.",
                             "that's the second part of it, and it's fixed too.",
                             "I reopened the work order so a technician calls you first.",
                             "the change went through a minute ago; a restart of the router picks it up."};
const Parts kAfterReopen = {"{to} sorry it came back. I found a second fault on the line and had it fixed for good this time.",
                            "{to} thanks for telling us it didn't stick. I redid the change by hand and checked it twice.",
                            "{to} that should not have happened twice. A senior engineer looked at it and it's stable now.",
                            "{to} apologies, the first fix only covered half of it. The rest is done now."};

const Parts& other_language(std::string_view lang) {
  static const Parts es = {"{to} ¡Lo sentimos mucho! Ya revisé tu cuenta y el problema está resuelto. Cualquier cosa, aquí estamos.",
                           "{to} Gracias por avisarnos. Corregimos el cargo y verás el reembolso en 3-5 días hábiles.",
                           "{to} Perdona las molestias. El técnico ya reparó la avería en tu zona; si el router sigue en rojo, reinícialo.",
                           "{to} ¡Buena pregunta! Sí, puedes cambiarlo desde la app en Cuenta > Plan, sin coste.",
                           "{to} Entiendo tu enfado. Ya hablé con facturación y el cobro duplicado está anulado.",
                           "{to} Gracias por la paciencia. Tu línea ya tiene la velocidad contratada; prueba con cable."};
  static const Parts pt = {"{to} Sentimos muito! Já verifiquei sua conta e o problema foi resolvido.",
                           "{to} Obrigado pelo aviso. Corrigimos a cobrança e o reembolso aparece em até 5 dias úteis.",
                           "{to} Desculpe o transtorno. A equipe técnica já normalizou o sinal na sua região.",
                           "{to} Boa pergunta! Sim, dá para mudar o plano pelo app em Conta > Plano."};
  static const Parts de = {"{to} Das tut uns leid! Ich habe Ihr Konto geprüft, der Fehler ist behoben.",
                           "{to} Danke für den Hinweis. Die doppelte Abbuchung ist storniert, das Geld ist in 3-5 Werktagen zurück.",
                           "{to} Entschuldigung für den Ärger. Die Störung in Ihrer Gegend ist behoben; bitte den Router einmal neu starten.",
                           "{to} Gute Frage! Ja, das geht in der App unter Konto > Tarif, ohne Gebühr."};
  static const Parts fr = {"{to} Désolés pour ce souci ! J'ai vérifié votre compte, c'est corrigé.",
                           "{to} Merci de nous l'avoir signalé. Le double prélèvement est annulé, remboursement sous 3 à 5 jours ouvrés.",
                           "{to} Toutes nos excuses. La panne dans votre secteur est réparée ; redémarrez la box si besoin.",
                           "{to} Bonne question ! Oui, cela se change dans l'appli, rubrique Compte > Forfait."};
  static const Parts none;
  if (lang == "es") return es;
  if (lang == "pt") return pt;
  if (lang == "de") return de;
  if (lang == "fr") return fr;
  return none;
}

// Capitalises the first letter of a body that follows a full-stop opener.
std::string sentence(std::string_view body) {
  std::string s(body);
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

}  // namespace

Topic topic_of(const ReplyFacts& f) {
  const std::string t = lower(f.text);
  if (has_any(t, {"outage", "down", "no internet", "no service", "without service", "offline", "fiber cut",
                  "not working", "no signal", "sin servicio", "caído", "sem sinal", "störung", "panne"}))
    return Topic::outage;
  if (has_any(t, {"charged", "bill", "charge", "refund", "invoice", "fee", "autopay", "cobr", "factura",
                  "reembolso", "abbuchung", "rechnung", "facture", "prélèvement"}))
    return Topic::billing;
  if (has_any(t, {"slow", "speed", "mbps", "lag", "buffering", "2 gig", "wifi", "wi-fi"})) return Topic::speed;
  if (f.product == "Northwind App" || has_any(t, {" app", "login", "log in", "crash"})) return Topic::app;
  if (f.product == "N5 Phone" || has_any(t, {"n5", "battery", "screen", "phone"})) return Topic::phone;
  if (has_any(t, {"hold", "support", "chat", "agent", "on the phone for", "nobody", "no one"})) return Topic::support;
  if (has_any(t, {"contoso", "fabrikam", "switch", "cancel", "leaving"})) return Topic::switching;
  return Topic::general;
}

std::string initials(const std::string& name) {
  std::string out;
  bool start = true;
  for (char c : name) {
    if (c == ' ' || c == '-') {
      start = true;
    } else if (start) {
      if (std::isalpha(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      start = false;
    }
  }
  return out;
}

bool ReplyWriter::recently_used(const std::string& key) const {
  return std::find(recent_.begin(), recent_.end(), key) != recent_.end();
}

void ReplyWriter::remember(std::string key) {
  recent_.push_back(std::move(key));
  if (recent_.size() > kMemory) recent_.pop_front();
}

std::string ReplyWriter::reply(const ReplyFacts& f, ReplyStage stage, SeededRng& rng) {
  const Topic topic = topic_of(f);
  const Parts* openers = nullptr;
  const Parts* bodies = nullptr;
  const Parts* closers = &kClosers;
  static const Parts kNoPart = {""};
  std::string lead;  // what the parts list is called in the memory key
  const Parts& foreign = other_language(f.language);
  if (f.internal) {
    bodies = &kInternal, openers = &kNoPart, closers = &kNoPart, lead = "internal";
  } else if (stage == ReplyStage::after_reopen) {
    bodies = &kAfterReopen, openers = &kNoPart, lead = "reopen";
  } else if (stage == ReplyStage::follow_up) {
    bodies = &kFollowBodies, openers = &kFollowOpeners, lead = "follow";
  } else if (!foreign.empty()) {
    bodies = &foreign, openers = &kNoPart, closers = &kNoPart, lead = "lang-" + f.language;
  } else if (f.intent == "praise") {
    bodies = &kPraise, openers = &kNoPart, lead = "praise";
  } else if (f.intent == "suggestion") {
    bodies = &kSuggestion, openers = &kNoPart, lead = "suggestion";
  } else if (f.intent == "question") {
    bodies = &question_bodies(topic), openers = &kQuestionOpeners, lead = "q" + std::to_string(static_cast<int>(topic));
  } else {
    bodies = &complaint_bodies(topic), openers = &kOpeners, lead = "c" + std::to_string(static_cast<int>(topic));
  }
  // A handful of tries for a combination not used lately; the last try is kept whatever it is.
  std::size_t o = 0, b = 0, c = 0;
  std::string key;
  for (int attempt = 0; attempt < 12; ++attempt) {
    o = rng.pick(openers->size()), b = rng.pick(bodies->size()), c = rng.pick(closers->size());
    key = lead + "/" + std::to_string(o) + "/" + std::to_string(b) + "/" + std::to_string(c);
    if (!recently_used(key)) break;
  }
  remember(key);
  std::string opener((*openers)[o]);
  std::string text = opener;
  std::string body((*bodies)[b]);
  if (!text.empty()) {
    const char last = text.back();
    text += ' ';
    text += last == '.' || last == '!' || last == ':' ? (last == ':' ? body : sentence(body)) : body;
  } else {
    text = sentence(body);
  }
  const std::string closer((*closers)[c]);
  const std::string sign = " ^" + initials(f.employee_name);
  std::string product = f.product.empty() ? default_product(topic) : f.product;
  const std::string to = address(f);
  // "@sam thanks for..." reads as a mention; a first name wants a comma: "Liam, thanks for...".
  if (!by_handle(to) && text.starts_with("{to} ")) text.replace(0, 5, "{to}, ");
  replace_all(text, "{to}", to);
  replace_all(text, "{product}", product);
  if (f.intent == "praise" && !f.campaign.empty() && text.size() + f.campaign.size() + 1 < 250) text += " " + f.campaign;
  // X cuts at 280 characters: the sign-off goes first, the signature never.
  if (!closer.empty() && (f.channel != "x" || text.size() + closer.size() + sign.size() + 1 <= 280)) text += " " + closer;
  return text + sign;
}

std::string ReplyWriter::note(const ReplyFacts& f, SeededRng& rng) {
  static const std::array<Parts, 8> notes = {{
      {"Line test clean since the repair; downtime credit applied.", "NOC confirms the splice repair; watching the node tonight."},
      {"Duplicate charge from the 2 Nov batch confirmed; reversal raised with billing ops.",
       "Fee waived, corrected bill sent. Root cause: payment posted a day late."},
      {"Speed profile was wrong on the OLT; corrected and tested at 1.9 Gbps wired.", "Cabinet upgrade ticket linked."},
      {"Crash log attached to the app team's bug; workaround given.", "Session store cleared for this account."},
      {"Warranty check done: in warranty, replacement approved.", "Device team has the battery report."},
      {"Customer waited three times on the phone; I'm owning the case until it closes.", "Read the whole history before answering."},
      {"Loyalty price applied, retention code RET-12.", "Checked the competitor offer; ours is cheaper after the credit."},
      {"Reviewed the whole thread; nothing else outstanding.", "Order was stuck in provisioning; pushed through by hand."},
  }};
  const Parts& options = notes[static_cast<std::size_t>(topic_of(f))];
  return std::string(options[rng.pick(options.size())]);
}

std::string ReplyWriter::reopen_note(SeededRng& rng) {
  static const Parts kNotes = {"Customer wrote back by DM: the problem came back this morning. Reopening.",
                               "Reopened: the credit did not show on the new bill after all.",
                               "Customer called in, the fix didn't hold. Picking it up again.",
                               "Reopening after a follow-up email: still seeing the issue."};
  return std::string(kNotes[rng.pick(kNotes.size())]);
}

std::string ReplyWriter::knowledge_title(const ReplyFacts& f) {
  switch (topic_of(f)) {
    case Topic::outage: return "After an outage: router still red, resync and downtime credit";
    case Topic::billing: return "Duplicate or wrong charges: refund timing and credits";
    case Topic::speed: return "Slower than the plan: speed profile, firmware, Wi-Fi channel";
    case Topic::app: return "Northwind App: login loops, crashes and payment errors";
    case Topic::phone: return "N5 Phone: battery, screen and warranty replacements";
    case Topic::support: return "Long waits: owning the case end to end";
    case Topic::switching: return "Customers about to switch: loyalty price and no-fee plans";
    case Topic::general: break;
  }
  return f.intent == "question" ? "Common account questions" : "Fixing account problems";
}

}  // namespace parley::demo
