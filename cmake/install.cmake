# `cmake --install`: the two libraries with their headers and a CMake package (find_package(specdither)), and
# the two programs. Installed programs find the libraries through a relative RPATH, so a prefix can move.
include(CMakePackageConfigHelpers)

install(TARGETS specdither specdither_filter EXPORT specditherTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/app/core/include/specdither ${PROJECT_SOURCE_DIR}/app/filter/include/specdither
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# Shader headers that public headers include (structs declared once for GLSL and C++): installed beside them, where
# the public headers' quoted includes find them.
install(FILES ${PROJECT_SOURCE_DIR}/shaders/gpu_types.h ${PROJECT_SOURCE_DIR}/shaders/gradient_update_shared.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/specdither)
install(TARGETS specdither_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET specdither-studio)
  install(TARGETS specdither-studio RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

set(SPECDITHER_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/specdither)
install(EXPORT specditherTargets NAMESPACE specdither:: DESTINATION ${SPECDITHER_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/specditherConfig.cmake.in
                              ${CMAKE_CURRENT_BINARY_DIR}/specditherConfig.cmake INSTALL_DESTINATION ${SPECDITHER_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/specditherConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/specditherConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/specditherConfigVersion.cmake
        DESTINATION ${SPECDITHER_CMAKE_DIR})
