// Shared test helpers: reading fixtures and ../shared, comparing JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace soundoff::test {

// Contents of tests/fixtures/<name>; fails the test when missing.
std::string read_fixture(const std::string& name);
// Contents of ../shared/<path>, or std::nullopt when ../shared is absent.
std::optional<std::string> read_shared(const std::string& path);
// Any file's contents, or std::nullopt.
std::optional<std::string> read_file(const std::string& path);

// Empty when every key/element of `expected` is present and equal in
// `actual` (objects: subset; arrays: same length, element-wise); otherwise a
// description of the first mismatch with its JSON path.
std::string json_subset_mismatch(const nlohmann::json& expected, const nlohmann::json& actual,
                                 const std::string& path = "$");

std::string fixtures_dir();

}  // namespace soundoff::test
