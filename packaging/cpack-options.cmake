# CPACK_PROJECT_CONFIG_FILE: settings that differ by generator, read by cpack once for each (CPACK_GENERATOR is the
# one running). Written for CMake 3.25 or later.

if(CPACK_GENERATOR STREQUAL "DEB")
    # CPackDeb puts CPACK_PACKAGE_DESCRIPTION_SUMMARY in front of every component's description, so all three
    # packages would share one summary line. Without it, the first line of CPACK_DEBIAN_<COMPONENT>_DESCRIPTION
    # (packaging/CMakeLists.txt) is each package's own summary.
    unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
endif()
