#include "parley/engage/tone_check.h"

#include <cstdio>

#include "parley/text/sentiment.h"
#include "parley/text/simhash.h"
#include "parley/text/tokenizer.h"

namespace parley::engage {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::size_t code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

std::string first_word(std::string_view name) {
  auto end = name.find(' ');
  return lower_ascii(name.substr(0, end));
}

}  // namespace

const std::vector<std::string_view>& broadcast_phrases() {
  // Gathered from the stock lines of brand care accounts that customers mock as robotic; each one says
  // nothing about this customer's problem. Matched on whole words, case-insensitively.
  static const std::vector<std::string_view> phrases = {
      "we apologize for any inconvenience", "we apologise for any inconvenience", "sorry for any inconvenience",
      "apologies for any inconvenience",    "for the inconvenience caused",       "thank you for reaching out",
      "thanks for reaching out",            "thank you for contacting us",        "we value your feedback",
      "your feedback is important to us",   "your feedback is valuable",          "dear customer",
      "dear valued customer",               "valued customer",                    "we understand your frustration",
      "your call is important",             "please dm us",                       "please send us a dm",
      "send us a direct message",           "please contact customer service",    "we will look into it",
      "have a great day",                   "have a nice day",                    "for more information please visit",
  };
  return phrases;
}

const std::vector<std::string_view>& blaming_phrases() {
  static const std::vector<std::string_view> phrases = {
      "your own fault", "your fault",      "calm down",       "as we already said", "as i already said",
      "not our problem", "you should have", "read our terms", "stop complaining",   "stop whining",
  };
  return phrases;
}

namespace {

bool contains_phrase(const std::string& words, std::string_view phrase) {
  return words.find(" " + std::string(phrase) + " ") != std::string::npos;
}

bool empathy_word(std::string_view w) {
  for (std::string_view e : {"sorry", "apologise", "apologize", "apologies", "apology", "understand", "hear",
                             "frustrating", "frustrated", "unacceptable"})
    if (w == e) return true;
  return false;
}

}  // namespace

ToneReport check_tone(const ToneInput& in) {
  ToneReport r;
  auto flag = [&r](std::string code, std::string message) {
    r.flags.push_back({std::move(code), std::move(message)});
  };
  text::Tokenized t = text::tokenize(in.text);
  std::string words = " ";  // lower-case words between single spaces: phrase matching on word boundaries
  int word_count = 0, caps_words = 0;
  bool mentions_customer = false, names_customer = false, empathy = false;
  const std::string handle = lower_ascii(in.customer_handle.starts_with('@') ? in.customer_handle.substr(1)
                                                                              : in.customer_handle);
  const std::string name = first_word(in.customer_name);
  for (const auto& tok : t.tokens) {
    if (tok.kind == text::TokenKind::mention && !handle.empty() && lower_ascii(tok.norm) == handle) mentions_customer = true;
    if (tok.kind != text::TokenKind::word && tok.kind != text::TokenKind::number) continue;
    ++word_count;
    if (tok.all_caps && tok.end - tok.begin >= 3) ++caps_words;
    if (!name.empty() && tok.norm == name) names_customer = true;
    empathy = empathy || empathy_word(tok.norm);
    words += tok.norm;
    words += ' ';
  }
  if (word_count == 0) {
    flag("empty", "the reply has no words: write what you will do for the customer");
    r.ok = false;
    return r;
  }

  r.sentiment = text::SentimentModel::instance().analyze(t).compound;
  const std::uint64_t hash = text::simhash(t);
  for (auto h : in.recent_staff_replies)
    if (text::hamming(h, hash) <= kCannedDistance) ++r.near_copies;

  if (word_count >= kCannedMinWords && r.near_copies >= kCannedCopies)
    flag("canned", "almost the same words went out in " + std::to_string(r.near_copies) +
                       " recent replies: say something about this customer's own problem");
  for (auto phrase : broadcast_phrases()) {
    if (!contains_phrase(words, phrase)) continue;
    flag("broadcast_phrase", "\"" + std::string(phrase) +
                                 "\" reads as a form letter: say what happened and what you are doing about it");
    break;  // one is enough to make the point
  }
  if ((!handle.empty() || !name.empty()) && !mentions_customer && !names_customer)
    flag("not_addressed", "the reply does not address the customer: use their name" +
                              (handle.empty() ? std::string() : " or @" + handle));
  std::string_view blame;
  for (auto phrase : blaming_phrases())
    if (contains_phrase(words, phrase)) {
      blame = phrase;
      break;
    }
  if (!blame.empty()) {
    flag("negative_tone", "\"" + std::string(blame) + "\" blames the customer: acknowledge the problem, then say what you will do");
  } else if (r.sentiment <= kNegativeTone && !empathy) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", r.sentiment);
    flag("negative_tone", std::string("the reply reads as negative (sentiment ") + buf +
                              ") with no word of apology or understanding: acknowledge the problem, then say what you will do");
  }
  if ((caps_words >= 3 && caps_words * 10 >= word_count * 3) || in.text.find("!!") != std::string_view::npos)
    flag("shouting", "capitals and repeated '!' read as shouting: write in sentence case");
  if (in.channel == "x" && code_points(t.text) > 280)
    flag("too_long", "X allows 280 characters and this reply has " + std::to_string(code_points(t.text)) +
                         ": shorten it or split it into a thread");
  r.ok = r.flags.empty();
  return r;
}

}  // namespace parley::engage
