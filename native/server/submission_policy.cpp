#include "server/submission_policy.h"

namespace soundoff::server {

SubmissionVerdict judge_submission(const Comment& /*candidate*/, std::span<const AttributedComment> /*thread_recent*/,
                                   std::span<const AttributedComment> /*author_history*/,
                                   const SubmissionFacts& facts) {
  // No heuristics here on purpose: spam scoring belongs to core (spam.h).
  SubmissionVerdict verdict;
  if (facts.hold_all) {
    verdict.status = Status::pending;
    verdict.reasons.push_back("premoderation");
  }
  return verdict;
}

}  // namespace soundoff::server
