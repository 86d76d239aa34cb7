// Every new comment passes through judge_submission before it is stored; its
// verdict decides whether the comment is published, held or marked spam. The
// decision is core's spam check (soundoff/spam.h) with the thread's and the
// author's recent comments as context, plus premoderation (`hold_all`).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "server/storage.h"
#include "soundoff/comment.h"
#include "soundoff/spam.h"

namespace soundoff::server {

// What the HTTP request tells us besides the comment itself.
struct SubmissionFacts {
  std::string client_ip;  // after X-Forwarded-For from trusted proxies
  std::string email;      // optional, never shown to readers
  std::string user_agent;
  std::int64_t now_ms = 0;
  std::int64_t author_approved = 0;       // published comments already signed with this author name (capped at 1000)
  bool hold_all = false;                  // config: premoderate every comment
  const SpamPolicy* policy = nullptr;     // nullptr: the documented defaults
  const SiteModel* site_model = nullptr;  // the site's learnt model (docs/spam.md); nullptr: none
};

struct SubmissionVerdict {
  Status status = Status::published;  // published, pending (held for review) or spam
  std::vector<std::string> reasons;   // "code: message", shown to moderators in the queue
  double score = 0;                   // the spam check's score in [0, 1]
};

// The hashed /24 (IPv4) or /48 (IPv6) prefix of an address: what spam
// context compares, so raw addresses never reach the check. Empty for "".
std::string ip_prefix_hash(const std::string& ip);

// `candidate`: the validated new comment (no id yet; thread, parent, author,
// body, created_ms set). `thread_recent`: the thread's newest comments, any
// status, newest first (at most 50). `author_history`: earlier comments from
// the same IP or author name, site-wide, newest first (at most 50). Each
// comes with the IP it was sent from (empty for imported comments).
SubmissionVerdict judge_submission(const Comment& candidate, std::span<const AttributedComment> thread_recent,
                                   std::span<const AttributedComment> author_history, const SubmissionFacts& facts);

}  // namespace soundoff::server
