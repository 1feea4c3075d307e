#include "parley/engage/router.h"

#include <algorithm>

namespace parley::engage {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

void note(std::string* why, std::string_view what) {
  if (!why) return;
  if (!why->empty()) *why += ", ";
  *why += what;
}

// The language a rule compares with: what the analyser detected, else what the source stated.
std::string_view post_language(const Post& post, const text::Analysis& a) {
  if (!a.language.empty() && a.language != "und") return a.language;
  std::string_view stated = post.language;
  return stated.substr(0, stated.find('-'));
}

}  // namespace

bool rule_matches(const RoutingRule& r, const Post& post, const text::Analysis& a, std::string_view lowered,
                  std::string* why) {
  if (!r.intents.empty()) {
    if (!contains(r.intents, a.intent.label)) return false;
    note(why, "intent " + std::string(text::to_string(a.intent.label)));
  }
  if (!r.sentiments.empty()) {
    if (!contains(r.sentiments, a.sentiment.label)) return false;
    note(why, "sentiment " + std::string(text::to_string(a.sentiment.label)));
  }
  if (r.min_urgency && a.urgency < *r.min_urgency) return false;
  if (r.max_urgency && a.urgency > *r.max_urgency) return false;
  if (r.min_urgency || r.max_urgency) note(why, "urgency " + std::to_string(a.urgency));
  if (!r.languages.empty()) {
    std::string lang(post_language(post, a));
    if (!contains(r.languages, lang)) return false;
    note(why, "language " + lang);
  }
  if (!r.topics.empty()) {
    const text::EntityMatch* hit = nullptr;
    for (const auto& e : a.entities) {
      std::string kind(text::to_string(e.kind));
      if (contains(r.topics, e.name) || contains(r.topics, kind)) {
        hit = &e;
        break;
      }
    }
    if (!hit) return false;
    note(why, "mentions " + hit->name);
  }
  if (!r.channels.empty()) {
    if (!contains(r.channels, post.source)) return false;
    note(why, "channel " + post.source);
  }
  if (r.audience) {
    if (post.audience != *r.audience) return false;
    note(why, "audience " + std::string(to_string(post.audience)));
  }
  if (!r.author_kinds.empty()) {
    if (!contains(r.author_kinds, post.author.kind)) return false;
    note(why, "author " + std::string(to_string(post.author.kind)));
  }
  if (!r.keywords.empty()) {
    const std::string* hit = nullptr;
    for (const auto& k : r.keywords)
      if (lowered.find(lower_ascii(k)) != std::string_view::npos) {
        hit = &k;
        break;
      }
    if (!hit) return false;
    note(why, "says \"" + *hit + "\"");
  }
  if (r.spam) {
    if (a.intent.spam != *r.spam) return false;
    note(why, *r.spam ? "spam" : "not spam");
  }
  if (why && why->empty()) *why = "always";
  return true;
}

RouteDecision route(const Post& post, const text::Analysis& a, const EngageConfig& config) {
  RouteDecision d;
  const std::string lowered = lower_ascii(post.text);
  bool priority_set = false;
  for (const auto& r : config.rules) {
    std::string why;
    if (!rule_matches(r, post, a, lowered, &why)) continue;
    d.rules.push_back(r.name);
    if (!d.explanation.empty()) d.explanation += "; ";
    d.explanation += "rule '" + r.name + "' (line " + std::to_string(r.line) + "): " + why;
    if (r.ignore) {
      d.matched = true;
      d.ignore = true;
      return d;
    }
    for (const auto& t : r.tags)
      if (!contains(d.tags, t)) d.tags.push_back(t);
    for (const auto& [skill, level] : r.required_skills) {
      int& have = d.required_skills[skill];
      have = std::max(have, level);
    }
    if (r.priority && (!priority_set || *r.priority > d.priority)) {
      d.priority = *r.priority;
      priority_set = true;
    }
    if (!r.sla.empty() && d.sla.empty()) d.sla = r.sla;
    if (!r.team.empty() && d.team.empty()) d.team = r.team;
    if (!r.continue_) break;
  }
  d.matched = !d.team.empty();
  if (d.sla.empty()) d.sla = config.default_sla;
  return d;
}

}  // namespace parley::engage
