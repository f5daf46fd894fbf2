#pragma once
// Template bodies of Database (see database.hpp).
#include <future>
#include <optional>

namespace mmsgate {

namespace detail {

// Holds the job's own Result<T> until the transaction outcome is known.
template <class T>
struct JobState {
    std::optional<Result<T>> result;
};

}

template <class T, class Function>
Awaitable<Result<T>> Database::run(Function function, bool is_write)
{
    auto initiate = [this, is_write, function = std::move(function)](auto handler) mutable {
        auto state = std::make_shared<detail::JobState<T>>();
        // Tracked work keeps the caller's io_context running while the job is away on a database
        // thread; it is released once the resumption is posted.
        auto work = std::optional { net::prefer(net::get_associated_executor(handler), net::execution::outstanding_work.tracked) };
        Job job = [state, function = std::move(function)](SqlConnection& connection) mutable {
            state->result.emplace(function(connection));
            return state->result->has_value();
        };
        Completion completion = [state, work = std::move(work), handler = std::move(handler)](std::optional<Error> error) mutable {
            Result<T> outcome = error ? Result<T>(std::unexpected(std::move(*error)))
                : state->result   ? std::move(*state->result)
                                  : Result<T>(std::unexpected(Error { ErrorCode::Internal, "database job did not run" }));
            net::post(*work, [handler = std::move(handler), outcome = std::move(outcome)]() mutable {
                std::move(handler)(std::move(outcome));
            });
            work.reset();
        };
        if (is_write)
            submit_write(std::move(job), std::move(completion));
        else
            submit_read(std::move(job), std::move(completion));
    };
    co_return co_await net::async_initiate<decltype(net::use_awaitable), void(Result<T>)>(
        std::move(initiate), net::use_awaitable);
}

template <class T, class Function>
Result<T> Database::run_blocking(Function function, bool is_write)
{
    std::promise<Result<T>> promise;
    auto future = promise.get_future();
    auto state = std::make_shared<detail::JobState<T>>();
    Job job = [state, function = std::move(function)](SqlConnection& connection) mutable {
        state->result.emplace(function(connection));
        return state->result->has_value();
    };
    Completion completion = [state, &promise](std::optional<Error> error) mutable {
        if (error)
            promise.set_value(std::unexpected(std::move(*error)));
        else if (state->result)
            promise.set_value(std::move(*state->result));
        else
            promise.set_value(std::unexpected(Error { ErrorCode::Internal, "database job did not run" }));
    };
    if (is_write)
        submit_write(std::move(job), std::move(completion));
    else
        submit_read(std::move(job), std::move(completion));
    return future.get();
}

template <class T, class Function>
Awaitable<Result<T>> Database::run_quick(Function function)
{
    std::optional<Result<T>> result;
    Job job = [&result, &function](SqlConnection& connection) {
        result.emplace(function(connection));
        return result->has_value();
    };
    std::optional<Error> error;
    if (!read_here(job, error))
        co_return co_await run<T>(std::move(function), false);
    if (error)
        co_return std::unexpected(std::move(*error));
    if (!result)
        co_return std::unexpected(Error { ErrorCode::Internal, "database job did not run" });
    co_return std::move(*result);
}

}
