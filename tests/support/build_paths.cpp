#include "support/build_paths.hpp"

namespace mmsgate::testing {

std::string const& source_directory()
{
    static std::string const path = MMSGATE_SOURCE_DIR;
    return path;
}

std::string const& vectors_directory()
{
    static std::string const path = MMSGATE_VECTORS_DIR;
    return path;
}

std::string const& server_binary()
{
    static std::string const path = MMSGATE_BINARY;
    return path;
}

}
