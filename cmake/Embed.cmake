# paike_embed(<target> <function> <base_dir> <files...>)
# Compiles the files into <target> and defines
#   std::optional<std::string_view> <function>(std::string_view relative_path);
# so the binary carries its demo deployment and web assets and runs from any directory.
function(paike_embed target function base_dir)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${function}_embedded.cpp")
  set(inputs "")
  foreach(file IN LISTS ARGN)
    list(APPEND inputs "${base_dir}/${file}")
  endforeach()
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DFUNCTION=${function} -DBASE=${base_dir}
            "-DFILES=${ARGN}" -P "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    DEPENDS ${inputs} "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    COMMENT "Embedding ${function} files"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
