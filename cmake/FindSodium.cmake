# Provides the imported target sg::sodium.
# Linux: pkg-config (libsodium-dev). Windows: vcpkg's "unofficial-sodium" config package.
if(TARGET sg::sodium)
    return()
endif()
find_package(unofficial-sodium CONFIG QUIET)
if(TARGET unofficial-sodium::sodium)
    add_library(sg::sodium ALIAS unofficial-sodium::sodium)
    return()
endif()
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
add_library(sg::sodium ALIAS PkgConfig::SODIUM)
