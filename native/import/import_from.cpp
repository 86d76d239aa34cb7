// Choosing the importer for `soundoff import --from FORMAT`.
#include "import/importers.h"

namespace soundoff::import {

Result<ImportResult> import_from(Source source, std::string_view text, const ImportOptions& options) {
  switch (source) {
    case Source::disqus:
      return import_disqus(text, options);
    case Source::wxr:
      return import_wxr(text, options);
    case Source::isso:
      return import_isso(text, options);
    case Source::remark42:
      return import_remark42(text, options);
    case Source::soundoff:
      return import_soundoff(text, options);
  }
  return Error{"usage", "unknown source format"};
}

}  // namespace soundoff::import
