// Importers for other comment systems' exports, and Soundoff's own export
// format (docs/import-export.md). Each reads a whole export held in memory,
// never throws, and returns the threads it read plus every record it left out
// or changed; in strict mode (the default) any rejected record fails the
// import with an Error naming it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "import/import_result.h"

namespace soundoff::import {

// Disqus XML export (<disqus> with <thread> and <post> elements).
Result<ImportResult> import_disqus(std::string_view xml, const ImportOptions& options = {});
// WordPress eXtended RSS (WXR 1.0-1.2): <item> posts holding <wp:comment>s.
Result<ImportResult> import_wxr(std::string_view xml, const ImportOptions& options = {});
// Isso's generic JSON: [{"id": thread, "title", "comments": [...]}].
Result<ImportResult> import_isso(std::string_view json_text, const ImportOptions& options = {});
// Remark42 comments: a JSON array, or a backup's one JSON object per line.
Result<ImportResult> import_remark42(std::string_view json_text, const ImportOptions& options = {});
// Soundoff's export format (write_export), or a single comment document.
Result<ImportResult> import_soundoff(std::string_view json_text, const ImportOptions& options = {});

// Dispatches on `source`.
Result<ImportResult> import_from(Source source, std::string_view text, const ImportOptions& options = {});

// Writes threads as Soundoff's export format: one JSON object holding one
// comment document per thread plus its key, title and url. Deterministic, so
// write_export(import_soundoff(write_export(t))) == write_export(t) byte for
// byte. Used by `soundoff import` and by the server's export.
std::string write_export(const std::vector<ImportedThread>& threads);

}  // namespace soundoff::import
