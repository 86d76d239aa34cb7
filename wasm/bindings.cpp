// The Embind surface of the engine: private `_`-prefixed functions taking and
// returning JSON strings (documents may also arrive as bytes, and a page's
// comments leave as arrays), called only by the hand-written facade in web/src.
// Each converts, calls core, converts back.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "convert.h"
#include "json_writer.h"
#include "soundoff/document.h"
#include "soundoff/page_binary.h"
#include "soundoff/page_json.h"
#include "soundoff/page_query.h"
#include "soundoff/pagination.h"
#include "soundoff/text_rules.h"
#include "soundoff/text_segments.h"
#include "soundoff/thread.h"
#include "soundoff/thread_views.h"

namespace soundoff::wasm {

namespace {

// One ingested document (its thread, record errors and per-sort views; every
// page reports the errors, as the CLI does). The facade owns the handle and
// releases it.
using Engine = ThreadViews;

std::unordered_map<std::uint32_t, std::unique_ptr<Engine>> engines;
std::uint32_t next_handle = 1;

Result<Engine*> engine_for(std::uint32_t handle) {
  const auto it = engines.find(handle);
  if (it == engines.end()) return Error{"invalid_handle", "no ingested document has handle " + std::to_string(handle)};
  return it->second.get();
}

// The next document's bytes. The facade writes them straight into wasm memory
// with one TypedArray.set on the view stage_document returns: Embind's
// std::string argument would copy a 24 MB document byte by byte in JS.
std::string staged_document;

emscripten::val stage_document(std::uint32_t size) {
  staged_document.assign(size, '\0');
  return emscripten::val(emscripten::typed_memory_view(size, reinterpret_cast<unsigned char*>(staged_document.data())));
}

// Ingests the staged document (and empties the stage).
std::string ingest(std::string options_json) {
  std::string document_bytes = std::move(staged_document);
  staged_document = {};
  return boundary([&]() -> Result<std::string> {
    auto options = ingest_options_from_json(options_json);
    if (!options) return options.error();
    auto document = parse_document(document_bytes);
    if (!document) return document.error();
    document_bytes = {};  // the comments own copies now: give the memory back before assembling

    std::unique_ptr<Engine> engine = assemble_document(std::move(*document), *options);
    const Thread& thread = engine->thread();

    detail::JsonWriter w;
    w.begin_object();
    w.key("handle").value(next_handle);
    w.key("thread").value(thread.key);
    w.key("comments").value(static_cast<std::uint64_t>(thread.comments.size()));
    w.key("total").value(static_cast<std::uint64_t>(thread.visible_count));
    w.key("skipped").value(static_cast<std::uint64_t>(engine->record_errors().size()));
    w.key("issues").value(static_cast<std::uint64_t>(thread.issues.size()));
    w.end_object();
    engines.emplace(next_handle++, std::move(engine));
    return w.take();
  });
}

// The last page `page` built: its arrays stay here, in wasm memory, until
// the next page, so the facade reads them through views without a copy.
BinaryPage binary_page;

// One page, as a BinaryPage (core/include/soundoff/page_binary.h): the envelope
// carries the page without its comments ("items": null), which the facade
// reads right after through page_array, so no
// page JSON is written in wasm nor parsed again in JavaScript.
std::string page(std::uint32_t handle, std::string query_json) {
  return boundary([&]() -> Result<std::string> {
    auto engine = engine_for(handle);
    if (!engine) return engine.error();
    auto query = parse_page_query_json(query_json);
    if (!query) return query.error();
    const ThreadView& view = (*engine)->view(query->sort);
    auto built = build_page(view, query->request);
    if (!built) return built.error();
    write_binary_page(view, *built, (*engine)->record_errors(), binary_page);
    return std::move(binary_page.header_json);
  });
}

// A view of one array of the last binary page (0 fields, 1 numbers, 2 strings),
// valid until the next call that allocates. One binding for the three: each
// binding costs bytes in the engine and its glue.
emscripten::val page_array(std::uint32_t which) {
  if (which == 0)
    return emscripten::val(emscripten::typed_memory_view(binary_page.fields.size(), binary_page.fields.data()));
  if (which == 1)
    return emscripten::val(emscripten::typed_memory_view(binary_page.numbers.size(), binary_page.numbers.data()));
  return emscripten::val(emscripten::typed_memory_view(
      binary_page.strings.size(), reinterpret_cast<const unsigned char*>(binary_page.strings.data())));
}

std::string page_of_comment(std::uint32_t handle, std::string comment_id, std::string query_json) {
  return boundary([&]() -> Result<std::string> {
    auto engine = engine_for(handle);
    if (!engine) return engine.error();
    auto query = parse_page_query_json(query_json, PageQueryUse::page_of);
    if (!query) return query.error();
    auto number = page_of((*engine)->view(query->sort), comment_id, query->request.per_page);
    if (!number) return number.error();
    return std::to_string(*number);
  });
}

// Idempotent: releasing an unknown handle does nothing.
void release(std::uint32_t handle) { engines.erase(handle); }

std::string segments(std::string body) {
  return boundary([&]() -> Result<std::string> {
    auto result = segment_text(body);
    if (!result) return result.error();
    return text_segments_to_json(*result);
  });
}

// Names (UTF-8, each followed by a 0xFF byte, which UTF-8 never contains) ->
// ["key", ...] in order: core's name_key for a whole page's authors and
// mentions in one call. The facade sends n names as n separators.
std::string name_keys(std::string joined_names) {
  return boundary([&]() -> Result<std::string> {
    detail::JsonWriter w;
    w.begin_array();
    std::string_view rest = joined_names;
    for (auto end = rest.find('\xFF'); end != std::string_view::npos; end = rest.find('\xFF')) {
      w.value(name_key(rest.substr(0, end)));
      rest.remove_prefix(end + 1);
    }
    w.end_array();
    return w.take();
  });
}

// The server's e-mail rule (core's is_plausible_email) -> true or false.
std::string plausible_email(std::string email) {
  return boundary([&]() -> Result<std::string> { return std::string(is_plausible_email(email) ? "true" : "false"); });
}

}  // namespace

}  // namespace soundoff::wasm

EMSCRIPTEN_BINDINGS(soundoff) {
  using namespace soundoff::wasm;
  emscripten::function("_stageDocument", &stage_document);
  emscripten::function("_ingest", &ingest);
  emscripten::function("_page", &page);
  emscripten::function("_pageArray", &page_array);
  emscripten::function("_pageOf", &page_of_comment);
  emscripten::function("_release", &release);
  emscripten::function("_segments", &segments);
  emscripten::function("_nameKeys", &name_keys);
  emscripten::function("_isPlausibleEmail", &plausible_email);
}
