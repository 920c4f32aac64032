# The KTX2 files specdither writes, read by an independent implementation: the npm package ktx-parse 2.0.0,
# installed into the build folder by a ctest fixture (once), then driven by tests/ktx/check_ktx2.mjs.
# Without node or npm these tests fail with a message; they never pass silently.
set(KTX_NPM_PREFIX ${CMAKE_BINARY_DIR}/npm)
set(KTX_PARSE_DIR ${KTX_NPM_PREFIX}/node_modules/ktx-parse)

add_test(NAME ktx2_install_ktx_parse
         COMMAND ${CMAKE_COMMAND} -DPREFIX=${KTX_NPM_PREFIX} -P ${CMAKE_CURRENT_SOURCE_DIR}/ktx/install_ktx_parse.cmake)
set_tests_properties(ktx2_install_ktx_parse PROPERTIES FIXTURES_SETUP ktx_parse TIMEOUT 360)

find_program(NODE_EXECUTABLE node)
foreach(mode convert generate vectors)
  if(NODE_EXECUTABLE)
    add_test(NAME ktx2_ktx_parse_${mode}
             COMMAND ${NODE_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/ktx/check_ktx2.mjs ${KTX_PARSE_DIR} ${mode})
  else()
    add_test(NAME ktx2_ktx_parse_${mode}
             COMMAND sh -c "echo 'node (Node.js 20) not found at configure time: the KTX2 check cannot run' >&2; exit 1")
  endif()
  set_tests_properties(ktx2_ktx_parse_${mode} PROPERTIES FIXTURES_REQUIRED ktx_parse
                       ENVIRONMENT "${TEST_ENVIRONMENT}" TIMEOUT 300)
endforeach()
