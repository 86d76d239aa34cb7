// Conversions for the lazily loaded tools module (wasm/tools_bindings.cpp):
// the spam check's candidate and context, the site model's options and
// summary, and reply resolution's options, from (and to) the JSON the facade
// sends. Documents, policies and site models are read by core's own
// parse_document, parse_spam_policy and SiteModel::from_json; nothing here
// knows Embind.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soundoff/comment.h"
#include "soundoff/reply_resolution.h"
#include "soundoff/result.h"
#include "soundoff/site_model.h"
#include "soundoff/spam.h"

namespace soundoff::wasm {

// An earlier comment as the facade describes it, owning the text that the
// PriorComment built from it views.
struct PriorText {
  Comment comment;  // author, body, created_ms
  std::string ip;   // an opaque address key; empty when unknown
};

// The spam check's input, owning every string its SpamContext views. Build
// the context only once this object is in its final place (views into short
// strings do not survive a move).
struct SpamInput {
  Comment candidate;
  std::vector<PriorText> thread;
  std::vector<PriorText> author_recent;
  std::optional<std::uint32_t> author_approved;
  std::string ip;
  std::string user_agent;
  bool has_request = false;
};

// `candidate_json`: {author?, body, email?, parent?, created?}; `context_json`
// ("" for none): {thread?: [{author, body, created?, ip?}], authorRecent?:
// [...], authorApproved?, ip?, userAgent?, now?}. The candidate's time is
// `created`, else `now`, else 0. Errors: invalid_json, invalid_argument
// naming the field.
Result<SpamInput> spam_input_from_json(std::string_view candidate_json, std::string_view context_json);

// One PriorComment per text, viewing it: `texts` must outlive them.
std::vector<PriorComment> prior_comments(const std::vector<PriorText>& texts);

// {minExamples?} ("" for none) -> the examples of each class a loaded site
// model needs before it counts (`soundoff spam --min-examples`); absent:
// SiteModel::kDefaultMinExamples. Error invalid_argument.
Result<std::uint32_t> site_model_min_examples_from_json(std::string_view json_text);

// What engine.loadSiteModel resolves with, the counts `soundoff spam
// --learn-site` prints: {spam_examples, ham_examples, decisions, buckets,
// min_examples, active}.
std::string site_model_summary_json(const SiteModel& model);

// {window?, authorHistory?, maxGapMinutes?, quoteWindow?, botWindow?, bots?: string[]}
// ("" for none) -> ReplyOptions, the tunables `soundoff resolve` takes as
// --window, --author-history, --max-gap-minutes and --bots. Error invalid_argument.
Result<ReplyOptions> reply_options_from_json(std::string_view json_text);

}  // namespace soundoff::wasm
