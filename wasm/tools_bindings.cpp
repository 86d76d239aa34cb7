// The Embind surface of the tools module, loaded by the facade on first use
// so that the engine every page loads stays small (docs/wasm.md): the spam
// check and reply resolution. Same conventions as wasm/bindings.cpp: private
// `_`-prefixed functions, JSON (or UTF-8 bytes) in, one envelope out.
#include <emscripten/bind.h>

#include <string>

#include "convert.h"
#include "soundoff/document.h"
#include "soundoff/reply_resolution.h"
#include "soundoff/spam.h"
#include "soundoff/text_rules.h"
#include "tools_convert.h"

namespace soundoff::wasm {

namespace {

// candidate, context ("" for none), policy ("" for the documented defaults)
// -> {verdict, score, reasons: [{code, message, weight}]}, as spam_check_to_json writes it.
std::string check_spam_json(std::string candidate_json, std::string context_json, std::string policy_json) {
  return boundary([&]() -> Result<std::string> {
    SpamPolicy policy;
    if (!policy_json.empty()) {
      auto parsed = parse_spam_policy(policy_json);
      if (!parsed) return parsed.error();
      policy = std::move(*parsed);
    }
    auto input = spam_input_from_json(candidate_json, context_json);
    if (!input) return input.error();
    // Views into `*input`, which stays where it is until the check returns.
    const auto thread = prior_comments(input->thread);
    const auto author_recent = prior_comments(input->author_recent);
    SpamContext context;
    context.thread = thread;
    context.author_recent = author_recent;
    context.author_approved = input->author_approved;
    context.ip_hash = input->ip;
    context.user_agent = input->user_agent;
    context.has_request = input->has_request;
    return spam_check_to_json(check_spam(input->candidate, context, policy));
  });
}

// A comment document in, `soundoff resolve`'s JSON out: {thread, replies, errors}.
std::string resolve_replies_json(std::string document_bytes, std::string options_json) {
  return boundary([&]() -> Result<std::string> {
    auto options = reply_options_from_json(options_json);
    if (!options) return options.error();
    auto document = parse_document(document_bytes);
    if (!document) return document.error();
    document_bytes = {};
    const auto replies = resolve_replies(document->comments, *options);
    return replies_to_json(document->thread, document->comments, replies, document->errors);
  });
}

// A body -> {chars, links}: what check_spam counts (core's count_text), for the
// pre-check's "Too long (N characters)" and "N links" messages.
std::string text_counts_json(std::string body) {
  return boundary([&]() -> Result<std::string> {
    const TextCounts counts = count_text(body);
    return "{\"chars\":" + std::to_string(counts.chars) + ",\"links\":" + std::to_string(counts.links) + "}";
  });
}

}  // namespace

}  // namespace soundoff::wasm

EMSCRIPTEN_BINDINGS(soundoff_tools) {
  using namespace soundoff::wasm;
  emscripten::function("_checkSpam", &check_spam_json);
  emscripten::function("_resolveReplies", &resolve_replies_json);
  emscripten::function("_textCounts", &text_counts_json);
}
