// Reply resolution verdicts as JSON (see replies_to_json in reply_resolution.h).

#include "json_writer.h"
#include "record_error_json.h"
#include "soundoff/reply_resolution.h"

namespace soundoff {

std::string replies_to_json(std::string_view thread, const std::vector<Comment>& comments,
                            const std::vector<InferredReply>& replies, const std::vector<RecordError>& errors) {
  detail::JsonWriter w;
  w.begin_object();
  w.key("thread").value(thread);
  w.key("replies").begin_array();
  for (std::size_t i = 0; i < comments.size() && i < replies.size(); ++i) {
    const Comment& c = comments[i];
    const InferredReply& r = replies[i];
    w.begin_object();
    w.key("id").value(c.id);
    w.key("parent").string_or_null(c.parent);
    w.key("inferred_parent");
    if (r.parent == InferredReply::kNone || r.parent >= comments.size()) {
      w.null();
    } else {
      w.value(comments[r.parent].id);
    }
    if (r.second_parent != InferredReply::kNone && r.second_parent < comments.size())
      w.key("also_inferred_parent").value(comments[r.second_parent].id);
    w.key("confidence").fixed3(r.confidence);
    w.key("evidence").begin_array();
    for (const auto& e : r.evidence) {
      w.begin_object();
      w.key("kind").value(evidence_kind_name(e.kind));
      w.key("begin").value(e.begin);
      w.key("end").value(e.end);
      w.key("text").value(e.text);
      w.end_object();
    }
    w.end_array();
    w.key("features").begin_array();
    for (const auto& f : r.features) {
      w.begin_object();
      w.key("name").value(f.name);
      w.key("weight").fixed3(f.weight);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("errors");
  detail::write_record_errors(w, errors);
  w.end_object();
  return w.take();
}

}  // namespace soundoff
