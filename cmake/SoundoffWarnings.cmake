# soundoff_warnings(target): the warnings every first-party target builds with.
function(soundoff_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
endfunction()
