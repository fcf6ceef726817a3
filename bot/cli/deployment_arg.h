// The deployment a command works on: `--config FILE`, or the embedded demo township.
#pragma once

#include <optional>

#include "bot/cli/args.h"
#include "config/deployment.h"

namespace paike::cli {

// Loads it and prints every problem to stderr; nullopt when there were any.
// `--data DIR` overrides the deployment's data dir.
std::optional<Deployment> load_deployment_arg(const Args& args);

}  // namespace paike::cli
