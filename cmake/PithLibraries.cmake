# Links the objects of pith_objects into libpith.so (target pith, exported as pith::pith) and
# libpith.a (target pith_static, exported as pith::pith_static). Included from the top-level
# CMakeLists.txt after pith_objects is defined.

# The version header is generated so that PITH_VERSION needs no compile definition: pkg-config
# users and CMake users see the same macro.
configure_file(${PROJECT_SOURCE_DIR}/cmake/version_number.hpp.in
               ${PROJECT_BINARY_DIR}/include/pith/version_number.hpp @ONLY)

set(PITH_PRIVATE_DEPS ${XAPIAN_LIBRARIES} ICU::uc ICU::i18n tomlplusplus::tomlplusplus
                      nlohmann_json::nlohmann_json Threads::Threads ${GUMBO_LINK_LIBRARIES})

# Hidden by default: libpith.so exports only what include/pith/ marks PITH_EXPORT and the C API,
# so Xapian, ICU, toml++ and Pith's internals are no part of its ABI
# (tests/library_exports_test.sh checks).
set_target_properties(pith_objects PROPERTIES CXX_EXTENSIONS OFF POSITION_INDEPENDENT_CODE ON
                                              CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
target_compile_features(pith_objects PUBLIC cxx_std_20)
target_include_directories(pith_objects
  PUBLIC ${PROJECT_SOURCE_DIR}/include ${PROJECT_BINARY_DIR}/include
  PRIVATE ${PROJECT_SOURCE_DIR}/indexer ${PROJECT_SOURCE_DIR}/searcher ${XAPIAN_INCLUDE_DIR} ${GUMBO_INCLUDE_DIRS})
# Linking the dependencies' targets to the object library only brings their include paths.
target_link_libraries(pith_objects PRIVATE ${PITH_PRIVATE_DEPS})

foreach(lib pith pith_static)
  if(lib STREQUAL "pith")
    add_library(${lib} SHARED $<TARGET_OBJECTS:pith_objects>)
    set_target_properties(${lib} PROPERTIES VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR})
  else()
    add_library(${lib} STATIC $<TARGET_OBJECTS:pith_objects>)
    # Both files are called libpith: -lpith picks the shared one, a static link the archive.
    set_target_properties(${lib} PROPERTIES OUTPUT_NAME pith)
  endif()
  add_library(pith::${lib} ALIAS ${lib})
  target_compile_features(${lib} PUBLIC cxx_std_20)
  target_include_directories(${lib} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${lib} PRIVATE ${PITH_PRIVATE_DEPS})
endforeach()
