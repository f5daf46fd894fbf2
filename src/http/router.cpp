#include "http/router.hpp"

namespace mmsgate {

namespace {

std::vector<std::string> split_path(std::string_view path)
{
    std::vector<std::string> segments;
    std::size_t start = 1;
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        segments.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

bool is_parameter(std::string const& segment)
{
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}

void Router::add(http::verb method, std::string pattern, Handler handler)
{
    m_routes.push_back({ method, split_path(pattern), pattern, std::move(handler), {} });
}

void Router::add_stream(std::string pattern, Handler authorize, StreamHandler stream)
{
    m_routes.push_back({ http::verb::get, split_path(pattern), pattern, std::move(authorize), std::move(stream) });
}

Router::Match Router::match(http::verb method, std::string_view path, Request& request) const
{
    auto segments = split_path(path);
    Match result;
    for (auto const& route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        bool matched = true;
        for (std::size_t i = 0; i < segments.size() && matched; ++i)
            matched = is_parameter(route.segments[i]) ? !segments[i].empty() : route.segments[i] == segments[i];
        if (!matched)
            continue;
        // HEAD is answered like GET (the server drops the body).
        bool method_matches = route.method == method || (method == http::verb::head && route.method == http::verb::get);
        if (!method_matches) {
            if (!result.allowed_methods.empty())
                result.allowed_methods += ", ";
            result.allowed_methods += std::string(http::to_string(route.method));
            result.pattern = route.pattern;
            continue;
        }
        for (std::size_t i = 0; i < segments.size(); ++i) {
            if (is_parameter(route.segments[i]))
                request.path_parameters[route.segments[i].substr(1, route.segments[i].size() - 2)] = segments[i];
        }
        result.handler = &route.handler;
        result.stream = route.stream ? &route.stream : nullptr;
        result.allowed_methods.clear();
        result.pattern = route.pattern;
        return result;
    }
    if (result.allowed_methods.empty() && m_fallback) {
        result.handler = &m_fallback;
        result.pattern = "(fallback)";
    }
    return result;
}

std::vector<Router::RouteInfo> Router::routes() const
{
    std::vector<RouteInfo> listed;
    listed.reserve(m_routes.size());
    for (auto const& route : m_routes)
        listed.push_back({ route.method, route.pattern });
    return listed;
}

}
