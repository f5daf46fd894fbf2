// The bcrypt pool on a real io_context: a job that throws must still resume its caller and leave
// the queue's count as it was.
#include "auth/password_work.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mmsgate {

TEST(PasswordWork, AThrowingJobAnswersAnErrorAndFreesItsPlaceInTheQueue)
{
    // A tiny budget: the queue admits the minimum (2 jobs per pool thread), so leaked places would
    // soon make every check answer busy.
    set_password_queue_budget(std::chrono::milliseconds(1));
    net::io_context io;
    int errors = 0;
    bool checked = false;
    net::co_spawn(io, [&]() -> Awaitable<void> {
        for (int i = 0; i < 100; ++i) {
            std::function<void()> throwing = [] { throw std::runtime_error("out of scratch memory"); };
            auto done = co_await run_password_work(std::move(throwing));
            if (!done && done.error().code == ErrorCode::Internal)
                ++errors;
        }
        auto check = co_await check_password_off_thread("a password", std::nullopt, 4);
        checked = check.has_value() && !check->valid;
    }, net::detached);
    // Before the fix the first throwing job never resumed its caller: run_for returns with work left.
    io.run_for(std::chrono::seconds(30));
    EXPECT_TRUE(io.stopped());
    EXPECT_EQ(errors, 100);
    EXPECT_TRUE(checked) << "the check was refused as busy: the throwing jobs kept their places";
    set_password_queue_budget(std::chrono::milliseconds(1000));
}

}
