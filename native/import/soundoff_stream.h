// Reading a Soundoff export one thread at a time (issue 22: a 1M-comment
// import in bounded memory). import_soundoff() holds the whole file, its
// JSON tree and every comment at once; this reader parses the file as a
// stream (nlohmann's SAX interface) and keeps only the thread it is reading,
// so memory grows with the largest thread, not with the site.
#pragma once

#include <functional>
#include <istream>
#include <nlohmann/json.hpp>
#include <optional>

#include "import/import_result.h"

namespace soundoff::import {

// Gets each thread of the export in file order, as an ImportResult with that
// thread (none when the thread was rejected) and its issues. An error stops
// the stream and is returned by stream_soundoff_export.
using ThreadSink = std::function<Result<void>(ImportResult&& one_thread)>;

// Streams the export in `in` to `sink`; returns how many thread entries it
// read. Errors: invalid_json (a syntax error, with its byte offset: threads
// before it have been given to the sink), invalid_document (a wrong format or
// version, a 'threads' that is no array), not_an_export (the root is not an
// object with 'threads', e.g. a single comment document: the sink was never
// called, and import_soundoff reads it). Field checks and the strict/lenient
// policy are the caller's: every rejected record arrives as an issue.
Result<std::size_t> stream_soundoff_export(std::istream& in, const ImportOptions& options, const ThreadSink& sink);

namespace detail {
// What is wrong with an export's 'format' or 'version' (nullptr: absent,
// which is fine), or nullopt.
std::optional<Error> export_header_error(const nlohmann::json* format, const nlohmann::json* version);
// One entry of an export's 'threads' (soundoff_format.cpp), appended to
// `result` as a thread, or as issues naming "thread #index".
void read_export_thread(const nlohmann::json& entry, std::size_t index, const ImportOptions& options,
                        ImportResult& result);
}  // namespace detail

}  // namespace soundoff::import
