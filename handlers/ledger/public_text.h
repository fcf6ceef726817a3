// A villager's words as a public output shows them (Open311's GET routes, open to anyone):
// FixMyStreet publishes reports but hides personal data, and so does paike. Mobile and
// landline numbers keep their first 3 and last 4 digits (139****5678), ID-card numbers their
// first 6 and last 4, and the name of anyone on the roster typed into the text its surname
// (韩德福 → 韩**). Pure; the ledger, behind a login, shows the words as they were sent.
#pragma once

#include <string>
#include <string_view>

#include "config/deployment.h"

namespace paike {

std::string public_text(std::string_view text, const Deployment& deployment);

}  // namespace paike
