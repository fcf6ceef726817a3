// The `paike` subcommands (DESIGN.md "Command line"). Each returns the process exit code:
// 0 success, 1 a problem with what was asked (bad config, failed check), 2 bad usage.
#pragma once

#include "bot/cli/args.h"

namespace paike::cli {

int run_demo(const Args& args);
int run_serve(const Args& args);
int run_check_config(const Args& args);
int run_tag(const Args& args);
int run_digest(const Args& args);
int run_export(const Args& args);
int run_login_link(const Args& args);
int run_backup(const Args& args);
int run_logout_all(const Args& args);
int run_migrate(const Args& args);

}  // namespace paike::cli
