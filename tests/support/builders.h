// Small builders for comments in tests.
#pragma once

#include <string>
#include <vector>

#include "soundoff/comment.h"

namespace soundoff::test {

inline Comment make_comment(std::string id, std::string parent = "", std::int64_t created_s = 0,
                            Status status = Status::published) {
  Comment c;
  c.id = std::move(id);
  c.parent = std::move(parent);
  c.created_ms = created_s * 1000;
  c.status = status;
  c.author = "author-" + c.id;
  c.body = "body of " + c.id;
  return c;
}

}  // namespace soundoff::test
