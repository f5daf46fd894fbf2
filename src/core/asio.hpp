#pragma once
// The one way to include Asio and Beast. Boost 1.74's awaitable.hpp uses std::exchange without
// including <utility>, which g++ 12 rejects, so <utility> comes first; everything else includes this.
#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace mmsgate {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

template <class T>
using Awaitable = net::awaitable<T>;

}
