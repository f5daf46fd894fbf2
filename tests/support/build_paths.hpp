#pragma once
// Where this checkout and its build are, for tests that start the server, read test vectors or run
// the project's scripts. Only build_paths.cpp sees the paths, so a checkout in another folder
// recompiles that one file, not every test (an absolute path in a compile definition would change
// the command line ccache hashes for each of them).
#include <string>

namespace mmsgate::testing {

[[nodiscard]] std::string const& source_directory(); // the checkout's root
[[nodiscard]] std::string const& vectors_directory(); // tests/vectors
[[nodiscard]] std::string const& server_binary(); // the mmsgate binary built with the tests

}
