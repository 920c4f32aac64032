# Installs the npm package ktx-parse 2.0.0 into PREFIX (the build folder), once: the independent KTX2 reader
# of tests/ktx/check_ktx2.mjs. Run with: cmake -DPREFIX=<folder> -P install_ktx_parse.cmake
# A missing npm or a failed install is a test failure, never a silent pass: on CI the npm registry is reachable.
set(wanted "2.0.0")
set(manifest "${PREFIX}/node_modules/ktx-parse/package.json")
if(EXISTS "${manifest}")
  file(READ "${manifest}" json)
  string(JSON installed ERROR_VARIABLE json_error GET "${json}" version)
  if(installed STREQUAL wanted)
    message(STATUS "ktx-parse ${installed} already in ${PREFIX}")
    return()
  endif()
endif()
find_program(NPM npm)
if(NOT NPM)
  message(FATAL_ERROR "npm not found: the KTX2 check needs Node.js 20 and npm to install ktx-parse@${wanted} "
                      "(Debian: apt-get install nodejs npm)")
endif()
execute_process(
  COMMAND "${NPM}" install --prefix "${PREFIX}" --no-audit --no-fund --no-save "ktx-parse@${wanted}"
  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output TIMEOUT 300)
if(NOT result EQUAL 0 OR NOT EXISTS "${manifest}")
  message(FATAL_ERROR "npm install ktx-parse@${wanted} into ${PREFIX} failed (${result}):\n${output}")
endif()
message(STATUS "installed ktx-parse ${wanted} into ${PREFIX}")
