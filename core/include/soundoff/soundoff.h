// Soundoff's whole public API in one include, for embedders: comment documents
// in, threads, pages, reply resolution, spam checks and safe text segments out.
// Each header below can also be included on its own. Everything is in namespace
// soundoff; failures are values (soundoff/result.h, codes in docs/errors.md).
// Not included: the corpus adapters soundoff/csv.h and soundoff/irc_log.h, which
// only the CLI's evaluation formats need.
#pragma once

#include "soundoff/comment.h"
#include "soundoff/document.h"
#include "soundoff/hash.h"
#include "soundoff/page_json.h"
#include "soundoff/pagination.h"
#include "soundoff/reply_resolution.h"
#include "soundoff/result.h"
#include "soundoff/sorting.h"
#include "soundoff/spam.h"
#include "soundoff/text_segments.h"
#include "soundoff/thread.h"
#include "soundoff/time.h"
#include "soundoff/token_filter.h"
#include "soundoff/utf8.h"
#include "soundoff/version.h"
