#include "support/http_recording.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

namespace mmsgate::testing {

namespace {

// Larger answers (a CSV export, media) are recorded without their body.
constexpr std::size_t kLargestRecordedBody = 1 << 20;

std::string path_of(std::string const& url)
{
    auto scheme = url.find("://");
    auto start = scheme == std::string::npos ? 0 : url.find('/', scheme + 3);
    if (start == std::string::npos)
        return "/";
    auto path = url.substr(start);
    return path.substr(0, path.find_first_of("?#"));
}

}

void record_exchange(std::string const& method, std::string const& url, HttpReply const& reply)
{
    char const* file = std::getenv("MMSGATE_TEST_HTTP_RECORD");
    if (file == nullptr || *file == '\0' || reply.status == 0)
        return;
    auto content_type = reply.header("content-type").value_or("");
    bool is_json = content_type.starts_with("application/json");
    nlohmann::json line {
        { "method", method },
        { "path", path_of(url) },
        { "status", reply.status },
        { "contentType", content_type },
        { "test", ::testing::UnitTest::GetInstance()->current_test_info() == nullptr
                ? ""
                : std::string(::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name()) + "."
                    + ::testing::UnitTest::GetInstance()->current_test_info()->name() },
    };
    if (is_json && reply.body.size() <= kLargestRecordedBody)
        line["body"] = reply.body;
    auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    int fd = ::open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    [[maybe_unused]] auto written = ::write(fd, text.data(), text.size());
    ::close(fd);
}

}
