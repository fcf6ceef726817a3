// The chaos run's stream of simulator events: text and photo reports, 已整改/确认/退回,
// menu answers and questions from the demo township's people, with some event_ids repeated
// as a platform re-delivering. The same seed gives the same stream.
#pragma once

#include <string>
#include <vector>

namespace paike::chaos {

struct Event {
  std::string id;
  std::string body;  // the /webhook/sim JSON
};

std::vector<Event> make_events(int count, unsigned seed);

}  // namespace paike::chaos
