# Installs libpith (shared and static), its headers, a CMake package (find_package(Pith) →
# pith::pith, or pith::pith_static with COMPONENTS static) and a pkg-config file (pith.pc).
include(CMakePackageConfigHelpers)

set(PITH_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Pith)

install(TARGETS pith EXPORT PithTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The static library has its own export set: its private dependencies (Xapian, ICU, toml++)
# must be found by the consumer, and users of the shared library should not need their
# development packages.
install(TARGETS pith_static EXPORT PithStaticTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY include/pith DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/pith/version_number.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/pith)

install(EXPORT PithTargets NAMESPACE pith:: DESTINATION ${PITH_CMAKE_DIR})
install(EXPORT PithStaticTargets NAMESPACE pith:: DESTINATION ${PITH_CMAKE_DIR})
configure_package_config_file(cmake/PithConfig.cmake.in ${PROJECT_BINARY_DIR}/PithConfig.cmake
  INSTALL_DESTINATION ${PITH_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/PithConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/PithConfig.cmake ${PROJECT_BINARY_DIR}/PithConfigVersion.cmake
  DESTINATION ${PITH_CMAKE_DIR})

# pith.pc finds its prefix relative to itself, so an install with `cmake --install --prefix P`
# into any directory works without reconfiguring.
file(RELATIVE_PATH PITH_PC_TO_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
configure_file(cmake/pith.pc.in ${PROJECT_BINARY_DIR}/pith.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/pith.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
