#pragma once
// Maps method + path to a handler. Patterns are literal segments and {name} parameters, e.g.
// "/api/messages/{id}". A path that exists with another method answers 405 with Allow.
#include "http/event_stream.hpp"
#include "http/request.hpp"

#include <functional>
#include <string>
#include <vector>

namespace mmsgate {

using Handler = std::function<Awaitable<Response>(Request&)>;
// For open-ended responses (Server-Sent Events): the server writes `head`'s status and headers,
// then the handler writes events until it returns; the connection then closes.
using StreamHandler = std::function<Awaitable<void>(Request&, EventStream&)>;

class Router {
public:
    void add(http::verb method, std::string pattern, Handler handler);
    void add_stream(std::string pattern, Handler authorize, StreamHandler stream);
    // Answers every request no route matched (static assets and the web app).
    void set_fallback(Handler handler) { m_fallback = std::move(handler); }

    struct Match {
        Handler const* handler = nullptr;
        // For stream routes: `handler` decides first (e.g. 401); a 200 answer starts `stream`.
        StreamHandler const* stream = nullptr;
        std::string allowed_methods; // set when only the method did not match
        std::string pattern; // for metrics: the route, not the concrete path
    };
    [[nodiscard]] Match match(http::verb method, std::string_view path, Request& request) const;

    struct RouteInfo {
        http::verb method;
        std::string pattern;
    };
    // Every registered route in registration order (stream routes as GET): the table tests of
    // permissions walk it, so a route added later is covered without being named.
    [[nodiscard]] std::vector<RouteInfo> routes() const;

private:
    struct Route {
        http::verb method;
        std::vector<std::string> segments;
        std::string pattern;
        Handler handler;
        StreamHandler stream;
    };
    std::vector<Route> m_routes;
    Handler m_fallback;
};

}
