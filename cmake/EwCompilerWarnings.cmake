# ew_enable_warnings(<target>): the project's warning set (see STYLE-GUIDE.md §4.10).
option(EW_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
function(ew_enable_warnings target)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4 /permissive-)
    else()
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
            -Woverloaded-virtual -Wnon-virtual-dtor -Wundef)
        if(EW_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
endfunction()
