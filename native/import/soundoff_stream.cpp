#include "import/soundoff_stream.h"

#include <string>
#include <vector>

namespace soundoff::import {

namespace {

using nlohmann::json;

// Builds JSON values from SAX events: the thread being read, or a root
// field's value. Pointers into the tree stay valid while they are on the
// stack: a container gets no new element while a child of it is open.
class TreeBuilder {
 public:
  void start(json& into) {
    root_ = &into;
    stack_.clear();
    started_ = false;
  }
  // True once the value that start() began is complete.
  bool done() const { return started_ && stack_.empty(); }
  void key(std::string&& k) { key_ = std::move(k); }
  void value(json&& v) { place(std::move(v)); }
  void open(json&& container) { stack_.push_back(place(std::move(container))); }
  void close() { stack_.pop_back(); }

 private:
  json* place(json&& v) {
    started_ = true;
    if (stack_.empty()) return &(*root_ = std::move(v));
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    return &(parent[key_] = std::move(v));
  }

  json* root_ = nullptr;
  std::vector<json*> stack_;
  std::string key_;
  bool started_ = false;
};

// The export's shape, by depth: the root object (1), its 'threads' array (2),
// one thread (3 and deeper, built into `thread_`). Any other root field's
// value is built too ('format', 'version', or unknown: small).
class ExportReader final : public nlohmann::json_sax<json> {
 public:
  ExportReader(const ImportOptions& options, const ThreadSink& sink) : options_(options), sink_(sink) {}

  std::size_t threads_read() const { return index_; }
  bool saw_threads() const { return saw_threads_; }
  bool saw_root_object() const { return saw_root_object_; }
  // Why reading stopped early (syntax, shape or the sink), if it did.
  const std::optional<Error>& failure() const { return failure_; }

  bool null() override { return scalar(nullptr); }
  bool boolean(bool v) override { return scalar(v); }
  bool number_integer(number_integer_t v) override { return scalar(v); }
  bool number_unsigned(number_unsigned_t v) override { return scalar(v); }
  bool number_float(number_float_t v, const string_t&) override { return scalar(v); }
  bool string(string_t& v) override { return scalar(std::move(v)); }
  bool binary(binary_t&) override { return fail("invalid_json", "binary values are not JSON"); }

  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    if (depth_ == 1) {
      root_key_ = k;
      return true;
    }
    builder_.key(std::move(k));
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    // nlohmann's message names line and column; the byte offset is the same figure parse_json gives.
    return fail("invalid_json",
                "JSON syntax error at byte " + std::to_string(position) + " (" + std::string(e.what()) + ")");
  }

 private:
  bool fail(const char* code, std::string message) {
    if (!failure_) failure_ = Error{code, std::move(message)};
    return false;
  }

  bool in_threads_array() const { return depth_ >= 2 && root_key_ == "threads" && threads_is_array_; }

  bool scalar(json&& v) {
    if (depth_ == 0) return fail("not_an_export", "the root is not an object");
    if (depth_ == 1 && root_key_ == "threads")
      return fail("invalid_document", std::string("'threads' must be an array, not ") + v.type_name());
    if (depth_ == 2 && in_threads_array()) {  // a thread entry that is a bare value: rejected like any bad thread
      builder_.start(thread_);
      builder_.value(std::move(v));
      return thread_done();
    }
    if (depth_ == 1) builder_.start(field_);
    builder_.value(std::move(v));
    return depth_ == 1 ? field_done() : true;
  }

  bool open(json&& container) {
    if (depth_ == 0) {
      if (!container.is_object()) return fail("not_an_export", "the root is an array");
      saw_root_object_ = true;
      ++depth_;
      return true;
    }
    if (depth_ == 1 && root_key_ == "threads") {
      if (!container.is_array())
        return fail("invalid_document", std::string("'threads' must be an array, not ") + container.type_name());
      if (auto bad = detail::export_header_error(format_ ? &*format_ : nullptr, version_ ? &*version_ : nullptr))
        return fail(bad->code.c_str(), bad->message);
      saw_threads_ = threads_is_array_ = true;
      ++depth_;
      return true;
    }
    if (depth_ == 2 && in_threads_array()) builder_.start(thread_);
    if (depth_ == 1) builder_.start(field_);
    builder_.open(std::move(container));
    ++depth_;
    return true;
  }

  bool close() {
    --depth_;
    if (depth_ == 0) return true;  // the root object
    if (depth_ == 1 && root_key_ == "threads" && threads_is_array_) {
      threads_is_array_ = false;  // the array ended; later root fields are read as fields
      root_key_.clear();
      return true;
    }
    builder_.close();
    if (!builder_.done()) return true;
    if (depth_ == 2 && root_key_ == "threads") return thread_done();
    if (depth_ == 1) return field_done();
    return true;
  }

  bool field_done() {
    if (root_key_ == "format") format_ = std::move(field_);
    if (root_key_ == "version") version_ = std::move(field_);
    // A 'format' or 'version' after the threads: checked when it arrives (the threads read so far stand).
    if (saw_threads_)
      if (auto bad = detail::export_header_error(format_ ? &*format_ : nullptr, version_ ? &*version_ : nullptr))
        return fail(bad->code.c_str(), bad->message);
    field_ = nullptr;
    return true;
  }

  bool thread_done() {
    ImportResult one;
    detail::read_export_thread(thread_, index_++, options_, one);
    thread_ = nullptr;  // the thread's tree goes before the sink writes it
    if (auto given = sink_(std::move(one)); !given) {
      failure_ = given.error();
      return false;
    }
    return true;
  }

  const ImportOptions& options_;
  const ThreadSink& sink_;
  TreeBuilder builder_;
  json thread_;
  json field_;
  std::optional<json> format_;
  std::optional<json> version_;
  std::string root_key_;
  int depth_ = 0;
  std::size_t index_ = 0;
  bool threads_is_array_ = false;
  bool saw_threads_ = false;
  bool saw_root_object_ = false;
  std::optional<Error> failure_;
};

}  // namespace

Result<std::size_t> stream_soundoff_export(std::istream& in, const ImportOptions& options, const ThreadSink& sink) {
  ExportReader reader(options, sink);
  const bool parsed = json::sax_parse(in, &reader, json::input_format_t::json, true, false);
  if (reader.failure()) return *reader.failure();
  if (!parsed) return Error{"invalid_json", "the input is not JSON"};
  if (!reader.saw_root_object() || !reader.saw_threads())
    return Error{"not_an_export", "the root is not an object with a 'threads' array"};
  return reader.threads_read();
}

}  // namespace soundoff::import
