// libFuzzer: the first line is a spam policy (JSON), the rest a comment body
// checked in the context of three earlier comments (one of them the same body).
// Verdicts must be well formed whatever the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "soundoff/spam.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string policy_text = newline == std::string::npos ? "" : input.substr(0, newline);
  soundoff::Comment comment;
  comment.id = "new";
  comment.author = "Mary";
  comment.body = newline == std::string::npos ? input : input.substr(newline + 1);
  comment.created_ms = 1378761840000;
  auto parsed = soundoff::parse_spam_policy(policy_text.empty() ? "{}" : policy_text);
  const soundoff::SpamPolicy policy = parsed ? *parsed : soundoff::SpamPolicy{};

  std::vector<soundoff::Comment> earlier(3);
  earlier[0].author = "Mary";
  earlier[0].body = comment.body;
  earlier[0].created_ms = comment.created_ms - 5000;
  earlier[1].author = "saywhat";
  earlier[1].body = "@Mary wily move";
  earlier[1].created_ms = comment.created_ms - 60000;
  earlier[2].author = "MARY";
  earlier[2].body = input.substr(0, input.size() / 2);
  earlier[2].created_ms = comment.created_ms - 1000;
  std::vector<soundoff::PriorComment> prior;
  for (const auto& c : earlier) prior.push_back(soundoff::prior_comment(c, "iphash"));
  soundoff::SpamContext context;
  context.thread = prior;
  context.author_recent = prior;
  context.author_approved = static_cast<std::uint32_t>(size % 3);
  context.ip_hash = "iphash";
  context.has_request = true;

  const auto check = soundoff::check_spam(comment, context, policy);
  if (!(check.score >= 0 && check.score <= 1)) std::abort();
  for (const auto& r : check.reasons)
    if (r.code.empty() || !(r.weight >= 0 && r.weight <= 1)) std::abort();
  (void)soundoff::spam_check_to_json(check, comment.id);
  return 0;
}
