#include "parley/ingest/post_recycling.h"

#include <string>
#include <utility>

namespace parley::ingest::detail {

void recycle(Post& p) {
  Post fresh;
  // Only the strings worth keeping are listed; anything else (and any field added later) is reset by the
  // assignment from `fresh`, so a field missing here costs an allocation, never a wrong value.
  std::string* keep[] = {&p.source, &p.external_id, &p.author.handle, &p.author.name, &p.text,
                         &p.url,    &p.language,    &p.reply_to,      &p.conversation_hint};
  std::string* into[] = {&fresh.source, &fresh.external_id, &fresh.author.handle, &fresh.author.name, &fresh.text,
                         &fresh.url,    &fresh.language,    &fresh.reply_to,      &fresh.conversation_hint};
  for (std::size_t i = 0; i < std::size(keep); ++i) {
    keep[i]->clear();
    into[i]->swap(*keep[i]);
  }
  p = std::move(fresh);
}

}  // namespace parley::ingest::detail
