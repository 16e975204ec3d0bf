# Provides the imported target sg::zxcvbn: zxcvbn-c, the password strength estimator (KeePassXC's).
# Linux: the system's library (Debian: libzxcvbn-dev; RPM: libzxcvbn-devel).
# Windows, or anywhere without it: SG_ZXCVBN_SOURCE_DIR names a checkout of zxcvbn-c's release source (for
# instance git clone --branch v2.5 https://github.com/tsyrogit/zxcvbn-c), which is built here as a static library
# with its word lists compiled in, exactly as its own makefile does (dict-generate.cpp writes dict-src.h).
if(TARGET sg::zxcvbn)
    return()
endif()
set(SG_ZXCVBN_SOURCE_DIR "" CACHE PATH "zxcvbn-c's source folder, built here instead of the system's libzxcvbn")

if(SG_ZXCVBN_SOURCE_DIR)
    set(src "${SG_ZXCVBN_SOURCE_DIR}")
    foreach(file zxcvbn.c zxcvbn.h dict-generate.cpp)
        if(NOT EXISTS "${src}/${file}")
            message(FATAL_ERROR "SG_ZXCVBN_SOURCE_DIR=${src} has no ${file}: give the folder of zxcvbn-c's source.")
        endif()
    endforeach()
    file(GLOB words CONFIGURE_DEPENDS "${src}/words-*.txt")
    if(NOT words)
        message(FATAL_ERROR "SG_ZXCVBN_SOURCE_DIR=${src} has no word lists (words-*.txt).")
    endif()
    list(SORT words)
    enable_language(C)
    add_executable(sg_zxcvbn_dictgen "${src}/dict-generate.cpp")
    set(generated "${CMAKE_BINARY_DIR}/zxcvbn-generated")
    add_custom_command(OUTPUT "${generated}/dict-src.h"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${generated}"
        COMMAND sg_zxcvbn_dictgen -o "${generated}/dict-src.h" ${words}
        DEPENDS sg_zxcvbn_dictgen ${words}
        COMMENT "zxcvbn-c: compiling its word lists into dict-src.h"
        VERBATIM)
    add_library(sg_zxcvbn STATIC "${src}/zxcvbn.c" "${generated}/dict-src.h")
    target_include_directories(sg_zxcvbn PRIVATE "${generated}")
    target_include_directories(sg_zxcvbn SYSTEM PUBLIC "${src}")
    set_target_properties(sg_zxcvbn PROPERTIES POSITION_INDEPENDENT_CODE ON)
    if(NOT WIN32)
        target_link_libraries(sg_zxcvbn PUBLIC m)
    endif()
    set_target_properties(sg_zxcvbn_dictgen sg_zxcvbn PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
    add_library(sg::zxcvbn ALIAS sg_zxcvbn)
    message(STATUS "zxcvbn-c: built from ${src}")
    return()
endif()

find_path(SG_ZXCVBN_INCLUDE_DIR zxcvbn.h)
find_library(SG_ZXCVBN_LIBRARY NAMES zxcvbn)
if(NOT SG_ZXCVBN_INCLUDE_DIR OR NOT SG_ZXCVBN_LIBRARY)
    message(FATAL_ERROR "zxcvbn-c (the password strength estimator) was not found. Debian: apt-get install "
        "libzxcvbn-dev (scripts/setup does). Elsewhere: set SG_ZXCVBN_SOURCE_DIR to its source folder "
        "(README, \"Windows build\").")
endif()
add_library(sg::zxcvbn UNKNOWN IMPORTED)
set_target_properties(sg::zxcvbn PROPERTIES
    IMPORTED_LOCATION "${SG_ZXCVBN_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SG_ZXCVBN_INCLUDE_DIR}")
message(STATUS "zxcvbn-c: ${SG_ZXCVBN_LIBRARY}")
