# The installed package: `cmake --install`, then an outside project built against it with find_package
# (tests/install/check_install.sh).
add_test(NAME install_find_package_consumer
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/install/check_install.sh ${CMAKE_BINARY_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/install_check)
set_tests_properties(install_find_package_consumer PROPERTIES ENVIRONMENT "${TEST_ENVIRONMENT}" TIMEOUT 600)
