// What a database holds, as text, for the tests that check an erased person
// left nothing behind (privacy_test.cpp, erase_link_test.cpp).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "server/storage.h"

namespace soundoff::test {

// The comments (author, body, email, address), audit rows and pending and
// dead outbox payloads: what "nothing remains" is checked against on PostgreSQL.
inline std::string dump_text(server::Storage& store) {
  std::string out;
  auto dump = store.dump();
  EXPECT_TRUE(dump);
  for (const auto& h : dump->comments) out += h.comment.author + h.comment.body + h.email + h.ip + "\n";
  auto audit = store.list_audit({.limit = 1000});
  for (const auto& a : *audit) out += a.target + a.detail + a.network + "\n";
  for (auto state : {server::OutboxState::pending, server::OutboxState::dead}) {
    // Kept in a variable: a range-for over the value inside a temporary Result would read freed memory.
    const auto rows = store.list_outbox(state, 1000);
    EXPECT_TRUE(rows);
    if (rows)
      for (const auto& e : *rows) out += e.payload + "\n";
  }
  return out;
}

// The bytes of a file ("" when it does not exist): on SQLite, erased text must not linger in free pages or the WAL.
inline std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace soundoff::test
