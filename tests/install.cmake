# The installed package: `cmake --install`, then an outside project built against it with find_package
# (tests/install/check_install.sh).
add_test(NAME install_find_package_consumer
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/install/check_install.sh ${CMAKE_BINARY_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/install_check)
set(INSTALL_CHECK_ENVIRONMENT ${TEST_ENVIRONMENT})
if(SPECDITHER_SANITIZE)
  # The installed library needs the sanitizer runtimes loaded first: the consumer is linked with them too.
  list(APPEND INSTALL_CHECK_ENVIRONMENT "SPECDITHER_CONSUMER_FLAGS=-fsanitize=address,undefined")
endif()
set_tests_properties(install_find_package_consumer PROPERTIES ENVIRONMENT "${INSTALL_CHECK_ENVIRONMENT}" TIMEOUT 600)
