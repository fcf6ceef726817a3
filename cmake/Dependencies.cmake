# Every dependency is a Debian package (scripts/setup installs them); nothing is downloaded.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
# simdjson: the simulator's bodies carry photos inline (bot/platforms/sim/parse.cpp).
find_package(simdjson REQUIRED)
find_package(SQLiteCpp REQUIRED)
find_package(spdlog REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)

# cpp-httplib is a compiled library on Debian; its cflags must match how it was built.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
# libpq: the PostgreSQL backend (storage/postgres_connection.h).
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(EXIF REQUIRED IMPORTED_TARGET libexif)
pkg_check_modules(WEBP REQUIRED IMPORTED_TARGET libwebp)
# The photo codecs, called directly (vision/decode.cpp says why not through OpenCV).
pkg_check_modules(TURBOJPEG REQUIRED IMPORTED_TARGET libturbojpeg)
pkg_check_modules(PNG REQUIRED IMPORTED_TARGET libpng)
pkg_check_modules(OPENCC REQUIRED IMPORTED_TARGET opencc)
pkg_check_modules(PUGIXML REQUIRED IMPORTED_TARGET pugixml)
# The digest chart: Cairo draws, Pango lays out Chinese text (font: fonts-noto-cjk).
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)

# Debian's per-module OpenCV packages ship neither a CMake config nor a .pc file.
find_path(OpenCV_INCLUDE_DIR opencv2/core.hpp PATH_SUFFIXES opencv4 REQUIRED)
add_library(paike_opencv INTERFACE)
target_include_directories(paike_opencv SYSTEM INTERFACE ${OpenCV_INCLUDE_DIR})
foreach(module core imgproc features2d calib3d objdetect flann)
  find_library(OpenCV_${module}_LIBRARY opencv_${module} REQUIRED)
  target_link_libraries(paike_opencv INTERFACE ${OpenCV_${module}_LIBRARY})
endforeach()
add_library(paike::opencv ALIAS paike_opencv)
# imgcodecs only for tests, benchmarks and fuzzers that write test images; paike never links it.
find_library(OpenCV_imgcodecs_LIBRARY opencv_imgcodecs REQUIRED)
add_library(paike_opencv_imgcodecs INTERFACE)
target_link_libraries(paike_opencv_imgcodecs INTERFACE paike_opencv ${OpenCV_imgcodecs_LIBRARY})
add_library(paike::opencv_imgcodecs ALIAS paike_opencv_imgcodecs)
