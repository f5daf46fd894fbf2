#include "auth/random_pool.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <set>

namespace mmsgate {

TEST(RandomPool, NeverRepeatsAcrossRefills)
{
    std::set<std::string> seen;
    // 12-byte IVs: 1000 of them cross the 4 KiB refill boundary a few times.
    for (int i = 0; i < 1000; ++i) {
        auto bytes = pooled_random_bytes(12);
        ASSERT_EQ(bytes.size(), 12u);
        EXPECT_TRUE(seen.insert(bytes).second);
    }
    EXPECT_EQ(pooled_random_bytes(5000).size(), 5000u);
}

TEST(RandomPool, UuidsAreVersion4)
{
    std::regex const shape("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    std::set<std::string> seen;
    for (int i = 0; i < 500; ++i) {
        auto uuid = pooled_random_uuid();
        EXPECT_TRUE(std::regex_match(uuid, shape)) << uuid;
        EXPECT_TRUE(seen.insert(uuid).second);
    }
}

TEST(RandomPool, ForkedChildDoesNotReuseTheParentsBytes)
{
    (void)pooled_random_bytes(12); // make sure this thread's pool is filled before forking
    int pipe_ends[2];
    ASSERT_EQ(pipe(pipe_ends), 0);
    auto child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        auto bytes = pooled_random_bytes(16);
        auto written = write(pipe_ends[1], bytes.data(), bytes.size());
        _exit(written == 16 ? 0 : 1);
    }
    close(pipe_ends[1]);
    auto parent_bytes = pooled_random_bytes(16);
    std::string child_bytes(16, '\0');
    EXPECT_EQ(read(pipe_ends[0], child_bytes.data(), child_bytes.size()), 16);
    close(pipe_ends[0]);
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_EQ(status, 0);
    EXPECT_NE(parent_bytes, child_bytes);
}

}
