// Atom 1.0 (RFC 4287) documents of published comments: one per thread and
// one for the whole site. Comment text is XML-escaped character data, never
// markup (content type="text"), and characters XML 1.0 cannot carry are
// dropped, so any stored comment makes a well-formed feed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "soundoff/comment.h"

namespace soundoff::server {

struct FeedInfo {
  std::string id;         // the feed's permanent IRI (a tag: URI)
  std::string title;      // shown by feed readers
  std::string self_href;  // where the feed itself is served
  std::string page_href;  // the page its comments are on ("" for the site feed)
  // Where comment `id` of `thread` is shown: the permalink of an entry.
  std::string (*comment_href)(const std::string& base, const Comment& comment) = nullptr;
  std::string base;           // public_url (may be ""), handed to comment_href
  std::string tag_authority;  // the "host,year" of entry ids
};

// `comments` newest first; the feed's <updated> is the newest one's time
// (or the epoch for an empty feed, so an unchanged feed has the same bytes).
std::string atom_feed(const FeedInfo& info, const std::vector<Comment>& comments);

// Text as XML character data (and attribute values): & < > " escaped,
// characters not allowed in XML 1.0 dropped, invalid UTF-8 as U+FFFD.
std::string xml_text(std::string_view text);

}  // namespace soundoff::server
