#include "app/simulator_routes.hpp"

namespace mmsgate {

namespace {

Awaitable<Response> serve(std::shared_ptr<PlivoSimulator> simulator, Request& request)
{
    SimulatorRequest incoming;
    incoming.method = std::string(request.message.method_string());
    incoming.target = std::string(request.message.target());
    for (auto const& field : request.message)
        incoming.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    incoming.body = request.message.body();
    incoming.remote_address = request.peer.to_string();
    auto answer = simulator->handle(incoming);
    if (answer.delay.count() > 0) {
        net::steady_timer timer(co_await net::this_coro::executor, answer.delay);
        boost::system::error_code ignored;
        co_await timer.async_wait(net::redirect_error(net::use_awaitable, ignored));
    }
    if (answer.drop_connection) {
        request.drop_connection = true;
        co_return Response {};
    }
    Response response { http::status(answer.status), 11 };
    for (auto const& [name, value] : answer.headers)
        response.set(name, value);
    response.body() = std::move(answer.body);
    response.prepare_payload();
    co_return response;
}

}

void add_simulator_routes(Router& router, std::shared_ptr<PlivoSimulator> simulator)
{
    router.set_fallback([simulator](Request& request) { return serve(simulator, request); });
}

}
