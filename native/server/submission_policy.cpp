#include "server/submission_policy.h"

#include <cstdint>

#include "soundoff/hash.h"

namespace soundoff::server {

std::string ip_prefix_hash(const std::string& ip) {
  if (ip.empty()) return {};
  // Neighbours in one /24 (or /48) are usually one writer behind one router.
  std::string prefix;
  if (ip.find(':') != std::string::npos) {
    int groups = 0;
    for (const char c : ip) {
      if (c == ':' && ++groups == 3) break;
      prefix.push_back(c);
    }
  } else {
    prefix = ip.substr(0, ip.rfind('.'));
  }
  std::uint64_t h = fnv1a64(prefix);  // stable across runs and machines
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xF];
  return out;
}

namespace {

// PriorComments hold views: the hashes they point at live in `hashes`,
// reserved up front so that it never reallocates.
std::vector<PriorComment> priors(std::span<const AttributedComment> comments, std::vector<std::string>& hashes) {
  std::vector<PriorComment> out;
  out.reserve(comments.size());
  for (const auto& c : comments) {
    hashes.push_back(ip_prefix_hash(c.ip));
    out.push_back(prior_comment(c.comment, hashes.back()));
  }
  return out;
}

}  // namespace

SubmissionVerdict judge_submission(const Comment& candidate, std::span<const AttributedComment> thread_recent,
                                   std::span<const AttributedComment> author_history, const SubmissionFacts& facts) {
  std::vector<std::string> hashes;
  hashes.reserve(thread_recent.size() + author_history.size() + 1);
  const auto thread = priors(thread_recent, hashes);
  const auto history = priors(author_history, hashes);
  hashes.push_back(ip_prefix_hash(facts.client_ip));

  SpamContext context;
  context.thread = thread;
  context.author_recent = history;
  context.author_approved = static_cast<std::uint32_t>(facts.author_approved);
  context.ip_hash = hashes.back();
  context.user_agent = facts.user_agent;
  context.has_request = true;
  context.site_model = facts.site_model;
  const SpamPolicy defaults;
  const SpamCheck check = check_spam(candidate, context, facts.policy != nullptr ? *facts.policy : defaults);

  SubmissionVerdict verdict;
  verdict.score = check.score;
  verdict.status = check.verdict == Verdict::reject ? Status::spam
                   : check.verdict == Verdict::hold ? Status::pending
                                                    : Status::published;
  for (const auto& r : check.reasons) verdict.reasons.push_back(std::string(r.code) + ": " + r.message);
  if (facts.hold_all && verdict.status == Status::published) {
    verdict.status = Status::pending;
    verdict.reasons.push_back("premoderation: every new comment waits for a moderator");
  }
  return verdict;
}

}  // namespace soundoff::server
