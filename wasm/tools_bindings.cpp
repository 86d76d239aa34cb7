// The Embind surface of the tools module, loaded by the facade on first use
// so that the engine every page loads stays small (docs/wasm.md): the spam
// check (with a site's own model, once loaded) and reply resolution. Same
// conventions as wasm/bindings.cpp: private `_`-prefixed functions, JSON (or
// UTF-8 bytes) in, one envelope out.
#include <emscripten/bind.h>

#include <optional>
#include <string>
#include <utility>

#include "convert.h"
#include "soundoff/document.h"
#include "soundoff/reply_resolution.h"
#include "soundoff/site_model.h"
#include "soundoff/spam.h"
#include "soundoff/text_rules.h"
#include "tools_convert.h"

namespace soundoff::wasm {

namespace {

// The site model every check passes as context.site_model (engine.loadSiteModel;
// docs/spam.md), or none. Each engine has its own tools module instance, so
// this is one model per engine, as `soundoff spam --site-model` is one per run.
std::optional<SiteModel> loaded_site_model;

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
    if (loaded_site_model) context.site_model = &*loaded_site_model;
    return spam_check_to_json(check_spam(input->candidate, context, policy));
  });
}

// A site model as `soundoff spam export-model` (or --learn-site) writes it,
// and {minExamples?} -> its summary (site_model_summary_json). A model that
// does not parse (invalid_model, naming the field) leaves the loaded one in place.
std::string load_site_model_json(std::string model_json, std::string options_json) {
  return boundary([&]() -> Result<std::string> {
    auto min_examples = site_model_min_examples_from_json(options_json);
    if (!min_examples) return min_examples.error();
    auto model = SiteModel::from_json(model_json);
    if (!model) return model.error();
    model_json = {};
    model->set_min_examples(*min_examples);
    loaded_site_model = std::move(*model);
    return site_model_summary_json(*loaded_site_model);
  });
}

// Checks go back to the shipped rules and filter alone.
std::string clear_site_model_json() {
  return boundary([]() -> Result<std::string> {
    loaded_site_model.reset();
    return std::string("null");
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
  emscripten::function("_loadSiteModel", &load_site_model_json);
  emscripten::function("_clearSiteModel", &clear_site_model_json);
  emscripten::function("_resolveReplies", &resolve_replies_json);
  emscripten::function("_textCounts", &text_counts_json);
}
