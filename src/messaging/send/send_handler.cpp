#include "messaging/send/send_handler.hpp"

#include "messaging/send/send_answer.hpp"
#include "messaging/send/send_request.hpp"
#include "messaging/send/send_service.hpp"

#include <spdlog/spdlog.h>

namespace mmsgate {

namespace {

// HTTP in, HTTP out: the body and headers become a SendCommand, the service's result an answer.
Awaitable<Response> send(SendService& service, Request& request, AuthenticatedUser const& user, SendEndpoint endpoint, bool sandbox)
{
    if (!request.header(http::field::content_type).starts_with("application/json"))
        co_return error_response(Error { ErrorCode::UnsupportedMediaType, "Content-Type must be application/json", {}, {} });
    auto input = parse_send_request(request.message.body(), endpoint);
    if (!input)
        co_return error_response(input.error());
    SendCommand command { user.id, user.is_admin(), std::move(*input) };
    if (auto key = request.header("Idempotency-Key"); !key.empty())
        command.idempotency_key = std::string(key);

    auto result = co_await service.send(command);
    try {
        auto response = send_answer(result, sandbox);
        if (result) {
            // Named, not a temporary inside the co_await: g++ 12 destroys such temporaries twice.
            KeptAnswer answer { int(response.result_int()), response.body() };
            co_await service.keep_answer(command, *result, answer);
        }
        co_return response;
    } catch (std::exception const& exception) {
        spdlog::error("send answer threw: {} id={}", exception.what(), request.request_id);
    }
    // The request is stored (or was answered before): its outcome is checked before any resend.
    auto interrupted = std::move(*result);
    interrupted.outcome.kind = DispatchOutcome::Kind::Checking;
    interrupted.interrupted = true;
    interrupted.kept.reset();
    interrupted.replayed = false;
    co_return send_answer(interrupted, sandbox);
}

// Anything that escapes before the request was stored: nothing was stored, so a retry is safe.
Handler answered_as_not_stored(Handler handler)
{
    return [handler = std::move(handler)](Request& request) -> Awaitable<Response> {
        Response response;
        try {
            response = co_await handler(request);
        } catch (std::exception const& exception) {
            spdlog::error("send handler threw: {} (nothing stored) id={}", exception.what(), request.request_id);
            response = error_response(Error { ErrorCode::Internal, "Internal server error; nothing was stored. Try again.", {}, {} });
        }
        co_return marked_not_stored(std::move(response));
    };
}

}

void add_send_routes(Router& router, SendHandlerDependencies dependencies)
{
    auto const& config = dependencies.config;
    auto service = std::make_shared<SendService>(
        SendServiceDependencies { config, dependencies.database, dependencies.dispatcher, dependencies.feed });
    SignedInRoutes signed_in { dependencies.authenticate, config.nextauth_url };
    auto route = [&](SendEndpoint endpoint) {
        return answered_as_not_stored(signed_in.write(Permission::MessagesSend,
            [service, endpoint, config = &config](Request& request, AuthenticatedUser const& user) {
                return send(*service, request, user, endpoint, config->sandbox);
            }));
    };
    router.add(http::verb::post, "/api/send-mms", route(SendEndpoint::SendMms));
    router.add(http::verb::post, "/api/messages", route(SendEndpoint::Messages));
}

}
