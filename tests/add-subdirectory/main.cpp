// What an embedder compiles (`run.sh SOURCE_DIR --build`): the umbrella header is all it includes.
#include <cstdio>

#include "soundoff/soundoff.h"

int main() {
  std::printf("soundoff %s\n", SOUNDOFF_VERSION_STRING);
  return SOUNDOFF_VERSION == SOUNDOFF_VERSION_MAJOR * 10000 + SOUNDOFF_VERSION_MINOR * 100 + SOUNDOFF_VERSION_PATCH ? 0
                                                                                                                    : 1;
}
