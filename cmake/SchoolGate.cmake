# Project-wide CMake helpers. Everything here works on single targets: no directory-wide flags.

# Compiler warnings for one target; -Werror / /WX when SG_WARNINGS_AS_ERRORS is on (the "ci" preset).
function(sg_set_warnings target)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4 /permissive- /utf-8)
        if(SG_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE /WX)
        endif()
    else()
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
            -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wformat=2)
        if(SG_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_NARROWING_CONVERSIONS_IN_CONNECT)
    # APIs deprecated up to Qt 6.4 do not compile. Qt 6.5 renamed the switch; 6.4 reads only the old name.
    if(Qt6_VERSION VERSION_LESS 6.5)
        target_compile_definitions(${target} PRIVATE QT_DISABLE_DEPRECATED_BEFORE=0x060500)
    else()
        target_compile_definitions(${target} PRIVATE QT_DISABLE_DEPRECATED_UP_TO=0x060400)
    endif()
endfunction()

# A static library of the project: sg_add_library(name SOURCES ... LINK ...)
function(sg_add_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LINK;PUBLIC_LINK" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/..)
    target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LINK} PRIVATE ${ARG_LINK})
    set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    sg_set_warnings(${name})
endfunction()

# The environment entries that give one test its own XDG data, config and cache folders (under the build folder):
# tests run in parallel, and several of them clear the client's settings and offline copies in their init().
function(sg_test_home test out)
    set(home ${CMAKE_BINARY_DIR}/test-home/${test})
    set(${out} "XDG_DATA_HOME=${home}/data;XDG_CONFIG_HOME=${home}/config;XDG_CACHE_HOME=${home}/cache" PARENT_SCOPE)
endfunction()

# One Qt Test executable registered with CTest.
#   sg_add_test(<tier> <name> SOURCES ... LINK ... [XVFB] [POSTGRES | POSTGRES_ONLY] [LABELS ...] [TIMEOUT s])
# Sets a UTF-8 locale, the Qt platform (offscreen, or the real xcb platform for XVFB tests, which then
# need a DISPLAY: scripts/test provides one with xvfb-run) and folders of the test's own (sg_test_home).
# POSTGRES registers the test a second time as <tier>.<name>.pg, its servers on PostgreSQL: the test cluster of
# scripts/pg-cluster, started once by the fixture test postgres.start (tests/CMakeLists.txt). POSTGRES_ONLY
# registers only that one (a test of what SQLite cannot do, such as several instances on one database).
function(sg_add_test tier name)
    cmake_parse_arguments(ARG "XVFB;POSTGRES;POSTGRES_ONLY" "TIMEOUT" "SOURCES;LINK;LABELS" ${ARGN})
    set(target tst_${name})
    add_executable(${target} ${ARG_SOURCES})
    target_link_libraries(${target} PRIVATE Qt6::Test sg_testsupport ${ARG_LINK})
    sg_set_warnings(${target})
    if(ARG_XVFB)
        set(platform xcb)
    else()
        set(platform offscreen)
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set(environment "QT_QPA_PLATFORM=${platform};LANG=C.UTF-8;LC_ALL=C.UTF-8;QT_LOGGING_RULES=sg.*.debug=false")
    if(NOT ARG_POSTGRES_ONLY)
        add_test(NAME ${tier}.${name} COMMAND ${target})
        sg_test_home(${tier}.${name} home)
        set_tests_properties(${tier}.${name} PROPERTIES
            LABELS "${tier};${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT} ENVIRONMENT "${environment};${home}")
    endif()
    if((ARG_POSTGRES OR ARG_POSTGRES_ONLY) AND SG_PG_CLUSTER_DIR)
        add_test(NAME ${tier}.${name}.pg COMMAND ${target})
        sg_test_home(${tier}.${name}.pg home)
        set_tests_properties(${tier}.${name}.pg PROPERTIES
            LABELS "${tier};postgres;${ARG_LABELS}"
            TIMEOUT ${ARG_TIMEOUT}
            FIXTURES_REQUIRED postgres
            ENVIRONMENT "${environment};SG_TEST_POSTGRES_URL_FILE=${SG_PG_CLUSTER_DIR}/url;${home}")
    endif()
endfunction()
