# Byte-identity of every 2D output against checksums recorded before the core was restructured (issue 12):
# tests/golden/golden_outputs.sh runs the CLI and compares the SHA-256 of each file it writes.
add_test(NAME golden_outputs_byte_identical
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/golden/golden_outputs.sh ${CMAKE_BINARY_DIR}/bin/specdither
                 ${CMAKE_CURRENT_BINARY_DIR}/golden_outputs)
set_tests_properties(golden_outputs_byte_identical PROPERTIES ENVIRONMENT "${TEST_ENVIRONMENT}" TIMEOUT 600)
