# Install-time script (Windows): copies the DLLs the programs need that are not Qt's and not Windows' own
# (libsodium, libcurl and zlib from vcpkg, QtKeychain) next to the programs in bin/. Qt's own DLLs resolve too
# (Qt's bin/ is searched) and are the files windeployqt has already copied.
# packaging/CMakeLists.txt sets SG_DLL_DIRS (where to look) and SG_EXECUTABLES (file names in bin/) with
# install(CODE) just before install(SCRIPT) runs this.
set(sg_bin "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/bin")
set(sg_exes)
foreach(sg_exe IN LISTS SG_EXECUTABLES)
    list(APPEND sg_exes "${sg_bin}/${sg_exe}")
endforeach()
file(GET_RUNTIME_DEPENDENCIES
    EXECUTABLES ${sg_exes}
    DIRECTORIES ${SG_DLL_DIRS}
    RESOLVED_DEPENDENCIES_VAR sg_resolved
    UNRESOLVED_DEPENDENCIES_VAR sg_unresolved
    PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-"
    POST_EXCLUDE_REGEXES "[/\\\\][Ss]ystem32[/\\\\]" "[/\\\\][Ww]indows[/\\\\]")
if(sg_unresolved)
    message(FATAL_ERROR "SchoolGate: DLLs not found in ${SG_DLL_DIRS}: ${sg_unresolved}")
endif()
foreach(sg_dll IN LISTS sg_resolved)
    message(STATUS "SchoolGate: runtime library ${sg_dll}")
    file(INSTALL DESTINATION "${sg_bin}" TYPE SHARED_LIBRARY FOLLOW_SYMLINK_CHAIN FILES "${sg_dll}")
endforeach()
