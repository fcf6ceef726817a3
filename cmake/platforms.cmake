# PAIKE_PLATFORMS: the chat platforms' names, read from their one list, config/platforms.def
# (its PAIKE_PLATFORM(name) lines). bot/platforms builds each one's folder, fuzz/ its fuzz
# target and tests/ its test file from it; a change to the list reconfigures.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/config/platforms.def)
file(STRINGS ${PROJECT_SOURCE_DIR}/config/platforms.def platform_lines REGEX "^PAIKE_PLATFORM\\([a-z0-9_]+\\)")
set(PAIKE_PLATFORMS "")
foreach(line ${platform_lines})
  string(REGEX REPLACE "^PAIKE_PLATFORM\\(([a-z0-9_]+)\\).*" "\\1" name "${line}")
  list(APPEND PAIKE_PLATFORMS ${name})
endforeach()
if(NOT PAIKE_PLATFORMS)
  message(FATAL_ERROR "config/platforms.def lists no PAIKE_PLATFORM(name)")
endif()
