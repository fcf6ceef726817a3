// The `limits:` section of a deployment: how much one message and one chat may ask of the
// bot. Over a limit the bot answers with a clear status (HTTP 413, a polite chat notice),
// never by crashing or silently dropping. Never throws: problems come back with file and line.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "config/problems.h"

namespace paike {

struct LimitSettings {
  size_t text_chars = 2000;           // a message's text is cut to this many characters before handling
  int user_events_per_minute = 20;    // one sender in one chat; more are acknowledged but not handled
  int group_events_per_minute = 120;  // one chat, all senders together
  int keep_alive_seconds = 5;         // an idle HTTP connection is closed after this
  int keep_alive_requests = 100;      // requests per HTTP connection before it is closed
  // Slow clients (bot/http/guarded_server.h): a request's line and headers must all be in
  // within this of their first byte, and then its body (and the reading of its answer) keep
  // pace with upload_bytes_per_second, or the connection is closed.
  int request_head_seconds = 10;
  size_t upload_bytes_per_second = 32 * 1024;
  // Connections one client address may hold open; 0: no cap (behind a proxy that caps them).
  int connections_per_client = 64;
};

// `section` may be a null node: the defaults alone.
LimitSettings read_limit_settings(const YAML::Node& section, const std::string& file, ConfigProblems& problems);

}  // namespace paike
