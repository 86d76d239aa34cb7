// `soundoff spam train|export-model|import-model --db DB`: the site model a
// server database keeps (docs/spam.md). Everything else `soundoff spam`
// does is spam_command.cpp's; this file needs the server's storage.
#include <cstring>
#include <iostream>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "server/storage.h"
#include "soundoff/site_model.h"

namespace soundoff::cli {

namespace {

constexpr const char* kUsage = R"(usage: soundoff spam train --db DB
       soundoff spam export-model --db DB > model.json
       soundoff spam import-model --db DB model.json
       soundoff spam check [--site-model model.json] ...   (the same as `soundoff spam ...`)

The site model a server database keeps, learnt from its moderators'
approve (legitimate) and reject (spam) judgements (docs/spam.md):

  train         re-learns it from every judged comment in the database, in the
                order they were first judged, from their bodies as they are now
  export-model  prints it as JSON (the format of `soundoff serve --site-model`
                and `soundoff spam --site-model`)
  import-model  replaces it with a model file (judgements made so far keep
                their markers; `train` rebuilds it from them again)

Exit status: 0 ok, 2 invalid input or arguments (message on stderr), 1 internal error.
)";

int fail(const std::string& what, const std::string& message, int code = kExitInvalidInput) {
  std::cerr << "soundoff spam " << what << ": " << message << "\n";
  return code;
}

int train(server::Storage& store) {
  auto judged = store.learned_comments();
  if (!judged) return fail("train", judged.error().message, kExitInternal);
  SiteModel model;
  std::size_t spam = 0;
  for (const auto& c : *judged) {
    model.learn(c.body, c.spam);
    spam += c.spam ? 1 : 0;
  }
  if (auto r = store.replace_site_model(model, &*judged); !r) return fail("train", r.error().message, kExitInternal);
  std::cerr << "soundoff spam train: learnt " << spam << " spam and " << judged->size() - spam
            << " legitimate comments; " << model.feature_count() << " buckets\n";
  return kExitOk;
}

}  // namespace

int run_spam_model(int argc, char** argv) {
  const std::string what = argv[2];
  auto args = parse_args(argc, argv, 3, {"db"}, {"help"});
  if (!args) {
    std::cerr << "soundoff spam " << what << ": " << args.error().message << "\n" << kUsage;
    return kExitInvalidInput;
  }
  if (args->has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (!args->has("db")) return fail(what, "give the database (--db PATH, sqlite:PATH or postgres://...)");
  if (what == "import-model" ? args->positionals.size() != 1 : !args->positionals.empty())
    return fail(what, what == "import-model" ? "give one model file" : "unexpected argument");
  std::string model_text;
  if (what == "import-model") {
    auto text = read_input(args->positionals[0], 256u << 20);
    if (!text) return fail(what, text.error().message);
    model_text = std::move(*text);
  }
  auto store = server::open_storage(args->get("db"));
  if (!store) return fail(what, store.error().message, kExitInternal);
  if (what == "train") return train(**store);
  if (what == "export-model") {
    auto model = (*store)->load_site_model();
    if (!model) return fail(what, model.error().message, kExitInternal);
    std::cout << model->to_json();
    return std::cout ? kExitOk : kExitInternal;
  }
  auto model = SiteModel::from_json(model_text);
  if (!model) return fail(what, args->positionals[0] + ": " + model.error().message);
  if (auto r = (*store)->replace_site_model(*model, nullptr); !r) return fail(what, r.error().message, kExitInternal);
  std::cerr << "soundoff spam import-model: " << model->decisions() << " decisions, " << model->feature_count()
            << " buckets\n";
  return kExitOk;
}

int run_spam_command(int argc, char** argv) {
  if (argc > 2) {
    for (const char* sub : {"train", "export-model", "import-model"})
      if (std::strcmp(argv[2], sub) == 0) return run_spam_model(argc, argv);
    // `soundoff spam check ...` is `soundoff spam ...`: drop the word.
    if (std::strcmp(argv[2], "check") == 0) {
      std::vector<char*> rest(argv, argv + argc);
      rest.erase(rest.begin() + 2);
      rest.push_back(nullptr);
      return run_spam(argc - 1, rest.data());
    }
  }
  return run_spam(argc, argv);
}

}  // namespace soundoff::cli
