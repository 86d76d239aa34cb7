// The thread registry's text rules, one place for both writers: the
// moderator's POST /api/admin/threads (thread_routes.cpp) and the reader's
// thread_title / thread_url sent with a comment (thread_page.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace soundoff::server {

inline constexpr std::size_t kMaxThreadTitleBytes = 500;
inline constexpr std::size_t kMaxThreadUrlBytes = 2000;

// Why `value` cannot be a registry title or URL of at most `max_bytes`
// ("must be UTF-8 text without control characters, at most N bytes"), or
// nullopt when it can. The caller puts the field's name in front.
std::optional<std::string> registry_text_problem(const std::string& value, std::size_t max_bytes);

}  // namespace soundoff::server
