// Every CLI subcommand: `run_X(argc, argv)` with argv[0] the program and
// argv[1] the subcommand name. Each returns an exit code from cli/input.h.
#pragma once

namespace soundoff::cli {

int run_thread(int argc, char** argv);
int run_import(int argc, char** argv);
// `soundoff import`: with --db merges into a database (import_db_command.cpp), else run_import.
int run_import_command(int argc, char** argv);
int run_spam(int argc, char** argv);
// `soundoff spam`: train|export-model|import-model (the database's site model, spam_model_command.cpp), else run_spam.
int run_spam_model(int argc, char** argv);
int run_spam_command(int argc, char** argv);
int run_resolve(int argc, char** argv);
int run_serve(int argc, char** argv);
int run_export(int argc, char** argv);
int run_migrate(int argc, char** argv);
int run_user(int argc, char** argv);
int run_privacy(int argc, char** argv);
int run_erase(int argc, char** argv);

}  // namespace soundoff::cli
