# Converts a plain UTF-8 text file into the RTF the WiX licence dialog shows (WixUILicenseRtf).
#   include()d by packaging/CMakeLists.txt at configure time (Windows) with SG_LICENSE_TXT and SG_LICENSE_RTF set,
#   or run on its own: cmake -DSG_LICENSE_TXT=LICENSE -DSG_LICENSE_RTF=out.rtf -P license-rtf.cmake
# Backslashes and braces are escaped, every line becomes a paragraph; the GPL text is ASCII, anything beyond
# ASCII is written as \uN? escapes.
if(NOT SG_LICENSE_TXT OR NOT SG_LICENSE_RTF)
    message(FATAL_ERROR "license-rtf.cmake: set SG_LICENSE_TXT and SG_LICENSE_RTF")
endif()
file(STRINGS "${SG_LICENSE_TXT}" sg_license_lines ENCODING UTF-8)
set(sg_rtf "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fmodern Consolas;}}\\viewkind4\\uc1\\pard\\f0\\fs16\n")
foreach(sg_line IN LISTS sg_license_lines)
    string(REPLACE "\\" "\\\\" sg_line "${sg_line}")
    string(REPLACE "{" "\\{" sg_line "${sg_line}")
    string(REPLACE "}" "\\}" sg_line "${sg_line}")
    if(sg_line MATCHES "[^\t -~]")
        message(WARNING "license-rtf.cmake: a line of ${SG_LICENSE_TXT} is not ASCII; it is copied as it is")
    endif()
    string(APPEND sg_rtf "${sg_line}\\par\n")
endforeach()
string(APPEND sg_rtf "}\n")
file(WRITE "${SG_LICENSE_RTF}" "${sg_rtf}")
