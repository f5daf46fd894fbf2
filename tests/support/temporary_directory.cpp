#include "support/temporary_directory.hpp"

#include <random>
#include <string>
#include <unistd.h>

namespace mmsgate::testing {

TemporaryDirectory::TemporaryDirectory()
{
    std::random_device random;
    m_path = std::filesystem::temp_directory_path() / ("mmsgate-test-" + std::to_string(getpid()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(m_path);
}

TemporaryDirectory::~TemporaryDirectory()
{
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

}
