// What reply resolution infers for one comment: shared by reply resolution
// (reply_resolution.h), which computes it, and thread assembly (thread.h),
// which applies it, so that neither header needs the other's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace soundoff {

// Why a link was inferred.
enum class EvidenceKind : std::uint8_t {
  mention,       // the name appears in the body (`@Mary`, `blockage@Mary`, a bare name)
  address,       // the body is addressed to the name (`Mary: ...`, `Mary, ...` at the start)
  quote,         // the body quotes text of the earlier comment
  turn_taking,   // the earlier comment addressed or answered this author, who now answers
  continuation,  // the author continues their own earlier point
  command,       // a bot (ReplyOptions::bots) answers the `!command` of the earlier comment
};

// Stable lowercase name ("mention", "turn_taking", ...).
std::string_view evidence_kind_name(EvidenceKind kind);

// One piece of evidence. `begin`/`end` are byte offsets into the replying
// comment's body and `text` is that span (the name, the quoted text); both are
// empty for turn_taking, continuation and command, which are about order.
struct ReplyEvidence {
  EvidenceKind kind = EvidenceKind::mention;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string text;
};

// A feature of the learned ranker that spoke for the chosen answer, and how
// much it added to the answer's score (docs/reply-resolution.md lists them).
struct RankedFeature {
  std::string_view name;  // static storage ("names_target_at_start")
  float weight = 0.0f;
};

// The verdict for one comment, aligned with the input (reply i is comment i).
struct InferredReply {
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  // Index (into the input) of the comment this one answers; kNone when it
  // starts a new conversation, has an explicit parent, has no author (a
  // system message) or addresses someone who has not written yet.
  std::uint32_t parent = kNone;
  // A second comment this one also answers (the ranker's close runner-up,
  // ReplyOptions::second_parent_share), or kNone.
  std::uint32_t second_parent = kNone;
  bool explicit_parent = false;  // the comment already had a parent: left alone
  // How sure the resolver is of `parent`; with kNone, of "answers nobody
  // here". In [0, 1]; 0 for explicit parents and system messages.
  float confidence = 0.0f;
  std::vector<ReplyEvidence> evidence;  // strongest first
  // The ranker's top contributing features (at most 3, largest first); empty
  // when ReplyOptions::ranker is off, for explicit parents and system messages.
  std::vector<RankedFeature> features;
};

}  // namespace soundoff
