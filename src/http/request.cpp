#include "http/request.hpp"

#include "core/encoding.hpp"
#include "http/client_address.hpp"

namespace mmsgate {

std::string_view Request::path() const
{
    std::string_view target(message.target().data(), message.target().size());
    return target.substr(0, target.find('?'));
}

std::string_view Request::query() const
{
    std::string_view target(message.target().data(), message.target().size());
    auto mark = target.find('?');
    return mark == std::string_view::npos ? std::string_view {} : target.substr(mark + 1);
}

std::optional<std::string> Request::query_value(std::string_view name) const
{
    return form_value(parse_form(query()), name);
}

std::string_view Request::header(std::string_view name) const
{
    auto it = message.find(boost::beast::string_view(name.data(), name.size()));
    if (it == message.end())
        return {};
    return { it->value().data(), it->value().size() };
}

std::string_view Request::header(http::field field) const
{
    auto it = message.find(field);
    if (it == message.end())
        return {};
    return { it->value().data(), it->value().size() };
}

std::string_view Request::path_parameter(std::string_view name) const
{
    auto it = path_parameters.find(name);
    return it == path_parameters.end() ? std::string_view {} : std::string_view(it->second);
}

bool is_loopback_address(net::ip::address const& address) { return is_loopback(to_ip_bytes(address)); }

bool Request::peer_is_loopback() const { return is_loopback_address(peer); }

bool Request::is_local_client() const { return !proxy_declared && peer_is_loopback(); }

}
