// A claim on inbox events and outbox messages, for deployments where several paike instances
// share one PostgreSQL database: each works on what it claimed until the lease runs out.
#pragma once

#include <string>

#include "config/time.h"

namespace paike {

// Who works on an event or message: the instance's name and, in real time (not the
// simulator's movable clock), now and until when its claim holds.
struct Claim {
  std::string instance;
  TimePoint now{};
  TimePoint until{};
};

}  // namespace paike
