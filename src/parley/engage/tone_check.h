// The tone check of a draft reply: what a social care lead would point out before it goes out in public.
// Customers recognise canned and broadcast-style answers at once ("We apologize for any inconvenience,
// please DM us"), and a reply that reads as a form letter does more harm in public than no reply. Each
// flag names what is wrong and what to do instead; docs/engage.md ("Tone check") lists the rules.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley::engage {

struct ToneFlag {
  std::string code;     // canned | broadcast_phrase | not_addressed | negative_tone | shouting | too_long | empty
  std::string message;  // what is wrong and what to do instead
};

struct ToneInput {
  std::string_view text;                         // the draft
  std::string customer_handle, customer_name;    // the case's customer; empty when unknown
  std::string channel;                           // the case's source ("x" has a 280-character limit)
  std::vector<std::uint64_t> recent_staff_replies;  // SimHashes of the organisation's latest public replies
};

struct ToneReport {
  bool ok = true;                 // no flags
  std::vector<ToneFlag> flags;
  double sentiment = 0;           // compound of the draft
  int near_copies = 0;            // recent staff replies within kCannedDistance bits
};

// A draft is "canned" when at least kCannedCopies recent staff replies are within kCannedDistance bits of
// its SimHash, and it has at least kCannedMinWords words (SimHash of a few words collides by chance).
inline constexpr int kCannedDistance = 3;
inline constexpr int kCannedCopies = 3;
inline constexpr int kCannedMinWords = 6;
// Sentiment alone cannot tell a hostile reply from an empathetic apology: "so sorry, that is awful" scores
// as negative as "your complaint is ridiculous" (about -0.3 to -0.5 on the shipped model). So a draft reads
// as hostile when its compound is at or below kNegativeTone AND it carries no apology or empathy word
// (sorry, apologise, understand, hear, ...), or whatever its score when it uses a blaming phrase ("your own
// fault", "calm down", ...).
inline constexpr double kNegativeTone = -0.3;

ToneReport check_tone(const ToneInput& in);

// The stock phrases of broadcast-style care replies, and blaming phrases, lower-case; public so docs and
// tests can list them.
const std::vector<std::string_view>& broadcast_phrases();
const std::vector<std::string_view>& blaming_phrases();

}  // namespace parley::engage
