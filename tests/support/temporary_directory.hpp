#pragma once
// A fresh directory under the system's temporary directory, removed with everything in it when
// the object goes: a test's SQLite file, a server's data directory.
#include <filesystem>

namespace mmsgate::testing {

class TemporaryDirectory {
public:
    TemporaryDirectory();
    ~TemporaryDirectory();
    TemporaryDirectory(TemporaryDirectory const&) = delete;
    TemporaryDirectory& operator=(TemporaryDirectory const&) = delete;
    [[nodiscard]] std::filesystem::path const& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

}
