#include "config/limit_settings.h"

#include "config/yaml_number.h"

namespace paike {

LimitSettings read_limit_settings(const YAML::Node& section, const std::string& file, ConfigProblems& problems) {
  LimitSettings s;
  if (!section) return s;
  if (!section.IsMap()) {
    problems.push_back({file, yaml_line(section), "'limits' must be a mapping", "e.g. limits: {text_chars: 2000}"});
    return s;
  }
  read_bounded_number(section, "limits", "text_chars", 50, 100000, s.text_chars, file, problems);
  read_bounded_number(section, "limits", "user_events_per_minute", 1, 10000, s.user_events_per_minute, file, problems);
  read_bounded_number(section, "limits", "group_events_per_minute", 1, 100000, s.group_events_per_minute, file,
                      problems);
  read_bounded_number(section, "limits", "keep_alive_seconds", 1, 300, s.keep_alive_seconds, file, problems);
  read_bounded_number(section, "limits", "keep_alive_requests", 1, 100000, s.keep_alive_requests, file, problems);
  read_bounded_number(section, "limits", "request_head_seconds", 1, 300, s.request_head_seconds, file, problems);
  read_bounded_number(section, "limits", "upload_bytes_per_second", 1024, 1e9, s.upload_bytes_per_second, file,
                      problems);
  read_bounded_number(section, "limits", "connections_per_client", 0, 100000, s.connections_per_client, file, problems);
  return s;
}

}  // namespace paike
