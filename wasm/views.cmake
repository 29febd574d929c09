# The ImGui views of Invoke Lab as a library without any backend: the browser app links it
# with the GLFW/WebGL2 backends, the benchmark and the view tests link it as it is.
# Included by wasm/CMakeLists.txt, bench/CMakeLists.txt and tests/wasm/CMakeLists.txt: the
# variables and the function are set in each including directory, the targets made once.

set(INVOKELAB_WASM_DIR "${CMAKE_SOURCE_DIR}/wasm")
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in ${IMGUI_DIR}: run scripts/setup.sh")
endif()

file(GLOB INVOKELAB_VIEW_SOURCES CONFIGURE_DEPENDS
  "${INVOKELAB_WASM_DIR}/app/*.cpp" "${INVOKELAB_WASM_DIR}/views/*.cpp")

if(NOT TARGET invokelab_views)
# ImGui's own sources are third-party: built with their defaults, never with -Werror.
add_library(invokelab_imgui STATIC
  "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp"
  "${IMGUI_DIR}/imgui_tables.cpp" "${IMGUI_DIR}/imgui_widgets.cpp")
target_include_directories(invokelab_imgui SYSTEM PUBLIC "${IMGUI_DIR}")
# Obsolete names off: keeps our code on the 1.86 API only.
target_compile_definitions(invokelab_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
target_compile_options(invokelab_imgui PRIVATE ${INVOKELAB_SIZE_OPT})

add_library(invokelab_views STATIC ${INVOKELAB_VIEW_SOURCES})
target_include_directories(invokelab_views PUBLIC "${INVOKELAB_WASM_DIR}")
target_link_libraries(invokelab_views PUBLIC invokelab_core invokelab_imgui)
target_compile_options(invokelab_views PRIVATE ${INVOKELAB_WARNINGS} ${INVOKELAB_SIZE_OPT})
endif()

# --- the Korean font subset (built, never committed) ------------------------------------
# Every character of the strings table + the 2,350 KS X 1001 Hangul syllables + ASCII.
# fontTools is Debian's python3-fonttools, importable from /usr/bin/python3 (a pyenv or
# venv python3 earlier on PATH may not see it), so look for an interpreter that has it.
set(INVOKELAB_FONT_SOURCE "/usr/share/fonts/truetype/nanum/NanumGothic.ttf" CACHE FILEPATH "Korean TrueType font to subset (fonts-nanum)")
if(NOT DEFINED CACHE{INVOKELAB_FONT_PYTHON})
  set(_font_python "")
  foreach(candidate /usr/bin/python3 python3)
    find_program(_py_path NAMES ${candidate} NO_CACHE)
    if(_py_path)
      execute_process(COMMAND ${_py_path} -c "import fontTools.subset" RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
      if(_rc EQUAL 0)
        set(_font_python ${_py_path})
        break()
      endif()
    endif()
    unset(_py_path)
  endforeach()
  if(NOT _font_python)
    message(FATAL_ERROR "No python3 with fontTools: apt-get install python3-fonttools")
  endif()
  set(INVOKELAB_FONT_PYTHON "${_font_python}" CACHE FILEPATH "python3 that can import fontTools")
endif()
if(NOT EXISTS "${INVOKELAB_FONT_SOURCE}")
  message(FATAL_ERROR "${INVOKELAB_FONT_SOURCE} is missing: apt-get install fonts-nanum")
endif()

# invokelab_font_subset(<output file>) adds a custom command making the subset from the
# strings table and the view sources (symbols such as ▶ ■ → live there); the caller
# depends on the output file.
# invokelab_font_subset(<output file>): one font, KS X 1001 Hangul included (the benchmark).
# invokelab_font_subset(<directory> SPLIT <outputs…>): the browser app's first-load font, the
# lazily loaded Hangul files and fonts.json (make_font_subset.py --split lists them).
function(invokelab_font_subset output)
  set(args "")
  foreach(src ${INVOKELAB_VIEW_SOURCES})
    list(APPEND args --strings "${src}")
  endforeach()
  if(ARGC GREATER 1 AND ARGV1 STREQUAL "SPLIT")
    set(outputs ${ARGN})
    list(REMOVE_AT outputs 0)
    set(mode --split "${output}")
  else()
    set(outputs "${output}")
    set(mode --output "${output}")
  endif()
  add_custom_command(OUTPUT ${outputs}
    COMMAND "${INVOKELAB_FONT_PYTHON}" "${INVOKELAB_WASM_DIR}/fonts/make_font_subset.py"
            --font "${INVOKELAB_FONT_SOURCE}" ${mode} ${args}
    DEPENDS "${INVOKELAB_WASM_DIR}/fonts/make_font_subset.py" ${INVOKELAB_VIEW_SOURCES} "${INVOKELAB_FONT_SOURCE}"
    COMMENT "Subsetting NanumGothic for the UI strings"
    VERBATIM)
endfunction()
