// How the database stores a time: whole seconds since the Unix epoch, in an INTEGER column.
#pragma once

#include <cstdint>

#include "config/time.h"

namespace paike {

inline int64_t epoch_seconds(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint from_epoch_seconds(int64_t s) { return TimePoint(Duration(s)); }

}  // namespace paike
