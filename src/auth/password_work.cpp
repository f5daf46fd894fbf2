#include "auth/password_work.hpp"

#include "auth/password.hpp"

#include <thread>

namespace mmsgate {

namespace {

net::thread_pool& password_pool()
{
    // One core stays free for the I/O threads even while logins saturate the pool.
    static net::thread_pool pool(std::max(1u, std::thread::hardware_concurrency() - 1));
    return pool;
}

template <class T, class Function>
Awaitable<T> run_on_password_pool(Function function)
{
    auto executor = co_await net::this_coro::executor;
    // Named, not written inside the co_await: g++ 12 copies such closures bitwise (see database.hpp).
    auto initiate = [function = std::move(function), executor](auto handler) mutable {
        net::post(password_pool(), [function = std::move(function), handler = std::move(handler), executor]() mutable {
            T value = function();
            net::post(executor, [handler = std::move(handler), value = std::move(value)]() mutable {
                std::move(handler)(std::move(value));
            });
        });
    };
    co_return co_await net::async_initiate<decltype(net::use_awaitable), void(T)>(std::move(initiate), net::use_awaitable);
}

}

Awaitable<bool> verify_password_off_thread(std::string password, std::optional<std::string> hash, int cost)
{
    auto work = [password = std::move(password), hash = std::move(hash), cost] {
        // An unknown e-mail costs the same bcrypt work as a wrong password, so timing tells nothing.
        if (!hash) {
            (void)verify_password_against_dummy(password, cost);
            return false;
        }
        return verify_password(password, *hash);
    };
    co_return co_await run_on_password_pool<bool>(std::move(work));
}

Awaitable<Result<std::string>> hash_password_off_thread(std::string password, int cost)
{
    auto work = [password = std::move(password), cost] { return hash_password(password, cost); };
    co_return co_await run_on_password_pool<Result<std::string>>(std::move(work));
}

}
