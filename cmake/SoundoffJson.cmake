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
