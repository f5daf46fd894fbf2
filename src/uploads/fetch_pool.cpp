#include "uploads/fetch_pool.hpp"

namespace mmsgate {

namespace {

net::thread_pool& fetch_pool()
{
    static net::thread_pool pool(4);
    return pool;
}

}

Awaitable<CheckedFetch> checked_fetch_off_thread(std::string url, CheckedFetchRules rules)
{
    auto executor = co_await net::this_coro::executor;
    // Named, not written inside the co_await: g++ 12 copies such closures bitwise (see database.hpp).
    auto initiate = [url = std::move(url), rules = std::move(rules), executor](auto handler) mutable {
        net::post(fetch_pool(), [url = std::move(url), rules = std::move(rules), handler = std::move(handler), executor]() mutable {
            CheckedFetch fetch;
            try {
                fetch = checked_fetch(url, rules);
            } catch (std::exception const& error) {
                fetch.outcome = CheckedFetch::Outcome::Unreachable;
                fetch.error = error.what();
            }
            net::post(executor, [handler = std::move(handler), fetch = std::move(fetch)]() mutable { std::move(handler)(std::move(fetch)); });
        });
    };
    co_return co_await net::async_initiate<decltype(net::use_awaitable), void(CheckedFetch)>(std::move(initiate), net::use_awaitable);
}

}
