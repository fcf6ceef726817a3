// The numbered schema migrations. Migration N (1-based) takes a database from version N-1
// to N. Append only: a released migration is never edited.
#pragma once

#include <string_view>
#include <vector>

namespace paike {

const std::vector<std::string_view>& schema_migrations();

}  // namespace paike
