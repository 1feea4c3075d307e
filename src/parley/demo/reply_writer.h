// The words of the demo history: replies, internal notes and knowledge titles written for one case from its
// facts (intent, topic, language, products, the customer's @handle) and signed with the employee's initials
// like the rest of the demo data (`^SW`). Replies are assembled from independent parts (greeting, what was
// done, sign-off) and the writer avoids repeating a recent combination, so the history does not look canned
// to parley's own tone check (3+ near copies among the latest staff replies would flag every new draft).
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

#include "parley/demo/seeded_rng.h"

namespace parley::demo {

enum class Topic { outage, billing, speed, app, phone, support, switching, general };
enum class ReplyStage { first, follow_up, after_reopen };

struct ReplyFacts {
  std::string channel;        // the case's source: x (280 characters), mastodon, reddit, api, survey...
  bool internal = false;      // a colleague's question on the internal channel
  std::string intent;         // complaint, question, praise, suggestion, other
  std::string language;       // the case's language (es, pt, de, fr get their own words)
  std::string text;           // the customer's opening post, for the topic
  std::string product;        // the first product named in it, "" if none
  std::string campaign;       // the first campaign hashtag in it, "" if none
  std::string handle;         // the customer's handle, without '@'
  std::string name;           // the customer's display name, "" if unknown
  std::string employee_name;  // who signs: "Sarah Wu" signs ^SW
};

Topic topic_of(const ReplyFacts& f);
std::string initials(const std::string& name);

class ReplyWriter {
 public:
  std::string reply(const ReplyFacts& f, ReplyStage stage, SeededRng& rng);
  std::string note(const ReplyFacts& f, SeededRng& rng);
  std::string reopen_note(SeededRng& rng);
  std::string knowledge_title(const ReplyFacts& f);

 private:
  // Picks an index for a part list, preferring combinations not used in the last kMemory replies.
  bool recently_used(const std::string& key) const;
  void remember(std::string key);
  static constexpr std::size_t kMemory = 400;
  std::deque<std::string> recent_;
};

}  // namespace parley::demo
