# soundoff::json — nlohmann-json for every target.
# Natively Debian's CMake package works. For wasm it must not be linked: its
# target adds `-isystem /usr/include`, which shadows emscripten's libc. There
# we expose an include directory that holds only `nlohmann/`.
if(EMSCRIPTEN)
  find_path(SOUNDOFF_NLOHMANN_DIR nlohmann/json.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
  set(_only_nlohmann ${CMAKE_BINARY_DIR}/nlohmann-only)
  file(MAKE_DIRECTORY ${_only_nlohmann})
  file(CREATE_LINK ${SOUNDOFF_NLOHMANN_DIR}/nlohmann ${_only_nlohmann}/nlohmann SYMBOLIC)
  add_library(soundoff_json INTERFACE)
  target_include_directories(soundoff_json SYSTEM INTERFACE ${_only_nlohmann})
else()
  find_package(nlohmann_json 3.11 CONFIG REQUIRED)
  add_library(soundoff_json INTERFACE)
  target_link_libraries(soundoff_json INTERFACE nlohmann_json::nlohmann_json)
endif()
add_library(soundoff::json ALIAS soundoff_json)

# RapidJSON (header-only, Debian's rapidjson-dev) reads comment documents: its SAX reader is several times
# faster than nlohmann's, natively and in wasm (docs/json-parsing.md, BENCHMARKS.md). Core uses it privately
# in one file, so it is an include directory holding only `rapidjson/` (the same /usr/include reason as above).
find_path(SOUNDOFF_RAPIDJSON_DIR rapidjson/reader.h PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(SOUNDOFF_RAPIDJSON_INCLUDE ${CMAKE_BINARY_DIR}/rapidjson-only)
file(MAKE_DIRECTORY ${SOUNDOFF_RAPIDJSON_INCLUDE})
file(CREATE_LINK ${SOUNDOFF_RAPIDJSON_DIR}/rapidjson ${SOUNDOFF_RAPIDJSON_INCLUDE}/rapidjson SYMBOLIC)
