# Instrumented builds, each in its own build directory (see the Makefile):
#   MMSGATE_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer for the test suites (g++ or clang);
#                        undefined behaviour aborts instead of printing and going on, so a test fails.
#   MMSGATE_FUZZ=ON      the libFuzzer targets in fuzz/ (clang only); every library is compiled with
#                        -fsanitize=fuzzer-no-link so the fuzzer sees coverage inside the project's code.
option(MMSGATE_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(MMSGATE_FUZZ "Build the libFuzzer targets in fuzz/ (clang 16 or newer)" OFF)

if(MMSGATE_SANITIZE OR MMSGATE_FUZZ)
  # Frame pointers make the sanitizers' stack traces complete and cheap.
  add_compile_options(-fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  # These builds carry debug information, which records the folder they ran in; ccache then hashes
  # that folder, so a checkout elsewhere (CI's fresh clone) compiled everything again. With the
  # checkout mapped to "." ccache shares them between checkouts (decision 104); reports name
  # files relative to the checkout.
  add_compile_options(-fdebug-prefix-map=${PROJECT_SOURCE_DIR}=.)
  add_link_options(-fsanitize=address,undefined)
endif()
if(MMSGATE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined)
endif()

if(MMSGATE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR CMAKE_CXX_COMPILER_VERSION VERSION_LESS 16)
    message(FATAL_ERROR "MMSGATE_FUZZ needs clang 16 or newer (scripts/fuzz uses Debian's clang-16), "
      "not ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined)
  # Why these two, see docs/decisions.md ("Fuzzing with clang 16 against libstdc++ 12"):
  # libstdc++ 12 offers std::expected only when __cpp_concepts >= 202002L. Clang implements what
  # <expected> needs (conditionally trivial special members, P0848) from 16 on but announces
  # 202002L only from 19 on.
  if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 19)
    add_compile_options(-Wno-builtin-macro-redefined -U__cpp_concepts -D__cpp_concepts=202002L)
  endif()
  # Boost 1.74's Asio looks for clang's coroutines in <experimental/coroutine> only; libstdc++ 12
  # has the standard <coroutine>, which clang 16 supports.
  add_compile_definitions(BOOST_ASIO_HAS_CO_AWAIT=1)
endif()
