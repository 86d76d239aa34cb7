# Warnings for Soundoff's own targets.
# -Wno-missing-field-initializers: structs are filled by designated initialisers naming only the fields that
# differ from their defaults (NewComment{.thread = ..., .body = ...}); GCC 12 would flag each omitted field.
function(soundoff_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
                                           -Wno-missing-field-initializers)
endfunction()
